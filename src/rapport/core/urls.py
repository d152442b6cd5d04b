from django.urls import path

from rapport.core import pwa

app_name = "core"
urlpatterns = [
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("offline/", pwa.offline, name="offline"),
    path("offline/queued/", pwa.queued, name="queued"),
]
