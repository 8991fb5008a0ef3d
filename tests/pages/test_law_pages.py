"""The accessibility statement and the privacy notice: linked from the footer of every page in every
language, served in every language, and saying what the law asks of them."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

from pages.models import SiteContactSettings
from pages.templatetags.navigation_tags import language_name
from tests.admin_forms import edit_form_data
from tests.checkers import ORIGIN, axe_violations, chromium_page, rendered, vnu_errors
from tests.utils import demo_page, demo_url_path, demo_visitor_path, soup

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _ in settings.LANGUAGES]
LAW_PAGES = {"accessibility": "Accessibility statement", "privacy": "Privacy notice"}
CONTACT_EMAIL = "ihmiskauppa.auttamisjarjestelma@migri.fi"


def text_of(response) -> str:
    return " ".join(soup(response).find("main").get_text(" ").split())


def expected_marker(code: str, content_language: str) -> str:
    with translation.override(code):
        return "(" + gettext("in %(language)s") % {"language": language_name(content_language)} + ")"


def footer_paths(code: str) -> list[str]:
    """A translated page, a page shown from English, and the 404 page, in the visitor's language."""
    return [demo_visitor_path("home", code), demo_visitor_path("victim", code), demo_visitor_path("help", code),
            f"/{code}/no-such-page/"]


# --- the footer ---------------------------------------------------------------------------------


@pytest.mark.parametrize("code", LANGUAGES)
def test_footer_links_both_pages_in_the_visitor_language(client, code):
    for path in footer_paths(code):
        page = soup(client.get(path))
        footer = page.select_one("footer.site-footer")
        for key, text in LAW_PAGES.items():
            link = footer.select_one(f"a[data-site-link={key}]")
            assert link is not None, (path, key)
            assert link["href"] == demo_visitor_path(key, code), (path, key)
            with translation.override(code):
                assert link.get_text(strip=True) == gettext(text)
            marker = link.find_next_sibling("span")
            if demo_url_path(key, code) is not None:  # translated: a plain link
                assert not link.has_attr("hreflang") and marker is None, (path, key)
            else:  # the English page inside the visitor's interface, marked as English
                assert link["hreflang"] == "en", (path, key)
                assert marker.get_text(strip=True) == expected_marker(code, "en"), (path, key)


def test_footer_links_work_on_cached_pages_and_follow_the_settings(client, settings):
    settings.PAGE_CACHE_ENABLED = True
    path = demo_visitor_path("victim", "ar")
    assert client.get(path)["X-Page-Cache"] == "miss"
    cached = client.get(path)
    assert cached["X-Page-Cache"] == "hit"
    footer = soup(cached).select_one("footer.site-footer")
    assert footer.select_one("a[data-site-link=privacy]")["href"] == demo_visitor_path("privacy", "ar")
    assert footer.select_one("a[data-site-link=accessibility]")["href"] == demo_visitor_path("accessibility", "ar")

    contact = SiteContactSettings.load()
    contact.privacy_page = demo_page("safety", "fi")  # an editor chooses another page
    contact.save()
    response = client.get(path)
    assert response["X-Page-Cache"] == "miss"
    assert soup(response).select_one("a[data-site-link=privacy]")["href"] == demo_url_path("safety", "ar")


def test_no_link_when_no_page_is_chosen(client):
    contact = SiteContactSettings.load()
    contact.accessibility_page = contact.privacy_page = None
    contact.save()
    footer = soup(client.get("/fi/")).select_one("footer.site-footer")
    assert footer.select_one(".site-footer__links") is None


# --- the two pages in every language ------------------------------------------------------------


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("key", list(LAW_PAGES))
def test_law_page_answers_in_every_language(client, key, code):
    response = client.get(demo_visitor_path(key, code))
    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == code
    notice = page.select_one(".fallback-notice")
    if demo_url_path(key, code) is not None:
        assert notice is None
        assert page.find("h1").get_text(strip=True) == demo_page(key, code).title
    else:
        assert notice is not None and notice["lang"] == code
        assert page.find("main")["lang"] == "en"
        assert page.find("h1").get_text(strip=True) == demo_page(key, "en").title


# --- the accessibility statement ----------------------------------------------------------------

