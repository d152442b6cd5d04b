from django.urls import path

from rapport.people import views

app_name = "people"
urlpatterns = [
    path("<int:pk>/edit/", views.person_edit, name="edit"),
    path("<int:pk>/delete/", views.person_delete_view, name="delete"),
]
