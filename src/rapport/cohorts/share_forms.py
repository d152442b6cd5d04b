"""The form a student shares company knowledge with, and edits it with."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import QueryDict

from rapport.cohorts.models import Cohort, ShareKind
from rapport.cohorts.shares import TEXT_LIMIT

NAMED_CHOICES = [("yes", "With my name"), ("no", "Anonymously")]


class ShareForm(forms.Form):
    cohort = forms.ModelChoiceField(
        queryset=Cohort.objects.none(), empty_label=None, label="Share with"
    )
    kind = forms.ChoiceField(
        choices=ShareKind.choices, widget=forms.RadioSelect, label="What you share"
    )
    text = forms.CharField(
        label="What your cohort should know",
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Only what you write here is shared: never your notes, people or conversations.",
    )
    reason = forms.CharField(
        required=False,
        label="Why to avoid it (warnings)",
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    named = forms.ChoiceField(
        choices=NAMED_CHOICES, widget=forms.RadioSelect, initial="yes", label="Show who shared it"
    )

    def __init__(
        self,
        data: QueryDict | None = None,
        *,
        cohorts: list[Cohort] | None = None,
        protocol: str = "",
        **kwargs: Any,
    ) -> None:
        """`cohorts` to choose from (None when editing); `protocol`: the company's referral
        protocol, shared when a protocol share is left empty."""
        wants_protocol = data is not None and data.get("kind") == ShareKind.PROTOCOL
        if data is not None and protocol and wants_protocol and not data.get("text", "").strip():
            data = data.copy()
            data["text"] = protocol
        super().__init__(data, **kwargs)
        if cohorts is None:  # editing: the cohort stays
            del self.fields["cohort"]
        else:
            choice = self.fields["cohort"]
            assert isinstance(choice, forms.ModelChoiceField)
            choice.queryset = Cohort.objects.filter(pk__in=[c.pk for c in cohorts])
            if cohorts:
                self.fields["cohort"].initial = cohorts[0].pk

    def share_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "text": data["text"],
            "reason": data["reason"],
            "named": data["named"] == "yes",
        }
