from __future__ import annotations

from django import forms


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=100,
        help_text="What will use it, e.g. “Claude Desktop” or “my spreadsheet”.",
    )
    read_only = forms.BooleanField(
        label="Read-only (it can look, not change anything)", required=False, initial=True
    )
