"""Company keys: the spellings of one company meet under one key, and no others do; the
migration that gave stored companies the new keys merged those that now meet."""

from __future__ import annotations

import datetime as dt
from importlib import import_module

import pytest
from django.apps import apps
from django.utils import timezone
from tests.search.search_factories import alias, conversation, job, person

from rapport.accounts.models import User
from rapport.companies.models import (
    ApplyOrder,
    Company,
    CompanyAlias,
    Employment,
    TargetStatus,
)
from rapport.conversations.models import Outcome, OutcomeKind
from rapport.core.text import company_key
from rapport.imports.models import ChangeEvent, ImportBatch, ImportRecord, Position
from rapport.network.models import IntroductionRequest
from rapport.opportunities.models import Opportunity
from rapport.search.selectors import search

recompute = import_module("rapport.companies.migrations.0003_company_keys_recomputed")


@pytest.mark.parametrize(
    "spellings",
    [
        (
            "The Gates Foundation",
            "Gates Foundation",
            "Gates Foundation, The",
            "THE GATES FOUNDATION",
        ),
        ("Gates Foundation (The)", "Gates Foundation Inc., The", "The  Gates Foundation"),
        # A trailing bracket that abbreviates the name goes.
        (
            "Amazon Web Services (AWS)",
            "Amazon Web Services",
            "Amazon Web Services [AWS]",
            "Amazon Web Services (aws)",
            "Amazon Web Services (A.W.S.)",
            "Amazon Web Services, Inc. (AWS)",
        ),
        ("International Business Machines (IBM)", "International Business Machines Corp."),
        ("Bank of America (BofA)", "Bank of America (BoA)", "Bank of America"),
        ("Procter & Gamble (P&G)", "Procter and Gamble (P&G)", "Procter & Gamble"),
        ("The Home Depot (THD)", "Home Depot"),
        ("University of California (UC)", "University of California"),
        # So does one that holds a legal form; a place stays, bracketed or not.
        ("Foo Labs (Pty) Ltd", "Foo Labs Pty Ltd", "Foo Labs (Ltd)", "Foo Labs"),
        ("Foo Labs (UK) Ltd", "Foo Labs Ltd (UK)", "Foo Labs (UK)", "Foo Labs UK Limited"),
        ("News Corp", "News Corporation", "News Corp.", "News"),
        ("News UK", "News UK Ltd", "News UK Limited"),
        ("Siemens AG", "Siemens"),
        ("SAP SE", "SAP"),
        ("Telefonica S.A.", "Telefonica"),
        ("Mercadona S.L.", "Mercadona"),
        ("Foo (Pty) Ltd", "Foo Pty Ltd", "Foo (Ltd.)", "Foo"),
        # Any other stays, as words of the name: closed, cut short by an export, or none.
        (
            "University of California (UCLA)",
            "University of California [UCLA]",
            "University of California (UCLA",
            "University of California UCLA",
        ),
        ("Foo Labs (acquired by Bar)", "Foo Labs (acquired by Bar", "Foo Labs acquired by Bar"),
        ("Ernst & Young", "Ernst and Young", "Ernst&Young", "Ernst + Young", "Ernst & Young LLP"),
        ("Procter & Gamble Co.", "Procter and Gamble", "Procter &amp; Gamble", "Procter & Gamble"),
        ("AT&T", "AT and T", "AT&T Inc.", "AT & T"),
        ("A+E Networks", "A&E Networks", "A and E Networks"),
        ("The Home Depot, Inc.", "Home Depot"),
    ],
)
def test_spellings_of_one_company_share_a_key(spellings: tuple[str, ...]) -> None:
    assert len({company_key(spelling) for spelling in spellings}) == 1, [
        company_key(spelling) for spelling in spellings
    ]


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Amazon Web Services (AWS)", "amazon web services"),
        ("Bank of America (BofA)", "bank of america"),
        ("University of California (UCLA)", "university of california ucla"),
        ("University of California (UC Berkeley)", "university of california uc berkeley"),
        ("Foo Labs (AWS) (acquired by Bar)", "foo labs aws acquired by bar"),
        ("Foo (Bar", "foo bar"),
        ("Foo (Bar) [Baz", "foo bar baz"),
        ("Foo ()", "foo"),
        ("Foo (US)", "foo us"),  # a country is no legal form
        ("Bank of America (BOFA)", "bank of america bofa"),  # a small word is spelled out small
        ("Microsoft (MS)", "microsoft ms"),  # the initials of every word, not of a word's parts
        ("The Gates Foundation", "gates foundation"),
        ("Ernst & Young", "ernst and young"),
        ("AT&T", "at and t"),
        ("Johnson & Johnson", "johnson and johnson"),
        ("& Other Stories", "and other stories"),
        ("Foo (Bar) Baz", "foo (bar) baz"),  # a bracket inside the name is part of it
        # Nothing but an affix: the key keeps the letters rather than become empty.
        ("The", "the"),
        ("The, The", "the"),
        ("(AWS)", "aws"),
        ("[Stealth startup]", "stealth startup"),
        ("The (AWS)", "aws"),
        ("Inc.", "inc"),
        ("Theranos", "theranos"),  # only the word "The" goes
        ("Mothership", "mothership"),
        ("C++ Guild", "c++ guild"),  # a plus not between two words stays
        ("Google+ Team", "google+ team"),
    ],
)
def test_a_company_key(name: str, key: str) -> None:
    assert company_key(name) == key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Meta", "Metabase"),
        ("Apple", "Apple Bank"),
        ("Foo (Bar) Baz", "Foo Baz"),
        ("Ernst & Young", "Ernst Young"),
        ("Johnson & Johnson", "Johnson"),
        ("Theranos", "Ranos"),
        ("Bank of America", "America"),
        ("University of California (UCLA)", "University of California (UC Berkeley)"),
        ("University of California (UCLA)", "University of California"),
        ("University of California (UCLA)", "University of California (UCL"),
        ("Foo Labs (acquired by Bar)", "Foo Labs"),
        ("Foo (US)", "Foo (Germany)"),
        ("Amazon Web Services (AWS)", "Amazon Web Services (Seattle)"),
        # A place or a word cleanco lists among legal forms tells two companies apart.
        ("News Corp", "News UK"),
        ("Foo Labs", "Foo Labs (UK)"),
        ("Amazon Web Services (AWS)", "Amazon Web Services (AWS) (UK)"),
        ("Foo", "Foo EU"),
        ("Foo", "Foo CA"),
        ("Foo", "Foo NL"),
        ("Foo", "Foo PT"),
        ("Foo Bank", "Foo Bank UK"),
        ("Acme", "Acme Ent"),
        ("Acme", "Acme Private"),
    ],
)
def test_other_companies_keep_other_keys(a: str, b: str) -> None:
    assert company_key(a) != company_key(b)


