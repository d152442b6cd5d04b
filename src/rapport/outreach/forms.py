"""Forms of the outreach app; they validate input, the services do the writes."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone

from rapport.outreach.models import OutreachChannel
from rapport.outreach.services import MESSAGE_MAX


class DateInput(forms.DateInput):
    input_type = "date"


class AttemptForm(forms.Form):
    """A message the user sent (or is about to send) themselves."""

    channel = forms.ChoiceField(
        label="Sent by", choices=OutreachChannel.choices, initial=OutreachChannel.EMAIL
    )
    sent_on = forms.DateField(label="Sent on", widget=DateInput())
    subject = forms.CharField(label="Subject", max_length=200, required=False)
    message = forms.CharField(
        label="Your message",
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=MESSAGE_MAX,
        required=False,
        help_text="Edit it so it sounds like you: under 100 words, your connection first, "
        "a question asking for their insight, never for a job.",
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["sent_on"].initial = timezone.localdate()

    def clean_sent_on(self) -> date:
        sent_on: date = self.cleaned_data["sent_on"]
        if sent_on > timezone.localdate():
            raise forms.ValidationError("Give the day you sent it: not a day in the future.")
        return sent_on


class ReplyForm(forms.Form):
    replied_on = forms.DateField(label="Replied on", widget=DateInput())

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["replied_on"].initial = timezone.localdate()


LEVELS = [
    (0, "0 · not sure yet"),
    (1, "1 · interested"),
    (2, "2 · keen"),
    (3, "3 · dream employer"),
]


class MotivationForm(forms.Form):
    level = forms.TypedChoiceField(label="Motivation", coerce=int, choices=LEVELS)
