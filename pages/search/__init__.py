"""Site search: the search backend for Wagtail's settings and the public search's entry point.

``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "pages.search"}}`` makes `SearchBackend` below
the site's backend. On PostgreSQL it is `postgres.LocalizedPostgresSearchBackend` (every page
indexed and searched in its own language); on any other database it is Wagtail's own database
backend (SQLite: FTS5 with plain word matching), chosen the same way Wagtail's ``database``
backend chooses, from the connection in use.
"""

import unicodedata

from django.db import connection

MAX_QUERY_LENGTH = 200
# Joiners belong inside Persian and Indic words; every other non-letter separates words.
_WORD_JOINERS = {"\u200c", "\u200d"}


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    if connection.vendor == "postgresql":
        from pages.search.postgres import LocalizedPostgresSearchBackend

        return LocalizedPostgresSearchBackend(params)
    from wagtail.search.backends.database import SearchBackend as DatabaseSearchBackend

    return DatabaseSearchBackend(params)


def visible_query(text: str) -> str:
    """What the visitor typed, without control characters, at most MAX_QUERY_LENGTH characters."""
    text = "".join(" " if unicodedata.category(ch).startswith("C") and ch not in _WORD_JOINERS else ch
                   for ch in text[: MAX_QUERY_LENGTH * 2])
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def clean_query(text: str) -> str:
    """The words of a query: letters, marks and digits; everything else becomes a space.

    Quotes, operators of tsquery (& | ! ( ) : *) and of SQLite FTS5 ("*^ NEAR), NUL bytes and other
    punctuation never reach a search backend, so no input can raise a syntax error there."""
    kept = "".join(
        ch if unicodedata.category(ch)[0] in "LMN" or ch in _WORD_JOINERS else " "
        for ch in visible_query(text)
    )
    return " ".join(kept.split())


def search_pages(query: str, language_code: str):
    """Live, public pages in one language that match every word of `query`, best first.

    Returns Wagtail search results of specific pages (a lazy, sliceable list with `count()`).
    """
    from wagtail.models import Locale, Page
    from wagtail.search.backends import get_search_backend
    from wagtail.search.backends.base import EmptySearchResults

    words = clean_query(query)
    locale = Locale.objects.filter(language_code=language_code).first() if words else None
    if locale is None:
        return EmptySearchResults()
    # Depth 1 is Wagtail's root node, which is no page of the site; bodies are not needed to list results.
    pages = Page.objects.live().public().filter(locale=locale, depth__gt=1).specific().defer_streamfields()
    backend = get_search_backend()
    options = {"operator": "and"}
    if getattr(backend, "searches_by_language", False):
        options["language_code"] = language_code
    return backend.search(words, pages, **options)
