from django.urls import path

from rapport.cohorts import views

app_name = "cohorts"
urlpatterns = [
    path("", views.hub, name="hub"),
]
