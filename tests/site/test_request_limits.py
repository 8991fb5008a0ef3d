"""Over-long requests are refused before their body is read; the largest valid referral is not."""

import socket
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from pages.vocabulary import ExploitationKind
from referral_form.models import Referral
from tests.referral_form.test_form import form_data, form_url
from tests.servers import gunicorn
from tests.utils import soup

TOO_LARGE = "What you sent is too large"
FOUR_BYTES = "\U0001d518"  # 𝔘: four bytes in UTF-8, twelve once percent-encoded


def largest_valid_referral() -> dict:
    """Every text field of the form at its maximum length, in four-byte characters."""
    from referral_form.forms import ReferralForm

    fields = ReferralForm.base_fields
    full = {name: FOUR_BYTES * fields[name].max_length for name in (
        "description", "municipality", "languages_spoken", "safe_contact_times", "person_name",
        "person_date_of_birth", "person_nationality", "referrer_organisation", "referrer_contact",
    )}
    return form_data(
        writer_role="professional", sharing_level="confidential", contact_method="email",
        consent_confirmed="on", contact_phone="+358 " + "4" * 35,
        contact_email="a" * 64 + "@" + ("b" * 60 + ".") * 2 + "fi",
        exploitation_types=ExploitationKind.values, region="pohjois-pohjanmaa", **full,
    )


@pytest.mark.django_db
def test_the_largest_valid_referral_fits_comfortably_under_the_limit(client, settings):
    settings.REFERRAL_SUBMISSIONS_PER_HOUR = 10
    data = largest_valid_referral()
    size = len(urlencode(data, doseq=True))
    assert 100_000 < size < settings.REQUEST_BODY_MAX_BYTES / 2, size
    response = client.post(form_url(), data)
    assert response.status_code == 200, soup(response).select("[id$=-error]")
    assert len(Referral.objects.get().description) == settings.REFERRAL_MAX_TEXT_LENGTH


@pytest.mark.parametrize("code", ["fi", "ar"])
def test_an_over_long_public_body_gets_a_translated_413_without_the_database(client, code):
    body = b"description=" + b"x" * settings.REQUEST_BODY_MAX_BYTES
    response = client.post(f"/{code}/whatever/", body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    page = soup(response)
    assert page.html["lang"] == code
    assert page.html["dir"] == ("rtl" if code == "ar" else "ltr")
    with translation.override(code):
        assert page.h1.get_text(strip=True) == gettext(TOO_LARGE)
    assert response["Cache-Control"] == "no-store"
    assert page.select_one("a[data-quick-exit]")["href"].startswith("https://")  # a way out on every page


def test_a_declared_length_is_enough_and_chunked_bodies_are_refused_on_public_paths():
    client = Client()
    lying = client.generic("POST", "/fi/", b"", CONTENT_LENGTH=str(10**9))
    chunked = client.generic("POST", "/en/search/", b"", HTTP_TRANSFER_ENCODING="chunked")
    assert (lying.status_code, chunked.status_code) == (413, 413)
    assert "lang=\"en\"" in chunked.text


@pytest.mark.django_db
def test_the_admin_keeps_room_for_uploads_but_not_for_form_fields(client, settings):
    upload = b"x" * (settings.REQUEST_BODY_MAX_BYTES * 2)
    response = client.post("/admin/documents/multiple/add/", upload, content_type="application/octet-stream")
    assert response.status_code == 302  # to the login page: the body was not refused for its size
    over = client.generic("POST", "/admin/", b"", CONTENT_LENGTH=str(settings.ADMIN_REQUEST_BODY_MAX_BYTES + 1))
    assert over.status_code == 413
    # Form fields (not files) over DATA_UPLOAD_MAX_MEMORY_SIZE: Django's own clean 400
    staff = Client(enforce_csrf_checks=True)
    staff.cookies["csrftoken"] = "a" * 32
    fields = urlencode({"csrfmiddlewaretoken": "a" * 32, "title": "x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE})
    response = staff.post("/admin/login/", fields, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400


def exchange(port: int, head: bytes, body: bytes = b"", *, timeout: float = 10) -> bytes:
    """Send a request head and part of a body; read the whole answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(head + body)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer


def test_a_real_server_refuses_huge_bodies_and_heads_before_reading_them(tmp_path):
    # The test settings (production's need collected static files); no request reaches the database.
    env = {"DJANGO_SETTINGS_MODULE": "website.settings.test",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'never-opened.sqlite3'}"}
    with gunicorn(env, ready_path="/healthz") as url:
        port = int(url.rsplit(":", 1)[1])
        host = b"Host: localhost\r\n"
        # A gigabyte announced, a kilobyte sent: the answer comes without waiting for the rest.
        gigabyte = exchange(port, b"POST /fi/report/ HTTP/1.1\r\n" + host + b"Content-Type: "
                            b"application/x-www-form-urlencoded\r\nContent-Length: 1000000000\r\n\r\n", b"x" * 1024)
        # A chunked body, one chunk of 600 KiB announced, a little of it sent
        chunked = exchange(port, b"POST /sv/report/ HTTP/1.1\r\n" + host + b"Transfer-Encoding: chunked\r\n\r\n",
                           b"96000\r\n" + b"x" * 1024)
        long_line = exchange(port, b"GET /fi/search/?q=" + b"a" * 5000 + b" HTTP/1.1\r\n" + host + b"\r\n")
        long_header = exchange(port, b"GET /fi/ HTTP/1.1\r\n" + host + b"Cookie: " + b"a" * 9000 + b"\r\n\r\n")
        many_headers = exchange(port, b"GET /fi/ HTTP/1.1\r\n" + host + b"".join(
            b"X-Filler-%d: 1\r\n" % number for number in range(60)) + b"\r\n")
        # A NUL byte in a header (here the form's charset) never reaches Django, which would fail on it.
        nul_charset = exchange(port, b"POST /fi/report/ HTTP/1.1\r\n" + host + b"Content-Type: application/"
                               b"x-www-form-urlencoded; charset=utf-8\x00\r\nContent-Length: 1\r\n\r\nx")
    assert gigabyte.startswith(b"HTTP/1.1 413 "), gigabyte[:200]
    assert TOO_LARGE.encode() not in gigabyte  # Finnish, from the path
    assert chunked.startswith(b"HTTP/1.1 413 "), chunked[:200]
    assert long_line.startswith(b"HTTP/1.1 414 "), long_line[:200]
    for answer in (long_header, many_headers):
        assert answer.startswith(b"HTTP/1.1 431 "), answer[:200]
    assert nul_charset.startswith(b"HTTP/1.1 400 "), nul_charset[:200]
