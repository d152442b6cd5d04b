"""The data version moved to `core` (any app may cache by it); its tables stay as they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("playbook", "0003_dataversionhold"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="DataVersionHold"),
                migrations.DeleteModel(name="DataVersion"),
            ],
        ),
    ]
