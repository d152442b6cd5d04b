from django.urls import path

app_name = "opportunities"
urlpatterns: list[object] = []
