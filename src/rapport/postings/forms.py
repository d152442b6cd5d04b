from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from rapport.conversations.forms import type_ahead
from rapport.postings.fetching import MAX_BYTES
from rapport.postings.models import SalaryPeriod
from rapport.postings.reading import PostingData, ReadFrom, Reading, Salary


class PageForm(forms.Form):
    """A posting's link, or the page itself (pasted or uploaded) for one behind a login."""

    url = forms.CharField(
        label="Link to the job posting",
        required=False,
        max_length=2000,
        widget=forms.URLInput(attrs={"placeholder": "https://…", "autocomplete": "url"}),
    )
    html = forms.CharField(
        label="The page's HTML",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
        help_text="Open the posting, view its source (Ctrl+U, or ⌥⌘U on a Mac), select all, "
        "copy and paste it here.",
    )
    page = forms.FileField(
        label="Or the saved page (.html)",
        required=False,
        help_text="Save the page from your browser (Ctrl+S) and pick the file.",
    )
    company_hint = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("url", "").strip() or data.get("html", "").strip() or data.get("page")):
            raise ValidationError("Give the posting's link, or paste the page.")
        return data

    def clean_page(self) -> UploadedFile | None:
        return _small_enough(self.cleaned_data.get("page"))

    def document(self) -> bytes | str | None:
        """The page given on the form, if any (else the link is fetched)."""
        upload = self.cleaned_data.get("page")
        if upload is not None:
            return b"".join(upload.chunks())
        html: str = self.cleaned_data.get("html", "")
        return html if html.strip() else None


class ClipForm(forms.Form):
    """What the bookmarklet's window posts: the page, where it came from, and the key."""

    page = forms.FileField()
    url = forms.CharField(required=False, max_length=2000)
    key = forms.CharField(required=False, max_length=100)

    def clean_page(self) -> UploadedFile | None:
        return _small_enough(self.cleaned_data.get("page"))


class PostingForm(forms.Form):
    """The posting as Rapport read it, for the user to check and complete."""

    title = forms.CharField(label="Job title", max_length=200)
    company = forms.CharField(
        label="Company",
        max_length=200,
        help_text="Pick one of your companies, or type a new name to add it.",
    )
    location = forms.CharField(label="Location", required=False, max_length=300)
    remote = forms.BooleanField(label="Remote", required=False)
    employment_type = forms.CharField(
        label="Employment type", required=False, max_length=100, help_text="e.g. Full-time"
    )
    salary_min = forms.DecimalField(
        label="Salary from", required=False, min_value=0, max_digits=12, decimal_places=2
    )
    salary_max = forms.DecimalField(
        label="Salary up to", required=False, min_value=0, max_digits=12, decimal_places=2
    )
    salary_currency = forms.CharField(
        label="Currency", required=False, max_length=3, help_text="e.g. EUR, USD"
    )
    salary_period = forms.ChoiceField(
        label="Per", required=False, choices=[("", "—"), *SalaryPeriod.choices]
    )
    date_posted = forms.DateField(
        label="Posted on", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_through = forms.DateField(
        label="Apply by",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Today reminds you a few days before.",
    )
    apply_url = forms.URLField(
        label="Where to apply", required=False, max_length=2000, assume_scheme="https"
    )
    source_url = forms.URLField(
        label="The posting's page", required=False, max_length=2000, assume_scheme="https"
    )
    description = forms.CharField(required=False, strip=False, widget=forms.HiddenInput)
    read_from = forms.ChoiceField(
        required=False, choices=[(r.value, r.label) for r in ReadFrom], widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        type_ahead(self.fields["company"], html_name="company", options="company-options")

    @classmethod
    def initial_from(cls, reading: Reading, *, company: str = "") -> dict[str, Any]:
        posting = reading.posting
        return {
            **{name: getattr(posting, name) for name in _PLAIN},
            "company": posting.company or company,
            "salary_min": posting.salary.minimum,
            "salary_max": posting.salary.maximum,
            "salary_currency": posting.salary.currency,
            "salary_period": posting.salary.period,
            "read_from": reading.read_from.value,
        }

    def clean_salary_currency(self) -> str:
        code: str = self.cleaned_data["salary_currency"].strip().upper()
        if code and not (len(code) == 3 and code.isalpha()):
            raise ValidationError("Three letters, such as EUR or USD.")
        return code

    def to_data(self) -> PostingData:
        data = self.cleaned_data
        return PostingData(
            **{name: data[name] or _EMPTY.get(name, "") for name in _PLAIN},
            company=data["company"],
            salary=Salary(
                minimum=_amount(data["salary_min"]),
                maximum=_amount(data["salary_max"]),
                currency=data["salary_currency"],
                period=data["salary_period"],
            ),
        )

    def details_read_from(self) -> ReadFrom:
        """Where the details were read before the user checked them."""
        return ReadFrom(self.cleaned_data.get("read_from") or ReadFrom.FORM)


_PLAIN = (
    *("title", "location", "remote", "employment_type", "date_posted", "valid_through"),
    *("apply_url", "source_url", "description"),
)
_EMPTY: dict[str, Any] = {"remote": False, "date_posted": None, "valid_through": None}


def _small_enough(upload: UploadedFile | None) -> UploadedFile | None:
    if upload is not None and (upload.size or 0) > MAX_BYTES:
        megabytes = MAX_BYTES // (1024 * 1024)
        raise ValidationError(
            f"The file is larger than {megabytes} MB, far larger than a job posting's page."
        )
    return upload


def _amount(value: Decimal | None) -> Decimal | None:
    return value if value else None
