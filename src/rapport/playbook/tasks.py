"""Background work of the playbook (django-tasks; run by `rapport db_worker` or `rapport serve`)."""

from __future__ import annotations

import logging
from datetime import datetime
from smtplib import SMTPException

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from rapport.playbook.digest import MailConfig, digest_send, digest_users

logger = logging.getLogger(__name__)


def digest_is_due(*, now: datetime) -> bool:
    """The scheduled digest goes out from RAPPORT_DIGEST_HOUR (local time) when SMTP is set."""
    if not settings.RAPPORT_EMAIL_HOST:
        return False
    return timezone.localtime(now).hour >= settings.RAPPORT_DIGEST_HOUR


@task()
def digest_task() -> None:
    """Send today's digest to everyone who asked; safe to run many times a day."""
    try:
        report = digest_send(
            users=digest_users(), today=timezone.localdate(), config=MailConfig.from_settings()
        )
    except (OSError, SMTPException, ValueError):
        logger.exception("The daily digest could not be sent; the next run will try again.")
        return
    for username in report.sent:
        logger.info("Sent today's digest to %s.", username)
