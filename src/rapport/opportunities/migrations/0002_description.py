"""Opportunities get a description: what the role is. A lead's text, which logging a
conversation used to put in the resume tailoring notes, moves there."""

from typing import Any

from django.db import migrations, models


def lead_texts_to_description(apps: Any, schema_editor: Any) -> None:
    Opportunity = apps.get_model("opportunities", "Opportunity")
    Outcome = apps.get_model("conversations", "Outcome")
    leads = Outcome.objects.filter(kind="lead", opportunity__isnull=False).exclude(text="")
    for opportunity_id, text in leads.values_list("opportunity_id", "text"):
        # Only where the notes still hold the lead's text, untouched since.
        Opportunity.objects.filter(pk=opportunity_id, tailoring_notes=text, description="").update(
            description=text, tailoring_notes=""
        )


class Migration(migrations.Migration):
    dependencies = [
        ("opportunities", "0001_initial"),
        ("conversations", "0002_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="opportunity",
            name="description",
            field=models.TextField(
                blank=True, help_text="Markdown: what the role is, as you were told or as posted."
            ),
        ),
        migrations.RunPython(lead_texts_to_description, migrations.RunPython.noop, elidable=True),
    ]
