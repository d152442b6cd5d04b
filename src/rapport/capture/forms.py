"""Forms of the inbox and of the capture settings page; services do the writing."""

from __future__ import annotations

from typing import Any

from django import forms

from rapport.capture.models import CaptureSettings
from rapport.opportunities.models import Stage


class CalendarForm(forms.Form):
    url = forms.CharField(
        label="Private iCal address",
        max_length=2000,
        help_text=(
            "Google: Settings, your calendar, “Secret address in iCal format”. Apple, "
            "Outlook and Fastmail have the same. It is kept like a password."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    name = forms.CharField(label="Name", max_length=200, required=False)


class ImapForm(forms.Form):
    host = forms.CharField(label="IMAP server", max_length=255, initial="imap.gmail.com")
    port = forms.IntegerField(label="Port", min_value=1, max_value=65535, initial=993)
    username = forms.CharField(label="User name", max_length=300)
    password = forms.CharField(
        label="App password",
        max_length=300,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        help_text="An app password made for Rapport, not your account's own password.",
    )


class AddressesForm(forms.ModelForm[CaptureSettings]):
    class Meta:
        model = CaptureSettings
        fields = ["addresses", "excluded_domains", "exclude_own_domain"]
        labels = {
            "addresses": "Your own addresses",
            "excluded_domains": "Domains to leave out",
            "exclude_own_domain": "Leave out mail with colleagues at your own work domain",
        }
        help_texts = {
            "addresses": "One per line: tells mail you sent from mail you received.",
            "excluded_domains": "One per line, e.g. your employer's domain.",
            "exclude_own_domain": "Your own domain: that of your addresses, unless it is a "
            "free mail service (Gmail, Outlook.com, iCloud…).",
        }
        widgets = {
            "addresses": forms.Textarea(attrs={"rows": 3}),
            "excluded_domains": forms.Textarea(attrs={"rows": 3}),
        }


class PersonEditForm(forms.Form):
    name = forms.CharField(label="Name", max_length=300)
    email = forms.EmailField(label="Email")


class StageEditForm(forms.Form):
    stage = forms.ChoiceField(label="Move to", choices=Stage.choices)


class BulkForm(forms.Form):
    action = forms.ChoiceField(choices=[("accept", "Accept"), ("dismiss", "Dismiss")])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

    def ids(self, data: Any) -> list[int]:
        return [int(v) for v in data.getlist("suggestion") if str(v).isdigit()][:500]
