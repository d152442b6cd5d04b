from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse, set_script_prefix

from rapport.accounts.models import User
from rapport.companies.models import Company, Employment
from rapport.companies.services import company_find_or_create, employment_add
from rapport.conversations.models import Introduction, IntroductionState, OutcomeKind
from rapport.conversations.services import OutcomeInput, conversation_log
from rapport.core.text import fold
from rapport.people.models import ContactKind, Person, Relationship
from rapport.people.services import (
    person_create,
    person_save,
    person_set_contact_points,
    person_set_tags,
)

DAY = dt.date(2026, 11, 20)


@pytest.fixture
def ana(owner: User) -> Person:
    return person_create(owner=owner, full_name="Ana Souza", headline="Head of Data")


def _form(**overrides: str) -> dict[str, str]:
    data = {
        "full_name": "Bo Lindqvist",
        "first_name": "",
        "last_name": "",
        "headline": "Analytics engineer",
        "location": "Malmö",
        "linkedin_url": "https://www.linkedin.com/in/bo-lindqvist/",
        "how_we_met": "PyCon 2024",
        "connected_on": "2024-05-17",
        "introduced_by": "",
        "relationship": Relationship.ACTIVE,
        "cadence_days": "30",
        "contact_points": "bo@example.com\n+46 70 123 45 67",
        "tags": "data, Sweden",
        "notes": "Likes **dbt**.",
    }
    data.update(overrides)
    return data


# The list


def test_the_people_list_shows_name_headline_job_tags_and_last_contact(
    client_owner: Client, owner: User, ana: Person
) -> None:
    stripe, _ = company_find_or_create(owner=owner, name="Stripe")
    employment_add(person=ana, company=stripe, title="Data lead")
    person_set_tags(person=ana, names=["mentor"])
    conversation_log(owner=owner, occurred_on=DAY, channel="coffee", participants=[str(ana)])

    html = client_owner.get(reverse("people:list")).content.decode()

    assert "Ana Souza" in html
    assert "Head of Data" in html
    assert "Stripe" in html
    assert "mentor" in html
    assert "20 Nov 2026" in html


@pytest.fixture
def site_prefix() -> Iterator[str]:
    """Rapport served under a path of its own, as a WSGI server sets it for each request."""
    set_script_prefix("/rapport/")
    yield "/rapport"
    set_script_prefix("/")


def test_the_people_list_links_each_person_and_employer_under_the_sites_prefix(
    client_owner: Client, owner: User, ana: Person, site_prefix: str
) -> None:
    stripe, _ = company_find_or_create(owner=owner, name="Stripe")
    employment_add(person=ana, company=stripe)
    carl = person_create(owner=owner, full_name="Carl Other")

    html = client_owner.get("/people/").content.decode()

    assert f'<a href="{site_prefix}/people/{ana.pk}/">Ana Souza</a>' in html
    assert f'<a href="{site_prefix}/people/{carl.pk}/">Carl Other</a>' in html
    assert f'<a href="{site_prefix}/companies/{stripe.pk}/">Stripe</a>' in html


def test_the_empty_people_list_teaches_what_to_do(client_owner: Client) -> None:
    response = client_owner.get(reverse("people:list"))
    assert "Add someone you know" in response.content.decode()


@pytest.mark.parametrize("query", ["souza", "head of", "stripe"])
def test_the_people_list_searches_names_headlines_and_companies(
    client_owner: Client, owner: User, ana: Person, query: str
) -> None:
    stripe, _ = company_find_or_create(owner=owner, name="Stripe")
    employment_add(person=ana, company=stripe)
    person_create(owner=owner, full_name="Carl Other", headline="Baker")

    people = client_owner.get(reverse("people:list"), {"q": query}).context["people"]

    assert [person["id"] for person in people] == [ana.pk]


