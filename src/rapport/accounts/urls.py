from django.urls import path

from rapport.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login, name="login"),
    path("login/<str:token>/", views.token_login, name="token_login"),
    path("logout/", views.logout, name="logout"),
]
