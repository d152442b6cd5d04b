"""A page's structured data: its JobPosting nodes (JSON-LD, microdata) and its meta tags.

extruct reads JSON-LD (one block at a time here, so one broken block does not hide the
others) and microdata. A block extruct cannot read gets a second chance after the repairs
real pages need: a CDATA or HTML comment wrapper over several lines, the whole script
HTML-escaped, control characters, several objects one after another.
"""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import jstyleson
import lxml.etree
import lxml.html

from rapport.postings.errors import NotAPage
from rapport.postings.reading.jobposting import Node, type_names
from rapport.postings.reading.posting import ReadFrom

logger = logging.getLogger(__name__)
MAX_DEPTH = 8
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_WRAPPERS = re.compile(r"^\s*(?://\s*)?(?:<!\[CDATA\[|<!--)|(?://\s*)?(?:\]\]>|-->)\s*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_STRAY_BACKSLASH = re.compile(r"\\(?![\"\\/bfnrtu])")  # \' or \- : not JSON escapes


@dataclass
class PageData:
    base_url: str
    postings: list[tuple[ReadFrom, Node]] = field(default_factory=list)
    ids: dict[str, Node] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)  # og:title, description, canonical…
    title: str = ""
    heading: str = ""  # the first h1
    unreadable_blocks: int = 0


def page_data(document: str, *, url: str) -> PageData:
    tree = _tree(document)
    page = PageData(base_url=_base_url(tree, url))
    for script in tree.iter("script"):
        kind = str(script.get("type") or "").split(";")[0].strip().lower()
        if kind == "application/ld+json":
            _read_json_ld(page, script)
    if tree.xpath("boolean(//*[@itemscope])"):
        _read_microdata(page, tree)
    _read_meta(page, tree)
    return page


def _tree(document: str) -> lxml.html.HtmlElement:
    document = _XML_DECLARATION.sub("", document.lstrip("\ufeff"), count=1)
    if not document.strip():
        raise NotAPage("The page is empty: there is nothing to read.")
    try:
        return lxml.html.fromstring(document, parser=lxml.html.HTMLParser(remove_comments=True))
    except (lxml.etree.ParserError, ValueError) as error:
        raise NotAPage(f"This could not be read as a web page ({error}).") from None


def _base_url(tree: lxml.html.HtmlElement, url: str) -> str:
    base = tree.find(".//base[@href]")
    href = str(base.get("href") or "") if base is not None else ""
    return href if href.startswith(("http://", "https://")) else url


def _read_json_ld(page: PageData, script: lxml.html.HtmlElement) -> None:
    # Loaded on first use, not with the module: extruct loads rdflib, pyRdfa, mf2py and
    # BeautifulSoup (a tenth of a second), and every command and process that loads the
    # postings' models loads this package, most never reading a page.
    from extruct.jsonld import JsonLdExtractor

    items: list[Any] | None = None
    if script.get("type") == "application/ld+json":  # extruct reads this exact type only
        try:
            items = JsonLdExtractor().extract_items(script)
        except Exception:  # whatever json or jstyleson raised: try the repairs below
            items = None
    if items is None:
        items = _repaired(script.text_content())
    if items is None:
        page.unreadable_blocks += 1
        return
    for item in items:
        _collect(page, item, ReadFrom.JSON_LD, 0)


def _repaired(script: str) -> list[Any] | None:
    text = _WRAPPERS.sub("", script.strip())
    if "&quot;" in text and '"' not in text:
        text = html.unescape(text)
    text = _CONTROL.sub(" ", text)
    for attempt in (text, _STRAY_BACKSLASH.sub(r"\\\\", text)):
        try:
            data = jstyleson.loads(attempt, strict=False)
        except ValueError:
            continue
        return data if isinstance(data, list) else [data]
    return _concatenated(text)


def _concatenated(text: str) -> list[Any] | None:
    """Several JSON values one after another: {…}{…}."""
    decoder, at = json.JSONDecoder(strict=False), 0
    items: list[Any] = []
    while at < len(text):
        while at < len(text) and text[at] in " \t\r\n,;":
            at += 1
        if at >= len(text):
            break
        try:
            item, at = decoder.raw_decode(text, at)
        except ValueError:
            return items or None
        items.append(item)
    return items or None


def _collect(page: PageData, value: Any, read_from: ReadFrom, depth: int) -> None:
    """Every JobPosting under `value` (an @graph, a list, a WebPage's mainEntity…), and
    every node with an @id, for references."""
    if depth > MAX_DEPTH:
        return
    if isinstance(value, list):
        for item in value:
            _collect(page, item, read_from, depth + 1)
        return
    if not isinstance(value, dict):
        return
    if "@id" in value and len(set(value) - {"@id", "@type", "@context"}) > 0:
        page.ids.setdefault(str(value["@id"]), value)
    if "JobPosting" in type_names(value):
        page.postings.append((read_from, value))
        return
    for child in value.values():
        if isinstance(child, dict | list):
            _collect(page, child, read_from, depth + 1)


def _read_microdata(page: PageData, tree: lxml.html.HtmlElement) -> None:
    from extruct import extract  # on first use: see _read_json_ld

    found = extract(
        tree, base_url=page.base_url, syntaxes=["microdata"], uniform=True, errors="log"
    )
    for item in found.get("microdata", []):
        _collect(page, item, ReadFrom.MICRODATA, 0)


def _read_meta(page: PageData, tree: lxml.html.HtmlElement) -> None:
    for meta in tree.iter("meta"):
        key = str(meta.get("property") or meta.get("name") or "").strip().lower()
        content = str(meta.get("content") or "").strip()
        if key and content:
            page.meta.setdefault(key, content)
    for link in tree.iter("link"):
        if "canonical" in str(link.get("rel") or "").lower().split() and link.get("href"):
            page.meta.setdefault("canonical", str(link.get("href")).strip())
    title = tree.find(".//title")
    page.title = _text(title) if title is not None else ""
    heading = tree.find(".//h1")
    page.heading = _text(heading) if heading is not None else ""


def _text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def texts(page: PageData) -> Iterator[str]:
    """The page's title candidates, best first (for the fallback)."""
    for key in ("og:title", "twitter:title"):
        if page.meta.get(key):
            yield page.meta[key]
    if page.title:
        yield page.title
    if page.heading:
        yield page.heading
