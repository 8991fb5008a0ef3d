"""TOTP before the queue opens, and the throttled admin login."""

import datetime

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from referral_form import admin_login
from referral_form.two_factor import secret_base32
from tests.referral_form.conftest import PASSWORD, confirmed_device, current_code, wrong_code
from tests.utils import soup

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_admin(settings):
    # The assertions below read the English messages; without Accept-Language the admin
    # falls back to LANGUAGE_CODE.
    settings.LANGUAGE_CODE = "en"

QUEUE = "/admin/referrals/"


# -- setting up TOTP -------------------------------------------------------------------------


def test_setup_shows_secret_uri_and_qr_code_of_an_unconfirmed_device(handler_client, handler):
    response = handler_client.get(reverse("referrals:two_factor_setup"))
    assert response.status_code == 200
    device = TOTPDevice.objects.get(user=handler)
    assert not device.confirmed
    content = response.content.decode()
    assert secret_base32(device) in content
    assert "otpauth://totp/" in content and f"secret={secret_base32(device)}" in content
    page = soup(response)
    assert page.select_one("svg.referral-totp-qr title") is not None
    token = page.select_one("input[name=token]")
    assert page.select_one(f"label[for={token['id']}]") is not None
    # Reloading the page keeps the same secret, so a scanned code stays valid.
    handler_client.get(reverse("referrals:two_factor_setup"))
    assert TOTPDevice.objects.filter(user=handler).count() == 1


def test_setup_refuses_a_wrong_code_with_a_clear_error(handler_client, handler):
    handler_client.get(reverse("referrals:two_factor_setup"))
    device = TOTPDevice.objects.get(user=handler)
    response = handler_client.post(reverse("referrals:two_factor_setup"), {"token": wrong_code(device)})
    assert response.status_code == 400
    assert "That code was not accepted" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert handler_client.get(QUEUE).status_code == 302


def test_setup_rejects_text_that_is_not_six_digits(handler_client):
    response = handler_client.post(reverse("referrals:two_factor_setup"), {"token": "12ab"})
    assert response.status_code == 400


def test_setup_confirms_the_device_and_opens_the_queue(handler_client, handler):
    handler_client.get(reverse("referrals:two_factor_setup"))
    device = TOTPDevice.objects.get(user=handler)
    response = handler_client.post(
        reverse("referrals:two_factor_setup"), {"token": current_code(device), "next": QUEUE + "audit/"}
    )
    assert response.status_code == 302 and response["Location"] == QUEUE + "audit/"
    device.refresh_from_db()
    assert device.confirmed
    assert handler_client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert handler_client.get(QUEUE).status_code == 200


def test_user_with_a_device_cannot_enrol_another(handler_2fa):
    client = Client()
    client.force_login(handler_2fa)
    response = client.get(reverse("referrals:two_factor_setup"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("referrals:two_factor_verify"))
    assert TOTPDevice.objects.filter(user=handler_2fa).count() == 1


def test_superuser_needs_two_factor_too(superuser_2fa, make_referral):
    client = Client()
    client.force_login(superuser_2fa)
    response = client.get(QUEUE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("referrals:two_factor_verify"))


# -- verifying -------------------------------------------------------------------------------


@pytest.fixture
def unverified_client(handler_2fa):
    client = Client()
    client.force_login(handler_2fa)
    return client


def test_verify_flow_returns_to_the_requested_page(unverified_client, handler_2fa, make_referral):
    referral = make_referral()
    detail = reverse("referrals:detail", args=[referral.pk])
    response = unverified_client.get(detail)
    assert response.status_code == 302
    verify_url = response["Location"]
    assert verify_url.startswith(reverse("referrals:two_factor_verify"))
    page = unverified_client.get(verify_url)
    assert page.status_code == 200
    assert soup(page).select_one("input[name=next]")["value"] == detail
    response = unverified_client.post(
        reverse("referrals:two_factor_verify"), {"token": current_code(handler_2fa.totp_device), "next": detail}
    )
    assert response.status_code == 302 and response["Location"] == detail
    assert unverified_client.get(detail).status_code == 200


def test_verify_refuses_a_wrong_code(unverified_client, handler_2fa):
    response = unverified_client.post(
        reverse("referrals:two_factor_verify"), {"token": wrong_code(handler_2fa.totp_device)}
    )
    assert response.status_code == 400
    assert "That code was not accepted" in response.content.decode()
    assert unverified_client.get(QUEUE).status_code == 302
    handler_2fa.totp_device.refresh_from_db()
    assert handler_2fa.totp_device.throttling_failure_count == 1


def test_verify_is_throttled_after_wrong_codes(unverified_client, handler_2fa):
    device = handler_2fa.totp_device
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=5, throttling_failure_timestamp=timezone.now()
    )
    response = unverified_client.post(reverse("referrals:two_factor_verify"), {"token": current_code(device)})
    assert response.status_code == 400
    assert "Too many wrong codes" in response.content.decode()
    assert unverified_client.get(QUEUE).status_code == 302
    # Once the wait is over, the right code works.
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - datetime.timedelta(minutes=5)
    )
    response = unverified_client.post(reverse("referrals:two_factor_verify"), {"token": current_code(device)})
    assert response.status_code == 302
    assert unverified_client.get(QUEUE).status_code == 200


