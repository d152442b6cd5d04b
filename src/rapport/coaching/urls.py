from django.urls import path

from rapport.coaching import views

app_name = "coaching"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("students/<int:student_pk>/", views.student, name="student"),
    path("students/<int:student_pk>/assign", views.assign, name="assign"),
]
