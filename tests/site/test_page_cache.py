"""The full-page cache: anonymous public pages come from the cache until published content changes;
the form, the receipt check, the admin and anything that sets a cookie never do."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pages.models import ContentGeneration, SiteContactSettings
from tests.factories import NewsArticlePageFactory
from tests.referral_form.test_form import form_data
from tests.utils import demo_page, demo_url_path, soup

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True


def test_second_visit_is_served_from_the_cache_with_one_query(client):
    path = demo_url_path("victim", "fi")
    first = client.get(path)
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(path)
    assert second["X-Page-Cache"] == "hit"
    assert len(queries) == 1  # the content generation
    assert second.content == first.content
    for header in ("Content-Type", "Content-Language", "X-Frame-Options", "Referrer-Policy"):
        assert second[header] == first[header], header
    assert not second.cookies


def test_head_request_is_answered_from_the_cache_without_a_body(client):
    path = demo_url_path("victim", "sv")
    client.get(path)
    response = client.head(path)
    assert response["X-Page-Cache"] == "hit" and response.content == b""


def test_publishing_a_change_shows_on_the_next_request(client):
    path = demo_url_path("victim", "fi")
    client.get(path)
    page = demo_page("victim", "fi")
    page.title = "Uusi otsikko"
    page.save_revision().publish()
    response = client.get(path)
    assert response["X-Page-Cache"] == "miss"
    assert soup(response).find("h1").get_text(strip=True) == "Uusi otsikko"


def test_a_new_translation_or_menu_change_retires_other_pages_too(client):
    home, victim = demo_url_path("home", "fi"), demo_url_path("victim", "fi")
    client.get(home), client.get(victim)
    help_page = demo_page("help", "fi")
    help_page.title = "Valikon uusi nimi"
    help_page.save_revision().publish()
    for path in (home, victim):
        response = client.get(path)
        assert response["X-Page-Cache"] == "miss"
        assert "Valikon uusi nimi" in response.content.decode()


def test_a_new_news_article_appears_on_the_listing_and_home_page(client):
    news, home = demo_url_path("news", "fi"), demo_url_path("home", "fi")
    client.get(news), client.get(home)
    NewsArticlePageFactory(parent=demo_page("news", "fi"), title="Tuore uutinen", date="2030-01-01")
    assert "Tuore uutinen" in client.get(news).content.decode()
    assert "Tuore uutinen" in client.get(home).content.decode()


def test_changing_a_site_setting_retires_cached_pages(client):
    path = demo_url_path("victim", "fi")
    client.get(path)
    contact = SiteContactSettings.load()
    contact.helpline_phone_fi = "+358 9 123 4567"
    contact.save()
    assert "+358 9 123 4567" in client.get(path).content.decode()


def test_unpublishing_removes_the_page_at_once(client):
    path = demo_url_path("admission", "fi")
    assert client.get(path).status_code == 200
    demo_page("admission", "fi").unpublish()
    assert client.get(path).status_code == 404


def test_filters_and_pagination_are_cached_per_query_but_other_parameters_are_not(client):
    path = demo_url_path("news", "fi")
    client.get(path, {"type": "news"})
    assert client.get(path, {"type": "news"})["X-Page-Cache"] == "hit"
    assert client.get(path, {"type": "press_release"})["X-Page-Cache"] == "miss"
    client.get(path, {"utm_source": "x"})
    assert "X-Page-Cache" not in client.get(path, {"utm_source": "x"})


def test_form_and_receipt_check_are_never_cached(client):
    form = demo_url_path("report", "fi")
    for path in (form, form + "check/"):
        client.get(path)
        response = client.get(path)
        assert "X-Page-Cache" not in response
        assert "no-store" in response["Cache-Control"]
    response = client.post(form, form_data())
    assert response.status_code == 200 and "X-Page-Cache" not in response


def test_visitors_with_a_session_are_never_served_from_the_cache(client, django_user_model):
    path = demo_url_path("victim", "fi")
    client.get(path)
    client.force_login(django_user_model.objects.create_user("editor2", password="not-used-123"))
    assert "X-Page-Cache" not in client.get(path)
    admin = client.get("/admin/")
    assert "X-Page-Cache" not in admin


def test_not_found_pages_are_not_cached(client):
    client.get("/fi/ei-ole/")
    assert "X-Page-Cache" not in client.get("/fi/ei-ole/")


def test_generation_is_shared_through_the_database():
    before = ContentGeneration.current()
    page = demo_page("victim", "fi")
    page.save_revision().publish()
    assert ContentGeneration.current() > before


@pytest.fixture
def shared_redis_cache(settings):
    """Django's default cache on the real local Redis, as in production (skipped without Redis)."""
    from django.core.cache import caches

    from tests.pages.test_cache_backend import REDIS_URL, redis_running
    from website.env import cache_config

    if not redis_running():
        pytest.skip("no Redis server on 127.0.0.1:6379")
    config = cache_config(REDIS_URL)
    config["KEY_PREFIX"] = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {"default": config}
    caches["default"].clear()
    yield caches["default"]
    caches["default"].clear()


def test_with_redis_cached_pages_need_no_database_and_a_publish_retires_them(client, shared_redis_cache):
    from pages.cache import GENERATION_KEY

    path = demo_url_path("victim", "fi")
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path)["X-Page-Cache"] == "hit"
    assert len(queries) == 0  # the generation comes from Redis too
    before = shared_redis_cache.get(GENERATION_KEY)
    page = demo_page("victim", "fi")
    page.title = "Redis-julkaisu"
    page.save_revision().publish()
    assert shared_redis_cache.get(GENERATION_KEY) > before
    response = client.get(path)
    assert response["X-Page-Cache"] == "miss" and "Redis-julkaisu" in response.content.decode()


def test_with_redis_a_lost_generation_starts_a_new_one(client, shared_redis_cache):
    from pages.cache import GENERATION_KEY

    path = demo_url_path("victim", "fi")
    client.get(path)
    old = shared_redis_cache.get(GENERATION_KEY)
    shared_redis_cache.delete(GENERATION_KEY)  # evicted by Redis under memory pressure
    assert client.get(path)["X-Page-Cache"] == "miss"
    assert shared_redis_cache.get(GENERATION_KEY) != old
