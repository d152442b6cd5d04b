"""A posting's description as HTML that is safe to show: nh3 with a short list of tags.

Descriptions come as HTML, as HTML escaped once more ("&lt;p&gt;", LinkedIn and others), or
as plain text with line breaks. Headings are moved under the page's own (h1 and h2 become
h3), links open nothing on the page's behalf, and everything else goes.
"""

from __future__ import annotations

import html
import re
from typing import Any

import nh3

from rapport.postings.reading.values import values

MAX_LENGTH = 100_000
_TAGS = {
    *("p", "br", "ul", "ol", "li", "strong", "b", "em", "i", "u", "a", "blockquote"),
    *("h3", "h4", "h5", "h6", "hr", "code", "pre", "div", "span"),
    *("table", "thead", "tbody", "tr", "th", "td", "dl", "dt", "dd"),
}
_TOP_HEADING = re.compile(r"<(/?)h[12](?=[\s>])", re.IGNORECASE)
_HAS_TAG = re.compile(r"<(?:p|br|div|ul|ol|li|strong|b|em|h\d|span|table)\b[^>]*>", re.IGNORECASE)
_ESCAPED_TAG = re.compile(r"&lt;/?(?:p|br|div|ul|ol|li|strong|b|em|h\d|span)\b", re.IGNORECASE)


def description_html(value: Any) -> str:
    """Safe HTML for a description given as HTML, escaped HTML, plain text or a list."""
    parts = [str(item) for item in values(value) if not isinstance(item, dict | bool)]
    raw = "\n\n".join(part for part in parts if part.strip())
    if not raw.strip():
        return ""
    if not _HAS_TAG.search(raw) and _ESCAPED_TAG.search(raw):
        raw = html.unescape(raw)
    if not _HAS_TAG.search(raw):
        raw = _paragraphs(raw)
    raw = _TOP_HEADING.sub(r"<\1h3", raw[: MAX_LENGTH * 2])
    cleaned = nh3.clean(
        raw,
        tags=_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return cleaned.strip()[:MAX_LENGTH]


def _paragraphs(plain: str) -> str:
    """Plain text as paragraphs: a blank line starts one, a line break stays one."""
    text = html.unescape(plain).replace("\r\n", "\n")
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text) if block.strip()]
    return "".join(
        "<p>" + "<br>".join(html.escape(line) for line in block.split("\n")) + "</p>"
        for block in blocks
    )
