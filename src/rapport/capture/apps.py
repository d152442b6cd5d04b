from django.apps import AppConfig


class CaptureConfig(AppConfig):
    name = "rapport.capture"
    label = "capture"
    verbose_name = "Captured from calendar and mail"
