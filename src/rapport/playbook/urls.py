from django.urls import path

from rapport.playbook import quick_log, views

app_name = "playbook"
urlpatterns = [
    path("", views.today, name="today"),
    path("nudges/", views.nudge_list, name="nudges"),
    path("follow-ups/", views.followup_list, name="followups"),
    path("nudges/dismiss/", views.nudge_dismiss, name="nudge_dismiss"),
    path("nudges/snooze/", views.nudge_snooze, name="nudge_snooze"),
    path("nudges/sent/", views.nudge_sent, name="nudge_sent"),
    path("nudges/hidden/", views.nudges_hidden, name="nudges_hidden"),
    path("nudges/restore/", views.nudge_restore, name="nudge_restore"),
    path("follow-ups/done/", views.followup_done, name="followup_done"),
    path("follow-ups/snooze/", views.followup_snooze, name="followup_snooze"),
    path("people/<int:person_pk>/prep/", views.prep, name="prep"),
    path("people/<int:person_pk>/follow-ups/", views.followup_create, name="followup_create"),
    path("opportunities/<int:opportunity_pk>/apply/", views.confirm_apply, name="confirm_apply"),
    path("quick-log/", quick_log.quick_log_page, name="quick_log"),
    path("review/", views.review, name="review"),
    path("settings/", views.settings_view, name="settings"),
    path("settings/feed/regenerate/", views.feed_regenerate, name="feed_regenerate"),
    path("settings/feed/revoke/", views.feed_revoke, name="feed_revoke"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
]
