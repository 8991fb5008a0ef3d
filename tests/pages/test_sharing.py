"""Open Graph title, description and image on every page, in the page's language."""

import pytest
import wagtail_factories

from tests.pages.test_rendering import PAGE_TYPES, key_of_type
from tests.utils import demo_page, demo_url_path, demo_visitor_path, soup

pytestmark = pytest.mark.django_db


def meta(page, name: str) -> str | None:
    tag = page.select_one(f"head meta[property='{name}'], head meta[name='{name}']")
    return tag["content"] if tag else None


@pytest.mark.parametrize("code", ["fi", "ar"])
@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda m: m.__name__)
def test_every_page_type_has_open_graph_tags(client, model, code):
    path = demo_visitor_path(key_of_type(model), code)
    page = soup(client.get(path))
    # the h1 is the page title, except on the home page, which has a hero heading
    title = demo_page("home", code).title if model.__name__ == "HomePage" else page.find("h1").get_text(strip=True)
    assert meta(page, "og:title") == title
    assert meta(page, "og:url") == page.select_one("head link[rel=canonical]")["href"]
    image = meta(page, "og:image")
    assert image.startswith("http://testserver/static/")
    assert client.get(image.removeprefix("http://testserver")).status_code == 200
    assert (meta(page, "og:image:width"), meta(page, "og:image:height")) == ("1200", "630")
    assert meta(page, "og:type") == ("article" if model.__name__ == "NewsArticlePage" else "website")
    assert meta(page, "twitter:card") == "summary_large_image"
    content_language = page.find("main").get("lang") or code
    assert meta(page, "og:locale").split("_")[0] == content_language


def test_description_falls_back_to_the_lead_paragraph(client):
    article = demo_page("news-2018-record-clients", "fi")
    article.search_description = ""
    article.introduction = "Ennätysmäärä   asiakkaita.\nLisää tekstiä " + "pitkä " * 60
    article.save_revision().publish()
    page = soup(client.get(demo_url_path("news-2018-record-clients", "fi")))
    description = meta(page, "og:description")
    assert description.startswith("Ennätysmäärä asiakkaita. Lisää tekstiä")
    assert len(description) <= 200
    assert meta(page, "description") == description


def test_a_pages_own_sharing_image_is_cropped_to_1200_by_630(client):
    image = wagtail_factories.ImageFactory(file__width=2000, file__height=1500, description="Laituri")
    page = demo_page("victim", "fi")
    page.social_image = image
    page.save_revision().publish()
    html = soup(client.get(demo_url_path("victim", "fi")))
    url = meta(html, "og:image")
    assert url.startswith("http://testserver/media/images/") and url.endswith(".jpg")
    assert (meta(html, "og:image:width"), meta(html, "og:image:height")) == ("1200", "630")
    assert meta(html, "og:image:alt") == "Laituri"
