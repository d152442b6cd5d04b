"""The data version, moved here from `playbook` (which made its tables, and keeps their names)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("playbook", "0004_dataversion_to_core"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="DataVersion",
                    fields=[
                        ("owner_id", models.BigIntegerField(primary_key=True, serialize=False)),
                        ("token", models.CharField(max_length=32)),
                        ("version", models.BigIntegerField(default=0)),
                    ],
                    options={"db_table": "playbook_dataversion"},
                ),
                migrations.CreateModel(
                    name="DataVersionHold",
                    fields=[
                        ("owner_id", models.BigIntegerField(primary_key=True, serialize=False)),
                    ],
                    options={"db_table": "playbook_dataversionhold"},
                ),
            ],
        ),
    ]
