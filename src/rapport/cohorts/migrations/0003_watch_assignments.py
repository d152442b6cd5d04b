"""The data version also counts writes to a student's assignments (they are among the
student's nudges on Today, which is cached by it).

PostgreSQL's triggers are put in here; SQLite's come back after `migrate` (core/versions.py).
"""

from django.db import migrations

from rapport.core import versions


class Migration(migrations.Migration):
    dependencies = [
        ("cohorts", "0002_audit_account_actions"),
        ("core", "0001_dataversion"),
    ]

    operations = [
        migrations.RunPython(versions.install, migrations.RunPython.noop, elidable=False),
    ]