def test_the_people_list_filters_by_tag(client_owner: Client, owner: User, ana: Person) -> None:
    person_set_tags(person=ana, names=["Alumni"])
    person_create(owner=owner, full_name="Carl Other")

    people = client_owner.get(reverse("people:list"), {"tag": "Alumni"}).context["people"]

    assert [person["id"] for person in people] == [ana.pk]


def test_the_people_list_paginates_fifty_at_a_time(client_owner: Client, owner: User) -> None:
    names = [f"Person {i:03d}" for i in range(51)]
    Person.objects.bulk_create(
        Person(owner=owner, full_name=name, name_key=fold(name)) for name in names
    )

    first = client_owner.get(reverse("people:list"))
    second = client_owner.get(reverse("people:list"), {"page": 2})

    assert [p["full_name"] for p in first.context["people"]] == names[:50]
    assert [p["full_name"] for p in second.context["people"]] == names[50:]
    assert "Page 1 of 2" in first.content.decode()
    assert "page=2" in first.content.decode()


def test_the_people_list_needs_the_same_queries_for_a_bigger_page(
    client_owner: Client, owner: User, ana: Person
) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            client_owner.get(reverse("people:list"))
        return len(captured)

    before = queries()
    stripe, _ = company_find_or_create(owner=owner, name="Stripe")
    for i in range(5):
        person = person_create(owner=owner, full_name=f"Extra {i}")
        employment_add(person=person, company=stripe)
        person_set_tags(person=person, names=["x"])

    assert queries() == before


def test_an_htmx_search_returns_only_the_results(client_owner: Client, ana: Person) -> None:
    response = client_owner.get(reverse("people:list"), {"q": "ana"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results">')
    assert "Ana Souza" in html
    assert "<html" not in html


# Create and edit


def test_the_new_person_form_offers_type_ahead_for_the_introducer(client_owner: Client) -> None:
    html = client_owner.get(reverse("people:create")).content.decode()
    assert 'list="id_introduced_by-options"' in html
    assert f'hx-get="{reverse("people:suggest")}"' in html
    assert '<datalist id="id_introduced_by-options">' in html


def test_adding_a_person_saves_everything_the_form_holds(
    client_owner: Client, owner: User, ana: Person
) -> None:
    response = client_owner.post(
        reverse("people:create"), _form(introduced_by=f"Ana Souza (#{ana.pk})")
    )

    bo = Person.objects.get(owner=owner, full_name="Bo Lindqvist")
    assert response.status_code == 302
    assert response["Location"] == reverse("people:detail", args=[bo.pk])
    assert (bo.first_name, bo.last_name) == ("Bo", "Lindqvist")
    assert bo.introduced_by == ana
    assert bo.cadence_days == 30
    assert bo.linkedin_key == "linkedin.com/in/bo-lindqvist"
    assert {(c.kind, c.value) for c in bo.contact_points.all()} == {
        (ContactKind.EMAIL, "bo@example.com"),
        (ContactKind.PHONE, "+46 70 123 45 67"),
    }
    assert sorted(t.name for t in bo.tags.all()) == ["Sweden", "data"]
    assert bo.connected_on == dt.date(2024, 5, 17)
    page = client_owner.get(response["Location"]).content.decode()
    assert '<dt>Connected</dt><dd><time datetime="2024-05-17">17 May 2024</time></dd>' in page


def test_the_introducer_can_be_typed_by_name_without_javascript(
    client_owner: Client, owner: User, ana: Person
) -> None:
    client_owner.post(reverse("people:create"), _form(introduced_by="ana souza"))
    assert Person.objects.get(owner=owner, full_name="Bo Lindqvist").introduced_by == ana


def test_editing_a_person_updates_them_and_splits_a_new_name(
    client_owner: Client, owner: User, ana: Person
) -> None:
    response = client_owner.post(
        reverse("people:edit", args=[ana.pk]),
        _form(full_name="Ana Maria Souza", linkedin_url="", contact_points="", tags="mentor"),
    )

    assert response.status_code == 302
    ana.refresh_from_db()
    assert ana.full_name == "Ana Maria Souza"
    assert (ana.first_name, ana.last_name) == ("Ana Maria", "Souza")
    assert ana.headline == "Analytics engineer"
    assert [t.name for t in ana.tags.all()] == ["mentor"]


def test_the_edit_form_shows_what_is_known(client_owner: Client, owner: User, ana: Person) -> None:
    bo = person_create(owner=owner, full_name="Bo Lindqvist", introduced_by=ana)
    person_set_tags(person=bo, names=["data", "Sweden"])

    form = client_owner.get(reverse("people:edit", args=[bo.pk])).context["form"]

    assert form.initial["introduced_by"] == f"Ana Souza (#{ana.pk})"
    assert form.initial["tags"] == "Sweden, data"


def test_the_edit_page_renders_every_field_of_its_form(
    client_owner: Client, owner: User, ana: Person
) -> None:
    """A field the form has but the page leaves out would be emptied by every save."""
    ana.connected_on = dt.date(2021, 3, 7)
    ana.save()

    response = client_owner.get(reverse("people:edit", args=[ana.pk]))

    html = response.content.decode()
    for name in response.context["form"].fields:
        assert f'name="{name}"' in html, name
    assert 'name="connected_on" value="2021-03-07"' in html


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"full_name": ""}, "full_name"),
        ({"linkedin_url": "not a url"}, "linkedin_url"),
        ({"linkedin_url": "https://example.com/bo"}, "linkedin_url"),
        ({"cadence_days": "-5"}, "cadence_days"),
        ({"relationship": "enemy"}, "relationship"),
        ({"introduced_by": "Nobody We Know"}, "introduced_by"),
    ],
)
def test_invalid_input_shows_a_field_error_and_writes_nothing(
    client_owner: Client, owner: User, overrides: dict[str, str], field: str
) -> None:
    response = client_owner.post(reverse("people:create"), _form(**overrides))

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Person.objects.filter(owner=owner).exists()


