from django.urls import path

from rapport.cohorts import (
    admin_views,
    coaching_views,
    intro_views,
    invite_views,
    share_views,
    views,
)

app_name = "cohorts"
urlpatterns = [
    path("", views.hub, name="hub"),
    # The career centre's admin pages (admins only) and the invitation link.
    path("admin/", admin_views.cohorts, name="admin_cohorts"),
    path("admin/cohorts/<int:cohort_pk>/", admin_views.cohort_detail, name="admin_cohort"),
    path("admin/members/", admin_views.members, name="admin_members"),
    path("admin/members/<int:user_pk>/", admin_views.member_detail, name="admin_member"),
    path("admin/members/<int:user_pk>/active/", admin_views.member_active, name="admin_active"),
    path("admin/members/<int:user_pk>/delete/", admin_views.member_delete, name="admin_delete"),
    path("admin/invites/", admin_views.invites, name="admin_invites"),
    path(
        "admin/invites/<int:invite_pk>/withdraw/",
        admin_views.invite_withdraw_view,
        name="admin_invite_withdraw",
    ),
    path("invite/<str:token>/", invite_views.accept, name="invite_accept"),
    path("coaches/grant", coaching_views.grant, name="coach_grant"),
    path("coaches/revoke", coaching_views.revoke, name="coach_revoke"),
    path("assignments/<int:assignment_pk>/", coaching_views.assignment, name="assignment"),
    # Company knowledge shared with the cohort (share_views)
    path("knowledge/", share_views.knowledge, name="knowledge"),
    path("knowledge/add/", share_views.knowledge_add, name="knowledge_add"),
    path("companies/<int:company_pk>/share/", share_views.share_new, name="share_new"),
    path("shares/<int:share_pk>/", share_views.share_edit, name="share_edit"),
    path("shares/<int:share_pk>/retract/", share_views.share_retract_view, name="share_retract"),
    # Introducible contacts and the requests for an introduction.
    path("intros/", intro_views.intros, name="intros"),
    path("intros/offer/", intro_views.offer_add_view, name="offer_add"),
    path(
        "intros/offers/<int:offer_pk>/withdraw/",
        intro_views.offer_withdraw_view,
        name="offer_withdraw",
    ),
    path("intros/offers/<int:offer_pk>/ask/", intro_views.ask_view, name="intro_ask"),
    path("intros/asks/<int:ask_pk>/answer/", intro_views.ask_answer_view, name="intro_answer"),
    path(
        "intros/asks/<int:ask_pk>/withdraw/", intro_views.ask_withdraw_view, name="intro_withdraw"
    ),
    path("intros/asks/<int:ask_pk>/add/", intro_views.ask_person_add_view, name="intro_add"),
]
