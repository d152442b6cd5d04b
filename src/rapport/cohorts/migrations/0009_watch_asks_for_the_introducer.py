"""An ask for an introduction counts in the introducer's data version too (core/versions.py):
their Today, which says how many asks wait for their answer, is kept by it alone.

PostgreSQL's triggers are put in here; SQLite's come back after `migrate` (core/versions.py).
"""

from django.db import migrations

from rapport.core import versions


class Migration(migrations.Migration):
    dependencies = [
        ("cohorts", "0008_intro_answer_seen"),
    ]

    operations = [
        migrations.RunPython(versions.install, migrations.RunPython.noop, elidable=False),
    ]
