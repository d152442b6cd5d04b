"""Forms for the playbook's pages. They validate input; services.py does the writes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms

from rapport.playbook.models import FollowUp, FollowUpKind, PlaybookSettings

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
