from django.apps import AppConfig


class PlaybookConfig(AppConfig):
    name = "rapport.playbook"
    label = "playbook"
    verbose_name = "Playbook"
