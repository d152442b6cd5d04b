from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "rapport.people"
    label = "people"
