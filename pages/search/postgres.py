"""PostgreSQL full-text search with each page indexed and searched in its own language.

Wagtail's PostgreSQL backend builds every tsvector with one configuration (``SEARCH_CONFIG``). Several
backends, one per language, do not help: they share one index table, one row per object, and
the last backend to write a row wins. This backend instead picks the configuration for each object
from its locale when it writes the row (Finnish stems for a Finnish page, Swedish for a Swedish
one; objects without a locale, such as images, get the default language's), and the query's
configuration from the language being searched.

``search(..., language_code="fi")`` stems the query the Finnish way and adds the prefix matches
of ``languages.related_stems``. Without a language (the admin's search across all trees) the
query is stemmed with every configuration in use and any of them may match.
"""

import copy
import re
from collections import defaultdict
from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connections
from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.backends.database.postgres.query import Lexeme
from modelsearch.query import Phrase, PlainText

from pages.search.languages import FALLBACK_CONFIG, config_for_language, related_stems

TERM_SEPARATORS = re.compile(r"[\s\-]+")  # as Wagtail's PostgreSQL backend splits a query


def _any(queries: list, invert: bool):
    """Queries joined by OR; by AND when they are negated (not A and not B)."""
    return reduce(lambda a, b: (a & b) if invert else (a | b), queries)


class LocalizedPostgresIndex(PostgresIndex):
    def add_items(self, model, objs):
        """Write each object's row with the configuration of its own language."""
        languages = self.backend.locale_languages(self.write_connection.alias)
        groups = defaultdict(list)
        for obj in objs:
            language = languages.get(getattr(obj, "locale_id", None))
            groups[config_for_language(language, self.write_connection.alias)].append(obj)
        for config, group in groups.items():
            # Wagtail's indexer reads the configuration from the backend it is given.
            PostgresIndex(self.backend.with_config(config)).add_items(model, group)


class LocalizedSearchQueryCompiler(PostgresSearchQueryCompiler):
    def __init__(self, *args, language_code: str | None = None, **kwargs):
        self.language_code = language_code
        self._stems: dict = {}
        super().__init__(*args, **kwargs)

    @property
    def _alias(self) -> str:
        return self.queryset.db

    def get_config(self, backend):
        if self.language_code:
            return config_for_language(self.language_code, self._alias)
        return backend.configs_in_use(self._alias)

    def get_fields_vectors(self, search_query):
        # Searching model fields directly (`fields=[...]`) builds vectors with one configuration.
        config = config_for_language(self.language_code, self._alias)
        return [
            (SearchVector(field_lookup, config=config), search_field.boost)
            for field_lookup, search_field in self.search_fields.items()
        ]

    def build_tsquery_content(self, query, config=None, invert=False):
        if isinstance(config, tuple):
            if isinstance(query, (PlainText, Phrase)):
                # No language given: a match under any configuration counts.
                parts = [super(LocalizedSearchQueryCompiler, self).build_tsquery_content(query, one, invert)
                         for one in config]
                parts = [part for part in parts if part is not None]
                return _any(parts, invert) if parts else None
            return super().build_tsquery_content(query, config=config, invert=invert)
        if isinstance(query, PlainText) and self.language_code:
            return self._tolerant_tsquery(query, config, invert)
        return super().build_tsquery_content(query, config=config, invert=invert)

    def _tolerant_tsquery(self, query: PlainText, config: str, invert: bool):
        """Each word as the stemmer sees it, or as a related stem (`languages.related_stems`)."""
        terms = [term for term in TERM_SEPARATORS.split(query.query_string) if term]
        if not terms:
            return None
        stems = self.stems(terms, config)
        word_queries = []
        for term in terms:
            alternatives = [SearchQuery(Lexeme(term, invert=invert), search_type="raw", config=config)]
            lexemes = stems.get(term) or []
            prefix, shorter = related_stems(lexemes[0], self.language_code) if len(lexemes) == 1 else (None, [])
            related = [Lexeme(prefix, prefix=True, invert=invert)] if prefix else []
            related += [Lexeme(stem, invert=invert) for stem in shorter]
            if related:
                # Stems are already lower-cased and stemmed: `simple` takes them as they are.
                alternatives.append(SearchQuery(_any(related, invert), search_type="raw", config=FALLBACK_CONFIG))
            word_queries.append(_any(alternatives, invert))
        every_word = (query.operator == "and") != invert
        return reduce(lambda a, b: (a & b) if every_word else (a | b), word_queries)

    def stems(self, terms: list[str], config: str) -> dict[str, list[str]]:
        """Each term's lexemes under `config`, from PostgreSQL's own stemmer (one query per search)."""
        key = (config, tuple(terms))
        if key not in self._stems:
            with connections[self._alias].cursor() as cursor:
                cursor.execute(
                    "SELECT term, tsvector_to_array(to_tsvector(%s::regconfig, term)) "
                    "FROM unnest(%s::text[]) AS term",
                    [config, list(terms)],
                )
                self._stems[key] = dict(cursor.fetchall())
        return self._stems[key]


class LocalizedPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = LocalizedSearchQueryCompiler
    index_class = LocalizedPostgresIndex
    #: `search()` takes the language to search in (see pages.search.search_pages).
    searches_by_language = True

    def with_config(self, config: str) -> "LocalizedPostgresSearchBackend":
        """This backend, writing and searching with one given configuration."""
        backend = copy.copy(self)
        backend.config = config
        return backend

    @staticmethod
    def locale_languages(alias: str = "default") -> dict[int, str]:
        from wagtail.models import Locale

        return dict(Locale.objects.using(alias).values_list("pk", "language_code"))

    def configs_in_use(self, alias: str = "default") -> tuple[str, ...]:
        """Every configuration some object may be indexed with: the site languages' and the default."""
        from django.conf import settings

        codes = [None, *(code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES)]
        return tuple(dict.fromkeys(config_for_language(code, alias) for code in codes))

    def search(self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True,
               language_code=None):
        return self._search(
            self.query_compiler_class,
            query,
            model_or_queryset,
            fields=fields,
            operator=operator,
            order_by_relevance=order_by_relevance,
            language_code=language_code,
        )
