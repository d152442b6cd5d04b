from __future__ import annotations

from django import forms

from rapport.core.forms import WebAddressField
from rapport.opportunities.models import Stage
from rapport.opportunities.services import OpportunityInput
from rapport.people.forms import SuggestInput


class OpportunityForm(forms.Form):
    company = forms.CharField(
        label="Company",
        max_length=200,
        help_text="Pick one of your companies, or type a new name to add it.",
        widget=SuggestInput("companies:suggest"),
    )
    title = forms.CharField(label="Job title", max_length=200)
    url = WebAddressField(label="Job posting URL", required=False, max_length=500)
    stage = forms.ChoiceField(label="Stage", choices=Stage.choices, initial=Stage.LEAD)
    advertised = forms.BooleanField(
        label="Advertised publicly",
        required=False,
        initial=True,
        help_text="Untick for a hidden lead that was never advertised.",
    )
    referrer = forms.CharField(
        label="Referrer",
        required=False,
        max_length=300,
        help_text="Who refers you there. Connect with someone at the company before you apply.",
        widget=SuggestInput("people:suggest"),
    )
    referral_channel = forms.CharField(
        label="Referral channel",
        required=False,
        max_length=200,
        help_text="How the referral goes in, e.g. the internal referral tool, or an email to the "
        "hiring manager.",
    )
    description = forms.CharField(
        label="About the role",
        required=False,
        help_text="Markdown. What the job is: what you were told, or what the posting says.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    deadline = forms.DateField(
        label="Apply by",
        required=False,
        help_text="The posting's closing date, if it has one: Today reminds you a few days before.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    tailoring_notes = forms.CharField(
        label="Resume tailoring notes",
        required=False,
        help_text="Markdown. What to stress for this role, from the insights you gathered.",
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def to_input(self) -> OpportunityInput:
        data = self.cleaned_data
        return OpportunityInput(
            company=data["company"],
            title=data["title"],
            url=data["url"],
            stage=data["stage"],
            advertised=data["advertised"],
            referrer=data["referrer"],
            referral_channel=data["referral_channel"],
            description=data["description"],
            tailoring_notes=data["tailoring_notes"],
            deadline=data["deadline"],
        )