def test_a_linkedin_url_already_used_by_another_of_my_people_is_refused(
    client_owner: Client, owner: User, ana: Person
) -> None:
    ana.linkedin_url = "https://linkedin.com/in/bo-lindqvist"
    person_save(person=ana)

    response = client_owner.post(reverse("people:create"), _form())

    assert (
        "Another person already has this LinkedIn URL."
        in response.context["form"].errors["linkedin_url"]
    )
    assert Person.objects.filter(owner=owner).count() == 1


def test_an_invalid_edit_changes_nothing(client_owner: Client, owner: User, ana: Person) -> None:
    response = client_owner.post(
        reverse("people:edit", args=[ana.pk]), _form(full_name="Ana", cadence_days="-1")
    )

    assert response.status_code == 200
    assert "Edit Ana Souza" in response.content.decode()
    ana.refresh_from_db()
    assert ana.full_name == "Ana Souza"
    assert not ana.contact_points.exists()


def test_nobody_can_be_their_own_introducer(client_owner: Client, ana: Person) -> None:
    response = client_owner.post(
        reverse("people:edit", args=[ana.pk]),
        _form(full_name="Ana Souza", introduced_by=f"Ana Souza (#{ana.pk})"),
    )
    assert "introduced_by" in response.context["form"].errors
    ana.refresh_from_db()
    assert ana.introduced_by is None


# Delete


def test_deleting_a_person_asks_first_and_deletes_on_post(
    client_owner: Client, owner: User, ana: Person
) -> None:
    url = reverse("people:delete", args=[ana.pk])

    confirm = client_owner.get(url)
    assert "Delete Ana Souza?" in confirm.content.decode()
    assert Person.objects.filter(pk=ana.pk).exists()

    response = client_owner.post(url)
    assert response["Location"] == reverse("people:list")
    assert not Person.objects.filter(pk=ana.pk).exists()


# Detail


