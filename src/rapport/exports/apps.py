from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "rapport.exports"
    label = "exports"
