"""The pipeline board: a column per stage, and moving cards along with or without htmx."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from rapport.accounts.models import User
from rapport.companies.services import company_find_or_create, employment_add
from rapport.conversations.services import conversation_log
from rapport.opportunities.models import Opportunity, Stage
from rapport.opportunities.services import opportunity_create
from rapport.people.services import person_create, person_resolve

BOARD = reverse("opportunities:board")


def _opportunity(
    owner: User, title: str = "Data Analyst", company: str = "Stripe", **fields: object
) -> Opportunity:
    return opportunity_create(
        owner=owner,
        company=company_find_or_create(owner=owner, name=company)[0],
        title=title,
        **fields,  # type: ignore[arg-type]
    )


def test_the_board_has_a_column_per_open_stage_in_order(client_owner: Client, owner: User) -> None:
    _opportunity(owner)
    page = client_owner.get(BOARD).content.decode()
    headings = [
        f'id="column-{stage}"'
        for stage in [
            "lead",
            "researching",
            "connected",
            "referred",
            "applied",
            "interviewing",
            "offer",
        ]
    ]
    positions = [page.index(h) for h in headings]
    assert positions == sorted(positions)
    assert page.index('id="column-offer"') < page.index('id="closed-heading"')
    assert 'id="column-accepted"' not in page


def test_a_card_shows_its_company_source_and_hidden_badge(
    client_owner: Client, owner: User
) -> None:
    ana = person_create(owner=owner, full_name="Ana Souza")
    opportunity = _opportunity(owner, advertised=False, source_person=ana)
    page = client_owner.get(BOARD).content.decode()
    assert reverse("opportunities:detail", args=[opportunity.pk]) in page
    assert reverse("companies:detail", args=[opportunity.company.pk]) in page
    assert 'class="badge hidden-lead">hidden<' in page
    assert "Ana Souza" in page
    assert f'action="{reverse("opportunities:move", args=[opportunity.pk])}"' in page


def test_closed_opportunities_sit_below_the_board(client_owner: Client, owner: User) -> None:
    _opportunity(owner, title="Old Job", stage=Stage.REJECTED)
    page = client_owner.get(BOARD).content.decode()
    assert page.index("Old Job") > page.index('id="closed-heading"')


def test_an_empty_board_explains_where_leads_come_from(client_owner: Client) -> None:
    page = client_owner.get(BOARD).content.decode()
    assert "Log a conversation and record a lead" in page
    assert reverse("opportunities:create") in page


def test_moving_a_card_without_javascript_redirects_back(client_owner: Client, owner: User) -> None:
    opportunity = _opportunity(owner)
    response = client_owner.post(
        reverse("opportunities:move", args=[opportunity.pk]), {"stage": "referred"}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == BOARD
    opportunity.refresh_from_db()
    assert opportunity.stage == Stage.REFERRED


def test_applying_before_talking_to_anyone_there_asks_for_confirmation(
    client_owner: Client, owner: User
) -> None:
    opportunity = _opportunity(owner)
    url = reverse("opportunities:move", args=[opportunity.pk])
    response = client_owner.post(url, {"stage": "applied"})
    confirm = reverse("playbook:confirm_apply", args=[opportunity.pk])
    assert response.headers["Location"].startswith(confirm)
    htmx = client_owner.post(url, {"stage": "applied"}, HTTP_HX_REQUEST="true")
    assert htmx.headers["HX-Redirect"].startswith(confirm)
    opportunity.refresh_from_db()
    assert opportunity.stage == Stage.LEAD


def test_applying_after_talking_to_someone_there_moves_at_once(
    client_owner: Client, owner: User
) -> None:
    opportunity = _opportunity(owner)
    insider, _ = person_resolve(owner=owner, text="Ines Insider")
    employment_add(person=insider, company=opportunity.company, title="Engineer")
    conversation_log(
        owner=owner,
        occurred_on=timezone.localdate() - dt.timedelta(days=3),  # recent: it counts
        channel="call",
        participants=[insider.full_name],
    )
    response = client_owner.post(
        reverse("opportunities:move", args=[opportunity.pk]), {"stage": "applied"}
    )
    assert response.headers["Location"] == BOARD
    opportunity.refresh_from_db()
    assert opportunity.stage == Stage.APPLIED


def test_moving_a_card_with_htmx_returns_the_board(client_owner: Client, owner: User) -> None:
    opportunity = _opportunity(owner)
    response = client_owner.post(
        reverse("opportunities:move", args=[opportunity.pk]),
        {"stage": "interviewing"},
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith('<div id="board">')
    assert "<html" not in page
    opportunity.refresh_from_db()
    assert opportunity.stage == Stage.INTERVIEWING
    interviewing = page[page.index('id="column-interviewing"') : page.index('id="column-offer"')]
    assert "Data Analyst" in interviewing


def test_moving_back_to_the_page_it_came_from(client_owner: Client, owner: User) -> None:
    opportunity = _opportunity(owner)
    detail = reverse("opportunities:detail", args=[opportunity.pk])
    response = client_owner.post(
        reverse("opportunities:move", args=[opportunity.pk]), {"stage": "referred", "next": detail}
    )
    assert response.headers["Location"] == detail


def test_moving_never_redirects_off_site(client_owner: Client, owner: User) -> None:
    opportunity = _opportunity(owner)
    response = client_owner.post(
        reverse("opportunities:move", args=[opportunity.pk]),
        {"stage": "referred", "next": "https://evil.example/"},
    )
    assert response.headers["Location"] == BOARD


def test_an_unknown_stage_changes_nothing(client_owner: Client, owner: User) -> None:
    opportunity = _opportunity(owner)
    client_owner.post(reverse("opportunities:move", args=[opportunity.pk]), {"stage": "hired"})
    opportunity.refresh_from_db()
    assert opportunity.stage == Stage.LEAD


def test_moving_needs_a_post(client_owner: Client, owner: User) -> None:
    opportunity = _opportunity(owner)
    assert client_owner.get(reverse("opportunities:move", args=[opportunity.pk])).status_code == 405


def test_the_board_costs_the_same_queries_however_full_it_is(
    client_owner: Client, owner: User
) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            client_owner.get(BOARD)
        return len(captured)

    ana = person_create(owner=owner, full_name="Ana Souza")
    _opportunity(owner, source_person=ana)
    few = queries()
    for index in range(6):
        _opportunity(owner, title=f"Job {index}", company=f"Company {index}", source_person=ana)
    assert queries() == few


def test_the_board_shows_only_the_owners_opportunities(
    client_owner: Client, owner: User, other: User
) -> None:
    _opportunity(other, title="Secret Job")
    page = client_owner.get(BOARD).content.decode()
    assert "Secret Job" not in page


def test_the_stage_filter_shows_one_stage_and_ignores_an_unknown_one(
    client_owner: Client, owner: User
) -> None:
    _opportunity(owner, title="Data Analyst")
    _opportunity(owner, title="Analytics Engineer", stage=Stage.APPLIED)
    page = client_owner.get(BOARD, {"stage": "applied"}).content.decode()
    assert 'id="column-applied"' in page
    assert 'id="column-lead"' not in page
    assert "Analytics Engineer" in page
    assert '<option value="applied" selected>Applied (1)</option>' in page
    everything = client_owner.get(BOARD, {"stage": "nonsense"}).content.decode()
    assert 'id="column-lead"' in everything
    assert 'id="column-applied"' in everything


def test_a_move_on_a_filtered_board_returns_the_same_stage(
    client_owner: Client, owner: User
) -> None:
    lead = _opportunity(owner, title="Data Analyst")
    _opportunity(owner, title="Analytics Engineer")
    response = client_owner.post(
        reverse("opportunities:move", args=[lead.pk]),
        {"stage": "researching", "shown": "lead"},
        headers={"HX-Request": "true"},
    )
    page = response.content.decode()
    assert "Analytics Engineer" in page
    assert "Data Analyst" not in page
    assert 'id="column-researching"' not in page
