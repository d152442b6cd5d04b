from django.urls import path

from rapport.people import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("new/", views.person_create, name="create"),
    path("suggest/", views.suggest, name="suggest"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/edit/", views.person_edit, name="edit"),
    path("<int:pk>/delete/", views.person_delete_view, name="delete"),
    path("<int:pk>/jobs/", views.employment_add_view, name="employment_add"),
    path(
        "<int:pk>/jobs/<int:employment_pk>/end/",
        views.employment_end_view,
        name="employment_end",
    ),
]
