from django.apps import AppConfig


class CohortsConfig(AppConfig):
    name = "rapport.cohorts"
    label = "cohorts"
    verbose_name = "Cohorts"
