"""A server error during a referral submission reaches the logs and the staff's error e-mail with
what broke (the path, the exception) and nothing about the visitor: no address, user agent,
forwarded address, referrer, cookie, or anything they wrote."""

import logging
from contextlib import contextmanager

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.utils.log import AdminEmailHandler

from referral_form import crypto
from tests.referral_form.test_form import form_data, form_url
from website.env import env_addresses

pytestmark = pytest.mark.django_db

VISITOR_ADDRESS = "203.0.113.7"
VISITOR_HEADERS = {
    "user-agent": "Mozilla/5.0 (VisitorPhone 7) ProbeAgent/31.4",
    "x-forwarded-for": "198.51.100.23",
    "x-real-ip": "198.51.100.24",
    "referer": "https://search.example/?q=where+to+get+help+zebra",
    "accept-language": "fi",
}
COOKIE_VALUE = "tracking-cookie-v4lue"
WRITTEN = {
    "description": "Salainen kuvaus: tehdas Kuusamossa, passit otettu pois, zebra-42.",
    "person_name": "Maria Esimerkki-Testi",
    "contact_phone": "+358 40 765 4321",
    "contact_email": "maria.salainen@example.net",
    "municipality": "Kuusamo-ykkonen",
}


def visitor_traces(data: dict) -> list[str]:
    return [VISITOR_ADDRESS, "ProbeAgent", "198.51.100.23", "198.51.100.24", "search.example", "zebra",
            COOKIE_VALUE, data["form_token"], *WRITTEN.values(), "765 4321", "Maria"]


@contextmanager
def every_log_record(caplog):
    """What the logs hold with LOG_LEVEL=DEBUG: the root logger at DEBUG, and caplog also listening
    to the loggers that do not pass their records on to the root (django.request)."""
    loggers = [logging.getLogger(name) for name in list(logging.root.manager.loggerDict)]
    silent = [logger for logger in loggers if not logger.propagate]
    for logger in silent:
        logger.addHandler(caplog.handler)
    caplog.set_level(logging.DEBUG)
    try:
        yield
    finally:
        for logger in silent:
            logger.removeHandler(caplog.handler)


@pytest.fixture
def html_error_mails(monkeypatch):
    """Our handler sends text only (Django's default); the HTML report, with every frame's local
    variables, must be just as clean should anyone turn it on."""
    handler = next(h for h in logging.getLogger("django.request").handlers if isinstance(h, AdminEmailHandler))
    monkeypatch.setattr(handler, "include_html", True)


def test_a_failed_submission_reports_the_error_without_the_visitor(settings, caplog, monkeypatch, html_error_mails):
    settings.ADMINS = [("Site errors", "errors@example.org")]

    def broken_cipher():
        raise RuntimeError("the cipher library failed to load")

    # Fails deep inside the save: the ORM's frames hold the plain text on its way to encryption.
    monkeypatch.setattr(crypto, "_cipher", broken_cipher)
    client = Client(raise_request_exception=False, REMOTE_ADDR=VISITOR_ADDRESS, headers=VISITOR_HEADERS)
    client.cookies["tracker"] = COOKIE_VALUE
    data = form_data(sharing_level="confidential", contact_method="phone", writer_role="professional",
                     consent_confirmed="on", **WRITTEN)
    with every_log_record(caplog):
        response = client.post(form_url() + "?from=zebra", data)

    assert response.status_code == 500
    assert "500" in response.templates[0].name
    assert [message.to for message in mail.outbox] == [["errors@example.org"]]
    report = mail.outbox[0]
    html = [content for content, kind in report.alternatives if kind == "text/html"]
    assert len(html) == 1
    logged = "\n".join(
        [caplog.text, *(record.getMessage() for record in caplog.records),
         *(str(record.exc_info[1]) for record in caplog.records if record.exc_info)]
    )
    # Still useful: where and what.
    path = form_url()
    assert "Internal Server Error: " + path in logged and "RuntimeError" in logged
    assert path in report.subject and "RuntimeError" in report.body and "RuntimeError" in html[0]
    assert "create_referral" in report.body  # the traceback is there
    assert "encrypt_for_storage" in html[0] and "********************" in html[0]  # frames, their values hidden
    for part, text in (("log", logged), ("subject", report.subject), ("body", report.body), ("html", html[0])):
        for trace in visitor_traces(data):
            assert trace not in text, f"{trace!r} is in the error {part}"


def test_admins_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("ADMINS", "Päivystys <errors@example.org>, ops@example.org")
    assert env_addresses("ADMINS") == [("Päivystys", "errors@example.org"), ("", "ops@example.org")]
    monkeypatch.setenv("ADMINS", "")
    assert env_addresses("ADMINS") == []
    monkeypatch.setenv("ADMINS", "errors at example.org")
    with pytest.raises(ImproperlyConfigured):
        env_addresses("ADMINS")
