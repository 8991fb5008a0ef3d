"""Contact persons named in press releases (a snippet; job title and organisation translated)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet

from pages.models.base import tel_uri


@register_snippet
class ContactPerson(models.Model):
    """A person the media or partners may contact; job title and organisation are translated."""

    name = models.CharField(_("name"), max_length=200)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [FieldPanel(f"job_title_{code}") for code in settings.MODELTRANSLATION_LANGUAGES],
            heading=_("Job title"),
        ),
        MultiFieldPanel(
            [FieldPanel(f"organisation_{code}") for code in settings.MODELTRANSLATION_LANGUAGES],
            heading=_("Organisation"),
        ),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
    ]

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def phone_uri(self) -> str:
        return tel_uri(self.phone)
