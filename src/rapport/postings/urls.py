from django.urls import path

from rapport.postings import views

app_name = "postings"
urlpatterns = [
    path("save/", views.save, name="save"),
    path("save/check/", views.review, name="review"),
    path("clip/", views.clip, name="clip"),
]
