"""Form fields every app uses the same way."""

from __future__ import annotations

from typing import Any

from django import forms


class WebAddressField(forms.URLField):
    """A web address as people type it ("linkedin.com/in/ana"): https:// is assumed.

    A plain text input, not `type=url`: browsers refuse an address without a scheme before
    the form is even sent, so the assumed scheme would never get its chance.
    """

    widget = forms.TextInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs.update(inputmode="url", autocapitalize="off", spellcheck="false")
        return attrs
