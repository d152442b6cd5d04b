"""The daily digest: each opted-in user's nudges by email, through an SMTP server.

The SMTP server comes from the settings (RAPPORT_EMAIL_HOST, RAPPORT_EMAIL_PORT,
RAPPORT_EMAIL_USER, RAPPORT_EMAIL_PASSWORD, RAPPORT_EMAIL_USE_TLS, RAPPORT_EMAIL_FROM, each
read from the environment variable of that name); RAPPORT_BASE_URL is where its links point.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings as django_settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.template.loader import render_to_string

from rapport.accounts.models import User
from rapport.core.text import plural
from rapport.playbook.facts import settings_for
from rapport.playbook.models import PlaybookSettings
from rapport.playbook.selectors import TodayPage, today_page

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


@dataclass(frozen=True)
class MailConfig:
    host: str
    port: int
    username: str
    password: str
    use_tls: bool
    sender: str
    base_url: str

    @classmethod
    def from_settings(cls) -> MailConfig:
        """Raises ValueError when RAPPORT_EMAIL_PORT is not a number."""
        config = django_settings
        return cls(
            host=config.RAPPORT_EMAIL_HOST or "localhost",
            port=int(str(config.RAPPORT_EMAIL_PORT).strip() or 25),
            username=config.RAPPORT_EMAIL_USER,
            password=config.RAPPORT_EMAIL_PASSWORD,
            use_tls=config.RAPPORT_EMAIL_USE_TLS,
            sender=config.RAPPORT_EMAIL_FROM,
            base_url=config.RAPPORT_BASE_URL.rstrip("/") or "http://127.0.0.1:8000",
        )

    def connection(self) -> BaseEmailBackend:
        # Always SMTP, whatever EMAIL_BACKEND says: the digest is the one mail Rapport sends.
        connection: BaseEmailBackend = get_connection(
            SMTP_BACKEND,
            host=self.host,
            port=self.port,
            username=self.username or None,
            password=self.password or None,
            use_tls=self.use_tls,
            timeout=30,
        )
        return connection


@dataclass
class DigestReport:
    sent: list[str] = field(default_factory=list)  # usernames
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (username, why)


def digest_users(*, user: User | None = None) -> list[User]:
    """The given user, or everyone who asked for the digest."""
    if user is not None:
        return [user]
    ids = PlaybookSettings.objects.filter(digest_enabled=True).values("owner_id")
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("username"))


def digest_address(user: User, settings: PlaybookSettings) -> str:
    return settings.digest_email or user.email


def digest_message(
    *, user: User, to: str, page: TodayPage, config: MailConfig
) -> EmailMultiAlternatives:
    count = page.nudge_total + page.followup_counts.due_now  # all of them, not just those shown
    context = {"user": user, "page": page, "base_url": config.base_url}
    message = EmailMultiAlternatives(
        subject=f"Rapport: {plural(count, 'thing')} to do today ({_day(page.today)})",
        body=render_to_string("playbook/digest.txt", context),
        from_email=config.sender,
        to=[to],
    )
    message.attach_alternative(render_to_string("playbook/digest.html", context), "text/html")
    return message


def _day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def digest_send(
    *, users: Iterable[User], today: date, config: MailConfig, force: bool = False
) -> DigestReport:
    """Email each user their day, once a day; one SMTP connection for all of them."""
    report = DigestReport()
    ready: list[tuple[User, PlaybookSettings, EmailMultiAlternatives]] = []
    for user in users:
        prepared = _prepare(user, today, config, force)
        if isinstance(prepared, str):
            report.skipped.append((user.username, prepared))
        else:
            ready.append((user, *prepared))
    if ready:
        config.connection().send_messages([message for _, _, message in ready])
    for user, settings, _ in ready:
        settings.digest_last_sent_on = today
        settings.save(update_fields=["digest_last_sent_on", "updated_at"])
        report.sent.append(user.username)
    return report


def _prepare(
    user: User, today: date, config: MailConfig, force: bool
) -> tuple[PlaybookSettings, EmailMultiAlternatives] | str:
    """The user's settings and message, or why nothing is sent to them."""
    settings = settings_for(user)
    if why := _why_not(user, settings, today, force):
        return why
    page = today_page(owner=user, today=today)
    if not (page.nudges or page.followups_due_now):
        return "nothing to do today"
    to = digest_address(user, settings)
    return settings, digest_message(user=user, to=to, page=page, config=config)


def _why_not(user: User, settings: PlaybookSettings, today: date, force: bool) -> str:
    if not digest_address(user, settings):
        return "no email address (set one in the playbook settings)"
    if settings.digest_last_sent_on == today and not force:
        return "already sent today"
    return ""
