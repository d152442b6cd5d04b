"""/api/v1/: the REST API, its OpenAPI document and its docs (served locally)."""

from django.urls import path

from rapport.api import views
from rapport.api.http import api_create
from rapport.api.routes import router

api = api_create()
api.add_router("", router)

urlpatterns = [path("v1/", api.urls)]

# The token page sits with the other settings pages.
token_pages = [
    path("", views.tokens, name="list"),
    path("<int:pk>/revoke/", views.token_revoke_view, name="revoke"),
]
