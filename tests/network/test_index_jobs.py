"""Everyone's jobs are read with the network index, once per data version (no query of a
search reads them): a change to anyone's jobs, to a company, or to whom the user is in touch
with, made after the index was read, is in the next search."""

from __future__ import annotations

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from tests.network.warm_network import Network, names

from rapport.companies.merges import company_merge
from rapport.companies.services import company_save, employment_end
from rapport.imports.merge.merging import person_merge
from rapport.network.explain import PathKind
from rapport.people.models import Person


def test_a_search_reads_no_job_once_the_index_is_read(net: Network) -> None:
    dan = net.person("Dan Ortiz", relationship="close")
    net.job(dan, "Globex", "Engineer")
    net.job(dan, "Stripe", "Engineer")
    net.paths("Globex")
    with CaptureQueriesContext(connection) as second:
        stripe = net.paths("Stripe")
    assert [q["sql"] for q in second if "companies_employment" in q["sql"]] == []
    assert names(stripe) == [["Dan Ortiz"]]


def test_a_job_ended_since_the_index_was_read_is_no_longer_a_way_in(net: Network) -> None:
    dan = net.person("Dan Ortiz", relationship="close")
    job = net.job(dan, "Stripe", "Engineer", start=date(2020, 3, 1))
    assert net.paths("Stripe").paths[0].kind == PathKind.WORKS_THERE

    employment_end(employment=job, ended_on=date(2026, 10, 1))

    after = net.paths("Stripe")
    assert names(after) == [["Dan Ortiz"]]
    assert after.paths[0].kind == PathKind.ALUMNI
    assert not after.has_referral_path
    assert "used to work at Stripe as Engineer until 2026" in after.paths[0].explanation


def test_a_job_added_since_the_index_was_read_is_a_way_in(net: Network) -> None:
    net.job(net.person("Dan Ortiz", relationship="close"), "Stripe", "Engineer")
    assert names(net.paths("Stripe")) == [["Dan Ortiz"]]

    net.job(net.person("Erin Moss", relationship="close"), "Stripe", "Recruiter")

    assert names(net.paths("Stripe")) == [["Erin Moss"], ["Dan Ortiz"]]


def test_a_merged_persons_jobs_are_the_survivors(net: Network) -> None:
    dan = net.person("Dan Ortiz", relationship="close")
    copy = net.person("Daniel Ortiz")
    net.job(copy, "Stripe", "Engineer")
    assert names(net.paths("Stripe")) == [["Daniel Ortiz"]]

    person_merge(survivor=dan, absorbed=copy, evidence={})

    after = net.paths("Stripe")
    assert names(after) == [["Dan Ortiz"]]
    assert "close tie" in after.paths[0].factors


def test_a_merged_companys_people_work_at_the_survivor(net: Network) -> None:
    net.job(net.person("Dan Ortiz", relationship="close"), "Stripe", "Engineer")
    net.job(net.person("Erin Moss", relationship="close"), "Stripe Payments", "Recruiter")
    assert names(net.paths("Stripe")) == [["Dan Ortiz"]]

    company_merge(survivor=net.company("Stripe"), absorbed=net.company("Stripe Payments"))

    assert names(net.paths("Stripe")) == [["Erin Moss"], ["Dan Ortiz"]]


def _colleagues_at_globex(net: Network, *, talked: bool) -> Person:
    """Bruno and Carla worked together at Globex; Carla is a recruiter at Stripe now."""
    bruno = net.person("Bruno Lima")
    if talked:
        net.talk(bruno, on=date(2026, 11, 2))
    carla = net.person("Carla Dias")
    net.job(carla, "Stripe", "Recruiter")
    net.job(carla, "Globex", "Engineer", start=date(2019, 1, 1), end=date(2021, 6, 1))
    net.job(bruno, "Globex", "Analyst", start=date(2018, 1, 1), end=date(2022, 1, 1))
    return bruno


def _ways(net: Network, company: str) -> dict[tuple[str, ...], str]:
    """Every path's people and explanation, those folded under a better one too."""
    return {
        tuple(p.full_name for p in path.people): path.explanation
        for best in net.paths(company)
        for path in (best, *best.others)
    }


def test_a_company_renamed_since_the_index_was_read_is_named_anew(net: Network) -> None:
    _colleagues_at_globex(net, talked=True)
    before = _ways(net, "Stripe")[("Bruno Lima", "Carla Dias")]
    assert "Bruno and Carla worked together at Globex (2019-2021)" in before

    globex = net.company("Globex")
    globex.name = "Globex Labs"
    company_save(company=globex)

    after = _ways(net, "Stripe")[("Bruno Lima", "Carla Dias")]
    assert "Bruno and Carla worked together at Globex Labs (2019-2021)" in after


def test_a_colleague_the_user_talks_to_since_the_index_was_read_is_a_way_in(
    net: Network,
) -> None:
    bruno = _colleagues_at_globex(net, talked=False)
    assert list(_ways(net, "Stripe")) == [("Carla Dias",)]

    net.talk(bruno, on=date(2026, 11, 2))

    assert list(_ways(net, "Stripe")) == [("Bruno Lima", "Carla Dias"), ("Carla Dias",)]


def test_of_equal_jobs_there_the_latest_started_is_shown(net: Network) -> None:
    dan = net.person("Dan Ortiz", relationship="close")
    net.job(dan, "Stripe", "Engineer", start=date(2020, 1, 1))
    net.job(dan, "Stripe", "Analyst", start=date(2023, 1, 1))
    net.job(dan, "Stripe", "Designer")  # started on a day not known: after the others
    assert "works at Stripe as Analyst" in net.paths("Stripe").paths[0].explanation


def test_an_alumnus_is_shown_by_their_latest_job_there(net: Network) -> None:
    dan = net.person("Dan Ortiz", relationship="close")
    net.job(dan, "Stripe", "Intern", start=date(2015, 1, 1), end=date(2016, 1, 1))
    net.job(dan, "Stripe", "Engineer", start=date(2019, 1, 1), end=date(2021, 1, 1))
    explanation = net.paths("Stripe").paths[0].explanation
    assert "used to work at Stripe as Engineer until 2021" in explanation
