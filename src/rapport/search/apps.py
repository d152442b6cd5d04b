from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate

from rapport.search.schema import after_migrate, before_migrate


class SearchConfig(AppConfig):
    name = "rapport.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        # SQLite cannot remake a table (as many migrations do) while triggers elsewhere
        # name it, so the index triggers step aside during `migrate` and come back after.
        pre_migrate.connect(before_migrate, sender=self)
        post_migrate.connect(after_migrate, sender=self)
