"""Receipt codes: shown once, only a hash stored; the check page shows status, replies, follow-ups."""

import io

import pytest
from django.core.management import call_command
from django.utils import translation

from referral_form import crypto
from referral_form.models import Referral, ReferralMessage, ReferralStatus
from referral_form.views import NOT_FOUND, PUBLIC_STATUS, TOO_MANY
from tests.referral_form.test_form import form_url, receipt_of, submit
from tests.utils import soup

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.REFERRAL_SUBMISSIONS_PER_HOUR = 1000
    settings.REFERRAL_CHECKS_PER_HOUR = 1000


def check_url(code="fi"):
    return form_url(code) + "check/"


def test_outside_the_tests_the_receipt_hash_keeps_its_cost(settings):
    """The tests hash receipt codes cheaply; the site must not: a lower cost would make a stolen
    database searchable, and any other cost would leave every stored receipt code unfindable."""
    from website.settings import base

    assert base.REFERRAL_RECEIPT_SCRYPT == {"n": 2**14, "r": 8, "p": 1}
    assert settings.REFERRAL_RECEIPT_SCRYPT != base.REFERRAL_RECEIPT_SCRYPT
    cheap = crypto.receipt_digest("4821093755120648")
    settings.REFERRAL_RECEIPT_SCRYPT = base.REFERRAL_RECEIPT_SCRYPT
    # The digest the code gave before its cost came from the settings.
    assert crypto.receipt_digest("4821093755120648") == (
        "65b6a1b742d83f7582875fc4b7794df38c451073706ce5de1d02b5ccd8b38d93"
    )
    assert cheap != crypto.receipt_digest("4821093755120648")


def test_only_a_hash_of_the_receipt_is_stored(client):
    code = receipt_of(submit(client))
    digits = code.replace(" ", "")
    assert len(digits) == 16 and digits.isdigit()
    referral = Referral.objects.get()
    assert referral.receipt_digest == crypto.receipt_digest(digits)
    assert digits not in repr(Referral.objects.values_list()[0])


def test_receipts_are_random_and_unique(client):
    codes = {receipt_of(submit(client)) for _ in range(5)}
    assert len(codes) == 5


def test_check_page_is_private(client):
    response = client.get(check_url())
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    assert soup(response).select_one("[name=receipt_code]")["autocomplete"] == "off"


def test_check_shows_status_replies_and_takes_follow_up(client):
    code = receipt_of(submit(client, "en"))
    referral = Referral.objects.get()
    ReferralMessage.objects.create(referral=referral, kind="reply", text="We have read your report.")
    ReferralMessage.objects.create(referral=referral, kind="note", text="INTERNAL NOTE never shown")
    referral.status = ReferralStatus.IN_REVIEW
    referral.save()

    response = client.post(check_url("en"), {"receipt_code": code})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    text = soup(response).get_text(" ")
    assert "We have read your report." in text
    assert "INTERNAL NOTE" not in text
    with translation.override("en"):
        assert str(PUBLIC_STATUS[ReferralStatus.IN_REVIEW]) in text

    # Add information, with the code typed differently (dashes instead of spaces)
    response = client.post(check_url("en"), {"receipt_code": code.replace(" ", "-"), "text": "More details here."})
    assert response.status_code == 200
    assert referral.messages.filter(kind="reporter").get().text == "More details here."
    assert "More details here." in soup(response).get_text(" ")


@pytest.mark.parametrize(("code", "digits"), [("ar", "٠١٢٣٤٥٦٧٨٩"), ("fa", "۰۱۲۳۴۵۶۷۸۹")])
def test_a_code_typed_with_the_visitors_own_digits_is_found(client, code, digits):
    receipt = receipt_of(submit(client, code))
    typed = receipt.translate(str.maketrans("0123456789", digits))
    response = client.post(check_url(code), {"receipt_code": typed})
    assert response.status_code == 200
    with translation.override(code):
        assert str(PUBLIC_STATUS[ReferralStatus.NEW]) in response.content.decode()


def test_spam_is_shown_as_closed(client):
    code = receipt_of(submit(client, "en"))
    Referral.objects.update(status=ReferralStatus.SPAM)
    text = soup(client.post(check_url("en"), {"receipt_code": code})).get_text(" ")
    assert "Spam" not in text and "Closed" in text


@pytest.mark.parametrize("wrong", ["", "123", "abcd efgh ijkl mnop", "0000 0000 0000 0000", "1" * 40])
def test_wrong_code_gets_the_same_answer_whatever_the_reason(client, wrong):
    submit(client)
    response = client.post(check_url("sv"), {"receipt_code": wrong})
    assert response.status_code == 404
    message = soup(response).select_one("[role=alert]").get_text(strip=True)
    with translation.override("sv"):
        assert message == str(NOT_FOUND)
    with translation.override("en"):
        assert message != str(NOT_FOUND)  # translated: differs from the English source


def test_deleted_report_answers_like_a_wrong_code(client):
    code = receipt_of(submit(client))
    Referral.objects.all().delete()
    response = client.post(check_url(), {"receipt_code": code})
    assert response.status_code == 404


def test_checks_are_rate_limited(client, settings):
    settings.REFERRAL_CHECKS_PER_HOUR = 3
    for _ in range(3):
        assert client.post(check_url(), {"receipt_code": "1234"}).status_code == 404
    response = client.post(check_url(), {"receipt_code": "1234"})
    assert response.status_code == 429
    # The limit also stops a right code: a guesser learns nothing more.
    code = receipt_of(submit(client))
    assert client.post(check_url(), {"receipt_code": code}).status_code == 429
    with translation.override("fi"):
        assert str(TOO_MANY) in soup(response).get_text()


def test_a_guesser_over_the_limit_costs_no_key_derivation(client, settings, monkeypatch):
    settings.REFERRAL_CHECKS_PER_HOUR = 3
    derived = []
    real_digest = crypto.receipt_digest
    monkeypatch.setattr(crypto, "receipt_digest", lambda code: derived.append(code) or real_digest(code))
    guesses = [f"{number:016d}" for number in range(5)]
    answers = [client.post(check_url(), {"receipt_code": guess}).status_code for guess in guesses]
    assert answers == [404, 404, 404, 429, 429]
    assert derived == guesses[:3]  # the refused guesses did no scrypt work
    # Another address has its own allowance.
    assert client.post(check_url(), {"receipt_code": guesses[4]}, REMOTE_ADDR="192.0.2.7").status_code == 404


def test_follow_up_needs_text(client):
    code = receipt_of(submit(client))
    response = client.post(check_url(), {"receipt_code": code, "text": ""})
    assert soup(response).select_one("#id_text_error")
    assert not ReferralMessage.objects.exists()


def test_bruteforce_measurement_counts_the_real_limit(settings):
    settings.REFERRAL_CHECKS_PER_HOUR = 7
    out = io.StringIO()
    call_command("measure_receipt_bruteforce", "--live", "1000", "--rounds", "1", "--addresses", "1", stdout=out)
    report = out.getvalue()
    assert "guesses per hour from one address: 7 " in report
    assert "expected guesses to hit any live code: 1.00e+13" in report
    assert f"with {1:>12,} addresses: {10**13 / 7 / 24 / 365.25:,.0f} years" in report
