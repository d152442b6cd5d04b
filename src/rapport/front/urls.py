"""The home page, and the pages that `urls.py` (the root) mounts in other apps' namespaces."""

from django.urls import URLPattern, path

from rapport.front import companies, network, opportunities, people
from rapport.playbook.views import today

app_name = "front"
urlpatterns = [
    # The home page is the playbook's Today page: what to do next.
    path("", today, name="home"),
]

# Pages that show a concept with others above it, named in the concept's own namespace.
people_pages: list[URLPattern] = [
    path("", people.person_list, name="list"),
    path("new/", people.person_create, name="create"),
    path("suggest/", people.suggest, name="suggest"),
    path("<int:pk>/", people.person_detail, name="detail"),
    path("<int:pk>/jobs/", people.employment_add_view, name="employment_add"),
    path(
        "<int:pk>/jobs/<int:employment_pk>/end/",
        people.employment_end_view,
        name="employment_end",
    ),
]
companies_pages: list[URLPattern] = [
    path("", companies.company_list, name="list"),
    path("<int:pk>/", companies.company_detail, name="detail"),
    path("<int:pk>/target/", companies.company_target, name="target"),
]
opportunities_pages: list[URLPattern] = [
    path("<int:pk>/", opportunities.detail, name="detail"),
    path("<int:pk>/move/", opportunities.move, name="move"),
]
network_pages: list[URLPattern] = [
    # The warm paths into a company, with what the cohort knows about it (cohorts is above
    # network).
    path("companies/<int:company_pk>/", network.company_paths, name="company_paths"),
]