def test_the_person_page_shows_their_story(client_owner: Client, owner: User, ana: Person) -> None:
    ana.location = "Lisbon"
    ana.linkedin_url = "https://www.linkedin.com/in/ana-souza"
    ana.how_we_met = "Former colleague"
    ana.save()
    stripe, _ = company_find_or_create(owner=owner, name="Stripe")
    employment_add(person=ana, company=stripe, title="Data lead")
    person_set_contact_points(person=ana, values=["ana@example.com", "+351 912 345 678"])
    conversation = conversation_log(
        owner=owner,
        occurred_on=DAY,
        channel="coffee",
        participants=[str(ana)],
        outcomes=[
            OutcomeInput(kind=OutcomeKind.ADVICE, text="Learn dbt"),
            OutcomeInput(kind=OutcomeKind.NAME, person="Bo Lindqvist"),
            OutcomeInput(kind=OutcomeKind.GAVE, text="Shared my notes on Airflow"),
        ],
    )
    carl = person_create(owner=owner, full_name="Carl Berg", introduced_by=ana)

    response = client_owner.get(reverse("people:detail", args=[ana.pk]))
    html = response.content.decode()

    assert f"{reverse('conversations:log')}?with={ana.pk}" in html
    assert "Log a conversation with Ana" in html
    assert 'href="mailto:ana@example.com"' in html
    assert 'href="tel:+351912345678"' in html
    assert 'href="https://www.linkedin.com/in/ana-souza"' in html
    assert "Former colleague" in html
    assert "Lisbon" in html
    assert "Data lead" in html
    assert reverse("companies:detail", args=[stripe.pk]) in html
    assert reverse("conversations:detail", args=[conversation.pk]) in html
    assert "Learn dbt" in html
    assert "Ana gave you (2)" in html
    assert "You gave Ana (1)" in html
    assert "Shared my notes on Airflow" in html
    bo = Person.objects.get(owner=owner, full_name="Bo Lindqvist")
    assert reverse("people:detail", args=[bo.pk]) in html
    assert IntroductionState.OFFERED.label in html
    assert reverse("people:detail", args=[carl.pk]) in html
    assert "20 Nov 2026" in html


def test_the_person_page_links_to_their_introducer(
    client_owner: Client, owner: User, ana: Person
) -> None:
    bo = person_create(owner=owner, full_name="Bo Lindqvist", introduced_by=ana)
    html = client_owner.get(reverse("people:detail", args=[bo.pk])).content.decode()
    assert "Introduced by" in html
    assert reverse("people:detail", args=[ana.pk]) in html


def test_the_person_page_needs_the_same_queries_however_many_conversations(
    client_owner: Client, owner: User, ana: Person
) -> None:
    def log() -> None:
        conversation_log(
            owner=owner,
            occurred_on=DAY,
            channel="call",
            participants=[str(ana), "Someone Else"],
            companies=["Stripe"],
            outcomes=[OutcomeInput(kind=OutcomeKind.INSIGHT, company="Stripe", text="x")],
        )

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            client_owner.get(reverse("people:detail", args=[ana.pk]))
        return len(captured)

    log()
    before = queries()
    for _ in range(4):
        log()
    assert queries() == before


def test_markdown_notes_are_sanitised(client_owner: Client, ana: Person) -> None:
    ana.notes = "**Kind**\n\n<script>alert('x')</script>\n\n[bad](javascript:alert(1))"
    ana.save()

    html = client_owner.get(reverse("people:detail", args=[ana.pk])).content.decode()

    assert "<strong>Kind</strong>" in html
    assert "<script>alert" not in html
    assert 'href="javascript' not in html


# Jobs


