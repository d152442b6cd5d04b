"""The log form: a conversation, its participants (repeated `participant` inputs) and a
formset of outcomes. Forms check what was typed; conversations.services does the writing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict

from rapport.accounts.models import User
from rapport.conversations.models import Channel, IntroductionState, OutcomeKind
from rapport.conversations.services import (
    OutcomeInput,
    outcome_input_errors,
    person_reference_error,
)

PARTICIPANT_ROWS = 3
OUTCOME_ROWS = 2
MAX_ROWS = 30


class ParticipantsWidget(forms.Widget):
    """Reads every input named `participant`; the template renders the inputs itself."""

    def value_from_datadict(
        self, data: Mapping[str, Any], files: MultiValueDict[str, Any], name: str
    ) -> list[str]:
        if isinstance(data, MultiValueDict):
            return [str(v) for v in data.getlist("participant")][:MAX_ROWS]
        value = data.get("participant", [])
        return [value] if isinstance(value, str) else list(value)

    def value_omitted_from_data(
        self, data: Mapping[str, Any], files: MultiValueDict[str, Any], name: str
    ) -> bool:
        return False


class ParticipantsField(forms.Field):
    widget = ParticipantsWidget
    default_error_messages = {"required": "Who did you talk to? Add at least one person."}

    def to_python(self, value: Any) -> list[str]:
        return [str(v).strip() for v in value or [] if str(v).strip()]


def type_ahead(field: forms.Field, *, html_name: str, options: str) -> None:
    """Give a text input the shared <datalist id=options>, refreshed by htmx as one types."""
    url = reverse(f"conversations:{options.replace('-', '_')}")
    field.widget.attrs.update(
        {
            "list": options,
            "autocomplete": "off",
            "hx-get": f"{url}?field={html_name}",
            "hx-trigger": "input changed delay:200ms",
            "hx-target": f"#{options}",
            "hx-swap": "innerHTML",
        }
    )


class ConversationForm(forms.Form):
    occurred_on = forms.DateField(
        label="Date", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    channel = forms.ChoiceField(label="Channel", choices=Channel.choices)
    participants = ParticipantsField(label="Who did you talk to?")
    companies = forms.CharField(
        label="Companies discussed",
        required=False,
        max_length=1000,
        help_text="Separate companies with commas. Share your target list and ask about theirs.",
    )
    notes = forms.CharField(
        label="Notes",
        required=False,
        help_text="Markdown. What you talked about, what you promised.",
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args: Any, owner: User, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("occurred_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.owner = owner
        type_ahead(self.fields["companies"], html_name="companies", options="company-options")

    def clean_participants(self) -> list[str]:
        names: list[str] = self.cleaned_data["participants"]
        errors = [person_reference_error(owner=self.owner, text=name) for name in names]
        if problems := [e for e in errors if e]:
            raise ValidationError(problems)
        return names

    def participant_values(self, extra: int = 0) -> list[str]:
        """The participant inputs to show: what was typed, padded to the usual rows."""
        values = [str(v) for v in self["participants"].value() or []]
        rows = max(PARTICIPANT_ROWS, len(values)) + extra
        return values + [""] * (rows - len(values))

    def company_names(self) -> list[str]:
        return [c.strip() for c in self.cleaned_data["companies"].split(",") if c.strip()]


class OutcomeForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind",
        required=False,
        choices=[("", "— choose —"), *OutcomeKind.choices],
        widget=forms.Select(attrs={"class": "outcome-kind"}),
    )
    text = forms.CharField(
        label="What was it?", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    from_person = forms.CharField(
        label="From (or given to)",
        required=False,
        max_length=300,
        help_text="Blank: the first person you talked to.",
    )
    person = forms.CharField(label="Person named", required=False, max_length=300)
    company = forms.CharField(label="Company", required=False, max_length=200)
    title = forms.CharField(label="Job title", required=False, max_length=200)
    hidden = forms.BooleanField(label="Never advertised (hidden lead)", required=False)

    def __init__(self, *args: Any, owner: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner
        for name in ("from_person", "person"):
            type_ahead(self.fields[name], html_name=self.add_prefix(name), options="people-options")
        type_ahead(
            self.fields["company"], html_name=self.add_prefix("company"), options="company-options"
        )

    def is_blank(self) -> bool:
        """A row with nothing in it is ignored (the form shows spare rows)."""
        data = getattr(self, "cleaned_data", {})
        return not any(data.get(name) for name in self.fields)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.is_blank():
            return data
        for name, message in outcome_input_errors(self.to_input()).items():
            self.add_error(name, message)
        for name in ("from_person", "person"):
            if message := person_reference_error(owner=self.owner, text=data.get(name, "")):
                self.add_error(name, message)
        return data

    def to_input(self) -> OutcomeInput:
        data = self.cleaned_data
        return OutcomeInput(
            kind=data.get("kind", ""),
            text=data.get("text", ""),
            from_person=data.get("from_person", ""),
            person=data.get("person", ""),
            company=data.get("company", ""),
            title=data.get("title", ""),
            advertised=not data.get("hidden", False),
        )


OutcomeFormSet = forms.formset_factory(
    OutcomeForm, extra=OUTCOME_ROWS, max_num=MAX_ROWS, absolute_max=MAX_ROWS
)


def outcome_inputs(formset: forms.BaseFormSet[OutcomeForm]) -> list[OutcomeInput]:
    return [form.to_input() for form in formset.forms if not form.is_blank()]


class IntroductionStateForm(forms.Form):
    state = forms.ChoiceField(label="Introduction", choices=IntroductionState.choices)


class ConversationFilterForm(forms.Form):
    channel = forms.ChoiceField(
        label="Channel", required=False, choices=[("", "Any channel"), *Channel.choices]
    )
    q = forms.CharField(
        label="Person or company",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
