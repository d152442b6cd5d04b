"""Postings on other apps' pages: the bookmarklet (settings) and the posting an
opportunity was saved from (its page)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from rapport.opportunities.models import Opportunity
from rapport.postings.clip import bookmarklet
from rapport.postings.reading.description import description_html
from rapport.postings.selectors import posting_of

register = template.Library()


@register.inclusion_tag("postings/_bookmarklet.html", takes_context=True)
def bookmarklet_card(context: dict[str, Any]) -> dict[str, Any]:
    request = context["request"]
    origin = request.build_absolute_uri("/").rstrip("/")
    return {"bookmarklet": bookmarklet(origin=origin, user=request.user), "origin": origin}


@register.filter
def safe_posting_html(value: str) -> SafeString:
    """A description sanitised again on its way to the page (it may come from a form)."""
    return mark_safe(description_html(value))


@register.inclusion_tag("postings/_posting.html")
def posting_card(opportunity: Opportunity) -> dict[str, Any]:
    """What the posting an opportunity was saved from said, if it was saved from one."""
    return {"posting": posting_of(opportunity=opportunity), "opportunity": opportunity}
