"""Every site language answers at /<code>/ with the right lang and dir; / follows Accept-Language."""

import pytest
from django.conf import settings
from django.conf.locale import LANG_INFO
from django.utils import translation
from django.utils.translation import check_for_language, get_language_info, gettext

from tests.utils import soup

pytestmark = pytest.mark.django_db

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
RTL = {"ar", "fa"}


def test_thirteen_languages_finnish_first():
    assert LANGUAGE_CODES[:3] == ["fi", "sv", "en"]
    assert set(LANGUAGE_CODES) >= {"ru", "uk", "et", "ro", "ar", "fa", "so", "th", "vi", "fr"}
    assert settings.LANGUAGE_CODE == "fi"


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_django_knows_every_language(code):
    # Somali is missing from Django itself; the settings add it and locale/ ships its catalogue.
    assert code in LANG_INFO
    assert get_language_info(code)["name_local"]
    assert check_for_language(code), f"no gettext catalogue found for {code}"


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_home_page_in_every_language(client, code):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    html = soup(response).html
    assert html["lang"] == code
    assert html["dir"] == ("rtl" if code in RTL else "ltr")


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [("sv-FI,sv;q=0.9,en;q=0.5", "/sv/"), ("ar", "/ar/"), ("en-GB,en;q=0.8", "/en/"), ("", "/fi/"), ("so", "/so/"),
     ("fi-FI", "/fi/"), ("*", "/fi/"),
     # A language the site does not offer: English, which more visitors read than Finnish.
     ("de-DE,de;q=0.9", "/en/"), ("de, *;q=0.5", "/en/"), ("pl,de;q=0.8", "/en/"),
     # ... unless a later choice is offered; regional variants read their language.
     ("de-DE,de;q=0.9,ru;q=0.5", "/ru/"), ("uk-UA", "/uk/"), ("ar-EG,ar;q=0.9", "/ar/"), ("pt-BR,fr;q=0.4", "/fr/"),
     # Dari reads Persian.
     ("prs", "/fa/"), ("prs-AF,en;q=0.5", "/fa/"), ("fa-AF", "/fa/"), ("mo", "/ro/")],
)
def test_root_redirects_to_preferred_language(client, accept_language, expected):
    response = client.get("/", headers={"accept-language": accept_language})
    assert response.status_code == 302
    assert response["Location"] == expected
    assert "Accept-Language" in response.get("Vary", "")


def test_no_cookie_is_set_on_public_pages(client):
    for path in ("/", "/fi/", "/ar/", "/fi/ei-ole/"):
        response = client.get(path)
        assert not response.cookies, path


@pytest.mark.parametrize(
    ("path", "accept_language", "lang"),
    [
        ("/xx/", "sv", "sv"),
        ("/de/something/", "", "fi"),
        ("/fi/tata-sivua-ei-ole/", "", "fi"),
        ("/sv/finns-inte/", "", "sv"),
        ("/en/no-such-page/", "", "en"),
        ("/ar/no-such-page/", "", "ar"),
        ("/so/bogga-ma-jiro/", "", "so"),
        ("/fi/ajankohtaista/ei-tallaista/", "", "fi"),
        ("/fi/%C3%A4%C3%B6/", "", "fi"),
    ],
)
def test_unknown_paths_give_translated_404(client, path, accept_language, lang):
    response = client.get(path, headers={"accept-language": accept_language})
    assert response.status_code == 404
    page = soup(response)
    assert page.html["lang"] == lang
    with translation.override(lang):
        expected = gettext("Page not found")
    assert page.find("h1").get_text(strip=True) == expected
    if lang != "en":
        assert expected != "Page not found"


def test_messages_a_catalogue_lacks_are_english_not_finnish():
    """Django ships no Somali catalogue; a message it lacks is shown as written, in English."""
    with translation.override("fi"):
        assert gettext("January") != "January"  # Django's Finnish catalogue has it
    with translation.override("so"):
        assert gettext("Page not found") != "Page not found"  # ours is complete
        assert gettext("January") == "January"
        assert gettext("Enter a whole number.") == "Enter a whole number."
