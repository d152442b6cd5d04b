from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate

from rapport.playbook.versions import after_migrate, before_migrate


class PlaybookConfig(AppConfig):
    name = "rapport.playbook"
    label = "playbook"
    verbose_name = "Playbook"

    def ready(self) -> None:
        # SQLite cannot remake a table while triggers elsewhere name it, so the data
        # version triggers step aside during `migrate` and come back after (as search's do).
        pre_migrate.connect(before_migrate, sender=self)
        post_migrate.connect(after_migrate, sender=self)
