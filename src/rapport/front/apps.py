from django.apps import AppConfig


class FrontConfig(AppConfig):
    name = "rapport.front"
    label = "front"
    verbose_name = "Front"
