"""Forms for the playbook's pages. They validate input; services.py does the writes."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from rapport.accounts.models import User
from rapport.conversations.forms import COMPANY_LENGTH, NAME_LENGTH, type_ahead
from rapport.conversations.models import Channel, OutcomeKind
from rapport.conversations.services import (
    OutcomeInput,
    outcome_input_errors,
    person_reference_error,
)
from rapport.playbook.models import FollowUp, FollowUpKind, PlaybookSettings
from rapport.playbook.services import QuickLog

if TYPE_CHECKING:
    SettingsModelForm = forms.ModelForm[PlaybookSettings]
    FollowUpModelForm = forms.ModelForm[FollowUp]
else:  # ModelForm is generic for the type checker only
    SettingsModelForm = FollowUpModelForm = forms.ModelForm


class NudgeForm(forms.Form):
    key = forms.CharField(max_length=200, widget=forms.HiddenInput)


class SentForm(NudgeForm):
    """ "I sent it": whom the nudge asked you to write to, and what you sent."""

    person = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    note = forms.CharField(
        label="What you sent",
        required=False,
        max_length=200,
        help_text="Optional: “Thanked her by email”, “Shared the article”.",
    )


class SnoozeForm(NudgeForm):
    days = forms.IntegerField(min_value=1, max_value=365)


class FollowUpActionForm(forms.Form):
    followup = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    days = forms.IntegerField(min_value=1, max_value=365, required=False)


class FollowUpForm(FollowUpModelForm):
    class Meta:
        model = FollowUp
        fields = ["kind", "due_on", "note"]
        widgets = {
            "due_on": forms.DateInput(attrs={"type": "date"}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"kind": "What to do", "due_on": "By when"}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["kind"].initial = FollowUpKind.FOLLOW_UP


class SettingsForm(SettingsModelForm):
    class Meta:
        model = PlaybookSettings
        fields = [
            "mode",
            "goal_conversations",
            "goal_names",
            "goal_gave",
            "cadence_close_days",
            "cadence_active_days",
            "cadence_network_days",
            "digest_enabled",
            "digest_email",
        ]
        widgets = {"mode": forms.RadioSelect}
        labels = {
            "mode": "Where you are",
            "goal_conversations": "Conversations a week",
            "goal_names": "New names a week",
            "goal_gave": "Gave-backs a week",
            "cadence_close_days": "Close ties",
            "cadence_active_days": "Active contacts",
            "cadence_network_days": "Long-term network",
            "digest_enabled": "Email me my nudges every morning",
            "digest_email": "Send the digest to",
        }
        # The labels and the fieldset legends say it all; the model's help is for admins.
        help_texts = dict.fromkeys(
            [
                "goal_conversations",
                "goal_names",
                "goal_gave",
                "cadence_close_days",
                "cadence_active_days",
                "cadence_network_days",
                "digest_enabled",
            ],
            "",
        )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        for name in ["cadence_close_days", "cadence_active_days", "cadence_network_days"]:
            if data.get(name) == 0:
                self.add_error(name, "A cadence is at least one day.")
        return data


class ConfirmApplyForm(forms.Form):
    """Sent by the "Apply anyway" button: `confirm=yes`."""

    confirm = forms.BooleanField(
        error_messages={"required": "Say that you want to apply now: press “Apply anyway”."}
    )


# The quick log's outcome chips: each opens one line, which fills one field of the outcome.
QUICK_OUTCOMES: dict[str, tuple[str, str, str, str]] = {
    # kind: (chip, the line's label, the OutcomeInput field it fills, an example)
    OutcomeKind.ADVICE: ("Advice", "What advice?", "text", "Lead with the portfolio"),
    OutcomeKind.NAME: ("A name", "Whom should you talk to?", "person", "Bo Lindqvist"),
    OutcomeKind.LEAD: ("A lead", "At which company?", "company", "Stripe"),
    OutcomeKind.INSIGHT: ("An insight", "What did you learn?", "text", "They hire in spring"),
    OutcomeKind.GAVE: ("I gave", "What did you give?", "text", "An article on onboarding"),
}
KEY = re.compile(r"[A-Za-z0-9-]{8,64}")


class QuickLogForm(forms.Form):
    """Who, how, what came of it, one note and the next step: a conversation in a minute."""

    key = forms.RegexField(
        regex=KEY,
        widget=forms.HiddenInput,
        error_messages=dict.fromkeys(
            ["invalid", "required"], "This page is out of date: open the quick log again."
        ),
    )
    person = forms.CharField(label="Who", max_length=NAME_LENGTH)
    channel = forms.ChoiceField(
        label="How", choices=Channel.choices, initial=Channel.COFFEE, widget=forms.RadioSelect
    )
    occurred_on = forms.DateField(
        label="When", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    outcome = forms.MultipleChoiceField(
        label="What came of it",
        required=False,
        choices=[(kind, chip) for kind, (chip, *_) in QUICK_OUTCOMES.items()],
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    follow_up_in = forms.TypedChoiceField(
        label="Follow up",
        required=False,
        coerce=int,
        empty_value=None,
        initial="",
        choices=[("", "Not now"), (3, "In 3 days"), (7, "In a week"), (14, "In 2 weeks")],
        widget=forms.RadioSelect,
    )
    follow_up_on = forms.DateField(
        label="or on",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    next_step = forms.CharField(label="Next step", required=False, max_length=500)
    company = forms.CharField(label="Company discussed", required=False, max_length=COMPANY_LENGTH)

    def __init__(self, *args: Any, owner: User, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("occurred_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.owner = owner
        for kind, (_, label, _, example) in QUICK_OUTCOMES.items():
            self.fields[kind] = forms.CharField(label=label, required=False, max_length=2000)
            self.fields[kind].widget.attrs["placeholder"] = example
        pickers = [("person", "people"), ("name", "people"), ("lead", "company")]
        for name, options in [*pickers, ("company", "company")]:
            type_ahead(self.fields[name], html_name=name, options=f"{options}-options")
        self.fields["person"].widget.attrs["autofocus"] = not self["person"].value()

    def outcome_lines(self) -> list[tuple[forms.BoundField, str]]:
        """Each outcome's line, with the chip that opens it."""
        return [(self[kind], chip) for kind, (chip, *_) in QUICK_OUTCOMES.items()]

    def clean_person(self) -> str:
        person: str = self.cleaned_data["person"].strip()
        if message := person_reference_error(owner=self.owner, text=person):
            raise ValidationError(message)
        return person

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("follow_up_in") and not data.get("follow_up_on"):
            # Counted from the conversation: a quick log sent days later (kept offline) too.
            since = data.get("occurred_on") or timezone.localdate()
            data["follow_up_on"] = since + timedelta(days=data["follow_up_in"])
        if data.get("next_step", "").strip() and not data.get("follow_up_on"):
            self.add_error("follow_up_on", "When will you do it?")
        for kind, outcome in zip(self.picked(), self.outcomes(), strict=True):
            for message in outcome_input_errors(outcome).values():
                self.add_error(kind, message)
            if message := person_reference_error(owner=self.owner, text=outcome.person):
                self.add_error(kind, message)
        return data

    def picked(self) -> list[str]:
        """The chips ticked, and any line typed in without ticking its chip."""
        data = self.cleaned_data
        ticked = set(data.get("outcome", []))
        return [kind for kind in QUICK_OUTCOMES if kind in ticked or data.get(kind, "").strip()]

    def outcomes(self) -> list[OutcomeInput]:
        data = self.cleaned_data
        return [
            OutcomeInput(kind=kind, **{QUICK_OUTCOMES[kind][2]: data.get(kind, "").strip()})
            for kind in self.picked()
        ]

    def entry(self) -> QuickLog:
        data = self.cleaned_data
        return QuickLog(
            key=data["key"],
            occurred_on=data["occurred_on"],
            channel=data["channel"],
            person=data["person"],
            companies=[data["company"]] if data["company"].strip() else [],
            notes=data["notes"],
            outcomes=self.outcomes(),
            follow_up_on=data["follow_up_on"],
            next_step=data["next_step"],
        )
