"""The log form: a conversation, its participants (repeated `participant` inputs) and a
formset of outcomes. Forms check what was typed; conversations.services does the writing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict

from rapport.accounts.models import User
from rapport.companies.models import Company
from rapport.conversations.models import Channel, IntroductionState, Outcome, OutcomeKind
from rapport.conversations.services import (
    OutcomeEdit,
    OutcomeInput,
    outcome_as_input,
    outcome_input_errors,
    person_reference_error,
)
from rapport.people.models import Person

PARTICIPANT_ROWS = 3
COMPANY_ROWS = 1
OUTCOME_ROWS = 2
MAX_ROWS = 30
NAME_LENGTH = Person._meta.get_field("full_name").max_length or 300
COMPANY_LENGTH = Company._meta.get_field("name").max_length or 200


class RowsWidget(forms.Widget):
    """Reads every input named `input_name`, one value per row; the template renders them."""

    def __init__(self, input_name: str) -> None:
        super().__init__()
        self.input_name = input_name

    def value_from_datadict(
        self, data: Mapping[str, Any], files: MultiValueDict[str, Any], name: str
    ) -> list[str]:
        if isinstance(data, MultiValueDict):
            return [str(v) for v in data.getlist(self.input_name)][:MAX_ROWS]
        value = data.get(self.input_name, [])
        return [value] if isinstance(value, str) else list(value)

    def value_omitted_from_data(
        self, data: Mapping[str, Any], files: MultiValueDict[str, Any], name: str
    ) -> bool:
        return False


@dataclass(frozen=True)
class Row:
    number: int  # from 1, as the label says ("Person 2")
    value: str
    errors: list[str]


class RowsField(forms.Field):
    """Whole values typed one per row (people, companies): never split on commas, each
    checked on its own row ("Company 2: …")."""

    def __init__(
        self, *, input_name: str, row_label: str, options: str, max_length: int, **kwargs: Any
    ) -> None:
        super().__init__(widget=RowsWidget(input_name), **kwargs)
        self.input_name, self.row_label = input_name, row_label
        self.options, self.max_length = options, max_length

    @property
    def options_url(self) -> str:
        """The type-ahead endpoint that fills the <datalist id=options>."""
        return reverse(f"conversations:{self.options.replace('-', '_')}")

    def clean(self, value: Any) -> list[str]:
        rows = [str(v).strip() for v in value or []]
        too_long = f"at most {self.max_length} characters, not {{}}."
        errors = [
            row_error(self.row_label, number, too_long.format(len(text)))
            for number, text in enumerate(rows, 1)
            if len(text) > self.max_length
        ]
        if errors:
            raise ValidationError(errors)
        kept = [text for text in rows if text]
        if self.required and not kept:
            raise ValidationError(self.error_messages["required"], code="required")
        return kept

    def rows(self, bound: forms.BoundField, *, minimum: int, extra: int = 0) -> list[Row]:
        """The inputs to show: what was typed (with each row's errors), padded to `minimum`."""
        values = [str(v) for v in bound.value() or []]
        by_row: dict[int, list[str]] = {}
        for error in bound.form.errors.as_data().get(bound.name, []) if bound.form.is_bound else []:
            number = (error.params or {}).get("row")
            if isinstance(number, int):
                by_row.setdefault(number, []).extend(error.messages)
        count = max(minimum, len(values)) + extra
        values += [""] * (count - len(values))
        return [Row(n, v, by_row.get(n, [])) for n, v in enumerate(values, 1)]


def row_error(label: str, number: int, message: str) -> ValidationError:
    """An error about one row of a RowsField ("Person 2: …"), shown under that row."""
    text = f"{label} {number}: {message}".replace("%", "%%")  # params format the message
    return ValidationError(text, params={"row": number})


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
    participants = RowsField(
        label="Who did you talk to?",
        input_name="participant",
        row_label="Person",
        options="people-options",
        max_length=NAME_LENGTH,
        error_messages={"required": "Who did you talk to? Add at least one person."},
    )
    companies = RowsField(
        label="Companies discussed",
        input_name="companies",
        row_label="Company",
        options="company-options",
        max_length=COMPANY_LENGTH,
        required=False,
        help_text="One per row. Share your target list and ask about theirs.",
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

    def clean_participants(self) -> list[str]:
        names: list[str] = self.cleaned_data["participants"]
        typed = [str(v).strip() for v in self["participants"].value() or []]
        errors = [
            row_error("Person", number, message)
            for number, text in enumerate(typed, 1)
            if (message := person_reference_error(owner=self.owner, text=text))
        ]
        if errors:
            raise ValidationError(errors)
        return names

    def rows(self, name: str, extra: int = 0) -> list[Row]:
        """The inputs of a RowsField to show, with what was typed and each row's errors."""
        field = self.fields[name]
        assert isinstance(field, RowsField)
        minimum = PARTICIPANT_ROWS if name == "participants" else COMPANY_ROWS
        return field.rows(self[name], minimum=minimum, extra=extra)

    def company_names(self) -> list[str]:
        return list(self.cleaned_data["companies"])


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
        max_length=NAME_LENGTH,
        help_text="Blank: the first person you talked to.",
    )
    person = forms.CharField(label="Person named", required=False, max_length=NAME_LENGTH)
    company = forms.CharField(label="Company", required=False, max_length=COMPANY_LENGTH)
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


class EditOutcomeForm(OutcomeForm):
    """An outcome row of the edit form: one logged earlier (its `id`), or a new one."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    remove = forms.BooleanField(label="Remove this outcome", required=False)

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not data.get("id") and super().is_blank()

    def clean(self) -> dict[str, Any]:
        if self.cleaned_data.get("remove"):
            return self.cleaned_data  # going: what it says no longer matters
        return super().clean()

    def to_edit(self) -> OutcomeEdit:
        data = self.cleaned_data
        return OutcomeEdit(
            outcome=self.to_input(), pk=data.get("id"), remove=bool(data.get("remove"))
        )


EditOutcomeFormSet = forms.formset_factory(
    EditOutcomeForm, extra=1, max_num=MAX_ROWS, absolute_max=MAX_ROWS
)


def outcome_edits(formset: forms.BaseFormSet[EditOutcomeForm]) -> list[OutcomeEdit]:
    return [form.to_edit() for form in formset.forms if not form.is_blank()]


def outcome_initial(outcome: Outcome) -> dict[str, Any]:
    """An edit form row for an outcome logged earlier."""
    typed = outcome_as_input(outcome)
    return {
        "id": outcome.pk,
        "kind": typed.kind,
        "text": typed.text,
        "from_person": typed.from_person,
        "person": typed.person,
        "company": typed.company,
        "title": typed.title,
        "hidden": outcome.kind == OutcomeKind.LEAD and not typed.advertised,
    }


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
