"""Links to pages by name, without a `reverse()` per link.

`reverse()` walks the URL resolver each time (~30 µs); a page with a hundred links spent a
third of its rendering there. Here each name is reversed once (per URLconf and script
prefix) with a placeholder id, and a link for any id is the text around it.
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

# An id no fixed part of any of our URLs contains.
_SLOT = "7391846205"
# The keyword of the one id a named URL takes, where it is not `pk`.
_KWARG = {"playbook:prep": "person_pk", "cohorts:assignment": "assignment_pk"}


@lru_cache(maxsize=256)
def _parts(urlconf: str, prefix: str, name: str, with_id: bool) -> tuple[str, str]:
    if not with_id:
        return reverse(name, urlconf=urlconf), ""
    url = reverse(name, urlconf=urlconf, kwargs={_KWARG.get(name, "pk"): int(_SLOT)})
    head, slot, tail = url.partition(_SLOT)
    if not slot or _SLOT in tail:
        raise ValueError(f"{name}: its URL {url!r} does not show its id once")
    return head, tail


def link(name: str, pk: int | None = None) -> str:
    """`reverse(name)`, or `reverse(name, kwargs={"pk": pk})` (`person_pk` for the prep brief)."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    head, tail = _parts(str(urlconf), get_script_prefix(), name, pk is not None)
    return head if pk is None else f"{head}{int(pk)}{tail}"
