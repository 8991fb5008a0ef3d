"""Which language a visitor gets when the address does not say, and what a missing message falls back to.

- `/` (and other addresses without a language prefix) answer in the first language of the browser's
  `Accept-Language` that the site offers, regional variants included (`sv-FI` is Swedish). Dari
  (`prs`, and `fa-AF`) reads Persian. A browser that asks only for languages the site does not offer
  (German, say) gets English, which more visitors read than Finnish; Finnish stays the default for a
  browser that asks for nothing (or for `*`). No language cookie is read or written: the address
  carries the language.
- Django and Wagtail do not ship every site language (Somali): a message missing from a language's
  catalogues is shown in English, the language the messages are written in, not in Finnish.
"""

from django.conf import settings
from django.utils.translation import get_supported_language_variant, trans_real

# Languages whose readers read one of ours: ISO 639-3 and other codes a browser may send.
READ_AS = {
    "prs": "fa",  # Dari
    "pes": "fa",  # Iranian Persian
    "mo": "ro",  # Moldovan
}
FOR_UNOFFERED_LANGUAGES = "en"


def negotiate(accept_language: str) -> str:
    """The site language for an `Accept-Language` header (see the module's docstring)."""
    asked = False
    for code, _quality in trans_real.parse_accept_lang_header(accept_language or ""):
        if code == "*":
            continue
        asked = True
        primary = code.split("-")[0]
        for candidate in (READ_AS.get(code), code, READ_AS.get(primary)):
            if not candidate:
                continue
            try:
                return get_supported_language_variant(candidate)
            except LookupError:
                continue
    return FOR_UNOFFERED_LANGUAGES if asked else settings.LANGUAGE_CODE


def _no_finnish_fallback(self, localedirs=None):
    """DjangoTranslation._add_fallback, which would fill a catalogue's gaps from LANGUAGE_CODE
    (Finnish): no fallback catalogue, so gettext returns the English message itself."""


def show_missing_messages_in_english() -> None:
    if trans_real.DjangoTranslation._add_fallback is _no_finnish_fallback:
        return
    trans_real.DjangoTranslation._add_fallback = _no_finnish_fallback
    # Catalogues loaded before this (during start-up) are loaded again, without the fallback.
    trans_real._translations = {}
    trans_real._default = None
