"""A schema.org JobPosting, as pages really write it, into PostingData.

Seen in the wild and handled here: `hiringOrganization` as a string, an object, a list or
an `@id` reference into an `@graph`; `jobLocation` as a Place, a list of them or a string,
its address as a PostalAddress or a string; `jobLocationType: TELECOMMUTE` with
`applicantLocationRequirements`; `baseSalary` as a MonetaryAmount holding a
QuantitativeValue, a MonetaryAmount with its own min/max, a plain number or a "$90k - $110k"
string; `employmentType` as a string or a list; the apply link in `potentialAction`
(ApplyAction), `url` or `sameAs`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urljoin, urlsplit

from rapport.core.text import fold
from rapport.postings.reading.description import description_html
from rapport.postings.reading.posting import PostingData, Salary
from rapport.postings.reading.values import (
    amount,
    amounts,
    clip,
    currency,
    date_of,
    employment_type,
    first,
    name_of,
    period,
    text,
    values,
)

Node = Mapping[str, Any]
TITLE_LENGTH = 200
LOCATION_LENGTH = 300


def type_names(node: Node) -> set[str]:
    """ "JobPosting" for @type "JobPosting", "schema:JobPosting" or a list holding one."""
    names = set()
    for value in values(node.get("@type")):
        if isinstance(value, str):
            names.add(value.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1].rsplit("#", 1)[-1])
    return names


def posting_data(node: Node, *, resolve: Mapping[str, Node], base_url: str) -> PostingData:
    def ref(value: Any) -> Any:
        return _resolved(value, resolve)

    places = location(ref(node.get("jobLocation")), ref)
    remote = is_remote(node, places)
    return PostingData(
        title=clip(text(node.get("title") or node.get("name")), TITLE_LENGTH),
        company=clip(_company(node, ref), 200),
        location=clip(_where(node, ref, places, remote), LOCATION_LENGTH),
        remote=remote,
        employment_type=employment_type(node.get("employmentType")),
        salary=salary(node, ref),
        date_posted=date_of(node.get("datePosted")),
        valid_through=date_of(node.get("validThrough")),
        description=description_html(node.get("description")),
        apply_url=_apply_url(node, ref, base_url),
    )


def _where(node: Node, ref: Any, places: str, remote: bool) -> str:
    if not remote or "remote" in places.casefold():
        return places
    return "; ".join(part for part in (places, remote_location(node, ref)) if part)


def _resolved(value: Any, resolve: Mapping[str, Node]) -> Any:
    """An {"@id": …} reference replaced by the node it names, lists item by item."""
    if isinstance(value, list):
        return [_resolved(item, resolve) for item in value]
    if isinstance(value, Mapping) and set(value) <= {"@id", "@type"} and "@id" in value:
        return resolve.get(str(value["@id"]), value)
    return value


def _company(node: Node, ref: Any) -> str:
    organisation = ref(node.get("hiringOrganization"))
    name = name_of(organisation)
    if name:
        return name
    # Google's own example names the organisation in the identifier ({"name": "Google", …});
    # some boards put the job's title there instead.
    identifier = node.get("identifier")
    named = name_of(identifier) if isinstance(identifier, Mapping) else ""
    return "" if fold(named) == fold(text(node.get("title"))) else named


def location(value: Any, ref: Any) -> str:
    """ "Berlin, Germany; Remote (United States)": every place, each once."""
    places: list[str] = []
    for item in values(value):
        place = _place(ref(item), ref)
        if place and place.casefold() not in (p.casefold() for p in places):
            places.append(place)
    return "; ".join(places)


def _place(item: Any, ref: Any) -> str:
    if not isinstance(item, Mapping):
        return text(item)
    address = ref(item.get("address"))
    if isinstance(address, list):
        address = first(address)
    if isinstance(address, Mapping):
        found = _address(address)
        if found:
            return found
    elif address:
        return text(address)
    return text(item.get("name"))


def _address(address: Node) -> str:
    """ "Austin, Texas, United States"; a part already said ("San Francisco, CA" then "CA")
    is not said twice."""
    parts: list[str] = []
    said: set[str] = set()
    for key in ("addressLocality", "addressRegion", "addressCountry"):
        part = name_of(address.get(key))
        if part and fold(part) not in said:
            parts.append(part)
            said.update(fold(piece) for piece in part.split(","))
    return ", ".join(parts) or text(address.get("name") or address.get("streetAddress"))


def is_remote(node: Node, places: str) -> bool:
    """TELECOMMUTE, or a place that says "Remote"."""
    kinds = {text(kind).upper() for kind in values(node.get("jobLocationType"))}
    if "TELECOMMUTE" in kinds or "REMOTE" in kinds:
        return True
    return "remote" in re.split(r"[\s,;()]+", places.casefold())


def remote_location(node: Node, ref: Any) -> str:
    """ "Remote (United States, Canada)" from `applicantLocationRequirements`, or "Remote"."""
    where = [name_of(ref(item)) for item in values(node.get("applicantLocationRequirements"))]
    named = [name for name in where if name]
    return f"Remote ({', '.join(named)})" if named else "Remote"


def salary(node: Node, ref: Any) -> Salary:
    for key in ("baseSalary", "estimatedSalary"):
        for item in values(ref(node.get(key))):
            found = _salary(item, node)
            if found:
                return found
    return Salary()


def _salary(item: Any, node: Node) -> Salary:
    if not isinstance(item, Mapping):
        low_high = amounts(item)
        code = currency(node.get("salaryCurrency"), item)
        return _range(low_high, code, "")
    code = currency(item.get("currency"), node.get("salaryCurrency"), item.get("value"))
    unit = period(item.get("unitText"))
    value = item.get("value")
    for quantity in values(value) if isinstance(value, list) else [value]:
        if isinstance(quantity, Mapping):
            unit = period(quantity.get("unitText")) or unit
            low, high = amount(quantity.get("minValue")), amount(quantity.get("maxValue"))
            single = amounts(quantity.get("value"))
            found = _range([v for v in (low, high) if v is not None] or single, code, unit)
        else:
            found = _range(amounts(quantity), code, unit)
        if found:
            return found
    own = [v for v in (amount(item.get("minValue")), amount(item.get("maxValue"))) if v]
    return _range(own or amounts(item.get("median")), code, unit)


def _range(found: list[Any], code: str, unit: str) -> Salary:
    if not found:
        return Salary()
    low, high = min(found[:2]), max(found[:2])
    return Salary(minimum=low, maximum=high if high != low else None, currency=code, period=unit)


def _apply_url(node: Node, ref: Any, base_url: str) -> str:
    for action in values(ref(node.get("potentialAction"))):
        if isinstance(action, Mapping) and "ApplyAction" in type_names(action):
            target = ref(action.get("target"))
            for entry in values(target):
                url = (
                    entry.get("urlTemplate") or entry.get("url")
                    if isinstance(entry, Mapping)
                    else entry
                )
                if found := absolute_url(url, base_url):
                    return found
    for key in ("url", "sameAs", "mainEntityOfPage"):
        for url in _urls(ref(node.get(key))):
            if found := absolute_url(url, base_url):
                return found
    return ""


def _urls(value: Any) -> Iterator[Any]:
    for item in values(value):
        yield item.get("@id") or item.get("url") if isinstance(item, Mapping) else item


def absolute_url(value: Any, base_url: str) -> str:
    """An absolute http(s) URL, or "" for anything else (javascript:, mailto:, junk)."""
    if not isinstance(value, str) or not value.strip():
        return ""
    url = urljoin(base_url, value.strip()) if base_url else value.strip()
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc or len(url) > 2000:
        return ""
    return url
