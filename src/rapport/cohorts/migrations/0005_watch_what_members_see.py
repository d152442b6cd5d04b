"""What members of a cohort see of each other (shares, offers to introduce, the offered
people's names and jobs, members' names and roles) gets a version per cohort, and a
student's asks for an introduction count in their own data version (core/versions.py):
pages of a company that show cohort knowledge and cohort paths are kept by them.

PostgreSQL's triggers are put in here; SQLite's come back after `migrate` (core/versions.py).
"""

from django.db import migrations

from rapport.core import versions


class Migration(migrations.Migration):
    dependencies = [
        ("cohorts", "0004_intro_asks_outlive_offers"),
        ("core", "0002_shared_cache"),
    ]

    operations = [
        migrations.RunPython(versions.install, migrations.RunPython.noop, elidable=False),
    ]
