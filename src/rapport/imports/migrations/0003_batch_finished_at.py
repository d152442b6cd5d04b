"""ImportBatch.finished_at: when an import's writes ended (undo keeps what changed since).

Batches imported before have only their last save to go by, which is the import's end
unless a merge was split since.
"""

from typing import Any

from django.db import migrations, models
from django.db.models import F


def backfill(apps: Any, schema_editor: Any) -> None:
    apps.get_model("imports", "ImportBatch").objects.update(finished_at=F("updated_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("imports", "0002_importjob"),
    ]

    operations = [
        migrations.AddField(
            model_name="importbatch",
            name="finished_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True),
    ]
