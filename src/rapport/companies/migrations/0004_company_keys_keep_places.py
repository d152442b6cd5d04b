"""Company.name_key again, after company_key stopped taking places and words for legal forms:
"News UK" is no longer "News" (cleanco lists "UK" as an Uzbek legal form), nor "Foo CA",
"Foo EU" or "Foo Bank UK" "Foo" or "Foo Bank". Keys only grow apart here. Companies that an
older key made one stay one: nothing tells which of their names and rows were the other's.

The functions are those of 0003 (see its docstring): every company gets the key of its name,
and two that now share one would become one.
"""

from __future__ import annotations

from importlib import import_module

from django.db import migrations

recompute = import_module("rapport.companies.migrations.0003_company_keys_recomputed")


class Migration(migrations.Migration):
    dependencies = [
        ("companies", "0003_company_keys_recomputed"),
        # Every app whose rows point at companies, at its latest state, so that they move too.
        ("conversations", "0003_meeting_touch"),
        ("imports", "0006_alter_importbatch_kind_alter_importjob_kind_and_more"),
        ("network", "0001_initial"),
        ("opportunities", "0003_deadline"),
    ]

    operations = [
        migrations.RunPython(
            recompute.recompute_company_keys, migrations.RunPython.noop, elidable=True
        )
    ]
