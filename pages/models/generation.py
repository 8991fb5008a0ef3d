"""The content generation: one number that retires every cached public page when content changes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentGeneration(models.Model):
    """One row whose number goes up whenever anything visible on public pages changes (pages/cache.py).

    Cached pages and cached menus are keyed by it, so a change published in one gunicorn process (or on
    one machine) retires what every process cached, whatever the cache backend.
    """

    value = models.PositiveBigIntegerField(default=1)

    class Meta:
        verbose_name = _("content generation")

    def __str__(self):
        return str(self.value)

    @classmethod
    def current(cls) -> int:
        return cls.objects.filter(pk=1).values_list("value", flat=True).first() or 0

    @classmethod
    def advance(cls) -> None:
        if not cls.objects.filter(pk=1).update(value=models.F("value") + 1):
            cls.objects.get_or_create(pk=1)
