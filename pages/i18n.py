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
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info, pgettext_lazy

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


def language_attributes(code: str, around: str) -> str:
    """` lang=".." dir=".."` for text in `code` standing in text of the language `around`; nothing
    when they are the same (or `code` is empty)."""
    if not code or code == around:
        return ""
    return format_html(' lang="{}" dir="{}"', code, text_direction(code))


def interface_attributes(content_language: str | None) -> str:
    """` lang=".." dir=".."` of the visitor's interface, for its own words (a label, a notice) inside
    content in `content_language`: set on a page shown from another language's tree, nothing else."""
    current = get_language()
    return language_attributes(current, content_language or current)


def local_name(language_code: str) -> str:
    """The language's name in itself ("suomi", "العربيّة"), for the language switcher."""
    return get_language_info(language_code)["name_local"]


def translated_name(language_code: str) -> str:
    """The language's name in the active language, standing alone (a column heading, a list), from
    our own catalogues."""
    return str(dict(settings.LANGUAGES).get(language_code, language_code))


# A language's name inside a sentence is not always its name standing alone: Russian and Ukrainian
# write it in lower case there, and may need another case than the nominative. So it is a string of
# its own, in the form that fits the translations of the sentences that take it: "It is shown in
# %(language)s.", "Nothing was found in %(language)s. These results are in %(other)s." and
# "in %(language)s only" (Russian "на английском языке", Ukrainian "англійською мовою").
NAMES_IN_SENTENCE = {
    # Translators: a language's name as it stands in "It is shown in %(language)s.", "in %(language)s
    # only" and "Nothing was found in %(language)s": give the form that fits your translations of them.
    "fi": pgettext_lazy("language name inside a sentence", "Finnish"),
    "sv": pgettext_lazy("language name inside a sentence", "Swedish"),
    "en": pgettext_lazy("language name inside a sentence", "English"),
    "ru": pgettext_lazy("language name inside a sentence", "Russian"),
    "uk": pgettext_lazy("language name inside a sentence", "Ukrainian"),
    "et": pgettext_lazy("language name inside a sentence", "Estonian"),
    "ro": pgettext_lazy("language name inside a sentence", "Romanian"),
    "ar": pgettext_lazy("language name inside a sentence", "Arabic"),
    "fa": pgettext_lazy("language name inside a sentence", "Persian"),
    "so": pgettext_lazy("language name inside a sentence", "Somali"),
    "th": pgettext_lazy("language name inside a sentence", "Thai"),
    "vi": pgettext_lazy("language name inside a sentence", "Vietnamese"),
    "fr": pgettext_lazy("language name inside a sentence", "French"),
}


def name_in_sentence(language_code: str) -> str:
    """The language's name in the active language, as it stands inside a sentence ("shown in English")."""
    name = NAMES_IN_SENTENCE.get(language_code)
    return str(name) if name is not None else translated_name(language_code)


@contextmanager
def interface_language(language_code: str | None) -> Iterator[None]:
    token = _interface_language.set(language_code)
    try:
        yield
    finally:
        _interface_language.reset(token)


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
    """Make every page URL keep the visitor's language prefix while a public page renders, and start
    with the site's public address (`PUBLIC_BASE_URL`, pages/public_url.py) when one is set.

    Wagtail computes a page's URL in the page's own language (`/en/...`). Menus, breadcrumbs,
    rich-text links and listings use plain `Page` objects as well as our page classes, so the
    rule is applied to `Page.get_url_parts` itself. Outside the public serve view (admin,
    sitemaps, management commands) the interface language is unset and paths are unchanged.
    """
    from wagtail.models import Page

    from pages.public_url import with_public_root

    if getattr(Page.get_url_parts, "keeps_interface_language", False):
        return
    original = Page.get_url_parts

    def get_url_parts(self, request=None):
        url_parts = original(self, request=request)
        if not url_parts:
            return url_parts
        site_id, root_url, page_path = url_parts
        language = _interface_language.get()
        if language and page_path:
            page_path = with_language_prefix(page_path, language)
        return site_id, with_public_root(root_url), page_path

    get_url_parts.keeps_interface_language = True
    Page.get_url_parts = get_url_parts
