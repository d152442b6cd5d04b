from django.urls import path

from rapport.conversations import views

app_name = "conversations"
urlpatterns = [
    path("", views.conversation_list, name="list"),
    path("log/", views.log, name="log"),
    path("log/rows/", views.row, name="row"),
    path("log/outcome-row/", views.outcome_row, name="outcome_row"),
    path("log/people-options/", views.people_options, name="people_options"),
    path("log/company-options/", views.company_options, name="company_options"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/outcomes/", views.outcome_add, name="outcome_add"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path(
        "introductions/<int:introduction_pk>/state/",
        views.introduction_state,
        name="introduction_state",
    ),
]