def test_verify_without_a_device_goes_to_setup(handler_client):
    response = handler_client.get(reverse("referrals:two_factor_verify"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("referrals:two_factor_setup"))


def test_next_must_stay_on_this_site(unverified_client, handler_2fa):
    response = unverified_client.post(
        reverse("referrals:two_factor_verify"),
        {"token": current_code(handler_2fa.totp_device), "next": "https://evil.example/"},
    )
    assert response.status_code == 302 and response["Location"] == QUEUE


def test_logging_out_ends_the_verified_session(staff_client):
    assert staff_client.get(QUEUE).status_code == 200
    staff_client.post(reverse("wagtailadmin_logout"))
    assert staff_client.get(QUEUE)["Location"].startswith(reverse("wagtailadmin_login"))


def test_a_device_of_another_user_does_not_verify(handler_2fa, superuser_2fa):
    other_device = confirmed_device(superuser_2fa)
    client = Client()
    client.force_login(handler_2fa)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = other_device.persistent_id
    session.save()
    assert client.get(QUEUE).status_code == 302


# -- the throttled admin login ---------------------------------------------------------------

LOGIN = "/admin/login/"


def _login(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_login_url_is_the_throttled_view():
    assert reverse("wagtailadmin_login") == LOGIN
    assert resolve(LOGIN).func.view_class is admin_login.ThrottledLoginView


def test_right_password_logs_in(handler):
    client = Client()
    response = _login(client, "handler", PASSWORD)
    assert response.status_code == 302
    assert _logged_in(client)


def test_login_is_refused_after_too_many_failures_even_with_the_right_password(handler, editor, settings):
    settings.ADMIN_LOGIN_ATTEMPTS = 3
    client = Client()
    for _ in range(3):
        response = _login(client, "handler", "wrong password")
        assert response.status_code == 200
        assert not _logged_in(client)
    response = _login(client, "HANDLER ", PASSWORD)  # the same user name, however it is typed
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert not _logged_in(client)
    # Other user names are not affected.
    other = Client()
    assert _login(other, "editor", PASSWORD).status_code == 302
    assert _logged_in(other)


def test_refused_login_does_not_check_the_password(handler, settings, monkeypatch):
    settings.ADMIN_LOGIN_ATTEMPTS = 1
    _login(Client(), "handler", "wrong password")

    def no_authentication(*args, **kwargs):
        raise AssertionError("the password must not be checked")

    monkeypatch.setattr("django.contrib.auth.forms.authenticate", no_authentication)
    assert _login(Client(), "handler", PASSWORD).status_code == 429


def test_failures_expire_after_the_window(handler, settings):
    settings.ADMIN_LOGIN_ATTEMPTS = 2
    client = Client()
    _login(client, "handler", "wrong")
    _login(client, "handler", "wrong")
    assert _login(client, "handler", PASSWORD).status_code == 429
    cache.delete(admin_login._login_failures_key("handler"))  # what the cache does after 15 minutes
    assert _login(client, "handler", PASSWORD).status_code == 302


def test_success_resets_the_count(handler, settings):
    settings.ADMIN_LOGIN_ATTEMPTS = 2
    _login(Client(), "handler", "wrong")
    assert _login(Client(), "handler", PASSWORD).status_code == 302
    _login(Client(), "handler", "wrong")
    assert _login(Client(), "handler", PASSWORD).status_code == 302


def test_failure_count_is_kept_under_a_hash_of_the_user_name_only(handler):
    _login(Client(), "handler", "wrong")
    keys = list(cache._cache.keys())  # LocMemCache in tests
    assert keys and not any("handler" in key for key in keys)
    assert not any("127.0.0.1" in key for key in keys)
    assert admin_login.login_failures("Handler") == 1
