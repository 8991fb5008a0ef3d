"""The site-wide contact settings and links on every page; each contact detail may differ per language."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from pages.models.base import tel_uri

TRANSLATED_SETTINGS_FIELDS = ("helpline_phone", "contact_email", "emergency_number", "quick_exit_url")


def _settings_tabs():
    tabs = [
        ObjectList(
            [
                FieldPanel("report_page"),
                FieldPanel("safety_page"),
                FieldPanel("services_page"),
                FieldPanel("accessibility_page"),
                FieldPanel("privacy_page"),
            ],
            heading=_("Links on every page"),
        )
    ]
    for code, name in settings.LANGUAGES:
        tabs.append(
            ObjectList(
                [FieldPanel(f"{field}_{code}") for field in TRANSLATED_SETTINGS_FIELDS],
                heading=name,
            )
        )
    return TabbedInterface(tabs)


@register_setting(icon="site")
class SiteContactSettings(BaseGenericSetting):
    """Contact details shown on every page; each may differ per language (Finnish is required)."""

    helpline_phone = models.CharField(
        _("24/7 helpline number"), max_length=40, default="+358 2954 63177"
    )
    contact_email = models.EmailField(
        _("contact e-mail"), default="ihmiskauppa.auttamisjarjestelma@migri.fi"
    )
    emergency_number = models.CharField(_("emergency number"), max_length=10, default="112")
    quick_exit_url = models.URLField(
        _("quick-exit address"),
        default="https://www.google.com/",
        help_text=_("The neutral site that the 'Leave this site' control opens."),
    )

    report_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("report page"),
        help_text=_("The referral form, linked from the top of every page in the visitor's language."),
    )
    safety_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("safe browsing page"),
        help_text=_("The page that explains how to browse safely, linked next to 'Leave this site'."),
    )
    services_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("service directory page"),
        help_text=_("The directory of other help in Finland, linked at the end of every guidance page."),
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("accessibility statement"),
        help_text=_("The accessibility statement, linked from the footer of every page in the visitor's language."),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("privacy notice"),
        help_text=_("The privacy notice, linked from the footer of every page and from the referral form."),
    )

    edit_handler = _settings_tabs()

    class Meta:
        verbose_name = _("contact details")

    @property
    def helpline_uri(self) -> str:
        return tel_uri(self.helpline_phone)

    @property
    def emergency_uri(self) -> str:
        return tel_uri(self.emergency_number)
