"""News: filters by type and year that work without JavaScript, pagination that keeps them, and an
Atom feed per language announced in the page head."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from pages.models import NewsArticlePage
from tests.factories import NewsArticlePageFactory
from tests.pages.test_queries import count_queries
from tests.utils import demo_page, demo_url_path, soup

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def listed_titles(response) -> list[str]:
    return [title.get_text(strip=True) for title in soup(response).select("main .card__title")]


def live_articles(code: str = "fi"):
    return NewsArticlePage.objects.live().filter(locale__language_code=code)


def test_filter_by_type(client):
    path = demo_url_path("news", "fi")
    press = set(live_articles().filter(news_type="press_release").values_list("title", flat=True))
    assert press and len(press) < live_articles().count()
    response = client.get(path, {"type": "press_release"})
    assert set(listed_titles(response)) == press
    page = soup(response)
    assert page.select_one("#news-type option[selected]")["value"] == "press_release"
    assert page.select_one(".filters__count").get_text(strip=True).startswith(str(len(press)))


def test_filter_by_year_and_the_year_list_comes_from_the_articles(client):
    path = demo_url_path("news", "fi")
    years = sorted({day.year for day in live_articles().values_list("date", flat=True)}, reverse=True)
    page = soup(client.get(path))
    assert [int(option["value"]) for option in page.select("#news-year option") if option["value"]] == years
    response = client.get(path, {"year": years[-1]})
    expected = set(live_articles().filter(date__year=years[-1]).values_list("title", flat=True))
    assert set(listed_titles(response)) == expected


def test_both_filters_together_and_no_match(client):
    path = demo_url_path("news", "fi")
    year = live_articles().filter(news_type="news").first().date.year
    response = client.get(path, {"type": "news", "year": year})
    expected = set(live_articles().filter(news_type="news", date__year=year).values_list("title", flat=True))
    assert set(listed_titles(response)) == expected
    NewsArticlePageFactory(parent=demo_page("news", "fi"), date=datetime.date(1999, 5, 1), news_type="news")
    response = client.get(path, {"type": "press_release", "year": 1999})
    assert listed_titles(response) == []
    assert soup(response).select_one(".filters__clear")["href"] == path


@pytest.mark.parametrize("query", [{"type": "nonsense"}, {"year": "abc"}, {"year": "1800"}, {"year": "9" * 40},
                                   {"type": "\x00"}, {"page": "-1"}])
def test_unknown_filter_values_show_everything(client, query):
    path = demo_url_path("news", "fi")
    response = client.get(path, query)
    assert response.status_code == 200
    assert len(listed_titles(response)) == min(live_articles().count(), 10)


def test_the_filter_form_works_without_javascript(client):
    page = soup(client.get(demo_url_path("news", "sv")))
    form = page.select_one("main form.filters")
    assert form["method"] == "get"
    for select in form.select("select"):
        assert page.select_one(f"label[for={select['id']}]").get_text(strip=True)
    assert form.select_one("button[type=submit]")


def test_pagination_keeps_the_filters(client):
    news = demo_page("news", "fi")
    for _ in range(12):
        NewsArticlePageFactory(parent=news, news_type="press_release", date=datetime.date(2019, 3, 1))
    path = demo_url_path("news", "fi")
    page = soup(client.get(path, {"type": "press_release", "year": 2019}))
    next_link = page.select_one(".pagination a[rel=next]")["href"]
    assert next_link == "?type=press_release&year=2019&page=2"
    second = client.get(path + next_link)
    assert len(listed_titles(second)) == 2


def test_filtered_listing_queries_do_not_grow_with_articles(client):
    news = demo_page("news", "fi")
    path = demo_url_path("news", "fi") + "?type=news&year=2020"
    NewsArticlePageFactory(parent=news, news_type="news", date=datetime.date(2020, 1, 2))
    few = count_queries(client, path)
    for day in range(60):
        NewsArticlePageFactory(parent=news, news_type="news", date=datetime.date(2020, 1, 3) + datetime.timedelta(day))
    assert count_queries(client, path) == few


def feed_of(client, code: str):
    index_path = demo_url_path("news", code)
    link = soup(client.get(index_path)).select_one("head link[rel=alternate][type='application/atom+xml']")
    assert link is not None
    response = client.get(link["href"])
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "Set-Cookie" not in response
    return ET.fromstring(response.content)  # noqa: S314 - our own feed


@pytest.mark.parametrize("code", ["fi", "sv", "en"])
def test_atom_feed_per_language_lists_that_languages_newest_articles(client, code):
    feed = feed_of(client, code)
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == code
    entries = feed.findall(f"{ATOM}entry")
    expected = list(live_articles(code).order_by("-date", "-pk")[:20])
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [article.title for article in expected]
    for entry, article in zip(entries, expected, strict=True):
        assert entry.find(f"{ATOM}link").get("href") == "http://testserver" + article.url
        assert entry.findtext(f"{ATOM}published", "").startswith(article.date.isoformat())
        assert entry.find(f"{ATOM}category").get("term") == article.get_news_type_display()
    assert len({entry.findtext(f"{ATOM}id") for entry in entries}) == len(entries)


def test_home_page_announces_the_feed_and_links_all_news(client):
    page = soup(client.get("/fi/"))
    link = page.select_one("head link[rel=alternate][type='application/atom+xml']")
    assert link["href"] == demo_url_path("news", "fi") + "feed/"
    assert page.select_one(f".latest-news a[href='{demo_url_path('news', 'fi')}']")


def test_feed_of_a_language_without_news_falls_back_to_english(client):
    english = demo_url_path("news", "en")
    response = client.get("/ar/" + english.split("/", 2)[2] + "feed/")
    assert response.status_code == 200
    feed = ET.fromstring(response.content)  # noqa: S314 - our own feed
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert feed.findall(f"{ATOM}entry")
