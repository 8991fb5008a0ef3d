"""Search in every language, on SQLite (plain word matching) and on PostgreSQL (each page indexed and
searched with its own language's text-search configuration, plus prefix matching for Finnish and
Swedish). Run on both:

    .venv/bin/pytest tests/pages/test_search.py -q -p no:randomly
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/pytest tests/pages/test_search.py -q -p no:randomly
"""

import logging
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import TextField, Value
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page
from wagtail.search import index
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from pages.models import ContentPage
from pages.search import MAX_QUERY_LENGTH, clean_query, search_pages
from pages.search.languages import TEXT_SEARCH_CONFIGS, config_for_language, related_stems
from pages.search.views import RESULTS_PER_PAGE
from tests.checkers import ORIGIN, axe_violations, chromium_page, rendered, vnu_errors
from tests.pages.test_rendering import PAGE_TYPES, key_of_type
from tests.utils import demo_page, demo_visitor_path, soup

pytestmark = pytest.mark.django_db
# The search runs the query, counts and localizes the results and falls back to English: a budget
# of its own, still constant in the number of results (measured: 7 without a query, 16-18 with).
SEARCH_QUERY_BUDGET = 20

ON_POSTGRES = connection.vendor == "postgresql"
postgres_only = pytest.mark.skipif(not ON_POSTGRES, reason="stemming and prefixes need PostgreSQL")
sqlite_only = pytest.mark.skipif(ON_POSTGRES, reason="plain word matching is SQLite's behaviour")


# -- an oracle: which live pages of a language contain a word, read from what the pages index ----

