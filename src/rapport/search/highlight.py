"""Matched words come back from the database between marker characters. The text is
escaped first and the marks become <mark> tags afterwards, always balanced, so nothing
stored in a note can ever reach the page as markup."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from rapport.search.backends.base import MARK_END, MARK_START

_PIECES = re.compile(f"([{MARK_START}{MARK_END}])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def marked_html(text: str) -> SafeString:
    html, inside = [], False
    for piece in _PIECES.split(text):
        if piece == MARK_START:
            if not inside:
                html.append("<mark>")
            inside = True
        elif piece == MARK_END:
            if inside:
                html.append("</mark>")
            inside = False
        else:
            html.append(str(escape(_CONTROL.sub("", piece))))
    if inside:
        html.append("</mark>")
    return mark_safe("".join(html))  # every piece of text was escaped above


def plain(text: str) -> str:
    return _CONTROL.sub("", text.replace(MARK_START, "").replace(MARK_END, ""))
