from django.urls import path

from rapport.capture import views

app_name = "capture"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("bulk/", views.bulk, name="bulk"),
    path("<int:pk>/accept/", views.accept, name="accept"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/dismiss/", views.dismiss, name="dismiss"),
    path("settings/", views.settings_page, name="settings"),
    path("settings/calendar/", views.calendar_add, name="calendar_add"),
    path("settings/imap/", views.imap_add, name="imap_add"),
    path("settings/addresses/", views.addresses, name="addresses"),
    path("settings/sources/<int:source_pk>/sync/", views.sync, name="sync"),
    path("settings/sources/<int:source_pk>/forget/", views.forget, name="forget"),
]
