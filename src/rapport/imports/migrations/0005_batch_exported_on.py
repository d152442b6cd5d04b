"""ImportBatch.exported_on: the day an export's data is from, when it says, so that an older
export imported after a newer one of the same kind does not record moves backwards."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("imports", "0004_batch_user_identity"),
    ]

    operations = [
        migrations.AddField(
            model_name="importbatch",
            name="exported_on",
            field=models.DateField(blank=True, null=True),
        ),
    ]
