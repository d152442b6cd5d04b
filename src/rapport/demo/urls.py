from django.urls import path

from rapport.demo import views

app_name = "demo"
urlpatterns = [path("load/", views.load, name="load")]
