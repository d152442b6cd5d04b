"""Company knowledge shared with a cohort (#18, item 2): opt-in per item, edited or retracted
at any time, seen by the cohort's members on their page for the same company, in their prep
briefs and with their warm paths, and by nobody else."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.fixtures import Settings

from rapport.accounts.models import User
from rapport.cohorts.models import AuditAction, AuditEvent, Cohort, CohortShare, ShareKind
from rapport.cohorts.services import cohort_get_or_create, member_set
from rapport.cohorts.share_selectors import cohort_knowledge, shares_visible_to
from rapport.cohorts.shares import protocol_text, share_create, share_retract, share_update
from rapport.companies.models import ApplyOrder, Company
from rapport.companies.services import (
    company_find_or_create,
    company_set_referral_protocol,
    employment_add,
)
from rapport.core.versions import cache_clear
from rapport.exports.jsonexport import export_json
from rapport.exports.services import DataFileError, json_import
from rapport.people.models import Person
from rapport.playbook.prep import prep_brief


@pytest.fixture
def server_mode(settings: Settings) -> None:
    settings.LOCAL_MODE = False


@pytest.fixture
def spring(owner: User, other: User) -> Cohort:
    """Olivia (owner) and Mallory (other) are students in one cohort."""
    cohort, _ = cohort_get_or_create(name="Spring 2027")
    member_set(user=owner, role="student", cohorts=[cohort])
    member_set(user=other, role="student", cohorts=[cohort])
    return cohort


def _user(name: str) -> User:
    return User.objects.create_user(username=name, password="correct-horse-3")


def _company(owner: User, name: str) -> Company:
    return company_find_or_create(owner=owner, name=name)[0]


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _share(sharer: User, cohort: Cohort, company: Company, **values: object) -> CohortShare:
    fields: dict[str, object] = {"kind": ShareKind.INSIGHT, "text": "The data team hires in May."}
    return share_create(sharer=sharer, company=company, cohort=cohort, **{**fields, **values})


def _page(client: Client, company: Company) -> str:
    return client.get(reverse("companies:detail", args=[company.pk])).content.decode()


pytestmark = pytest.mark.usefixtures("server_mode")


def test_a_member_sees_a_share_on_their_own_page_for_the_same_company(
    owner: User, other: User, spring: Cohort
) -> None:
    _share(owner, spring, _company(owner, "Stripe"), text="Referrals go through the portal.")
    theirs = _company(other, "Stripe, Inc.")  # another spelling, the same key

    page = _page(_client(other), theirs)

    assert "What your cohort knows about Stripe, Inc." in page
    assert "Referrals go through the portal." in page
    assert "Shared by olivia" in page
    assert "Spring 2027" in page


def test_an_anonymous_share_does_not_say_who(owner: User, other: User, spring: Cohort) -> None:
    _share(owner, spring, _company(owner, "Stripe"), named=False, text="Avoid the night shift.")

    page = _page(_client(other), _company(other, "Stripe"))

    assert "Avoid the night shift." in page
    assert "Shared anonymously" in page
    assert "olivia" not in page.split("What your cohort knows")[1].split("</section>")[0]


def test_nobody_outside_the_cohort_nor_a_retracted_share_is_seen(
    owner: User, other: User, spring: Cohort
) -> None:
    share = _share(owner, spring, _company(owner, "Stripe"), text="Ask Ana for a referral.")
    outsider = _user("nina")  # on their own
    autumn, _ = cohort_get_or_create(name="Autumn 2027")
    elsewhere = _user("ella")  # a student of another cohort
    member_set(user=elsewhere, role="student", cohorts=[autumn])
    for user in (outsider, elsewhere):
        assert "Ask Ana for a referral." not in _page(_client(user), _company(user, "Stripe"))
        assert cohort_knowledge(user=user, company_key="stripe") == []

    share_retract(share=share)

    theirs = _company(other, "Stripe")
    assert "Ask Ana for a referral." not in _page(_client(other), theirs)
    assert cohort_knowledge(user=other, company_key="stripe") == []


def test_a_sharer_who_left_the_cohort_or_was_deactivated_is_no_longer_heard(
    owner: User, other: User, spring: Cohort
) -> None:
    _share(owner, spring, _company(owner, "Stripe"), text="Ask Ana for a referral.")
    autumn, _ = cohort_get_or_create(name="Autumn 2027")
    member_set(user=owner, role="student", cohorts=[autumn])
    assert cohort_knowledge(user=other, company_key="stripe") == []
    member_set(user=owner, role="student", cohorts=[spring, autumn])
    assert len(cohort_knowledge(user=other, company_key="stripe")) == 1
    owner.is_active = False
    owner.save()
    assert cohort_knowledge(user=other, company_key="stripe") == []


def test_local_mode_shows_and_reads_nothing(
    owner: User, other: User, spring: Cohort, settings: Settings
) -> None:
    _share(owner, spring, _company(owner, "Stripe"), text="Ask Ana for a referral.")
    theirs = _company(other, "Stripe")
    settings.LOCAL_MODE = True
    client = _client(other)
    with CaptureQueriesContext(connection) as queries:
        page = _page(client, theirs)
    assert "Ask Ana for a referral." not in page
    assert "What your cohort knows" not in page
    assert not [q for q in queries.captured_queries if "cohorts_" in q["sql"]]


def test_the_company_page_reads_cohort_knowledge_in_one_query(
    owner: User, other: User, spring: Cohort
) -> None:
    for name in ("Stripe", "Stripe Payments", "Canva"):
        company = _company(owner, name)
        _share(owner, spring, company, text=f"About {name}")
        _share(owner, spring, company, kind=ShareKind.WARNING, text="Slow", reason="Months")
    theirs = _company(other, "Stripe")
    client = _client(other)
    _page(client, theirs)  # sessions warmed
    cache_clear()  # the page computed, not kept

    with CaptureQueriesContext(connection) as queries:
        page = _page(client, theirs)

    assert "About Stripe" in page
    share_reads = [q["sql"] for q in queries.captured_queries if "cohorts_cohortshare" in q["sql"]]
    assert len(share_reads) == 1
    assert "company_key" in share_reads[0]


def test_sharing_a_referral_protocol_starts_from_the_companys_own_without_who_told_you(
    owner: User, other: User, spring: Cohort
) -> None:
    stripe = _company(owner, "Stripe")
    ana = Person.objects.create(owner=owner, full_name="Ana Souza", name_key="ana souza")
    company_set_referral_protocol(
        company=stripe,
        channel="Internal portal",
        steps="Send your CV to the referrer.",
        apply_order=ApplyOrder.REFERRAL_FIRST,
        learned_from=ana,
        learned_on=dt.date(2026, 11, 2),
    )
    client = _client(owner)
    form = client.get(reverse("cohorts:share_new", args=[stripe.pk])).content.decode()
    assert "Channel: Internal portal" in form
    assert "Ana Souza" not in form

    response = client.post(
        reverse("cohorts:share_new", args=[stripe.pk]),
        {"cohort": spring.pk, "kind": "protocol", "text": "", "reason": "", "named": "yes"},
    )

    assert response.status_code == 302
    share = CohortShare.objects.get()
    assert share.text == protocol_text(company=stripe)
    assert "Send your CV to the referrer." in share.text
    assert "Ana" not in share.text
    assert (share.company_key, share.cohort, share.sharer) == ("stripe", spring, owner)


def test_a_warning_needs_a_reason_and_bad_input_loses_nothing(owner: User, spring: Cohort) -> None:
    stripe = _company(owner, "Stripe")
    response = _client(owner).post(
        reverse("cohorts:share_new", args=[stripe.pk]),
        {"cohort": spring.pk, "kind": "warning", "text": "Do not go there.", "named": "no"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "A warning needs a reason" in page
    assert "Do not go there." in page  # what was typed is still in the form
    assert not CohortShare.objects.exists()
    with pytest.raises(ValidationError):
        _share(owner, spring, stripe, kind="warning", text="Bad", reason="  ")


def test_only_a_student_shares_about_their_own_company_with_their_own_cohort(
    owner: User, other: User, spring: Cohort
) -> None:
    theirs = _company(other, "Stripe")
    with pytest.raises(ValidationError):
        _share(owner, spring, theirs)
    autumn, _ = cohort_get_or_create(name="Autumn 2027")
    with pytest.raises(ValidationError):
        _share(owner, autumn, _company(owner, "Stripe"))
    coach = _user("carla")
    member_set(user=coach, role="coach", cohorts=[spring])
    mine = _company(coach, "Stripe")
    assert _client(coach).get(reverse("cohorts:share_new", args=[mine.pk])).status_code == 404
    # A student cannot share from someone else's company either.
    assert _client(owner).get(reverse("cohorts:share_new", args=[theirs.pk])).status_code == 404


def test_a_coach_of_the_cohort_reads_its_knowledge(owner: User, spring: Cohort) -> None:
    _share(owner, spring, _company(owner, "Stripe"), text="Hiring freeze until March.")
    coach = _user("carla")
    member_set(user=coach, role="coach", cohorts=[spring])
    page = _page(_client(coach), _company(coach, "Stripe"))
    assert "Hiring freeze until March." in page
    assert "Share what you know" not in page


def test_the_sharer_edits_and_retracts_and_every_act_is_logged_on_the_hub(
    owner: User, other: User, spring: Cohort
) -> None:
    stripe = _company(owner, "Stripe")
    share = _share(owner, spring, stripe, text="First version")
    client = _client(owner)

    edit = reverse("cohorts:share_edit", args=[share.pk])
    assert "First version" in client.get(edit).content.decode()
    response = client.post(
        edit, {"kind": "recommendation", "text": "Second version", "reason": "", "named": "no"}
    )
    assert response.status_code == 302
    theirs = _company(other, "Stripe")
    page = _page(_client(other), theirs)
    assert "Second version" in page
    assert "First version" not in page
    assert "Shared anonymously" in page

    client.post(reverse("cohorts:share_retract", args=[share.pk]))
    assert not CohortShare.objects.exists()
    assert "Second version" not in _page(_client(other), theirs)

    actions = list(AuditEvent.objects.filter(subject=owner).values_list("action", flat=True))
    assert actions[:3] == [
        AuditAction.SHARE_RETRACTED,
        AuditAction.SHARE_EDITED,
        AuditAction.SHARED,
    ]
    hub = client.get(reverse("cohorts:hub")).content.decode()
    assert "Retracted a share" in hub
    assert "Recommendation about Stripe, with Spring 2027 (anonymously)" in hub


def test_a_cohort_peer_cannot_edit_or_retract_someone_elses_share(
    owner: User, other: User, spring: Cohort
) -> None:
    share = _share(owner, spring, _company(owner, "Stripe"), text="Mine")
    peer = _client(other)
    edit = reverse("cohorts:share_edit", args=[share.pk])
    assert peer.get(edit).status_code == 404
    data = {"kind": "insight", "text": "Hijacked", "named": "yes"}
    assert peer.post(edit, data).status_code == 404
    assert peer.post(reverse("cohorts:share_retract", args=[share.pk])).status_code == 404
    share.refresh_from_db()
    assert share.text == "Mine"


def test_the_knowledge_page_lists_companies_the_member_does_not_have_and_adds_them(
    owner: User, other: User, spring: Cohort
) -> None:
    _share(owner, spring, _company(owner, "Canva"), text="Great mentoring.")
    client = _client(other)
    page = client.get(reverse("cohorts:knowledge")).content.decode()
    assert "Great mentoring." in page
    assert "Add Canva to my companies" in page

    response = client.post(reverse("cohorts:knowledge_add"), {"key": "canva"})

    canva = Company.objects.get(owner=other, name_key="canva")
    assert response["Location"] == reverse("companies:detail", args=[canva.pk])
    assert "Great mentoring." in _page(client, canva)
    assert client.post(reverse("cohorts:knowledge_add"), {"key": "acme"}).status_code == 404
    outsider = _client(_user("nina"))
    assert outsider.get(reverse("cohorts:knowledge")).status_code == 404
    assert outsider.post(reverse("cohorts:knowledge_add"), {"key": "canva"}).status_code == 404
    assert not Company.objects.filter(name_key="canva").exclude(owner__in=[owner, other]).exists()


def test_the_prep_brief_and_warm_paths_show_the_cohorts_knowledge(
    owner: User, other: User, spring: Cohort
) -> None:
    _share(owner, spring, _company(owner, "Stripe"), text="Ask for the data platform team.")
    stripe = _company(other, "Stripe")
    ana = Person.objects.create(owner=other, full_name="Ana Souza", name_key="ana souza")
    employment_add(person=ana, company=stripe, title="Engineer")
    client = _client(other)

    prep = client.get(reverse("playbook:prep", kwargs={"person_pk": ana.pk})).content.decode()
    paths = client.get(reverse("network:company_paths", args=[stripe.pk])).content.decode()

    for page in (prep, paths):
        assert "Ask for the data platform team." in page
        assert "Shared by olivia" in page


def test_the_prep_brief_reads_its_cohort_knowledge_in_one_query_and_local_mode_none(
    owner: User, other: User, spring: Cohort, settings: Settings
) -> None:
    _share(owner, spring, _company(owner, "Stripe"), text="Ask for the data platform team.")
    _share(owner, spring, _company(owner, "Canva"), text="Canva is hiring analysts.")
    ana = Person.objects.create(owner=other, full_name="Ana Souza", name_key="ana souza")
    for name in ("Stripe", "Canva", "Atlassian"):
        employment_add(person=ana, company=_company(other, name), title="Engineer")

    with CaptureQueriesContext(connection) as queries:
        brief = prep_brief(person=Person.objects.get(pk=ana.pk))
    reads = [q["sql"] for q in queries.captured_queries if "cohorts_cohortshare" in q["sql"]]

    assert [(k.company.name, [s.text for s in k.shares]) for k in brief.cohort] == [
        ("Canva", ["Canva is hiring analysts."]),
        ("Stripe", ["Ask for the data platform team."]),
    ]
    assert len(reads) == 1
    settings.LOCAL_MODE = True
    with CaptureQueriesContext(connection) as queries:
        assert prep_brief(person=Person.objects.get(pk=ana.pk)).cohort == []
    assert not [q for q in queries.captured_queries if "cohorts_" in q["sql"]]


def test_deleting_a_user_removes_their_shares(owner: User, other: User, spring: Cohort) -> None:
    _share(owner, spring, _company(owner, "Stripe"))
    kept = _share(other, spring, _company(other, "Stripe"))

    owner.delete()

    assert list(CohortShare.objects.all()) == [kept]
    assert [s.pk for s in cohort_knowledge(user=other, company_key="stripe")] == [kept.pk]


def test_a_share_outlives_the_sharers_company_and_is_still_theirs_to_retract(
    owner: User, other: User, spring: Cohort
) -> None:
    stripe = _company(owner, "Stripe")
    share = _share(owner, spring, stripe, text="Still true")
    stripe.delete()
    share.refresh_from_db()
    assert share.company is None
    assert [s.text for s in cohort_knowledge(user=other, company_key="stripe")] == ["Still true"]
    response = _client(owner).post(reverse("cohorts:share_retract", args=[share.pk]))
    assert response["Location"] == reverse("cohorts:knowledge")
    assert not CohortShare.objects.exists()


def test_editing_keeps_a_warnings_reason_rule(owner: User, spring: Cohort) -> None:
    share = _share(owner, spring, _company(owner, "Stripe"))
    with pytest.raises(ValidationError):
        share_update(share=share, kind="warning", text="Leave it", reason="")
    share.refresh_from_db()
    assert share.kind == ShareKind.INSIGHT


def test_the_export_lists_what_the_student_shared_and_an_import_shares_nothing_again(
    owner: User, other: User, spring: Cohort, tmp_path: Path
) -> None:
    stripe = _company(owner, "Stripe")
    _share(owner, spring, stripe, text="Hiring in May.", named=False)
    _share(other, spring, _company(other, "Canva"), text="Not mine")
    path = tmp_path / "export.json"
    path.write_bytes(export_json(owner=owner))

    shares = json.loads(path.read_bytes())["cohort_shares"]

    assert [(s["company"], s["company_name"], s["text"]) for s in shares] == [
        ("company:1", "Stripe", "Hiring in May.")
    ]
    assert (shares[0]["cohort"], shares[0]["kind"], shares[0]["named"]) == (
        "Spring 2027",
        "insight",
        False,
    )
    fresh = _user("fresh")
    out = StringIO()
    call_command("importjson", str(path), "--user", "fresh", stdout=out)
    assert "1 thing you had shared with a cohort was not shared again" in out.getvalue()
    assert Company.objects.filter(owner=fresh, name_key="stripe").exists()
    assert not CohortShare.objects.filter(sharer=fresh).exists()
    report = json_import(owner=_user("again"), path=path)
    assert report["cohort_shares"]["skipped"] == 1


def test_an_export_without_shares_round_trips_and_a_damaged_shares_section_is_refused(
    owner: User, tmp_path: Path
) -> None:
    _company(owner, "Stripe")
    path = tmp_path / "export.json"
    path.write_bytes(export_json(owner=owner))
    assert json.loads(path.read_bytes())["cohort_shares"] == []
    fresh = _user("fresh")
    json_import(owner=fresh, path=path)
    assert export_json(owner=fresh) == path.read_bytes()

    document = json.loads(path.read_bytes())
    document["cohort_shares"] = {"not": "a list"}
    path.write_text(json.dumps(document))
    with pytest.raises(DataFileError, match="cohort_shares: should be a list"):
        json_import(owner=_user("third"), path=path)
    assert not Company.objects.filter(owner__username="third").exists()


def _plan(sql: str, params: tuple[object, ...]) -> str:
    """The database's plan for a query, as text: SQLite's query plan, PostgreSQL's EXPLAIN
    with sequential scans discouraged (its tables here are small enough to read whole)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            cursor.execute("SET LOCAL enable_seqscan = on")
            return plan
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


