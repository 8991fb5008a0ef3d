"""What every public page shares: `BasePage` (lead paragraph, sharing image, language context)."""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from pages import i18n


def tel_uri(number: str) -> str:
    """A `tel:` link target from a phone number as people write it (+358 2954 63177)."""
    return "tel:" + "".join(ch for ch in number if ch.isdigit() or ch == "+")


class BasePage(Page):
    """What every public page shares: a lead paragraph and the language context."""

    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("A short lead paragraph shown under the title.")
    )
    social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("sharing image"),
        help_text=_("Shown when the page is shared on social media; at least 1200 × 630 pixels. "
                    "Without one, the site's own image is used."),
    )

    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    promote_panels = [*Page.promote_panels, FieldPanel("social_image")]

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        content_language = self.locale.language_code
        interface_language = translation.get_language()
        context.update(
            content_language=content_language,
            content_direction=i18n.text_direction(content_language),
            is_fallback=content_language != interface_language,
            content_language_name=i18n.name_in_sentence(content_language),
        )
        return context

    def get_view_restrictions(self):
        # The serve view puts the restrictions here from the cache (pages/cache.py); elsewhere, Wagtail's query.
        if hasattr(self, "_cached_view_restrictions"):
            return self._cached_view_restrictions
        return super().get_view_restrictions()

    def serve_preview(self, request, mode_name):
        # An editor previews a page in its own language, whatever the admin's language is.
        language = self.locale.language_code
        with translation.override(language), i18n.interface_language(language):
            response = super().serve_preview(request, mode_name)
            if hasattr(response, "render"):
                response.render()
        return response
