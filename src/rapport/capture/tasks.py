"""Background work of capture: read the calendars and mail accounts that are due."""

from __future__ import annotations

import logging

from django_tasks import task

from rapport.capture.services import sources_sync

logger = logging.getLogger(__name__)


@task()
def sync_due_task() -> None:
    """Sync every source whose time has come; a failing one waits longer next time."""
    for result in sources_sync(due_only=True):
        if result.error:
            logger.warning("Could not read %s: %s", result.source.name, result.error)
