"""Forms of the network app; they validate input, the services do the writes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from rapport.accounts.models import User
from rapport.people.forms import SuggestInput, resolve_person
from rapport.people.models import Person


class AcquaintanceForm(forms.Form):
    person = forms.CharField(
        label="This person", widget=SuggestInput("people:suggest"), max_length=300
    )
    knows = forms.CharField(label="knows", widget=SuggestInput("people:suggest"), max_length=300)
    note = forms.CharField(
        label="How they know each other",
        required=False,
        max_length=300,
        help_text="For example: “were flatmates in Lisbon”, “same bootcamp cohort”.",
    )

    def __init__(self, *args: Any, owner: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner

    def clean_person(self) -> Person | None:
        return resolve_person(owner=self.owner, text=self.cleaned_data["person"])

    def clean_knows(self) -> Person | None:
        return resolve_person(owner=self.owner, text=self.cleaned_data["knows"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        person, knows = data.get("person"), data.get("knows")
        if person is not None and knows is not None and person.pk == knows.pk:
            raise ValidationError("Pick two different people.")
        return data


class AskForm(forms.Form):
    message = forms.CharField(
        label="Your message",
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=5000,
        help_text="Edit it so it sounds like you, copy it into an email or a message, "
        "and send it yourself.",
    )
