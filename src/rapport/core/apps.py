from django.apps import AppConfig

from rapport.core import checks


class CoreConfig(AppConfig):
    name = "rapport.core"
    label = "core"
    verbose_name = "Rapport core"

    def ready(self) -> None:
        checks.register_all()
