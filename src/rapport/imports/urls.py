from django.urls import path

from rapport.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.home, name="home"),
    path("jobs/<int:job_pk>/", views.job_detail, name="job"),
    path("jobs/<int:job_pk>/import/", views.job_confirm_view, name="job_confirm"),
    path("jobs/<int:job_pk>/cancel/", views.job_cancel_view, name="job_cancel"),
    path("batches/<int:batch_pk>/undo/", views.batch_undo_view, name="batch_undo"),
    path("batches/<int:batch_pk>/apart/", views.batch_keep_apart_view, name="batch_keep_apart"),
    path("review/", views.review, name="review"),
    path("review/decide/", views.candidates_decide_view, name="candidates_decide"),
    path("review/<int:candidate_pk>/merge/", views.candidate_merge_view, name="candidate_merge"),
    path("review/<int:candidate_pk>/apart/", views.candidate_apart_view, name="candidate_apart"),
    path("apart/", views.kept_apart_view, name="kept_apart"),
    path("apart/<int:apart_pk>/undo/", views.apart_undo_view, name="apart_undo"),
    path("apart/decisions/<int:candidate_pk>/", views.apart_group_view, name="apart_group"),
    path("merges/<int:merge_pk>/undo/", views.merge_undo_view, name="merge_undo"),
]
