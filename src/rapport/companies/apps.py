from django.apps import AppConfig


class CompaniesConfig(AppConfig):
    name = "rapport.companies"
    label = "companies"
