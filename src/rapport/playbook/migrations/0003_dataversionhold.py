"""The hold that lets a bulk writer bump its owner's data version once (versions.py)."""

from django.db import migrations, models

from rapport.core import versions


class Migration(migrations.Migration):
    dependencies = [
        ("playbook", "0002_dataversion"),
    ]

    operations = [
        migrations.CreateModel(
            name="DataVersionHold",
            fields=[
                ("owner_id", models.BigIntegerField(primary_key=True, serialize=False)),
            ],
        ),
        # The triggers learn to look at the hold (on SQLite they come back after migrate).
        migrations.RunPython(versions.install, migrations.RunPython.noop, elidable=False),
    ]
