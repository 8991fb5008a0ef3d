"""A page missing in the visitor's language is served from English (then Finnish) in their interface."""

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Locale

from pages import i18n
from tests.utils import demo_page, demo_url_path, soup

pytestmark = pytest.mark.django_db

OTHER_LANGUAGES = ["ru", "uk", "et", "ro", "ar", "fa", "so", "th", "vi", "fr"]


def fallback_path(code: str, key: str) -> str:
    """The URL a visitor of `code` reaches a page by when only English has it."""
    return f"/{code}/" + demo_url_path(key, "en").split("/", 2)[2]


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_english_page_served_inside_visitor_interface(client, code):
    response = client.get(fallback_path(code, "help"))
    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == code
    assert page.html["dir"] == ("rtl" if code in ("ar", "fa") else "ltr")
    main = page.find("main")
    assert main["lang"] == "en" and main["dir"] == "ltr"
    notice = page.select_one(".fallback-notice")
    assert notice is not None and notice["lang"] == code
    with translation.override(code):
        expected = gettext(
            "This page has not been translated into your language yet. It is shown in %(language)s."
        ) % {"language": i18n.name_in_sentence("en")}
    assert notice.get_text(strip=True) == expected
    assert page.find("h1").get_text(strip=True) == demo_page("help", "en").title


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_links_keep_the_visitor_language(client, code):
    page = soup(client.get(fallback_path(code, "help")))
    internal = [a["href"] for a in page.select("main a[href^='/'], .main-menu a, .breadcrumbs a")]
    assert internal
    for href in internal:
        if href.startswith(("/static/", "/documents/", "/media/")):
            continue
        assert href.startswith(f"/{code}/"), href


def test_translated_page_has_no_notice(client):
    for code in ["fi", "sv", "en", *OTHER_LANGUAGES]:
        response = client.get(demo_url_path("victim", code))
        assert response.status_code == 200
        page = soup(response)
        assert page.select_one(".fallback-notice") is None, code
        assert page.find("main").get("lang") is None


def test_finnish_used_when_english_lacks_the_page(client):
    fi_help = demo_page("help", "fi")
    demo_page("help", "en").unpublish()
    response = client.get(f"/ru/{fi_help.slug}/")
    assert response.status_code == 200
    page = soup(response)
    assert page.find("main")["lang"] == "fi"
    assert page.find("h1").get_text(strip=True) == fi_help.title


def test_finnish_slug_in_fallback_language_shows_english_translation(client):
    # /ru/<finnish slug>/ routes in the Finnish tree, but English is the better fallback.
    response = client.get(f"/ru/{demo_page('help', 'fi').slug}/")
    assert response.status_code == 200
    assert soup(response).find("main")["lang"] == "en"


def test_wrong_tree_redirects_to_real_translation(client):
    # A Swedish visitor on an English URL is sent to the Swedish page.
    response = client.get(fallback_path("sv", "help"))
    assert response.status_code == 302
    assert response["Location"] == demo_url_path("help", "sv")


def test_hreflang_lists_only_real_translations(client):
    page = soup(client.get(fallback_path("ru", "help")))
    hreflangs = {link["hreflang"] for link in page.select("link[rel=alternate][hreflang]")}
    assert hreflangs == {"fi", "sv", "en", "x-default"}
    victim = soup(client.get(demo_url_path("victim", "fi")))
    codes = {link["hreflang"] for link in victim.select("link[rel=alternate][hreflang]")}
    assert codes == {code for code, _ in settings.LANGUAGES} | {"x-default"}
    canonical = page.select_one("link[rel=canonical]")["href"]
    assert canonical.endswith(demo_url_path("help", "en"))


@pytest.mark.parametrize("key", ["help", "victim", "news-2018-record-clients"])
def test_language_switcher_leads_to_the_same_page(client, key):
    page = soup(client.get(demo_url_path(key, "fi")))
    links = {a["lang"]: a["href"] for a in page.select(".language-switcher a")}
    assert set(links) == {code for code, _ in settings.LANGUAGES}
    for code, href in links.items():
        response = client.get(href)
        assert response.status_code == 200, href
        shown = soup(response)
        assert shown.html["lang"] == code
        expected = demo_url_path(key, code) and demo_page(key, code) or demo_page(key, "en")
        assert shown.find("h1").get_text(strip=True) == expected.title, href


def test_draft_translation_is_not_shown(client):
    ru_victim = demo_page("victim", "ru")
    ru_victim.unpublish()
    response = client.get(demo_url_path("victim", "ru"))
    # the Russian slug no longer routes; nothing leaks from the draft
    assert response.status_code == 404
    en_path = fallback_path("ru", "victim")
    page = soup(client.get(en_path))
    assert page.find("main")["lang"] == "en"
    assert Locale.objects.filter(language_code="ru").exists()


@pytest.mark.parametrize("code", ["ar", "fa"])
def test_english_content_inside_a_right_to_left_page_reads_left_to_right(client, code):
    """News cards, menu items and breadcrumbs that are still in English say so, and run left to right;
    what is in the visitor's language around them does not repeat the attributes."""
    page = soup(client.get(f"/{code}/"))
    cards = page.select(".latest-news .card")
    assert cards
    for card in cards:
        assert (card["lang"], card["dir"]) == ("en", "ltr")
        meta = card.select_one(".card__meta")  # "press release": the interface's words
        assert (meta["lang"], meta["dir"]) == (code, "rtl")
    english_items = [a for a in page.select(".main-menu a") if a.get("lang") == "en"]
    assert english_items and all(a["dir"] == "ltr" for a in english_items)
    own_items = [a for a in page.select(".main-menu a") if not a.has_attr("lang")]
    assert own_items and not any(a.has_attr("dir") for a in own_items)
    crumbs = soup(client.get(fallback_path(code, "offices"))).select(".breadcrumbs [lang]")
    assert crumbs and all(crumb["dir"] == "ltr" for crumb in crumbs if crumb["lang"] == "en")


@pytest.mark.parametrize("code", ["ar", "fa"])
def test_interface_words_inside_an_english_page_carry_the_visitors_language(client, code):
    """On a fallback page `<main lang="en">` holds a few words in the visitor's own language (the
    helpline's labels, a document's details): those say so (WCAG 3.1.2)."""
    marked = []
    for key in ("help", "admission", "professionals", "report-2016-h1", "report-2017-h1"):
        page = soup(client.get(fallback_path(code, key)))
        assert page.find("main")["lang"] == "en"
        for element in page.select("main .helpline__contacts, main .document-link__meta"):
            assert (element.get("lang"), element.get("dir")) == (code, "rtl"), (key, element)
            marked.append(element)
    assert marked
    for element in soup(client.get(demo_url_path("help", "fi"))).select(".helpline__contacts, .document-link__meta"):
        assert not element.has_attr("lang")  # nothing to mark on a page in the visitor's language
