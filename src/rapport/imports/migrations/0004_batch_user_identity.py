"""ImportBatch.user_identity: the user's own LinkedIn profile and name, as an import found
them in the messages, so that a later messages.csv of one thread knows which side is you."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("imports", "0003_batch_finished_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="importbatch",
            name="user_identity",
            field=models.JSONField(blank=True, null=True),
        ),
    ]
