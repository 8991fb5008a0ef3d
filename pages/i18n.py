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
    return get_language_info(language_code)["name_local"]


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


def pick_best(candidates: Iterable, language_code: str, language_of=lambda page: page.locale.language_code):
    """From translations of one page, the one to show to a visitor of `language_code`."""
    by_language = {language_of(page): page for page in candidates}
    for code in fallback_order(language_code):
        if code in by_language:
            return by_language[code]
    return None
