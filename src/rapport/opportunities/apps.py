from django.apps import AppConfig


class OpportunitiesConfig(AppConfig):
    name = "rapport.opportunities"
    label = "opportunities"
