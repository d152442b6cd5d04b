"""What the index holds: one document per person, company, conversation and opportunity.

A document is a title (weighted high when ranking), a body and a recency. Both databases
build documents from the same SQL below; only the aggregate function differs
(`group_concat` on SQLite, `string_agg` on PostgreSQL). Feeds list every table whose rows
end up in some document's text, so that the triggers of each database can follow them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from rapport.core.text import TRANSLITERATED

SEPARATOR = " · "


class Kind(IntEnum):
    PERSON = 1
    COMPANY = 2
    CONVERSATION = 3
    OPPORTUNITY = 4

    @property
    def slug(self) -> str:
        return self.name.lower()

    @classmethod
    def from_slug(cls, slug: str) -> Kind:
        return cls[slug.upper()]


def transliterated_sql(expression: str) -> str:
    """`expression` with the letters `core.text.transliterate` rewrites rewritten the same
    way ("Łukasz" -> "Lukasz"): the tokenizers of both databases fold accents, never these."""
    for letter, plain in TRANSLITERATED:
        expression = f"replace({expression}, '{letter}', '{plain}')"
    return expression


def with_spelling(title: str, body: str) -> str:
    """`body`, then the title and the body again as keyboards without the letters that
    `transliterated_sql` rewrites spell them, each only if that changes it: so "lukasz"
    finds "Łukasz" on SQLite too."""
    again = " || ".join(
        # Most text has none of those letters: the twenty replace() calls are skipped. None
        # of them is ASCII, and most text is ASCII alone, as its length in characters equal
        # to its length in bytes tells: a test much cheaper than the GLOB's, which tries the
        # letters at every character (a third of the time to index a heavy user's people).
        f"CASE WHEN length({part}) < length(CAST({part} AS BLOB)) "
        f"AND {part} GLOB '*[{_TRANSLITERATED_LETTERS}]*' "
        f"THEN coalesce('{SEPARATOR}' || nullif({transliterated_sql(part)}, {part}), '') "
        "ELSE '' END"
        for part in (title, body)
    )
    return f"{body} || {again}"


_TRANSLITERATED_LETTERS = "".join(letter for letter, _ in TRANSLITERATED)


def _listed(expression: str, source: str, order: str, separator: str = ", ") -> str:
    """A correlated subquery listing `expression` over the rows of `source`, by `order`.

    PostgreSQL's string_agg takes the order (without it, a conversation's title could name
    its people in another order from one refresh to the next); SQLite's group_concat
    (before 3.44) cannot, and lists the rows in the order it reads them: `order` is chosen as
    the order of the index it reads them by, and left in a comment there."""
    return f"(SELECT {{agg}}({expression}, '{separator}'{{by}}{order}{{end}}) FROM {source})"


def _joined(*parts: str) -> str:
    """Concatenate the non-empty parts with SEPARATOR (concat_ws is too new in SQLite 3.40)."""
    pieces = " || ".join(f"coalesce('{SEPARATOR}' || nullif({part}, ''), '')" for part in parts)
    return f"substr({pieces}, {len(SEPARATOR) + 1})"


@dataclass(frozen=True)
class Document:
    """How to build the document of `kind` from the row `src` of `table` (SQL templates)."""

    kind: Kind
    table: str
    title: str
    body: str
    recency: str

    def columns(self, agg: str) -> tuple[str, str, str]:
        """Recency, title and body as SQL, with the database's string aggregate
        ("string_agg" takes an ORDER BY; "group_concat" gets it as a comment)."""
        by, end = (" ORDER BY ", "") if agg == "string_agg" else (" /* in the order of ", " */")
        return (
            self.recency,
            self.title.format(agg=agg, by=by, end=end),
            self.body.format(agg=agg, by=by, end=end),
        )


_JOBS = _listed(
    "c.name || coalesce(' (' || nullif(e.title, '') || ')', '')",
    "companies_employment e JOIN companies_company c ON c.id = e.company_id"
    " WHERE e.person_id = src.id",
    "e.id",
)
_TAGS = _listed(
    "t.name",
    "people_person_tags pt JOIN people_tag t ON t.id = pt.tag_id WHERE pt.person_id = src.id",
    "pt.tag_id",
)
_CONTACTS = _listed("cp.value", "people_contactpoint cp WHERE cp.person_id = src.id", "cp.id")
_ALIASES = _listed("a.name", "companies_companyalias a WHERE a.company_id = src.id", "a.id")
_PARTICIPANTS = _listed(
    "p.full_name",
    "conversations_conversation_participants cp JOIN people_person p ON p.id = cp.person_id"
    " WHERE cp.conversation_id = src.id",
    "cp.person_id",
)
_DISCUSSED = _listed(
    "c.name",
    "conversations_conversation_companies cc JOIN companies_company c ON c.id = cc.company_id"
    " WHERE cc.conversation_id = src.id",
    "cc.company_id",
)
_OUTCOMES = _listed(
    "o.text", "conversations_outcome o WHERE o.conversation_id = src.id", "o.id", SEPARATOR
)
_COMPANY_NAME = "(SELECT c.name FROM companies_company c WHERE c.id = src.company_id)"

DOCUMENTS: dict[Kind, Document] = {
    Kind.PERSON: Document(
        kind=Kind.PERSON,
        table="people_person",
        title="src.full_name",
        body=_joined("src.headline", _JOBS, "src.location", _TAGS, _CONTACTS, "src.notes"),
        recency="src.updated_at",
    ),
    Kind.COMPANY: Document(
        kind=Kind.COMPANY,
        table="companies_company",
        title="src.name",
        body=_joined(
            _ALIASES,
            "src.website",
            "src.referral_channel",
            "src.referral_steps",
            "src.status_reason",
            "src.notes",
        ),
        recency="src.updated_at",
    ),
    Kind.CONVERSATION: Document(
        kind=Kind.CONVERSATION,
        table="conversations_conversation",
        title=f"coalesce({_PARTICIPANTS}, '')",
        body=_joined(_DISCUSSED, "src.notes", _OUTCOMES),
        recency="src.occurred_on",
    ),
    Kind.OPPORTUNITY: Document(
        kind=Kind.OPPORTUNITY,
        table="opportunities_opportunity",
        title=f"src.title || coalesce(' at ' || {_COMPANY_NAME}, '')",
        body=_joined("src.referral_channel", "src.url", "src.description", "src.tailoring_notes"),
        recency="src.updated_at",
    ),
}


@dataclass(frozen=True)
class Feed:
    """Rows of `table` feed the documents of `kind` whose ids `ids` selects.

    `ids` is a SELECT yielding a column `id`, written over `{row}` (the NEW or OLD row);
    `link` names the column holding that id when it is one (a foreign key to the document).
    `own` marks the table the documents are built from. An update refreshes the documents
    only when one of `watch` changed (any column when empty); `rename_only` feeds react to
    updates alone (a company's new name changes the documents of the people who work there).
    """

    name: str
    table: str
    kind: Kind
    ids: str = "SELECT {row}.id AS id"
    link: str = ""
    own: bool = False
    watch: tuple[str, ...] = ()
    rename_only: bool = False


def _link(name: str, table: str, kind: Kind, column: str, *watch: str) -> Feed:
    ids = f"SELECT {{row}}.{column} AS id"
    return Feed(name, table, kind, ids, link=column, watch=(column, *watch))


def _rename(name: str, table: str, kind: Kind, ids: str, column: str = "name") -> Feed:
    return Feed(name, table, kind, ids, watch=(column,), rename_only=True)


FEEDS: tuple[Feed, ...] = (
    Feed("person", "people_person", Kind.PERSON, own=True),
    _link("person_contact", "people_contactpoint", Kind.PERSON, "person_id", "value"),
    _link("person_tagging", "people_person_tags", Kind.PERSON, "person_id", "tag_id"),
    _rename(
        "person_tag_name",
        "people_tag",
        Kind.PERSON,
        "SELECT person_id AS id FROM people_person_tags WHERE tag_id = {row}.id",
    ),
    _link("person_job", "companies_employment", Kind.PERSON, "person_id", "company_id", "title"),
    _rename(
        "person_job_name",
        "companies_company",
        Kind.PERSON,
        "SELECT person_id AS id FROM companies_employment WHERE company_id = {row}.id",
    ),
    Feed("company", "companies_company", Kind.COMPANY, own=True),
    _link("company_alias", "companies_companyalias", Kind.COMPANY, "company_id", "name"),
    Feed("conversation", "conversations_conversation", Kind.CONVERSATION, own=True),
    _link("conv_outcome", "conversations_outcome", Kind.CONVERSATION, "conversation_id", "text"),
    _link(
        "conv_participant",
        "conversations_conversation_participants",
        Kind.CONVERSATION,
        "conversation_id",
        "person_id",
    ),
    _link(
        "conv_company",
        "conversations_conversation_companies",
        Kind.CONVERSATION,
        "conversation_id",
        "company_id",
    ),
    _rename(
        "conv_person_name",
        "people_person",
        Kind.CONVERSATION,
        "SELECT conversation_id AS id FROM conversations_conversation_participants"
        " WHERE person_id = {row}.id",
        column="full_name",
    ),
    _rename(
        "conv_company_name",
        "companies_company",
        Kind.CONVERSATION,
        "SELECT conversation_id AS id FROM conversations_conversation_companies"
        " WHERE company_id = {row}.id",
    ),
    Feed("opportunity", "opportunities_opportunity", Kind.OPPORTUNITY, own=True),
    _rename(
        "opportunity_company_name",
        "companies_company",
        Kind.OPPORTUNITY,
        "SELECT id FROM opportunities_opportunity WHERE company_id = {row}.id",
    ),
)