def test_adding_a_job_finds_the_company_by_any_spelling(
    client_owner: Client, owner: User, ana: Person
) -> None:
    stripe, _ = company_find_or_create(owner=owner, name="Stripe")

    response = client_owner.post(
        reverse("people:employment_add", args=[ana.pk]),
        {"company": "Stripe, Inc.", "title": "Data lead", "started_on": "2024-03-01"},
    )

    assert response.status_code == 302
    job = Employment.objects.get(person=ana)
    assert (job.company, job.title, job.is_current) == (stripe, "Data lead", True)
    assert job.started_on == dt.date(2024, 3, 1)


def test_a_job_is_never_at_another_users_company(
    client_owner: Client, owner: User, other: User, ana: Person
) -> None:
    theirs, _ = company_find_or_create(owner=other, name="Canva")

    client_owner.post(reverse("people:employment_add", args=[ana.pk]), {"company": "Canva"})

    job = Employment.objects.get(person=ana)
    assert job.company != theirs
    assert job.company.owner == owner


def test_an_invalid_job_shows_errors_and_writes_nothing(
    client_owner: Client, owner: User, ana: Person
) -> None:
    response = client_owner.post(
        reverse("people:employment_add", args=[ana.pk]),
        {"company": "Stripe", "started_on": "2024-03-01", "ended_on": "2023-01-01"},
    )

    assert response.status_code == 200
    assert "ended_on" in response.context["employment_form"].errors
    assert not Employment.objects.exists()
    assert not Company.objects.filter(owner=owner).exists()


def test_ending_a_job_keeps_it_as_a_former_one(
    client_owner: Client, owner: User, ana: Person
) -> None:
    stripe, _ = company_find_or_create(owner=owner, name="Stripe")
    job = employment_add(person=ana, company=stripe, started_on=dt.date(2020, 1, 1))

    client_owner.post(
        reverse("people:employment_end", args=[ana.pk, job.pk]),
        {f"end-{job.pk}-ended_on": "2025-06-30"},
    )

    job.refresh_from_db()
    assert (job.is_current, job.ended_on) == (False, dt.date(2025, 6, 30))


def test_a_job_cannot_end_before_it_starts(client_owner: Client, owner: User, ana: Person) -> None:
    stripe, _ = company_find_or_create(owner=owner, name="Stripe")
    job = employment_add(person=ana, company=stripe, started_on=dt.date(2020, 1, 1))

    response = client_owner.post(
        reverse("people:employment_end", args=[ana.pk, job.pk]),
        {f"end-{job.pk}-ended_on": "2019-01-01"},
        follow=True,
    )

    assert "cannot end before it starts" in response.content.decode()
    job.refresh_from_db()
    assert job.is_current


def test_a_job_is_ended_only_through_its_own_person(
    client_owner: Client, owner: User, ana: Person
) -> None:
    bo = person_create(owner=owner, full_name="Bo Lindqvist")
    stripe, _ = company_find_or_create(owner=owner, name="Stripe")
    job = employment_add(person=bo, company=stripe)

    response = client_owner.post(
        reverse("people:employment_end", args=[ana.pk, job.pk]),
        {f"end-{job.pk}-ended_on": "2025-06-30"},
    )

    assert response.status_code == 404
    job.refresh_from_db()
    assert job.is_current


# Type-ahead


def test_the_suggestions_read_the_value_an_htmx_input_sends(
    client_owner: Client, ana: Person
) -> None:
    by_q = client_owner.get(reverse("people:suggest"), {"q": "ana"}).content.decode()
    by_field = client_owner.get(reverse("people:suggest"), {"introduced_by": "ana"})
    assert f'value="Ana Souza (#{ana.pk})"' in by_q
    assert by_field.content.decode() == by_q


def test_introductions_show_their_state(client_owner: Client, owner: User, ana: Person) -> None:
    bo = person_create(owner=owner, full_name="Bo Lindqvist")
    Introduction.objects.create(
        owner=owner, introducer=ana, introduced=bo, state=IntroductionState.THANKED
    )
    html = client_owner.get(reverse("people:detail", args=[ana.pk])).content.decode()
    assert "Thanked and reported back" in html
