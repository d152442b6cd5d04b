from __future__ import annotations

from django import forms

from rapport.companies.models import TargetStatus
from rapport.search.query import MAX_QUERY_LENGTH
from rapport.search.selectors import TYPES

TYPE_LABELS = {
    "person": "People",
    "company": "Companies",
    "conversation": "Conversations",
    "opportunity": "Opportunities",
}


class SearchForm(forms.Form):
    """The results page's query and filters. Invalid filters are dropped, never an error."""

    q = forms.CharField(
        label="Search for",
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "maxlength": MAX_QUERY_LENGTH}),
    )
    type = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[("", "Everything"), *((t, TYPE_LABELS[t]) for t in TYPES)],
    )
    tag = forms.CharField(label="Tag", required=False, max_length=60)
    company = forms.CharField(label="Company", required=False, max_length=200)
    status = forms.ChoiceField(
        label="Company status",
        required=False,
        choices=[("", "Any"), *((v, label) for v, label in TargetStatus.choices)],
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=500)

    def value(self, name: str) -> str:
        """The cleaned value of a text or choice field ("" when absent or invalid)."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        return str(self.cleaned_data.get(name) or "")

    def page_number(self) -> int:
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        return int(self.cleaned_data.get("page") or 1)
