from django.urls import path

from rapport.playbook.views import today

app_name = "front"
urlpatterns = [
    # The home page is the playbook's Today page: what to do next.
    path("", today, name="home"),
]
