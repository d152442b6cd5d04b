from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from rapport.core.markdown import render_markdown
from rapport.core.text import sentence

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    # render_markdown escapes raw HTML and sanitises the result with nh3.
    return mark_safe(render_markdown(text))


@register.filter
def full_stop(text: str) -> str:
    """`{{ company.name|full_stop }}` ends a sentence: "Canva." but "Stripe, Inc."."""
    return sentence(str(text))