STATEMENT_PARTS = {
    "fi": {
        "status": ["osittain", "WCAG 2.1", "AA-taso"],
        "not accessible": ["PDF-tiedostoja", "vain suomeksi", "tageja", "reCAPTCHA", "aikaraja", "ennen 23.9.2018"],
        "dates and method": ["laadittu 24.11.2026", "tarkistettu ja päivitetty 7.12.2026", "itsearviointi",
                             "axe-core", "vnu", "Lighthouse"],
        "feedback": ["Vastaamme 14 päivän kuluessa"],
        "enforcement": ["Etelä-Suomen aluehallintovirasto", "saavutettavuuden valvonnan yksikkö",
                        "täytäntöönpanomenettely"],
        "laws": ["306/2019", "2016/2102"],
    },
    "sv": {
        "status": ["delvis", "WCAG 2.1", "nivå AA"],
        "not accessible": ["pdf-filer", "bara på finska", "taggar", "reCAPTCHA", "Tidsgräns",
                           "före den 23 september 2018"],
        "dates and method": ["utarbetades den 24 november 2026", "uppdaterades senast den 7 december 2026",
                             "självbedömning", "axe-core", "vnu", "Lighthouse"],
        "feedback": ["Vi svarar inom 14 dagar"],
        "enforcement": ["Regionförvaltningsverket i Södra Finland", "enheten för tillgänglighetstillsyn",
                        "verkställighetsförfarande"],
        "laws": ["306/2019", "2016/2102"],
    },
    "en": {
        "status": ["partially compliant", "WCAG 2.1", "level AA"],
        "not accessible": ["PDF files", "only in Finnish", "tags", "reCAPTCHA", "Time limit",
                           "before 23 September 2018"],
        "dates and method": ["prepared on 24 November 2026", "last reviewed and updated on 7 December 2026",
                             "self-assessment", "axe-core", "vnu", "Lighthouse"],
        "feedback": ["We answer within 14 days"],
        "enforcement": ["Regional State Administrative Agency for Southern Finland", "Accessibility Monitoring Unit",
                        "enforcement procedure"],
        "laws": ["306/2019", "2016/2102"],
    },
}


@pytest.mark.parametrize("code", ["fi", "sv", "en"])
def test_accessibility_statement_has_the_parts_the_law_asks_for(client, code):
    response = client.get(demo_url_path("accessibility", code))
    text = text_of(response)
    missing = {part: [words for words in expected if words not in text]
               for part, expected in STATEMENT_PARTS[code].items()}
    assert {part: words for part, words in missing.items() if words} == {}
    main = soup(response).find("main")
    assert main.select_one(f"a[href='mailto:{CONTACT_EMAIL}']")  # the feedback channel
    assert main.select_one("a[href='tel:+358295463177']")
    assert main.select_one("a[href='https://www.saavutettavuusvaatimukset.fi']")  # the enforcement contact
    assert main.select_one("a[href='mailto:saavutettavuus@avi.fi']")
    assert main.select_one("a[href='tel:+358295016000']").get_text(strip=True) == "0295 016 000"


# --- the privacy notice -------------------------------------------------------------------------

NOTICE_PARTS = {
    "fi": {
        "controller": ["Maahanmuuttovirasto", "Joutsenon vastaanottokeskus", "tietosuojavastaava",
                       "tietosuoja@migri.fi (demotieto: tarkista ennen julkaisua)"],
        "purposes and basis": ["vastaamme sinulle", "6 artiklan 1 kohdan e alakohta", "746/2011"],
        "collected": ["ei käytetä evästeitä", "ei ole analytiikkaa", "Emme tallenna IP-osoitettasi", "reCAPTCHA"],
        "readers": ["salataan", "jotka käsittelevät ilmoituksia"],
        "rights": ["kopio", "korjatuksi", "poistetuksi", "rajoitamme", "vastustaa"],
        "complaint": ["Tietosuojavaltuutetun toimisto", "PL 800, 00531 Helsinki", "029 566 6700", "tietosuoja@om.fi"],
    },
    "sv": {
        "controller": ["Migrationsverket", "förläggning i Joutseno", "dataskyddsombud",
                       "tietosuoja@migri.fi (demouppgift: kontrollera före publicering)"],
        "purposes and basis": ["svara dig", "artikel 6.1 e", "746/2011"],
        "collected": ["inga kakor", "inga analys- eller spårningsverktyg", "Vi sparar inte din IP-adress", "reCAPTCHA"],
        "readers": ["krypteras", "som handlägger anmälningar"],
        "rights": ["kopia", "rättade", "raderade", "begränsa", "invända"],
        "complaint": ["Dataombudsmannens byrå", "PB 800, 00531 Helsingfors", "029 566 6700", "tietosuoja@om.fi"],
    },
    "en": {
        "controller": ["Finnish Immigration Service", "Joutseno reception centre", "data protection officer",
                       "tietosuoja@migri.fi (demo data: check before publishing)"],
        "purposes and basis": ["reply to you", "Article 6(1)(e)", "746/2011"],
        "collected": ["use no cookies", "no analytics", "We do not store your IP address", "reCAPTCHA"],
        "readers": ["encrypted", "staff who handle reports"],
        "rights": ["a copy", "corrected", "deleted", "limit how we use", "object"],
        "complaint": ["Office of the Data Protection Ombudsman", "P.O. Box 800, 00531 Helsinki", "029 566 6700",
                      "tietosuoja@om.fi"],
    },
}


