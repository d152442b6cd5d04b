"""Forms for people. They validate input; the services in people.services do the writes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.urls import reverse

from rapport.accounts.models import User
from rapport.core.forms import WebAddressField
from rapport.core.text import linkedin_key
from rapport.people.models import Person
from rapport.people.selectors import tags_list
from rapport.people.services import person_match, person_ref

if TYPE_CHECKING:
    PersonModelForm = forms.ModelForm[Person]
else:  # ModelForm is generic for the type checker only
    PersonModelForm = forms.ModelForm


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")  # what <input type="date"> reads and sends


class SuggestInput(forms.TextInput):
    """A text input with a <datalist> that htmx fills from a type-ahead endpoint.

    Without JavaScript it is a plain text field: the typed name is resolved on submit.
    """

    template_name = "people/widgets/suggest_input.html"

    def __init__(self, url_name: str, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.url_name = url_name

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        list_id = f"{widget['attrs'].get('id', name)}-options"
        widget["list_id"] = list_id
        widget["attrs"].update(
            {
                "list": list_id,
                "autocomplete": "off",
                "hx-get": reverse(self.url_name),
                "hx-trigger": "input changed delay:200ms",
                "hx-target": f"#{list_id}",
                "hx-swap": "innerHTML",
            }
        )
        return context


def suggest_text(query: QueryDict) -> str:
    """The text typed so far: `?q=`, or the one value a SuggestInput sends under its own name."""
    if "q" in query:
        return str(query["q"])
    values = list(query.values())
    return str(values[0]) if len(values) == 1 else ""


def resolve_person(*, owner: User, text: str) -> Person | None:
    """The existing person a typed name or suggestion means; never creates one."""
    text = text.strip()
    if not text:
        return None
    match = person_match(owner=owner, text=text)
    if match.ambiguous:
        raise ValidationError(
            f"Several people are called “{text}”: pick the right one from the suggestions."
        )
    if match.person is None:
        raise ValidationError(
            f"“{text}” is not one of your contacts. Pick someone from the suggestions, "
            "or add them first."
        )
    return match.person


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has it."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class PersonForm(PersonModelForm):
    introduced_by = forms.CharField(
        required=False,
        label="Introduced by",
        widget=SuggestInput("people:suggest"),
        help_text="Start typing a name and pick from your contacts.",
    )
    linkedin_url = WebAddressField(
        required=False,
        max_length=500,
        label="LinkedIn profile URL",
        help_text="For example linkedin.com/in/ana-souza",
    )
    cadence_days = forms.IntegerField(
        required=False,
        min_value=1,
        label="Keep in touch every … days",
        help_text="Leave blank to follow the relationship's usual rhythm.",
    )
    contact_points = forms.CharField(
        required=False,
        label="Contact details",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One per line: email, phone, website or handle. The kind is detected.",
    )
    tags = forms.CharField(
        required=False, label="Tags", help_text="Separated by commas, e.g. data, Berlin, alumni"
    )

    class Meta:
        model = Person
        fields = [
            "full_name",
            "first_name",
            "last_name",
            "headline",
            "location",
            "linkedin_url",
            "how_we_met",
            "connected_on",
            "relationship",
            "cadence_days",
            "notes",
        ]
        labels = {"full_name": "Name", "first_name": "Given name", "last_name": "Family name"}
        help_texts = {
            "full_name": "As you would say it, e.g. Ana Souza.",
            "first_name": "Worked out from the name when left blank.",
            "last_name": "Worked out from the name when left blank.",
            "notes": "Markdown: **bold**, - lists, [links](https://example.com).",
        }
        widgets = {"notes": forms.Textarea(attrs={"rows": 6}), "connected_on": DateInput()}

    def __init__(self, *args: Any, owner: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.instance.owner = owner
        person = self.instance
        if person.pk:
            self.initial["contact_points"] = "\n".join(c.value for c in person.contact_points.all())
            self.initial["tags"] = ", ".join(t.name for t in person.tags.all())
            if person.introduced_by is not None:
                self.initial["introduced_by"] = person_ref(person.introduced_by)

    def clean_introduced_by(self) -> Person | None:
        introducer = resolve_person(owner=self.owner, text=self.cleaned_data["introduced_by"])
        if introducer is not None and introducer.pk == self.instance.pk:
            raise ValidationError("Someone cannot introduce themselves.")
        self.instance.introduced_by = introducer
        return introducer

    def clean_linkedin_url(self) -> str:
        """The profile's address as LinkedIn writes it, however it was typed."""
        url: str = self.cleaned_data["linkedin_url"]
        if not url:
            return ""
        key = linkedin_key(url)
        if not key:
            raise ValidationError("This is not a LinkedIn profile address (linkedin.com/in/…).")
        return f"https://www.{key}"

    def clean_contact_points(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["contact_points"].splitlines()]

    def clean_tags(self) -> list[str]:
        return [name.strip() for name in self.cleaned_data["tags"].split(",") if name.strip()]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        renamed = "full_name" in self.changed_data
        if renamed and not {"first_name", "last_name"} & set(self.changed_data):
            # A new name with untouched parts: let the service split the new name again.
            cleaned["first_name"] = cleaned["last_name"] = ""
        return cleaned


class PeopleFilterForm(forms.Form):
    q = forms.CharField(
        required=False,
        label="Search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Name, headline, company"}),
    )
    tag = forms.ChoiceField(required=False, label="Tag")

    def __init__(self, *args: Any, owner: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = tags_list(owner=owner).values_list("name", flat=True)
        tag = self.fields["tag"]
        assert isinstance(tag, forms.ChoiceField)
        tag.choices = [("", "All tags"), *((n, n) for n in names)]


class EmploymentForm(forms.Form):
    company = forms.CharField(
        max_length=200,
        label="Company",
        widget=SuggestInput("companies:suggest"),
    )
    title = forms.CharField(max_length=200, required=False, label="Title")
    started_on = forms.DateField(required=False, label="Started on", widget=DateInput())
    ended_on = forms.DateField(
        required=False,
        label="Ended on",
        widget=DateInput(),
        help_text="Leave blank if they still work there.",
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        started, ended = cleaned.get("started_on"), cleaned.get("ended_on")
        if started and ended and ended < started:
            self.add_error("ended_on", "A job cannot end before it starts.")
        return cleaned


class NewPersonJobForm(forms.Form):
    """Where someone being added works now (the add form's company and title)."""

    company = forms.CharField(
        max_length=200,
        required=False,
        label="Company",
        widget=SuggestInput("companies:suggest"),
        help_text="Where they work now: they count in warm paths there.",
    )
    title = forms.CharField(max_length=200, required=False, label="Job title")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("title") and not cleaned.get("company"):
            self.add_error("company", "Where do they work as this?")
        return cleaned


class EmploymentEndForm(forms.Form):
    ended_on = forms.DateField(label="Ended on", widget=DateInput())
