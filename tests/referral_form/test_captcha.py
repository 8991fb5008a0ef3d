"""reCAPTCHA only when keys are configured; its outages become a translated form error."""

from unittest import mock
from urllib.error import URLError

import pytest
from django.utils import translation
from django.utils.translation import gettext
from django_recaptcha.client import RecaptchaResponse

from referral_form.models import Referral
from tests.referral_form.test_form import form_data, form_url
from tests.utils import demo_url_path, field_error, soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def captcha_keys(settings):
    settings.RECAPTCHA_PUBLIC_KEY = "public-test-key"
    settings.RECAPTCHA_PRIVATE_KEY = "private-test-key"
    settings.RECAPTCHA_ENABLED = True
    settings.SILENCED_SYSTEM_CHECKS = ["django_recaptcha.recaptcha_test_key_error"]


def test_no_captcha_and_no_third_party_without_keys(client):
    page = soup(client.get(form_url()))
    assert page.select_one("[name=g-recaptcha-response]") is None
    assert "recaptcha" not in str(page).lower()
    assert all(script["src"].startswith("/") for script in page.select("script[src]"))


def test_configured_captcha_loads_on_the_form_page_alone(client, captcha_keys):
    """With keys set, Google's script is on the form (and its error re-display) and nowhere else."""
    assert "recaptcha" in client.get(form_url()).content.decode().lower()
    for key in ["home", "victim", "news", "statistics", "safety"]:
        html = client.get(demo_url_path(key, "fi")).content.decode().lower()
        assert "recaptcha" not in html and "google" not in html.replace("https://www.google.com/", ""), key
    check = client.get(form_url() + "check/").content.decode().lower()
    assert "recaptcha" not in check


def test_captcha_shown_and_verified_when_configured(client, captcha_keys):
    page = str(soup(client.get(form_url())))
    assert "g-recaptcha" in page
    with mock.patch("django_recaptcha.fields.client.submit",
                    return_value=RecaptchaResponse(is_valid=True, extra_data={})) as verify:
        response = client.post(form_url(), {**form_data(), "g-recaptcha-response": "token"})
    assert verify.called
    assert response.status_code == 200
    assert Referral.objects.count() == 1


def test_failed_captcha_is_a_form_error(client, captcha_keys):
    with mock.patch("django_recaptcha.fields.client.submit",
                    return_value=RecaptchaResponse(is_valid=False, error_codes=["invalid-input-response"])):
        response = client.post(form_url(), {**form_data(description="Teksti säilyy"), "g-recaptcha-response": "x"})
    assert response.status_code == 400
    assert soup(response).select_one("#id_captcha_error")
    assert soup(response).select_one("#id_description").get_text().strip() == "Teksti säilyy"
    assert Referral.objects.count() == 0


def test_captcha_service_outage_is_a_translated_error_not_a_500(client, captcha_keys):
    with mock.patch("django_recaptcha.fields.client.submit", side_effect=URLError("no route")):
        response = client.post(form_url("sv"), {**form_data(), "g-recaptcha-response": "x"},
                               headers={"accept-language": "sv"})
    assert response.status_code == 400
    error = field_error(soup(response), "captcha")
    with translation.override("sv"):
        assert error == gettext(
            "We could not check the 'I am not a robot' box just now. Please try again, or call us.")
    assert Referral.objects.count() == 0
