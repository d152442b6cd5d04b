from django.urls import path

from rapport.people import views

app_name = "people"
urlpatterns = [
    path("suggest/", views.suggest, name="suggest"),
]
