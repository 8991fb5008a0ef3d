"""The site's own bookkeeping: the generation of published content, shared by every process."""

from django.db import models
from django.db.models import F


class ContentGeneration(models.Model):
    """One row whose number goes up whenever anything visible on public pages changes.

    Cached pages are keyed by it, so a change published in one gunicorn process (or on one machine)
    retires every cached page in all of them at once, whatever the cache backend.
    """

    value = models.PositiveBigIntegerField(default=1)

    class Meta:
        verbose_name = "content generation"

    def __str__(self):
        return str(self.value)

    @classmethod
    def current(cls) -> int:
        value = cls.objects.filter(pk=1).values_list("value", flat=True).first()
        return value or 0

    @classmethod
    def advance(cls) -> None:
        if not cls.objects.filter(pk=1).update(value=F("value") + 1):
            cls.objects.get_or_create(pk=1)