def test_reading_a_companys_cohort_knowledge_goes_through_the_cohort_company_index(
    owner: User, other: User, spring: Cohort
) -> None:
    autumn, _ = cohort_get_or_create(name="Autumn 2027")
    CohortShare.objects.bulk_create(
        CohortShare(
            sharer=owner,
            cohort=spring if n < 200 else autumn,
            company_key=f"company {n % 50}",
            company_name=f"Company {n % 50}",
            kind=ShareKind.INSIGHT,
            text="x",
        )
        for n in range(400)
    )
    with CaptureQueriesContext(connection) as queries:
        found = cohort_knowledge(user=other, company_key="company 7")
    assert len(found) == 4  # spring's only
    assert len(queries.captured_queries) == 1
    query = shares_visible_to(other).filter(company_key="company 7").query
    sql, params = query.sql_with_params()
    assert "share_cohort_company" in _plan(sql, params)


def test_the_knowledge_page_shows_the_latest_companies_a_page_at_a_time(
    owner: User, other: User, spring: Cohort
) -> None:
    for n in range(30):
        _share(owner, spring, _company(owner, f"Company {n:02}"), text=f"Insight {n:02}.")
    _company(other, "Company 29")  # the reader's own: a link, not an "Add" button
    client = _client(other)
    first = client.get(reverse("cohorts:knowledge")).content.decode()
    assert "30 companies, the latest shared first." in first
    assert "Insight 29." in first
    assert "Insight 05." in first
    assert "Insight 04." not in first
    assert "Add Company 29 to my companies" not in first
    assert "Page 1 of 2" in first
    second = client.get(reverse("cohorts:knowledge"), {"page": 2}).content.decode()
    assert "Insight 04." in second
    assert "Insight 00." in second
    assert "Insight 05." not in second
    assert "Add Company 00 to my companies" in second
    beyond = client.get(reverse("cohorts:knowledge"), {"page": "99"}).content.decode()
    assert "Page 2 of 2" in beyond  # past the end: the last page
