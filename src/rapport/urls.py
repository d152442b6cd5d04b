from django.urls import include, path

from rapport.api import urls as api
from rapport.companies import urls as companies
from rapport.front import urls as front
from rapport.network import urls as network
from rapport.opportunities import urls as opportunities
from rapport.people import urls as people

# Each concept's namespace holds its app's pages and the pages of `front` that show it with
# concepts from above it (docs/architecture.md), so `people:detail` names the person's page.
urlpatterns = [
    path("", include("rapport.front.urls")),
    path("", include("rapport.accounts.urls")),
    path("", include("rapport.core.urls")),
    path("people/", include((front.people_pages + people.urlpatterns, "people"))),
    path("companies/", include((front.companies_pages + companies.urlpatterns, "companies"))),
    path("conversations/", include("rapport.conversations.urls")),
    path(
        "opportunities/",
        include((front.opportunities_pages + opportunities.urlpatterns, "opportunities")),
    ),
    path("jobs/", include("rapport.postings.urls")),
    path("outreach/", include("rapport.outreach.urls")),
    path("network/", include((front.network_pages + network.urlpatterns, "network"))),
    path("search/", include("rapport.search.urls")),
    path("playbook/", include("rapport.playbook.urls")),
    path("cohort/", include("rapport.cohorts.urls")),
    path("coach/", include("rapport.coaching.urls")),
    path("imports/", include("rapport.imports.urls")),
    path("demo/", include("rapport.demo.urls")),
    path("inbox/", include("rapport.capture.urls")),
    path("settings/tokens/", include((api.token_pages, "tokens"))),
    path("settings/", include("rapport.exports.urls")),
    path("api/", include(api.urlpatterns)),
]

handler400 = "rapport.front.errors.bad_request"