def _flatten(value) -> str:
    if isinstance(value, (list, tuple)):
        return " ".join(_flatten(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_flatten(item) for item in value.values())
    return "" if value is None else str(value)


def indexed_text(page) -> str:
    return " ".join(
        _flatten(field.get_value(page)) for field in page.get_search_fields() if isinstance(field, index.SearchField)
    )


def pages_with_word(code: str, word: str) -> set[int]:
    """Live pages in `code` whose indexed text contains `word` as a whole word (any case).

    SQLite's tokenizer splits an e-mail address (ihmiskauppa.auttamisjarjestelma@migri.fi) into words;
    PostgreSQL's keeps it as one token, so there a word inside an address or host name does not count."""
    if ON_POSTGRES:
        pattern = re.compile(rf"(?<![\w@.]){re.escape(word)}(?![\w@]|\.\w)", re.IGNORECASE)
    else:
        pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
    pages = Page.objects.live().public().filter(locale__language_code=code).specific()
    return {page.pk for page in pages if pattern.search(indexed_text(page))}


def found(code: str, query: str) -> set[int]:
    results = list(search_pages(query, code))
    assert all(page.locale.language_code == code for page in results)
    return {page.pk for page in results}


# -- the backend and its configurations ----------------------------------------------------------

def test_settings_choose_the_backend_by_database():
    backend = get_search_backend()
    if ON_POSTGRES:
        assert type(backend).__name__ == "LocalizedPostgresSearchBackend"
    else:
        assert type(backend).__module__.startswith("modelsearch.backends.database.sqlite")


def test_every_site_language_has_a_configuration_candidate():
    assert set(TEXT_SEARCH_CONFIGS) == {code for code, _name in settings.LANGUAGES}


@postgres_only
def test_configurations_match_what_postgresql_has():
    with connection.cursor() as cursor:
        cursor.execute("SELECT cfgname FROM pg_ts_config")
        installed = {name for (name,) in cursor.fetchall()}
    for code, candidate in TEXT_SEARCH_CONFIGS.items():
        assert config_for_language(code) == (candidate if candidate in installed else "simple")
    # The languages this site relies on most have stemmers in every PostgreSQL.
    for code in ("fi", "sv", "en", "ru", "fr", "ar", "ro"):
        assert config_for_language(code) == TEXT_SEARCH_CONFIGS[code]


def _stored_vectors(page) -> tuple[str, str]:
    entry = IndexEntry.objects.get(content_type_id=page.content_type_id, object_id=str(page.pk))
    return entry.title, entry.body


def _stripped_vector(config: str, text: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT strip(to_tsvector(%s::regconfig, %s))::text", [config, text])
        return cursor.fetchone()[0]


def _stripped(vector: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT strip(%s::tsvector)::text", [vector])
        return cursor.fetchone()[0]


@postgres_only
def test_each_demo_page_is_indexed_with_its_own_language():
    pages = Page.objects.live().exclude(depth=1).select_related("locale").specific()
    assert {page.locale.language_code for page in pages} == {code for code, _name in settings.LANGUAGES}
    for page in pages:
        title, _body = _stored_vectors(page)
        assert _stripped(title) == _stripped_vector(config_for_language(page.locale.language_code), page.title), (
            page.url_path
        )


@postgres_only
def test_stems_in_the_index_are_the_languages_own():
    _title, finnish = _stored_vectors(demo_page("victim", "fi"))
    assert "'ihmiskaup'" in finnish and "'ihmiskauppa'" not in finnish
    _title, swedish = _stored_vectors(demo_page("home", "sv"))
    assert "'människohandel'" in swedish and "'off'" in swedish  # "offer" under the Swedish stemmer
    _title, english = _stored_vectors(demo_page("home", "en"))
    assert "'victim'" in english and "'traffick'" in english and "'victims'" not in english


@postgres_only
def test_one_writer_keeps_each_pages_own_configuration():
    """Several backends sharing one table would leave every row with the last writer's configuration."""
    fi_page, sv_page = demo_page("help", "fi"), demo_page("help", "sv")
    backend = get_search_backend()
    for order in ([fi_page, sv_page], [sv_page, fi_page]):
        backend.add_bulk(ContentPage, order)
        for page, config in ((fi_page, "finnish"), (sv_page, "swedish")):
            title, _body = _stored_vectors(page)
            assert _stripped(title) == _stripped_vector(config, page.title)
            assert _stripped(title) != _stripped_vector("swedish" if config == "finnish" else "finnish", page.title)
    backend.add(sv_page)
    assert _stripped(_stored_vectors(fi_page)[0]) == _stripped_vector("finnish", fi_page.title)


def test_every_live_demo_page_is_in_the_index_after_loading():
    pages = Page.objects.live().exclude(depth=1)
    indexed = set(IndexEntry.objects.values_list("content_type_id", "object_id"))
    assert {(page.content_type_id, str(page.pk)) for page in pages} <= indexed


# -- finding pages in fi, sv and en ------------------------------------------------------------------

LANGUAGE_WORDS = [("fi", "ihmiskaupan"), ("sv", "människohandel"), ("en", "trafficking"), ("fi", "IKUT"),
                  ("sv", "IKUT"), ("en", "IKUT")]


@pytest.mark.parametrize(("code", "word"), LANGUAGE_WORDS)
def test_search_finds_the_pages_with_the_word_in_that_language_only(code, word):
    expected = pages_with_word(code, word)
    assert expected, "the demo content should contain the word"
    results = found(code, word)
    if ON_POSTGRES:
        assert expected <= results
    else:
        assert results == expected


INFLECTED_FORMS = [("fi", "ihmiskauppa", "ihmiskaupan"), ("fi", "ihmiskaupasta", "ihmiskaupan"),
                   ("fi", "poliisin", "poliisi"), ("sv", "offren", "offer"),
                   ("sv", "människohandelns", "människohandel"), ("en", "victims", "victim")]


@sqlite_only
@pytest.mark.parametrize(("code", "query", "other_form"), INFLECTED_FORMS)
def test_sqlite_matches_words_as_written(code, query, other_form):
    only_other = pages_with_word(code, other_form) - pages_with_word(code, query)
    assert only_other, "some pages have only the other form"
    assert found(code, query) == pages_with_word(code, query)
    assert not found(code, query) & only_other


@postgres_only
@pytest.mark.parametrize(("code", "query", "other_form"), INFLECTED_FORMS)
def test_postgresql_matches_inflected_forms(code, query, other_form):
    assert pages_with_word(code, other_form) - pages_with_word(code, query), "some pages have only the other form"
    assert pages_with_word(code, other_form) | pages_with_word(code, query) <= found(code, query)


@postgres_only
def test_postgresql_results_stay_near_the_words_stem():
    """Prefix matching widens a search, but only to words that begin like the query."""
    near = re.compile(r"(?<!\w)ihmiskau", re.IGNORECASE)
    for page in Page.objects.filter(pk__in=found("fi", "ihmiskaupan")).specific():
        assert near.search(indexed_text(page)), page.url_path


def test_wagtails_root_node_is_never_a_result():
    root = Page.objects.get(depth=1)
    get_search_backend().add(root)
    assert root.pk not in found(root.locale.language_code, root.title)


def test_every_word_must_match():
    both = found("fi", "ihmiskaupan IKUT")
    assert both and both <= found("fi", "IKUT") and both <= found("fi", "ihmiskaupan")
    assert both < found("fi", "ihmiskaupan")


# -- prefix rules, measured (see pages/search/languages.py) ----------------------------------------

@pytest.mark.parametrize(("stem", "language", "expected"), [
    ("kaupa", "fi", ("kaup", ["kaup", "kau"])),  # kaupan
    ("turvakod", "fi", ("turvako", ["turvako", "turvak"])),  # turvakodin
    ("oikeud", "fi", ("oikeu", ["oikeu", "oike"])),  # oikeuden
    ("työn", "fi", ("työn", ["työ"])),
    ("työ", "fi", (None, [])),  # too short for a prefix
    ("offr", "sv", ("offr", ["off"])),  # offren
    ("victim", "en", (None, [])),  # English relies on its stemmer
    ("2017", "fi", (None, [])),
])
def test_related_stems(stem, language, expected):
    assert related_stems(stem, language) == expected


# Query word, document word, whether they match. Measured with PostgreSQL 15's Finnish and Swedish
# stemmers; the misses are short words whose stems differ in more than an ending.
MEASURED_PAIRS = [
    ("fi", "kaupan", "kauppa", True),
    ("fi", "kauppa", "kaupan", True),
    ("fi", "ihmiskaupan", "ihmiskauppa", True),
    ("fi", "poliisin", "poliisi", True),
    ("fi", "poliisi", "poliisin", True),
    ("fi", "tulkkauksen", "tulkkaus", True),
    ("fi", "oikeuden", "oikeus", True),
    ("fi", "turvakodin", "turvakoti", True),
    ("fi", "asunnon", "asunto", True),
    ("fi", "työn", "työ", True),
    ("fi", "rikoksen", "rikos", True),
    ("fi", "asiakkaan", "asiakas", True),
    ("fi", "lapsen", "lapsi", True),
    ("fi", "lapsi", "lapsen", False),
    ("fi", "apu", "avun", False),
    ("fi", "tuki", "tuen", False),
    ("fi", "poliisin", "politiikka", False),
    ("sv", "offren", "offer", True),
    ("sv", "offer", "offren", False),
    ("sv", "människohandelns", "människohandel", True),
    ("sv", "polis", "politik", False),
    ("en", "victims", "victim", True),
    ("en", "police", "policy", False),
]


@postgres_only
@pytest.mark.parametrize(("code", "query", "document", "matches"), MEASURED_PAIRS)
def test_measured_query_and_document_pairs(code, query, document, matches):
    from pages.search.postgres import LocalizedSearchQueryCompiler

    config = config_for_language(code)
    compiler = LocalizedSearchQueryCompiler(Page.objects.all(), query, operator="and", language_code=code)
    tsquery = compiler.build_tsquery(compiler.query, config=config)
    document_vector = SearchVector(Value(document, output_field=TextField()), config=config)
    assert Locale.objects.annotate(vector=document_vector).filter(vector=tsquery).exists() is matches


@postgres_only
def test_search_without_a_language_matches_pages_in_any_language():
    """The admin searches every tree at once: each page under its own configuration."""
    everywhere = Page.objects.live().select_related("locale")
    assert {"fi", "sv", "en"} <= {page.locale.language_code for page in everywhere.search("IKUT")}
    assert pages_with_word("en", "victim") <= {page.pk for page in everywhere.search("victims")}
    assert pages_with_word("fi", "ihmiskauppa") <= {page.pk for page in everywhere.search("ihmiskaupan")}


def test_editors_search_finds_pages_of_every_language(client, django_user_model):
    from django.contrib.auth.models import Group
    from django.urls import reverse

    editor = django_user_model.objects.create_user(username="editor", password="not-used-123")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "IKUT"})
    assert response.status_code == 200
    listed = {int(pk) for pk in re.findall(r'/admin/pages/(\d+)/edit/', response.content.decode())}
    for code in ("fi", "sv", "en"):
        assert demo_page("news-2021-ikut", code).pk in listed, code


# -- the index follows publishing --------------------------------------------------------------------

def publish_page(parent, title: str, introduction: str, slug: str) -> ContentPage:
    page = ContentPage(title=title, slug=slug, introduction=introduction, locale=parent.locale)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_publishing_updates_the_index():
    page = publish_page(demo_page("home", "fi"), "Kokeilusivu", "Sivulla kerrotaan seepramaisesta asiasta.",
                        "kokeilusivu")
    assert page.pk in found("fi", "seepramaisesta")
    page.introduction = "Nyt sivulla kerrotaan kirahvimaisesta asiasta."
    page.save_revision().publish()
    assert page.pk in found("fi", "kirahvimaisesta")
    assert page.pk not in found("fi", "seepramaisesta")
    page.unpublish()
    assert page.pk not in found("fi", "kirahvimaisesta")


# -- the search page ----------------------------------------------------------------------------------

def search_url(code: str, query: str | None = None, **params) -> str:
    from urllib.parse import urlencode

    if query is not None:
        params = {"q": query, **params}
    return f"/{code}/search/" + (f"?{urlencode(params)}" if params else "")


def result_links(response) -> list:
    return soup(response).select("ol.search-results .search-result__title a")


@pytest.mark.parametrize(("code", "word"), [("fi", "ihmiskaupan"), ("sv", "IKUT"), ("en", "IKUT")])
def test_search_page_lists_results_in_the_visitors_language(client, code, word):
    response = client.get(search_url(code, word))
    assert response.status_code == 200
    links = result_links(response)
    total = len(found(code, word))
    assert len(links) == min(total, RESULTS_PER_PAGE)
    assert all(link["href"].startswith(f"/{code}/") for link in links)
    assert not soup(response).select("ol.search-results [lang]")  # nothing in another language
    assert str(total) in soup(response).select_one(".search-count").get_text()
    titles = {Page.objects.get(pk=pk).title for pk in found(code, word)}
    assert {link.get_text() for link in links} <= titles


def test_search_page_shows_summary_type_and_date(client):
    response = client.get(search_url("fi", "IKUT"))
    items = soup(response).select("li.search-result")
    article = demo_page("news-2021-ikut", "fi")
    item = next(item for item in items if item.select_one("a").get_text() == article.title)
    assert item.select_one("time")["datetime"] == article.date.isoformat()
    assert article.get_news_type_display() in item.select_one(".card__meta").get_text()
    assert item.select_one(".search-result__summary").get_text().strip()


def test_search_page_leaves_no_trace_and_is_not_indexed(client):
    response = client.get(search_url("fi", "ihmiskaupan"))
    assert not response.cookies
    assert "no-store" in response["Cache-Control"]
    assert soup(response).find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert b"/search/" not in client.get("/sitemap.xml").content


def test_search_page_does_not_log_the_query(client, caplog):
    with caplog.at_level(logging.DEBUG):
        client.get(search_url("fi", "salainenhakusana ihmiskaupan"))
        client.get(search_url("fi", "salainenhakusana\x00'"))
    assert "salainenhakusana" not in caplog.text


def test_empty_and_punctuation_only_queries(client):
    empty = client.get(search_url("fi"))
    assert empty.status_code == 200 and not soup(empty).select(".search-results, .search-empty")
    punctuation = client.get(search_url("fi", "&|!():*"))
    assert punctuation.status_code == 200 and not soup(punctuation).select(".search-results, .search-empty")
    assert soup(punctuation).select_one("#search-query")["value"] == "&|!():*"


def test_no_results_suggest_calling_the_helpline(client):
    response = client.get(search_url("fi", "qwzxqwzx"))
    empty = soup(response).select_one(".search-empty")
    assert empty is not None and "qwzxqwzx" in empty.get_text()
    assert empty.select_one('a[href^="tel:"]')


def test_fallback_results_are_marked_with_their_language(client):
    """Arabic has only a few pages: an English word finds English pages, said so and marked."""
    assert not found("ar", "victims")
    response = client.get(search_url("ar", "victims"))
    page = soup(response)
    assert page.html["lang"] == "ar"
    assert page.select_one(".notice")  # says that these results are in another language
    titles = page.select("ol.search-results .search-result__title")
    assert titles and all(title["lang"] == "en" and title["dir"] == "ltr" for title in titles)
    assert all(title.a["href"].startswith("/ar/") for title in titles)  # inside the Arabic interface


def test_results_in_the_visitors_language_come_first_and_alone(client):
    word = "ضحايا"
    assert found("ar", word)
    response = client.get(search_url("ar", word))
    assert not soup(response).select(".notice") and not soup(response).select("ol.search-results [lang]")
    assert len(result_links(response)) == len(found("ar", word))


def test_pagination_keeps_the_query(client):
    query = "ihmiskaupan"
    total = len(found("fi", query))
    assert total > RESULTS_PER_PAGE
    first = client.get(search_url("fi", query))
    next_link = soup(first).select_one('.pagination a[rel="next"]')
    assert parse_qs(urlsplit(next_link["href"]).query) == {"q": [query], "page": ["2"]}
    second = client.get(search_url("fi", query, page=2))
    assert len(result_links(second)) == total - RESULTS_PER_PAGE
    assert soup(second).select_one("ol.search-results")["start"] == str(RESULTS_PER_PAGE + 1)
    assert {a["href"] for a in result_links(first)}.isdisjoint(a["href"] for a in result_links(second))
    assert len(result_links(client.get(search_url("fi", query, page="abc")))) == RESULTS_PER_PAGE
    assert result_links(client.get(search_url("fi", query, page=999))) == result_links(second)
    for odd_page in ("-1", "0", "1e9", "9" * 5000, "\x00"):
        assert client.get(search_url("fi", query, page=odd_page)).status_code == 200


HOSTILE_QUERIES = [
    "\x00", "ihmis\x00kauppa", "a" * 10_000, "ihmiskaupan " * 100, "!!!", "&|!():*", "kaup:*", "!kauppa",
    "(kauppa | poliisi) & !apu", "' OR 1=1 --", "'; DROP TABLE wagtailcore_page; --", '"', '"kauppa', "\\",
    "%", "_", "NEAR(kauppa poliisi)", "kauppa AND NOT", "*", "^kauppa", "<script>alert(1)</script>",
    "\u202e\u200f", "🙂", "ä" * 300, "ﷺ", "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_queries_are_answered(client, query):
    response = client.get("/fi/search/", {"q": query})
    assert response.status_code == 200
    assert b"<script>alert" not in response.content
    value = soup(response).select_one("#search-query")["value"]
    assert len(value) <= MAX_QUERY_LENGTH and "\x00" not in value


def test_query_is_reduced_to_words():
    assert clean_query("  (kauppa | poliisi) & !apu:* ") == "kauppa poliisi apu"
    assert clean_query("ihmis\x00kauppa") == "ihmis kauppa"
    assert clean_query("می\u200cخواهم") == "می\u200cخواهم"  # Persian keeps its zero-width joiner
    assert len(clean_query("a " * 1000)) <= MAX_QUERY_LENGTH


def test_language_switcher_keeps_the_search(client):
    response = client.get(search_url("fi", "IKUT"))
    links = {a["lang"]: a["href"] for a in soup(response).select(".language-switcher a")}
    assert links["sv"] == "/sv/search/?q=IKUT" and links["ar"] == "/ar/search/?q=IKUT"


# -- the header form on every page ----------------------------------------------------------------

def header_paths() -> list[str]:
    paths = [demo_visitor_path(key_of_type(model), code) for code in ("fi", "ar") for model in PAGE_TYPES]
    return [*paths, "/sv/", "/en/ei-ole/", search_url("fi", "IKUT")]


def test_header_search_form_is_on_every_page(client):
    for path in header_paths():
        response = client.get(path)
        code = path.split("/")[1]
        form = soup(response).select_one("header.site-header form[role=search]")
        assert form is not None, path
        assert form["method"] == "get" and form["action"] == f"/{code}/search/" and form.get("aria-label"), path
        field = form.select_one("input[type=search][name=q]")
        assert soup(response).select_one(f'label[for="{field["id"]}"]').get_text(strip=True), path


# -- valid, accessible HTML ----------------------------------------------------------------------------

def search_pages_to_check() -> list[str]:
    return [search_url("fi"), search_url("fi", "ihmiskaupan"), search_url("fi", "ihmiskaupan", page=2),
            search_url("fi", "qwzxqwzx"), search_url("ar", "victims"), search_url("ar", "ضحايا"),
            search_url("sv", "!!!")]


def test_search_pages_are_valid_html(client, tmp_path):
    documents = {path: html.decode() for path, (_s, _h, html) in rendered(client, search_pages_to_check()).items()}
    errors = vnu_errors(documents, tmp_path)
    assert {path: found for path, found in errors.items() if found} == {}


@pytest.mark.parametrize("width", [375, 1280])
def test_search_pages_pass_axe(client, width):
    paths = search_pages_to_check()
    violations = {}
    with chromium_page(rendered(client, paths), width) as page:
        for path in paths:
            page.goto(ORIGIN + path)
            if found := axe_violations(page):
                violations[path] = found
        assert page.offsite_requests == []
    assert violations == {}


# -- query counts ----------------------------------------------------------------------------------

def count_queries(client, path: str) -> int:
    client.get(path)  # warm per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_search_page_queries_do_not_grow_with_results(client):
    home = demo_page("home", "fi")
    publish_page(home, "Seeprasivu 0", "Seeprajuttu", "seeprasivu-0")
    one = count_queries(client, search_url("fi", "seeprajuttu"))
    for number in range(1, 3 * RESULTS_PER_PAGE):
        publish_page(home, f"Seeprasivu {number}", "Seeprajuttu", f"seeprasivu-{number}")
    assert len(found("fi", "seeprajuttu")) == 3 * RESULTS_PER_PAGE
    many = count_queries(client, search_url("fi", "seeprajuttu"))
    assert many == one
    assert count_queries(client, search_url("fi", "seeprajuttu", page=3)) == one
    assert many <= SEARCH_QUERY_BUDGET
    assert count_queries(client, search_url("ar", "victims")) <= SEARCH_QUERY_BUDGET
