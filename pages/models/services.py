"""The services of the directory: other help available in Finland, kept as translatable snippets.

A `Service` is a state service or an NGO: its name, what it offers and its address are translated
with django-modeltranslation (``translation.py``); its target groups and regions are fixed lists.

Target groups and regions are `TextChoices` with gettext labels rather than editable snippets:
- Finland's regions are fixed by law, and the target groups are a short, closed vocabulary that the
  filter form offers to visitors. Their codes are the stable values of the public filter URLs
  (``?region=uusimaa&group=crime_victims``), which an editor must not be able to rename or delete.
- The labels are interface text, translated in the gettext catalogues together with the rest of the
  interface, so a filter option can never be missing in one of the thirteen languages (the catalogue
  test fails first), while an editor's snippet would fall back to Finnish.
- Editors get plain checkboxes in the admin. To keep that native (Django's ManyToMany form field and
  referential integrity) and to filter in the database, each code is a row of a small lookup table
  whose primary key is the code; migration 0004 creates the rows. Adding a choice therefore needs a
  data migration too, and a test checks that the rows and the choices agree.
"""

from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import resolution_order
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, TabbedInterface

from pages.models.base import tel_uri
from pages.vocabulary import Region

TRANSLATED_SERVICE_FIELDS = ("name", "description", "address")


class TargetGroup(models.TextChoices):
    TRAFFICKING_VICTIMS = "trafficking_victims", _("Victims of human trafficking")
    CRIME_VICTIMS = "crime_victims", _("Victims of crime")
    SEX_TRADE = "sex_trade", _("People who sell or have sold sex")
    CLOSE_ONES = "close_ones", _("Family and friends of a victim")
    PROFESSIONALS = "professionals", _("Professionals and officials")


class ChoiceRow(models.Model):
    """One choice of a fixed list as a row, so that services can refer to it (see the module's notes)."""

    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return str(self.get_code_display())


class ServiceRegion(ChoiceRow):
    code = models.CharField(_("region"), max_length=40, primary_key=True, choices=Region.choices)

    class Meta(ChoiceRow.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")


class ServiceTargetGroup(ChoiceRow):
    code = models.CharField(_("target group"), max_length=40, primary_key=True, choices=TargetGroup.choices)

    class Meta(ChoiceRow.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


def _service_tabs():
    other_languages = [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    default = settings.LANGUAGE_CODE
    tabs = [
        ObjectList(
            [
                FieldPanel(f"name_{default}"),
                FieldPanel(f"description_{default}"),
                FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
                FieldPanel(
                    "regions", widget=forms.CheckboxSelectMultiple,
                    help_text=_("Choose 'Whole of Finland' for a service that serves the whole country."),
                ),
                MultiFieldPanel(
                    [
                        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                        FieldPanel("website"),
                        FieldPanel(f"address_{default}"),
                    ],
                    heading=_("Contact details"),
                ),
                FieldRowPanel([FieldPanel("details_checked"), FieldPanel("sort_order")]),
            ],
            heading=_("Service"),
        )
    ]
    for code, name in other_languages:
        tabs.append(
            ObjectList([FieldPanel(f"{field}_{code}") for field in TRANSLATED_SERVICE_FIELDS], heading=name)
        )
    return TabbedInterface(tabs)


class Service(models.Model):
    """Help outside the assistance system: a state service or an NGO, listed on the directory page."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("what they offer"))
    target_groups = models.ManyToManyField(
        ServiceTargetGroup, related_name="services", verbose_name=_("target groups"),
    )
    regions = models.ManyToManyField(
        ServiceRegion, related_name="services", verbose_name=_("regions"),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    details_checked = models.BooleanField(
        _("contact details checked"),
        default=False,
        help_text=_(
            "Tick when someone has checked the contact details against the organisation's own public "
            "pages. Unchecked entries carry a note on the public page."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Services with smaller numbers come first.")
    )

    edit_handler = _service_tabs()

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def phone_uri(self) -> str:
        return tel_uri(self.phone)

    @property
    def website_label(self) -> str:
        """The address as people read it: "poliisi.fi", "protukipiste.fi/en"."""
        parts = urlsplit(self.website)
        return (parts.netloc.removeprefix("www.") + parts.path.rstrip("/")) or self.website

    def language_of(self, field: str) -> str:
        """The language the visitor is shown `field` in: theirs, else the modeltranslation fallback."""
        for code in resolution_order(translation.get_language() or settings.LANGUAGE_CODE):
            if getattr(self, f"{field}_{code}", ""):
                return code
        return settings.LANGUAGE_CODE