def _balanced(key: str) -> bool:
    depth = {"(": 0, "[": 0, "{": 0}
    closers = {")": "(", "]": "[", "}": "{"}
    for char in key:
        if char in depth:
            depth[char] += 1
        elif char in closers:
            depth[closers[char]] -= 1
            if depth[closers[char]] < 0:
                return False
    return not any(depth.values())


@pytest.mark.parametrize(
    "name",
    [
        "Amazon Web Services (AWS)",
        "Foo (Bar",
        "Foo Bar)",
        "Fo)o Bar",
        "Foo (Bar (Baz))",
        "Foo [Bar (Baz]",
        "(AWS",
        "((Foo)",
        "Foo ((Bar) Baz",
        "Foo Ltd (",
        "Foo) (Bar",
        "Foo }{ Bar",
    ],
)
def test_a_key_never_has_unbalanced_brackets(name: str) -> None:
    key = company_key(name)
    assert _balanced(key), key
    assert key


@pytest.mark.parametrize(
    "name", ["Foo (Ba", "University of California (UC Berk", "Foo [Bar", "Foo {", "Foo ( Bar"]
)
def test_a_bracket_cut_short_leaves_no_bracket(name: str) -> None:
    key = company_key(name)
    assert not set(key) & set("()[]{}"), key
    assert key.startswith(company_key(name.split()[0]))


