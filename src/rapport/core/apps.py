from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate

from rapport.core import checks
from rapport.core.versions import after_migrate, before_migrate


class CoreConfig(AppConfig):
    name = "rapport.core"
    label = "core"
    verbose_name = "Rapport core"

    def ready(self) -> None:
        checks.register_all()
        # SQLite cannot remake a table while triggers elsewhere name it, so the data
        # version triggers step aside during `migrate` and come back after (as search's do).
        pre_migrate.connect(before_migrate, sender=self)
        post_migrate.connect(after_migrate, sender=self)
