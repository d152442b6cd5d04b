from django.urls import path

from rapport.network import views

app_name = "network"
urlpatterns = [
    path("map/", views.network_map_view, name="map"),
    path(
        "companies/<int:company_pk>/ask/<int:introducer_pk>/<int:target_pk>/",
        views.ask,
        name="ask",
    ),
    path("acquaintances/", views.acquaintances, name="acquaintances"),
    path(
        "acquaintances/<int:pk>/delete/",
        views.acquaintance_delete_view,
        name="acquaintance_delete",
    ),
]
