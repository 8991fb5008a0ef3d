"""Query counts per page type are bounded and do not grow with the amount of content."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import NewsArticlePageFactory
from tests.pages.test_rendering import PAGE_TYPES, key_of_type
from tests.utils import demo_page, demo_url_path

pytestmark = pytest.mark.django_db

# Rendered afresh (the full-page cache is off in tests), after a first request has filled the
# per-generation caches of menus, links and routes (pages/cache.py). A page found through the
# locale fallback (most Arabic pages) needs a few more lookups.
QUERY_BUDGET = 10
FALLBACK_QUERY_BUDGET = 12


def count_queries(client, path: str) -> int:
    client.get(path)  # warm per-process caches (site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda m: m.__name__)
def test_page_type_query_budget(client, model):
    key = key_of_type(model)
    assert count_queries(client, demo_url_path(key, "fi")) <= QUERY_BUDGET
    arabic = demo_url_path(key, "ar") or "/ar/" + demo_url_path(key, "en").split("/", 2)[2]
    assert count_queries(client, arabic) <= FALLBACK_QUERY_BUDGET


def test_first_request_after_a_change_is_bounded_too(client):
    """With every cache cold (just after a publish), a page still stays within a small budget."""
    from django.core.cache import cache

    path = demo_url_path("victim", "fi")
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    assert len(queries) <= 40  # 36 measured: site, roots, route, menu, links, translations, settings


def test_news_index_queries_do_not_grow_with_articles(client):
    news = demo_page("news", "fi")
    path = demo_url_path("news", "fi")
    extra = 5 - news.get_children().count()
    for _ in range(max(extra, 0)):
        NewsArticlePageFactory(parent=news)
    few = count_queries(client, path)
    for _ in range(195):
        NewsArticlePageFactory(parent=news)
    assert news.get_children().count() >= 200
    many = count_queries(client, path)
    assert many == few
    assert count_queries(client, path + "?page=7") == few
