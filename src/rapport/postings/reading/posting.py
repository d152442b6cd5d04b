"""What a posting says, as plain values: the result of reading a page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum


class ReadFrom(StrEnum):
    """Where the posting's details were read, best first."""

    JSON_LD = "json-ld"
    MICRODATA = "microdata"
    OPENGRAPH = "opengraph"
    TITLE = "title"
    NOTHING = "nothing"
    FORM = "form"

    @property
    def is_structured(self) -> bool:
        return self in {ReadFrom.JSON_LD, ReadFrom.MICRODATA}

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    ReadFrom.JSON_LD: "the page's JobPosting data (JSON-LD)",
    ReadFrom.MICRODATA: "the page's JobPosting data (microdata)",
    ReadFrom.OPENGRAPH: "the page's sharing tags (OpenGraph)",
    ReadFrom.TITLE: "the page's title",
    ReadFrom.NOTHING: "nothing on the page",
    ReadFrom.FORM: "the form",
}


@dataclass(frozen=True)
class Salary:
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    currency: str = ""  # ISO 4217, or "" when the page does not say
    period: str = ""  # "hour", "day", "week", "month", "year" or ""

    def __bool__(self) -> bool:
        return self.minimum is not None or self.maximum is not None


@dataclass(frozen=True)
class PostingData:
    title: str = ""
    company: str = ""
    location: str = ""
    remote: bool = False
    employment_type: str = ""
    salary: Salary = field(default_factory=Salary)
    date_posted: dt.date | None = None
    valid_through: dt.date | None = None
    description: str = ""  # safe HTML (see reading.description)
    apply_url: str = ""
    source_url: str = ""

    def filled(self) -> list[str]:
        """The names of the fields that hold something."""
        return [name for name, value in vars(self).items() if value]

    def merged(self, fallback: PostingData) -> PostingData:
        """These values, with `fallback`'s where these are empty."""
        return replace(
            self,
            **{name: getattr(fallback, name) for name, value in vars(self).items() if not value},
        )


@dataclass(frozen=True)
class Reading:
    """A page, read: its posting and how much of it the page said."""

    posting: PostingData
    read_from: ReadFrom
    postings_on_page: int = 0  # JobPostings found; the one that matches the page is used

    @property
    def missing(self) -> list[str]:
        """What must still be filled in before the posting can be saved."""
        return [name for name in ("title", "company") if not getattr(self.posting, name)]

    @property
    def complete(self) -> bool:
        """Read from structured data with a title and a company: safe to save as it is."""
        return self.read_from.is_structured and not self.missing
