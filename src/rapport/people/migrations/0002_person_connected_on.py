"""Person.connected_on: the date LinkedIn gives, which imports used to write into how_we_met.

People imported before this field existed have "Connected on LinkedIn on 7 Mar 2021" as
their how we met: the date is read back from it (the text is the user's now, and stays).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db import migrations, models

_WRITTEN = re.compile(r"Connected on LinkedIn on (\d{1,2}) ([A-Z][a-z]{2}) (\d{4})")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def connected_on_from(how_we_met: str) -> dt.date | None:
    """The date in what earlier imports wrote ("Connected on LinkedIn on 7 Mar 2021")."""
    match = _WRITTEN.fullmatch(how_we_met)
    if match is None or match.group(2) not in _MONTHS:
        return None
    day, month, year = match.groups()
    try:
        return dt.date(int(year), _MONTHS.index(month) + 1, int(day))
    except ValueError:
        return None


def backfill(apps: Any, schema_editor: Any) -> None:
    Person = apps.get_model("people", "Person")
    written = Person.objects.filter(
        connected_on__isnull=True, how_we_met__startswith="Connected on LinkedIn on "
    )
    changed = []
    for person in written.only("pk", "how_we_met").iterator(chunk_size=2000):
        person.connected_on = connected_on_from(person.how_we_met)
        if person.connected_on is not None:
            changed.append(person)
    Person.objects.bulk_update(changed, ["connected_on"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="connected_on",
            field=models.DateField(
                blank=True, help_text="When you connected (on LinkedIn, for example).", null=True
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True),
    ]