@pytest.mark.parametrize("name", ["The", "(The)", "The ()", ", The", "&", "Co.", "LLC", "(Inc.)"])
def test_a_name_with_letters_never_gets_an_empty_key(name: str) -> None:
    assert any(char.isalnum() for char in company_key(name))


def test_a_name_without_letters_keeps_its_folded_self() -> None:
    assert company_key("()") == "()"
    assert company_key("+") == "+"
    assert company_key(".com") == ".com"


# The migration ---------------------------------------------------------------------------


def stored(owner: User, name: str, key: str, *, days_ago: int = 0, **fields: object) -> Company:
    """A company as an earlier version stored it, under the key that version gave it."""
    company = Company.objects.create(owner=owner, name=name, name_key=key, **fields)
    created = timezone.now() - dt.timedelta(days=days_ago)
    Company.objects.filter(pk=company.pk).update(created_at=created)
    return company


def everything(owner: User) -> list[tuple[object, ...]]:
    companies = Company.objects.filter(owner=owner).order_by("pk")
    aliases = CompanyAlias.objects.filter(owner=owner).order_by("pk")
    return [
        *companies.values_list("pk", "name", "name_key", "notes", "target_status"),
        *aliases.values_list("pk", "company_id", "name"),
    ]


@pytest.mark.django_db
def test_every_company_gets_the_key_of_its_name(owner: User) -> None:
    aws = stored(owner, "Amazon Web Services (AWS)", "amazon web services (aws")
    ey = stored(owner, "Ernst & Young", "ernst & young")
    stripe = stored(owner, "Stripe, Inc.", "stripe")

    recompute.recompute_company_keys(apps, None)

    keys = dict(Company.objects.values_list("pk", "name_key"))
    assert keys == {aws.pk: "amazon web services", ey.pk: "ernst and young", stripe.pk: "stripe"}
    assert not CompanyAlias.objects.exists()


@pytest.mark.django_db
def test_a_place_stored_as_a_legal_form_gets_its_own_key_back(owner: User) -> None:
    keep_places = import_module("rapport.companies.migrations.0004_company_keys_keep_places")
    news_uk = stored(owner, "News UK", "news")
    news_corp = stored(owner, "News Corp Europe", "news corp europe")

    keep_places.recompute.recompute_company_keys(apps, None)

    keys = dict(Company.objects.values_list("pk", "name_key"))
    assert keys == {news_uk.pk: "news uk", news_corp.pk: "news corp europe"}
    assert company_key("News Corp") != keys[news_uk.pk]


@pytest.mark.django_db
def test_a_key_still_held_by_a_company_about_to_change_is_freed_first(owner: User) -> None:
    # "Bar" was stored under "acme web services" (a key from some older rule): it moves to
    # "bar", and "Acme Web Services (AWS)" takes "acme web services". One company at a time,
    # the first would clash with the second.
    acme = stored(owner, "Acme Web Services (AWS)", "acme web services (aws")
    bar = stored(owner, "Bar", "acme web services")

    recompute.recompute_company_keys(apps, None)

    keys = dict(Company.objects.values_list("pk", "name_key"))
    assert keys == {acme.pk: "acme web services", bar.pk: "bar"}


