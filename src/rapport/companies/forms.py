"""Forms for companies. They validate input; the services in companies.services do the writes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms

from rapport.accounts.models import User
from rapport.companies.models import ApplyOrder, Company
from rapport.companies.selectors import company_named
from rapport.core.forms import WebAddressField
from rapport.people.forms import DateInput, SuggestInput, resolve_person
from rapport.people.models import Person
from rapport.people.services import person_ref

if TYPE_CHECKING:
    CompanyModelForm = forms.ModelForm[Company]
else:  # ModelForm is generic for the type checker only
    CompanyModelForm = forms.ModelForm

_STATUS_FIELDS = {"target_status", "status_reason", "status_by"}


class TargetForm(CompanyModelForm):
    """Whether a company is on the target or avoid list, and on whose word."""

    priority = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=1000,
        label="Priority",
        help_text="1 is the highest. Only for targets.",
    )
    status_by = forms.CharField(
        required=False,
        label="Recommended or warned by",
        widget=SuggestInput("people:suggest"),
        help_text="Who suggested it, or told you to stay away. Pick from your contacts.",
    )

    class Meta:
        model = Company
        fields = ["target_status", "priority", "status_reason"]
        labels = {"target_status": "List", "status_reason": "Why"}
        widgets = {"status_reason": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, owner: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.instance.owner = owner
        if self.instance.status_by is not None:
            self.initial["status_by"] = person_ref(self.instance.status_by)

    def clean_status_by(self) -> Person | None:
        return resolve_person(owner=self.owner, text=self.cleaned_data["status_by"])

    def status_conversation_id(self) -> int | None:
        """The conversation in which the status was set, while the user has not changed it."""
        if _STATUS_FIELDS & set(self.changed_data):
            return None
        return self.instance.status_conversation_id


class CompanyForm(TargetForm):
    website = WebAddressField(required=False, max_length=300)
    careers_url = WebAddressField(
        required=False,
        max_length=300,
        label="Careers page",
        help_text="Where its open positions are listed.",
    )

    class Meta(TargetForm.Meta):
        fields = ["name", "website", "careers_url", "phone", "notes", *TargetForm.Meta.fields]
        help_texts = {"notes": "Markdown: **bold**, - lists, [links](https://example.com)."}
        widgets = {**TargetForm.Meta.widgets, "notes": forms.Textarea(attrs={"rows": 5})}


class ProtocolForm(forms.Form):
    """How referrals work at a company, as someone who works there explained it."""

    channel = forms.CharField(
        required=False,
        max_length=200,
        label="Referral channel",
        help_text="For example: the internal referral portal, or an email to the recruiter.",
    )
    steps = forms.CharField(
        required=False,
        label="Steps",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What the referrer does, what you send them, how long it takes.",
    )
    apply_order = forms.ChoiceField(
        choices=ApplyOrder.choices, label="Apply before or after the referral?"
    )
    learned_from = forms.CharField(
        required=False,
        label="Learned from",
        widget=SuggestInput("people:suggest"),
        help_text="Who explained it to you.",
    )
    learned_on = forms.DateField(required=False, label="Learned on", widget=DateInput())

    def __init__(self, *args: Any, owner: User, company: Company, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.initial.update(
            channel=company.referral_channel,
            steps=company.referral_steps,
            apply_order=company.referral_apply_order,
            learned_from=(
                person_ref(company.referral_learned_from) if company.referral_learned_from else ""
            ),
            learned_on=company.referral_learned_on,
        )

    def clean_learned_from(self) -> Person | None:
        return resolve_person(owner=self.owner, text=self.cleaned_data["learned_from"])


class CompanyFilterForm(forms.Form):
    q = forms.CharField(
        required=False,
        label="Search companies",
        widget=forms.TextInput(attrs={"type": "search"}),
    )


class MergeForm(forms.Form):
    """Another company that is this one: it is merged into this one."""

    other = forms.CharField(
        max_length=200,
        label="Company to merge into this one",
        widget=SuggestInput("companies:suggest"),
        help_text="Its jobs, leads, conversations and notes move here; its name stays as "
        "another spelling. You can undo it.",
    )

    def __init__(self, *args: Any, company: Company, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.company = company

    def clean_other(self) -> Company:
        name = self.cleaned_data["other"]
        other = company_named(owner=self.company.owner, name=name)
        if other is None:
            raise forms.ValidationError(f"You have no company called {name!r}.")
        if other.pk == self.company.pk:
            raise forms.ValidationError(f"That is {self.company.name} itself.")
        return other
