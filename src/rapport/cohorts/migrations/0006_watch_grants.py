"""A student's grants to their coaches bump their cohorts' versions (core/versions.py): the
coach dashboard, which counts the students who have not granted, is kept by them.

PostgreSQL's triggers are put in here; SQLite's come back after `migrate` (core/versions.py).
"""

from django.db import migrations

from rapport.core import versions


class Migration(migrations.Migration):
    dependencies = [
        ("cohorts", "0005_watch_what_members_see"),
    ]

    operations = [
        migrations.RunPython(versions.install, migrations.RunPython.noop, elidable=False),
    ]
