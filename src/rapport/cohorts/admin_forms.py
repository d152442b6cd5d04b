"""The forms of the career centre's admin pages and of the invitation page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import SetPasswordForm

from rapport.accounts.models import User
from rapport.cohorts.models import Cohort, Invite, Role


class InvitePasswordForm(SetPasswordForm):  # type: ignore[type-arg]
    """Choose a password, twice; Django's validators judge it (as for any password)."""

    def __init__(self, invite: Invite, data: Any = None) -> None:
        super().__init__(User(username=invite.username, email=invite.email), data)
        self.fields["new_password1"].label = "Choose a password"
        self.fields["new_password2"].label = "The same password again"


class CohortForm(forms.Form):
    name = forms.CharField(label="Cohort name", max_length=100)

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("A cohort needs a name.")
        return name


def _cohort_field(*, required: bool = False) -> forms.ModelChoiceField:  # type: ignore[type-arg]
    return forms.ModelChoiceField(
        queryset=Cohort.objects.all(),
        required=required,
        empty_label="No cohort",
        label="Cohort",
        help_text="Students belong to one cohort; a coach coaches it.",
    )


class MemberForm(forms.Form):
    role = forms.ChoiceField(label="Role", choices=Role.choices)
    cohort = _cohort_field()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("role") == Role.STUDENT and not data.get("cohort"):
            self.add_error("cohort", "A student belongs to a cohort: choose one.")
        return data


class InviteForm(MemberForm):
    username = forms.CharField(label="Username", max_length=150)
    email = forms.EmailField(
        label="E-mail address",
        required=False,
        help_text="Kept with their account. The link is shown here for you to send; if the "
        "server has mail set up, it is e-mailed to them too.",
    )
    field_order = ["username", "email", "role", "cohort"]
