"""Language helpers shared by the serve view, page models and template tags.

Public pages are rendered in the visitor's *interface language* (the URL prefix). When a page
does not exist in that language, the English page (or the Finnish one) is shown inside that
interface, and every link keeps the visitor's language prefix. The interface language is held in
a context variable while a public page renders, so that ``Page.url`` can keep the prefix; the admin
never sets it and sees the pages' own URLs.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.utils.translation import get_language_info

_interface_language: ContextVar[str | None] = ContextVar("interface_language", default=None)


def content_language_codes() -> list[str]:
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def fallback_order(language_code: str) -> list[str]:
    """The languages to look for content in, best first: the visitor's, then English, then Finnish."""
    return list(dict.fromkeys([language_code, *settings.FALLBACK_LANGUAGES]))


def is_rtl(language_code: str) -> bool:
    return language_code in settings.LANGUAGES_BIDI


def text_direction(language_code: str) -> str:
    return "rtl" if is_rtl(language_code) else "ltr"


def local_name(language_code: str) -> str:
    """The language's name in itself ("suomi", "العربيّة"), for the language switcher."""
    return get_language_info(language_code)["name_local"]


def translated_name(language_code: str) -> str:
    """The language's name in the active language, from our own catalogues."""
    return str(dict(settings.LANGUAGES).get(language_code, language_code))


@contextmanager
def interface_language(language_code: str | None) -> Iterator[None]:
    token = _interface_language.set(language_code)
    try:
        yield
    finally:
        _interface_language.reset(token)


def current_interface_language() -> str | None:
    return _interface_language.get()


def with_language_prefix(path: str, language_code: str) -> str:
    """Swap the leading `/<lang>/` of an i18n URL path for another content language."""
    parts = path.split("/", 2)
    if len(parts) >= 2 and parts[1] in content_language_codes():
        rest = parts[2] if len(parts) == 3 else ""
        return f"/{language_code}/{rest}"
    return path


def language_rank(language_code: str) -> int:
    """Position of a language in the site's order (Finnish first); unknown codes go last."""
    codes = content_language_codes()
    return codes.index(language_code) if language_code in codes else len(codes)


def pick_best(candidates: Iterable, language_code: str):
    """From translations of one page, the one to show to a visitor of `language_code`."""
    by_language = {page.locale.language_code: page for page in candidates}
    for code in fallback_order(language_code):
        if code in by_language:
            return by_language[code]
    return None


def localize_pages(pages: list, language_code: str | None = None) -> dict:
    """Map each page's pk to its live translation best for the visitor (one query for all)."""
    from django.utils import translation
    from wagtail.models import Page

    if not pages:
        return {}
    language_code = language_code or translation.get_language()
    candidates: dict = {}
    translations = (
        Page.objects.live()
        .filter(
            translation_key__in={page.translation_key for page in pages},
            locale__language_code__in=fallback_order(language_code),
        )
        .select_related("locale")
    )
    for translated in translations:
        candidates.setdefault(translated.translation_key, []).append(translated)
    return {
        page.pk: pick_best(candidates.get(page.translation_key, []), language_code) or page
        for page in pages
    }


def live_translations(page) -> list:
    """The page and its live, public translations; fetched once per page object."""
    if not hasattr(page, "_live_translations"):
        page._live_translations = list(
            page.get_translations(inclusive=True).live().public().select_related("locale")
        )
    return page._live_translations


def keep_interface_language_in_urls() -> None:
    """Make every page URL keep the visitor's language prefix while a public page renders.

    Wagtail computes a page's URL in the page's own language (`/en/...`). Menus, breadcrumbs,
    rich-text links and listings use plain `Page` objects as well as our page classes, so the
    rule is applied to `Page.get_url_parts` itself. Outside the public serve view (admin,
    sitemaps, management commands) the interface language is unset and URLs are unchanged.
    """
    from wagtail.models import Page

    if getattr(Page.get_url_parts, "keeps_interface_language", False):
        return
    original = Page.get_url_parts

    def get_url_parts(self, request=None):
        url_parts = original(self, request=request)
        language = _interface_language.get()
        if language and url_parts and url_parts[2]:
            site_id, root_url, page_path = url_parts
            return site_id, root_url, with_language_prefix(page_path, language)
        return url_parts

    get_url_parts.keeps_interface_language = True
    Page.get_url_parts = get_url_parts
