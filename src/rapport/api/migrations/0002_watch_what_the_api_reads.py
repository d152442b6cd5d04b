"""The data version also counts writes to what warm paths and the API's cached answers read
(contact points, tags, aliases, acquaintances, introduction requests, the user's own jobs).

PostgreSQL's triggers are put in here; SQLite's come back after `migrate` (core/versions.py).
"""

from django.db import migrations

from rapport.core import versions


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0001_api_tokens"),
        ("companies", "0008_source_api"),
        ("imports", "0007_position_company_optional"),
        ("network", "0002_owner_scoped_indexes"),
        ("people", "0004_source_api"),
        ("playbook", "0005_quick_log_key"),
    ]

    operations = [
        migrations.RunPython(versions.install, migrations.RunPython.noop, elidable=False),
    ]
