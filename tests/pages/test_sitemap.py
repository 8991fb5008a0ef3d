"""sitemap.xml lists every live page in every language, with only real translations as alternates."""

import xml.etree.ElementTree as ET  # noqa: N817

import pytest
from wagtail.models import Page

from tests.utils import demo_page

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def parse(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)  # noqa: S314 - our own output


def test_sitemap_lists_every_live_page(client):
    root = parse(client)
    locations = [loc.text for loc in root.findall("s:url/s:loc", NS)]
    assert len(locations) == Page.objects.live().filter(depth__gte=2).count()
    assert len(set(locations)) == len(locations)


def test_alternates_are_real_translations_only(client):
    root = parse(client)
    help_en = demo_page("help", "en").full_url
    entry = next(url for url in root.findall("s:url", NS) if url.find("s:loc", NS).text == help_en)
    codes = {link.get("hreflang") for link in entry.findall("x:link", NS)}
    assert codes == {"fi", "sv", "en", "x-default"}
    victim = demo_page("victim", "ar").full_url
    entry = next(url for url in root.findall("s:url", NS) if url.find("s:loc", NS).text == victim)
    assert len(entry.findall("x:link", NS)) == 14


def test_robots_txt_points_to_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body
