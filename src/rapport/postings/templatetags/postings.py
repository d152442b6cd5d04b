"""Showing a saved posting: its description, sanitised again on the way to the page."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from rapport.postings.reading.description import description_html

register = template.Library()


@register.filter
def safe_posting_html(value: str) -> SafeString:
    """A description sanitised again on its way to the page (it may come from a form)."""
    return mark_safe(description_html(value))
