"""The search index: an FTS5 table on SQLite, a tsvector table and triggers on PostgreSQL.

On SQLite the triggers are installed after `migrate` (see rapport.search.schema).
PostgreSQL needs the unaccent and btree_gin extensions (trusted since PostgreSQL 13: the
database owner may create them; otherwise a superuser must create them first).
"""

from django.db import migrations

from rapport.search import schema


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("accounts", "0001_initial"),
        ("people", "0001_initial"),
        ("companies", "0002_initial"),
        ("conversations", "0002_initial"),
        ("opportunities", "0001_initial"),
    ]

    operations = [migrations.RunPython(schema.install, schema.uninstall, elidable=False)]