@pytest.fixture
def gates(owner: User, other: User) -> dict[str, object]:
    """Three spellings of one foundation, each with things of its own."""
    newer = stored(
        owner,
        "Gates Foundation",
        "gates foundation",
        days_ago=10,
        notes="Ask about the policy team.",
        website="https://gatesfoundation.org",
        referral_channel="Internal portal",
        referral_steps="Send the CV to a referrer",
        target_status=TargetStatus.AVOID,
        status_reason="Slow process",
    )
    oldest = stored(
        owner,
        "The Gates Foundation",
        "the gates foundation",
        days_ago=30,
        target_status=TargetStatus.TARGET,
        priority=1,
        notes="Mission matters to me.",
    )
    sorted_name = stored(owner, "Gates Foundation, The", "gates foundation, the", days_ago=20)
    theirs = stored(other, "The Gates Foundation", "the gates foundation")
    alias(newer, "Gates Fdn")
    alias(newer, "The Gates Foundation")  # the survivor's own name: no alias of it
    alias(oldest, "BMGF")
    alias(sorted_name, "BMGF")  # the survivor has it already

    ana, bo = person(owner, "Ana Souza"), person(owner, "Bo Lind")
    job(ana, newer, "Program Officer")
    job(bo, sorted_name, "Analyst", current=False)
    both = conversation(owner, "Coffee about both", with_=[ana], about=[oldest, newer])
    only = conversation(owner, "Coffee about the newer", with_=[bo], about=[newer])
    Outcome.objects.create(
        owner=owner, conversation=only, kind=OutcomeKind.LEAD, text="Apply", company=newer
    )
    Opportunity.objects.create(owner=owner, company=newer, title="Program Officer")
    Opportunity.objects.create(owner=owner, company=sorted_name, title="Analyst")
    asked = {"introducer": ana, "target": bo, "asked_on": dt.date(2026, 10, 1)}
    IntroductionRequest.objects.create(owner=owner, company=oldest, message="first", **asked)
    IntroductionRequest.objects.create(owner=owner, company=newer, message="again", **asked)
    batch = ImportBatch.objects.create(owner=owner, kind="linkedin")
    ImportRecord.objects.create(
        owner=owner,
        batch=batch,
        source="linkedin",
        record_type="contact",
        source_key="ana",
        outcome="created",
        company=newer,
    )
    ChangeEvent.objects.create(
        owner=owner,
        person=bo,
        occurred_on=dt.date(2026, 9, 1),
        old_company=sorted_name,
        new_company=newer,
    )
    Position.objects.create(owner=owner, company=newer, title="Intern", source_key="p1")
    return {
        "oldest": oldest,
        "gone": [newer.pk, sorted_name.pk],
        "theirs": theirs,
        "conversations": (both, only),
    }


@pytest.mark.django_db
def test_companies_whose_keys_now_meet_become_the_oldest_one(
    owner: User, gates: dict[str, object]
) -> None:
    oldest = gates["oldest"]
    assert isinstance(oldest, Company)

    recompute.recompute_company_keys(apps, None)

    assert list(Company.objects.filter(owner=owner)) == [oldest]
    survivor = Company.objects.get(pk=oldest.pk)
    assert survivor.name == "The Gates Foundation"
    assert survivor.name_key == "gates foundation"
    aliases = CompanyAlias.objects.filter(company=survivor).values_list("name", flat=True)
    assert sorted(aliases) == ["BMGF", "Gates Fdn", "Gates Foundation", "Gates Foundation, The"]
    # Everything that pointed at the others points at the survivor.
    assert set(Employment.objects.values_list("company_id", flat=True)) == {survivor.pk}
    assert set(Opportunity.objects.values_list("company_id", flat=True)) == {survivor.pk}
    assert list(Outcome.objects.values_list("company_id", flat=True)) == [survivor.pk]
    assert list(ImportRecord.objects.values_list("company_id", flat=True)) == [survivor.pk]
    assert list(Position.objects.values_list("company_id", flat=True)) == [survivor.pk]
    event = ChangeEvent.objects.get()
    assert (event.old_company_id, event.new_company_id) == (survivor.pk, survivor.pk)
    for talk in gates["conversations"]:  # type: ignore[attr-defined]
        assert list(talk.companies.all()) == [survivor]
    # The same ask twice is one ask: the survivor's stays.
    assert list(IntroductionRequest.objects.values_list("message", flat=True)) == ["first"]
    # What the survivor lacked, it has from the others; what it had, it keeps, and what the
    # others said otherwise is in its notes.
    assert survivor.target_status == TargetStatus.TARGET
    assert survivor.priority == 1
    assert survivor.status_reason == ""
    assert survivor.website == "https://gatesfoundation.org"
    assert survivor.referral_channel == "Internal portal"
    assert survivor.referral_steps == "Send the CV to a referrer"
    assert survivor.notes == (
        "Mission matters to me.\n\nAsk about the policy team.\n\n"
        'Merged from "Gates Foundation": was marked to avoid — Slow process'
    )
    # Another user's company is theirs alone.
    theirs = gates["theirs"]
    assert isinstance(theirs, Company)
    assert Company.objects.get(pk=theirs.pk).name_key == "gates foundation"


