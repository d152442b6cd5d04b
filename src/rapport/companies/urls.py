from django.urls import path

from rapport.companies import views

app_name = "companies"
urlpatterns = [
    path("suggest/", views.suggest, name="suggest"),
]