def retention_sentence(code: str, days: int) -> str:
    with translation.override(code):
        return ngettext(
            "We delete the report and all messages about it %(days)s day after the case is closed.",
            "We delete the report and all messages about it %(days)s days after the case is closed.",
            days,
        ) % {"days": days}


@pytest.mark.parametrize("code", ["fi", "sv", "en"])
def test_privacy_notice_covers_article_13(client, code):
    response = client.get(demo_url_path("privacy", code))
    text = text_of(response)
    missing = {part: [words for words in expected if words not in text]
               for part, expected in NOTICE_PARTS[code].items()}
    assert {part: words for part, words in missing.items() if words} == {}
    assert retention_sentence(code, settings.REFERRAL_RETENTION_DAYS) in text


@pytest.mark.parametrize("code", ["fi", "sv", "en", "ar"])
def test_privacy_notice_shows_the_configured_retention_period(client, settings, code):
    path = demo_visitor_path("privacy", code)
    settings.REFERRAL_RETENTION_DAYS = 45
    element = soup(client.get(path)).select_one(".retention-period")
    period = " ".join(element.get_text(" ").split())
    if demo_url_path("privacy", code) is None:  # in the visitor's language inside the English page
        assert element["lang"] == code
        assert element["dir"] == ("rtl" if code in settings.LANGUAGES_BIDI else "ltr")
    else:
        assert not element.has_attr("lang")
    assert retention_sentence(code, 45) in period
    assert "90" not in period
    settings.REFERRAL_RETENTION_DAYS = 1  # the singular
    assert retention_sentence(code, 1) in text_of(client.get(path))


def test_a_new_retention_period_is_not_hidden_by_the_page_cache(client, settings):
    """A restart with another REFERRAL_RETENTION_DAYS must not serve the page cached before it."""
    settings.PAGE_CACHE_ENABLED = True
    path = demo_url_path("privacy", "en")
    client.get(path)
    assert client.get(path)["X-Page-Cache"] == "hit"
    settings.REFERRAL_RETENTION_DAYS = 60
    response = client.get(path)
    assert response["X-Page-Cache"] == "miss"
    assert retention_sentence("en", 60) in text_of(response)


# --- the editor's side --------------------------------------------------------------------------


def test_settings_choose_the_two_pages(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.com", "not-used-123")
    client.force_login(admin)
    response = client.get(reverse("wagtailsettings:edit", args=["pages", "sitecontactsettings"]), follow=True)
    content = response.content.decode()
    assert 'name="accessibility_page"' in content and 'name="privacy_page"' in content


def test_editor_saves_the_privacy_notice_with_its_retention_block(client, django_user_model):
    editor = django_user_model.objects.create_user(username="editor", password="not-used-123")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    page = demo_page("privacy", "fi")
    data = edit_form_data(client, page)
    backup_days = [name for name in data if name.endswith("-backup_days")]
    assert len(backup_days) == 1
    data[backup_days[0]] = "14"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302, response.content[:2000]
    page.refresh_from_db()
    body = page.get_latest_revision_as_object().body
    assert [block.value["backup_days"] for block in body if block.block_type == "retention_period"] == [14]


# --- valid and accessible -----------------------------------------------------------------------

LAW_PAGE_PATHS = [demo_visitor_path(key, code) for key in LAW_PAGES for code in ("fi", "ar")]


def test_law_pages_are_valid_html(client, tmp_path):
    documents = {path: html.decode() for path, (_status, _headers, html) in rendered(client, LAW_PAGE_PATHS).items()}
    errors = vnu_errors(documents, tmp_path)
    assert {path: found for path, found in errors.items() if found} == {}


@pytest.mark.parametrize("width", [320, 1280])
def test_law_pages_pass_axe(client, width):
    documents = rendered(client, LAW_PAGE_PATHS)
    violations = {}
    with chromium_page(documents, width) as page:
        for path in LAW_PAGE_PATHS:
            page.goto(ORIGIN + path)
            if found := axe_violations(page):
                violations[path] = found
        assert page.offsite_requests == []
    assert violations == {}
