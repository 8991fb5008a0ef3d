"""PUBLIC_BASE_URL names the site's address in every absolute URL it writes, with no database step."""

import os
import subprocess
import sys
import xml.etree.ElementTree as ET  # noqa: N817

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured
from wagtail.models import Site

from pages.models import SiteContactSettings
from referral_form.notifications import notify_new_referral
from tests.pages.test_settings import PRODUCTION_ENV
from tests.utils import demo_url_path, soup
from website.env import env_base_url

pytestmark = pytest.mark.django_db
PUBLIC = "https://ihmiskauppa.example"
ATOM = "{http://www.w3.org/2005/Atom}"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture
def public(settings):
    settings.PUBLIC_BASE_URL = PUBLIC
    settings.WAGTAILADMIN_BASE_URL = PUBLIC
    # The demo's Site record names another host: nothing in the database has to change.
    assert Site.objects.get(is_default_site=True).root_url != PUBLIC
    return PUBLIC


def absolute_urls_of_a_page(client, path: str) -> list[str]:
    head = soup(client.get(path)).head
    urls = [head.select_one("link[rel=canonical]")["href"]]
    urls += [link["href"] for link in head.select("link[rel=alternate][hreflang]")]
    urls += [head.select_one(f"meta[property='{name}']")["content"] for name in ("og:url", "og:image")]
    return urls


@pytest.mark.parametrize("code", ["fi", "ar"])
def test_canonical_hreflang_and_open_graph_use_the_public_address(client, public, code):
    for key in ("home", "victim", "help", "news-2018-record-clients"):
        path = demo_url_path(key, code) or demo_url_path(key, "en")
        urls = absolute_urls_of_a_page(client, path)
        assert len(urls) >= 4
        assert all(url.startswith(PUBLIC + "/") for url in urls), (path, urls)


def test_the_host_a_request_names_does_not_change_the_address(client, public):
    urls = absolute_urls_of_a_page(client, "/fi/")
    assert absolute_urls_of_a_page(client.__class__(HTTP_HOST="127.0.0.1"), "/fi/") == urls


def test_sitemap_and_robots_use_the_public_address(client, public):
    root = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - our own output
    locations = [loc.text for loc in root.findall("s:url/s:loc", NS)]
    alternates = [link.get("href") for link in root.findall("s:url/x:link", NS)]
    assert locations and alternates
    assert all(url.startswith(PUBLIC + "/") for url in locations + alternates)
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in client.get("/robots.txt").content.decode()


def test_feed_uses_the_public_address(client, public):
    feed = ET.fromstring(client.get(demo_url_path("news", "fi") + "feed/").content)  # noqa: S314
    links = [link.get("href") for link in feed.iter(f"{ATOM}link")]
    assert len(links) > 2
    assert all(link.startswith(PUBLIC + "/") for link in links), links


def test_notification_e_mail_links_the_public_address(public, mailoutbox, settings):
    settings.REFERRAL_NOTIFY_EMAILS = ["referrals@example.org"]
    notify_new_referral()
    assert f"{PUBLIC}/admin/referrals/" in mailoutbox[0].body


def test_without_it_pages_keep_the_site_record(client, settings):
    settings.PUBLIC_BASE_URL = ""
    root_url = Site.objects.get(is_default_site=True).root_url
    assert soup(client.get("/fi/")).select_one("link[rel=canonical]")["href"] == root_url + "/fi/"
    assert SiteContactSettings.load()  # the settings row is untouched either way


@pytest.mark.parametrize("value", ["ihmiskauppa.fi", "ftp://ihmiskauppa.fi", "https://ihmiskauppa.fi/fi/",
                                   "https://ihmiskauppa.fi?x=1", "https://"])
def test_a_malformed_address_is_refused(monkeypatch, value):
    monkeypatch.setenv("PUBLIC_BASE_URL", value)
    with pytest.raises(ImproperlyConfigured, match="PUBLIC_BASE_URL"):
        env_base_url("PUBLIC_BASE_URL")


def test_a_trailing_slash_is_dropped(monkeypatch):
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://ihmiskauppa.fi/")
    assert env_base_url("PUBLIC_BASE_URL") == "https://ihmiskauppa.fi"


def print_setting(name: str, module: str = "dev", **env) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", f"from django.conf import settings; print(settings.{name})"],
        cwd=django_settings.BASE_DIR, capture_output=True, text=True, check=True,
        env={"PATH": os.environ["PATH"], "DOTENV_PATH": "", "DJANGO_SETTINGS_MODULE": f"website.settings.{module}",
             **env},
    )
    return result.stdout.strip().splitlines()[-1]


def test_make_run_names_its_own_port():
    assert print_setting("PUBLIC_BASE_URL", PORT="8123") == "http://127.0.0.1:8123"
    assert print_setting("WAGTAILADMIN_BASE_URL", PORT="8123") == "http://127.0.0.1:8123"
    assert print_setting("PUBLIC_BASE_URL", PORT="8123", PUBLIC_BASE_URL="https://x.example") == "https://x.example"


def test_production_e_mails_link_the_public_address_unless_the_admin_has_its_own():
    assert print_setting("WAGTAILADMIN_BASE_URL", "production", **PRODUCTION_ENV) == PRODUCTION_ENV["PUBLIC_BASE_URL"]
    admin = {**PRODUCTION_ENV, "WAGTAILADMIN_BASE_URL": "https://staff.ihmiskauppa.example"}
    assert print_setting("WAGTAILADMIN_BASE_URL", "production", **admin) == "https://staff.ihmiskauppa.example"
