from __future__ import annotations

from decimal import Decimal

from django.db import models

from rapport.core.models import OwnedModel
from rapport.postings.reading.posting import ReadFrom


class SalaryPeriod(models.TextChoices):
    HOUR = "hour", "an hour"
    DAY = "day", "a day"
    WEEK = "week", "a week"
    MONTH = "month", "a month"
    YEAR = "year", "a year"


class Posting(OwnedModel):
    """The job posting an opportunity was saved from: what the page said about the job."""

    opportunity = models.OneToOneField(
        "opportunities.Opportunity", on_delete=models.CASCADE, related_name="posting"
    )
    source_url = models.URLField(max_length=2000, blank=True)
    apply_url = models.URLField(max_length=2000, blank=True)
    # The URLs without tracking parameters, fragments or "www.": saving again finds it.
    source_key = models.CharField(max_length=500, blank=True, editable=False)
    apply_key = models.CharField(max_length=500, blank=True, editable=False)
    location = models.CharField(max_length=300, blank=True)
    remote = models.BooleanField(default=False)
    employment_type = models.CharField(max_length=100, blank=True)
    salary_min = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    salary_max = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    salary_currency = models.CharField(max_length=3, blank=True)
    salary_period = models.CharField(max_length=5, choices=SalaryPeriod.choices, blank=True)
    date_posted = models.DateField(null=True, blank=True)
    valid_through = models.DateField(null=True, blank=True)
    description = models.TextField(blank=True, help_text="Sanitised HTML")
    read_from = models.CharField(
        max_length=10, choices=[(r.value, r.label) for r in ReadFrom], default=ReadFrom.FORM
    )

    class Meta:
        indexes = [
            models.Index(fields=["owner", "source_key"], name="posting_source_key"),
            models.Index(fields=["owner", "apply_key"], name="posting_apply_key"),
        ]

    def __str__(self) -> str:
        return self.source_url or self.apply_url or f"Posting {self.pk}"

    def salary_text(self) -> str:
        """ "GBP 55,000-70,000 a year" (with an en dash), "USD 38.50 an hour", or ""."""
        amounts = [_money(v) for v in (self.salary_min, self.salary_max) if v is not None]
        if not amounts:
            return ""
        text = "\u2013".join(amounts)
        if self.salary_currency:
            text = f"{self.salary_currency} {text}"
        if self.salary_period:
            text = f"{text} {self.get_salary_period_display()}"
        return text


def _money(amount: Decimal) -> str:
    return f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"