@pytest.mark.django_db
def test_running_the_migration_again_changes_nothing(owner: User, gates: dict[str, object]) -> None:
    recompute.recompute_company_keys(apps, None)
    once = everything(owner)
    recompute.recompute_company_keys(apps, None)
    assert everything(owner) == once


@pytest.mark.django_db
def test_a_survivor_without_a_status_takes_the_others_whole(owner: User) -> None:
    old = stored(owner, "Acme Web Services (AWS)", "acme web services (aws", days_ago=2)
    new = stored(
        owner,
        "Acme Web Services",
        "acme web services",
        target_status=TargetStatus.AVOID,
        status_reason="Layoffs",
        website="https://acme.example",
    )
    stored(
        owner,
        "Acme Web Services [AWS]",
        "acme web services [aws",
        days_ago=1,
        website="https://old.acme.example",
    )

    recompute.recompute_company_keys(apps, None)

    survivor = Company.objects.get()
    assert survivor.pk == old.pk
    assert (survivor.target_status, survivor.status_reason) == (TargetStatus.AVOID, "Layoffs")
    assert survivor.website == "https://old.acme.example"  # the older fills a blank first
    assert new.name in set(survivor.aliases.values_list("name", flat=True))
    # The newer's website is another one: kept in the notes.
    assert survivor.notes == (
        'Merged from "Acme Web Services": its website was https://acme.example'
    )


@pytest.mark.django_db
def test_the_search_index_follows_the_merge(owner: User) -> None:
    kept = stored(owner, "Amazon Web Services", "amazon web services", days_ago=5)
    merged = stored(owner, "Amazon Web Services (AWS)", "amazon web services (aws")
    alias(merged, "Amazon AWS Cloud")
    ana = person(owner, "Ana Souza")
    job(ana, merged, "Engineer")

    recompute.recompute_company_keys(apps, None)

    companies = search(owner=owner, query="amazon", types=["company"])
    assert [(hit.id, hit.title) for hit in companies.hits] == [(kept.pk, "Amazon Web Services")]
    for word in ["cloud", "aws"]:  # an alias moved, and the merged company's name
        assert [hit.id for hit in search(owner=owner, query=word, types=["company"]).hits] == [
            kept.pk
        ]
    people = search(owner=owner, query="ana", types=["person"], company="Amazon Web Services (AWS)")
    assert [hit.id for hit in people.hits] == [ana.pk]
    assert people.hits[0].snippet == "Amazon Web Services (Engineer)"  # the job moved


@pytest.mark.django_db
def test_campuses_told_apart_by_their_brackets_stay_apart(owner: User) -> None:
    ucla = stored(owner, "University of California (UCLA)", "university of california (ucla")
    berkeley = stored(
        owner,
        "University of California (UC Berkeley)",
        "university of california (uc berkeley",
        target_status=TargetStatus.TARGET,
    )
    professor = person(owner, "Ines Ortega")
    job(professor, ucla, "Professor")

    recompute.recompute_company_keys(apps, None)

    keys = dict(Company.objects.values_list("pk", "name_key"))
    assert keys == {
        ucla.pk: "university of california ucla",
        berkeley.pk: "university of california uc berkeley",
    }
    assert list(Employment.objects.values_list("company_id", flat=True)) == [ucla.pk]
    assert Company.objects.get(pk=ucla.pk).target_status == TargetStatus.NONE
    assert not CompanyAlias.objects.exists()


