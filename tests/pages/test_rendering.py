"""Every page type renders in every language with the right lang and dir."""

import pytest
from django.conf import settings
from wagtail.models import Page

from pages import models
from referral_form.models import ReferralFormPage
from tests.utils import SPECS, demo_keys, demo_page, demo_url_path, demo_visitor_path, soup

pytestmark = pytest.mark.django_db

PAGE_TYPES = [
    models.HomePage, models.ContentPage, models.SectionIndexPage, models.NewsIndexPage,
    models.NewsArticlePage, models.ReportsIndexPage, models.ReportPage, models.StatisticsPage,
    models.OfficesPage, models.ServiceDirectoryPage, ReferralFormPage,
]
LANGUAGES = [code for code, _ in settings.LANGUAGES]


def key_of_type(model) -> str:
    return next(spec.key for spec in SPECS.values() if spec.model is model)


def test_demo_covers_every_page_type():
    assert {spec.model for spec in SPECS.values()} == set(PAGE_TYPES)


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda m: m.__name__)
def test_page_type_renders_in_language(client, model, code):
    key = key_of_type(model)
    path = demo_visitor_path(key, code)
    response = client.get(path)
    assert response.status_code == 200, path
    html = soup(response).html
    assert html["lang"] == code
    assert html["dir"] == ("rtl" if code in settings.LANGUAGES_BIDI else "ltr")
    assert soup(response).find("h1").get_text(strip=True)


@pytest.mark.parametrize("code", ["fi", "sv", "en"])
def test_fi_sv_en_are_complete(code):
    assert demo_keys(code) == list(SPECS)


def test_victim_guidance_in_all_languages():
    pages = Page.objects.filter(translation_key=demo_page("victim", "fi").translation_key).live()
    assert {page.locale.language_code for page in pages} == set(LANGUAGES)


def test_slugs_are_translated():
    slugs = {code: demo_page("help", code).slug for code in ("fi", "sv", "en")}
    assert len(set(slugs.values())) == 3


def test_guidance_page_content(client):
    page = soup(client.get(demo_url_path("victim", "en")))
    text = page.get_text(" ")
    assert "+358 2954 63177" in text
    assert "ihmiskauppa.auttamisjarjestelma@migri.fi" in text
    assert page.select_one("a[href='tel:+358295463177']")
    assert page.select_one("a[href='tel:112']")
    assert page.select_one(".notice--emergency")
    assert page.select("details.accordion__item summary")


def test_news_article_shows_date_type_and_contacts(client):
    page = soup(client.get(demo_url_path("news-2018-record-clients", "en")))
    assert page.select_one(".page__meta time")["datetime"] == "2018-02-26"
    assert "Press release" in page.select_one(".page__meta").get_text()
    contacts = page.select(".contact")
    assert contacts and contacts[0].select_one("a[href^='tel:']")
    assert contacts[0].select_one("a[href^='mailto:']")


def test_report_shows_period_and_document_language(client):
    page = soup(client.get(demo_url_path("report-2016-h1", "en")))
    meta = page.select_one(".document-link").get_text(" ", strip=True)
    assert "PDF" in meta and "in Finnish" in meta
    document_url = page.select_one(".document-link a")["href"]
    response = client.get(document_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    response.close()


def test_statistics_table_has_the_figures(client):
    page = soup(client.get(demo_url_path("statistics", "fi")))
    cells = page.select("table.figures td, table.figures th")
    text = " ".join(cell.get_text(strip=True) for cell in cells)
    # Finnish writes a space before the percent sign, a no-break one so that "%" never starts a line.
    for figure in ("233", "322", "89", "55", "34", "70\u00a0%", "37\u00a0%"):
        assert figure in text


def test_offices_page_lists_four_offices(client):
    page = soup(client.get(demo_url_path("offices", "sv")))
    names = [h.get_text(strip=True) for h in page.select(".offices .card__title")]
    assert len(names) == 4


def test_menu_comes_from_page_tree(client):
    home = demo_page("home", "fi")
    help_page = demo_page("help", "fi")
    page = soup(client.get("/fi/"))
    titles = [a.get_text(strip=True) for a in page.select(".main-menu a")]
    assert help_page.title in titles
    assert demo_page("privacy", "fi").title not in titles  # not marked for menus
    help_page.show_in_menus = False
    help_page.save_revision().publish()
    page = soup(client.get("/fi/"))
    assert help_page.title not in [a.get_text(strip=True) for a in page.select(".main-menu a")]
    assert home.get_children().live().in_menu().exists()


def test_every_page_has_quick_exit_and_helpline(client):
    for path in ("/fi/", demo_url_path("help", "sv"), "/ar/", "/fi/ei-ole/"):
        page = soup(client.get(path))
        assert page.select_one("[data-quick-exit]")["href"].startswith("https://")
        assert page.select_one("a[href='tel:+358295463177']")
        assert page.select_one("a[href^='mailto:']")
        assert page.select_one("a.skip-link[href='#main']")


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_page_links_to_the_form_and_safe_browsing_in_its_language(client, code):
    for key in ("home", "victim", "help"):
        path = demo_url_path(key, code) or f"/{code}/" + demo_url_path(key, "en").split("/", 2)[2]
        page = soup(client.get(path))
        cta = page.select_one(".site-header .button--cta")
        assert cta is not None, path
        assert cta["href"] == demo_url_path("report", code)
        safety = page.select_one(".quick-exit__help")["href"]
        assert safety == (demo_url_path("safety", code)
                          or f"/{code}/" + demo_url_path("safety", "en").split("/", 2)[2])
        assert client.get(safety).status_code == 200
