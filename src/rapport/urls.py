from django.urls import include, path

urlpatterns = [
    path("", include("rapport.front.urls")),
    path("", include("rapport.accounts.urls")),
    path("people/", include("rapport.people.urls")),
    path("companies/", include("rapport.companies.urls")),
    path("conversations/", include("rapport.conversations.urls")),
    path("opportunities/", include("rapport.opportunities.urls")),
    path("network/", include("rapport.network.urls")),
    path("search/", include("rapport.search.urls")),
    path("playbook/", include("rapport.playbook.urls")),
    path("imports/", include("rapport.imports.urls")),
    path("settings/", include("rapport.exports.urls")),
]
