from django.urls import path

from rapport.outreach import views

app_name = "outreach"
urlpatterns = [
    path("", views.attempts, name="list"),
    path("write/", views.write, name="new"),
    path("ask/<int:company_pk>/<int:introducer_pk>/<int:target_pk>/", views.ask, name="ask"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/follow-up/", views.follow_up, name="follow_up"),
    path("<int:pk>/replied/", views.replied, name="replied"),
    path("targets/", views.targets, name="targets"),
    path("targets.csv", views.targets_csv, name="targets_csv"),
    path("targets/<int:company_pk>/motivation/", views.motivation, name="motivation"),
]
