from django.urls import path

from rapport.companies import views

app_name = "companies"
urlpatterns = [
    path("new/", views.company_create, name="create"),
    path("suggest/", views.suggest, name="suggest"),
    path("<int:pk>/edit/", views.company_edit, name="edit"),
    path("<int:pk>/delete/", views.company_delete_view, name="delete"),
    path("<int:pk>/referrals/", views.company_protocol, name="protocol"),
    path("<int:pk>/merge/", views.company_merge_view, name="merge"),
    path("merges/<int:company_merge_pk>/undo/", views.company_merge_undo_view, name="merge_undo"),
]
