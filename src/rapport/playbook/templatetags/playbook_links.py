"""`{% link "people:detail" person.pk %}`: `{% url %}` for names with at most one id, cheaper."""

from __future__ import annotations

from django import template

from rapport.playbook.links import link as _link

register = template.Library()


@register.simple_tag
def link(name: str, pk: int | None = None) -> str:
    return _link(name, pk)