@pytest.mark.django_db
def test_a_target_merged_with_a_company_to_avoid_keeps_both(owner: User) -> None:
    ana, bo = person(owner, "Ana Souza"), person(owner, "Bo Lind")
    talk = conversation(owner, "Coffee", with_=[ana], on=dt.date(2026, 10, 3))
    kept = stored(
        owner,
        "Acme Web Services",
        "acme web services",
        days_ago=3,
        target_status=TargetStatus.TARGET,
        priority=2,
        status_reason="Great team",
        status_by=bo,
        notes="Met them at a meetup.",
    )
    stored(
        owner,
        "Acme Web Services (AWS)",
        "acme web services (aws",
        target_status=TargetStatus.AVOID,
        status_reason="Slow hiring",
        status_by=ana,
        status_conversation=talk,
        notes="Ana's team left.",
    )

    recompute.recompute_company_keys(apps, None)

    survivor = Company.objects.get()
    assert survivor.pk == kept.pk
    assert (survivor.target_status, survivor.priority) == (TargetStatus.TARGET, 2)
    assert (survivor.status_reason, survivor.status_by) == ("Great team", bo)
    assert survivor.status_conversation is None
    assert survivor.notes == (
        "Met them at a meetup.\n\nAna's team left.\n\n"
        'Merged from "Acme Web Services (AWS)": was marked to avoid — Slow hiring '
        "(warned against by Ana Souza, in your conversation of 3 Oct 2026)"
    )


@pytest.mark.django_db
def test_what_two_companies_say_otherwise_is_kept_in_the_notes(owner: User) -> None:
    ana, bo = person(owner, "Ana Souza"), person(owner, "Bo Lind")
    kept = stored(
        owner,
        "Acme Web Services",
        "acme web services",
        days_ago=3,
        target_status=TargetStatus.TARGET,
        priority=1,
        website="https://acme.example",
        referral_channel="Internal portal",
    )
    stored(
        owner,
        "The Acme Web Services",
        "the acme web services",
        target_status=TargetStatus.TARGET,
        priority=2,
        status_reason="Good pay",  # the survivor had no reason: it takes this one
        status_by=bo,
        website="https://acme.example",  # the same website says nothing new
        careers_url="https://jobs.acme.example",
        referral_channel="Ask Ana",
        referral_steps="Send her the job link",
        referral_apply_order=ApplyOrder.REFERRAL_FIRST,
        referral_learned_from=ana,
        referral_learned_on=dt.date(2026, 9, 1),
    )

    recompute.recompute_company_keys(apps, None)

    survivor = Company.objects.get()
    assert survivor.pk == kept.pk
    assert (survivor.priority, survivor.status_reason, survivor.status_by) == (1, "Good pay", bo)
    assert survivor.careers_url == "https://jobs.acme.example"
    assert (survivor.referral_channel, survivor.referral_steps) == ("Internal portal", "")
    assert survivor.referral_apply_order == ApplyOrder.UNKNOWN
    assert survivor.notes == (
        'Merged from "The Acme Web Services": was a target (priority 2) — Good pay '
        "(recommended by Bo Lind); its referral route was: through Ask Ana; "
        "Send her the job link; get the referral before applying "
        "(learnt from Ana Souza on 1 Sep 2026)"
    )


def test_every_field_a_user_fills_in_is_merged() -> None:
    """A field added to Company must be merged too (or said here to need no merging)."""
    bookkeeping = {"id", "owner_id", "created_at", "updated_at", "name_key", "source"}
    merged = {"name", "notes", *recompute.STATUS, *recompute.REFERRAL, *recompute.SINGLE}
    fields = {field.attname for field in Company._meta.concrete_fields}
    assert fields - bookkeeping == merged


def test_a_company_keys_its_own_name_so_spellings_meet() -> None:
    company = Company(name="Stripe, Inc.")
    company.set_name_key()
    other = Company(name="stripe")
    other.set_name_key()
    assert company.name_key == other.name_key != ""
