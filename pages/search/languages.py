"""How each site language is searched: its PostgreSQL text-search configuration and its prefix rule.

PostgreSQL names each of its Snowball stemmers after the language (``finnish``, ``swedish``, ...);
a language without one is indexed and searched with ``simple`` (lower-cased words, no stemming).
Which configurations exist is read from ``pg_ts_config`` once per process, so a server that has
more of them (a newer PostgreSQL, or one an administrator added) is used without a code change.

Stemmers leave some inflected forms apart. Finnish consonant gradation changes the stem itself
(kauppa → kaup, kaupan → kaupa; turvakoti → turvakot, turvakodin → turvakod), and Swedish drops a
vowel (offer → off, offren → offr). For the languages in ``PREFIX_RULES`` a query word therefore
also matches a document word whose stem

1. begins with the query word's stem, *weakened* for Finnic languages: its final vowels and then
   its final consonants removed (turvakod → turvako), never shorter than ``MIN_PREFIX`` letters; or
2. is the query word's stem without its last one or two letters, at least ``MIN_SHORTER_STEM``
   letters long (poliis → poli, offr → off, työn → työ).

Rule 1 needs nothing but ``to_tsquery``'s own prefix matching (``'kaup':*``); no extension such as
pg_trgm is required. English, French, Romanian, Russian and Arabic rely on their stemmers alone:
there, a prefix mostly adds wrong words (police → policy). Thai, Vietnamese, Persian, Somali and
Ukrainian have no stemmer in PostgreSQL and match whole words.
"""

import functools
import re

from django.conf import settings

# The name PostgreSQL would give each site language's configuration; used only when it exists.
TEXT_SEARCH_CONFIGS = {
    "fi": "finnish",
    "sv": "swedish",
    "en": "english",
    "ru": "russian",
    "uk": "ukrainian",
    "et": "estonian",
    "ro": "romanian",
    "ar": "arabic",
    "fa": "persian",
    "so": "somali",
    "th": "thai",
    "vi": "vietnamese",
    "fr": "french",
}
FALLBACK_CONFIG = "simple"

# "gradation": weaken the stem before prefix matching (Finnic languages); "stem": use it as it is.
PREFIX_RULES = {"fi": "gradation", "et": "gradation", "sv": "stem"}
MIN_PREFIX = 4
MIN_SHORTER_STEM = 3
FINNIC_VOWELS = "aeiouyäöõü"
_TRAILING_VOWELS = re.compile(f"[{FINNIC_VOWELS}]+$")
_TRAILING_CONSONANTS = re.compile(f"[^{FINNIC_VOWELS}]+$")


@functools.cache
def installed_configs(alias: str = "default") -> frozenset[str]:
    """The text-search configurations the PostgreSQL server of `alias` has (one query per process)."""
    from django.db import connections

    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT cfgname FROM pg_catalog.pg_ts_config")
        return frozenset(name for (name,) in cursor.fetchall())


def config_for_language(language_code: str | None, alias: str = "default") -> str:
    """The configuration to index and search a language with; the default language's when None."""
    code = (language_code or settings.LANGUAGE_CODE).split("-")[0].lower()
    candidate = TEXT_SEARCH_CONFIGS.get(code)
    return candidate if candidate in installed_configs(alias) else FALLBACK_CONFIG


def related_stems(stem: str, language_code: str) -> tuple[str | None, list[str]]:
    """For a query word's stem: the prefix a document stem may begin with, and the shorter stems
    it may equal (see the module's documentation). `(None, [])` when the language has no rule."""
    rule = PREFIX_RULES.get(language_code.split("-")[0].lower())
    if rule is None or len(stem) < MIN_PREFIX or not stem.isalpha():
        return None, []
    prefix = stem
    if rule == "gradation":
        core = _TRAILING_CONSONANTS.sub("", _TRAILING_VOWELS.sub("", stem))
        prefix = stem[: max(len(core), MIN_PREFIX)]
    shorter = [stem[:length] for length in (len(stem) - 1, len(stem) - 2) if length >= MIN_SHORTER_STEM]
    return prefix, shorter
