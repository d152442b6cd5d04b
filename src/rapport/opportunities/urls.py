from django.urls import path

from rapport.opportunities import views

app_name = "opportunities"
urlpatterns = [
    path("", views.board, name="board"),
    path("new/", views.create, name="create"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/delete/", views.delete, name="delete"),
]
