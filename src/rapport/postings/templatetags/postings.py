"""The posting an opportunity was saved from, on the opportunity's page.

That page still lives in `opportunities`, below `postings`; until it moves to `front`
(docs/architecture.md, known exceptions) it shows the posting through this tag.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from rapport.opportunities.models import Opportunity
from rapport.postings.reading.description import description_html
from rapport.postings.selectors import posting_of

register = template.Library()


@register.filter
def safe_posting_html(value: str) -> SafeString:
    """A description sanitised again on its way to the page (it may come from a form)."""
    return mark_safe(description_html(value))


@register.inclusion_tag("postings/_posting.html")
def posting_card(opportunity: Opportunity) -> dict[str, Any]:
    """What the posting an opportunity was saved from said, if it was saved from one."""
    return {"posting": posting_of(opportunity=opportunity), "opportunity": opportunity}
