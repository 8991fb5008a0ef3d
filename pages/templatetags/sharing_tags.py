"""Open Graph and search-result descriptions for the page head."""

from django import template
from django.templatetags.static import static
from django.utils import translation
from django.utils.text import Truncator

from pages import i18n
from pages.models import NewsArticlePage
from pages.public_url import absolute_url

register = template.Library()

# Open Graph wants language_TERRITORY; the territory where each language is most read.
OG_LOCALES = {
    "fi": "fi_FI", "sv": "sv_FI", "en": "en_GB", "ru": "ru_RU", "uk": "uk_UA", "et": "et_EE", "ro": "ro_RO",
    "ar": "ar_AR", "fa": "fa_IR", "so": "so_SO", "th": "th_TH", "vi": "vi_VN", "fr": "fr_FR",
}
DEFAULT_IMAGE = ("img/share.png", 1200, 630)


def page_description(page) -> str:
    """The editor's search description, else the page's lead paragraph, cut to a snippet's length."""
    text = getattr(page, "search_description", "") or getattr(page, "introduction", "") or ""
    return Truncator(" ".join(text.split())).chars(200)


@register.simple_tag(takes_context=True)
def sharing(context, canonical: str = "") -> dict:
    """What a link preview shows: title, description, address, image, type and locale."""
    request = context.get("request")
    page = context.get("page")
    if page is None or request is None:
        return {}
    language = (page.locale.language_code if hasattr(page, "locale") else None) or translation.get_language()
    image = getattr(page, "social_image", None)
    if image is not None:
        rendition = image.get_rendition("fill-1200x630|format-jpeg")
        image_url, width, height = rendition.url, rendition.width, rendition.height
        alt = image.description or ""
    else:
        path, width, height = DEFAULT_IMAGE
        image_url, alt = static(path), ""
    return {
        "type": "article" if isinstance(page, NewsArticlePage) else "website",
        "title": page.seo_title or page.title,
        "description": page_description(page),
        "url": canonical,
        "image": absolute_url(image_url, request),
        "image_width": width,
        "image_height": height,
        "image_alt": alt,
        "locale": OG_LOCALES.get(language, language),
        "direction": i18n.text_direction(language),
    }
