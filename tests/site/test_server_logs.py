"""The same privacy through a real gunicorn process: its access log, its error log and the error
e-mail (printed by the console mail backend) hold no visitor address, user agent, referrer, cookie
or text, for a normal submission, a submission that fails on the server and a malformed request.

The failure is a real one: a case encrypted with a key the server does not have (one that a key
rotation missed), opened by the reporter's receipt code with a follow-up message."""

import datetime
import http.client
import os
import socket
import sqlite3
import urllib.parse

import pytest
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from referral_form import crypto
from referral_form.form_token import new_form_token
from referral_form.models import Referral, WriterRole
from tests.referral_form.test_form import form_data, form_url
from tests.servers import gunicorn

if os.environ.get("DATABASE_URL", "").startswith("postgres"):
    pytest.skip("copies the SQLite test database for the server; runs on the SQLite pass", allow_module_level=True)

pytestmark = pytest.mark.django_db

# The client connects from this loopback address, so the server sees it as the visitor's address.
VISITOR_ADDRESS = "127.0.0.77"
HEADERS = {
    "User-Agent": "Mozilla/5.0 (VisitorPhone 7) ProbeAgent/31.4",
    "X-Forwarded-For": "198.51.100.23",
    "Referer": "https://search.example/?q=zebra",
    "Cookie": "tracker=tracking-cookie-v4lue",
    "Content-Type": "application/x-www-form-urlencoded",
}
RECEIPT_CODE = "4821093755120648"
WRITTEN = {
    "description": "Salainen kuvaus: tehdas Kuusamossa, passit otettu pois, zebra-42.",
    "municipality": "Kuusamo-ykkonen",
    "contact_phone": "+358 40 765 4321",
}
FOLLOW_UP = "Lisätieto: työnantaja uhkaili eilen, kiwi-9."


def send(port: int, method: str, path: str, fields: dict | None = None) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=(VISITOR_ADDRESS, 0))
    try:
        conn.request(method, path, body=urllib.parse.urlencode(fields) if fields else None, headers=HEADERS)
        return conn.getresponse().status
    finally:
        conn.close()


def send_malformed(port: int) -> None:
    with socket.create_connection(("127.0.0.1", port), timeout=30, source_address=(VISITOR_ADDRESS, 0)) as sock:
        sock.sendall(b"BOGUS\r\n\r\n")
        sock.recv(1024)


def server_database(tmp_path):
    """A file copy of the test database (the demo site), plus a case the server cannot decrypt: it was
    encrypted with another key, as if a key rotation had missed it. Older and newer cases that the
    server's key reads surround it, so the start-up key check (which reads the oldest and newest) lets
    the server start. The cases are copied row by row: SQLite's backup cannot read a database while
    this test's transaction is writing to it."""
    database = tmp_path / "site.sqlite3"
    now = timezone.now()
    with sqlite3.connect(database) as copy:
        connection.ensure_connection()
        connection.connection.backup(copy)
        readable = [
            Referral.objects.create(language="fi", receipt_digest=f"{days:064d}", writer_role=WriterRole.SELF,
                                    description="Luettava.", received_at=now - datetime.timedelta(days=days))
            for days in (1, 2, 3, 9, 10, 11)
        ]
        with override_settings(REFERRAL_ENCRYPTION_KEYS=crypto.generate_key()):
            case = Referral.objects.create(language="fi", receipt_digest=crypto.receipt_digest(RECEIPT_CODE),
                                           writer_role=WriterRole.SELF, description="Minulta vietiin passi.",
                                           received_at=now - datetime.timedelta(days=5))
        table = Referral._meta.db_table
        for referral in [*readable, case]:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT * FROM {table} WHERE id = %s", [referral.id.hex])  # noqa: S608 - our table
                names = [column[0] for column in cursor.description]
                row = cursor.fetchone()
            columns, marks = ", ".join(names), ", ".join("?" * len(names))
            copy.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", row)  # noqa: S608 - our own names
    return database


def test_server_logs_and_error_mail_hold_nothing_about_the_visitor(tmp_path):
    database = server_database(tmp_path)
    log_path = tmp_path / "gunicorn.log"
    env = {
        "DJANGO_SETTINGS_MODULE": "website.settings.test",
        "DATABASE_URL": f"sqlite:///{database}",
        "ACCESS_LOG": "-",
        "ADMINS": "Site errors <errors@example.org>",
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
    }
    with gunicorn(env, workers=1, log_path=log_path) as url:
        port = urllib.parse.urlsplit(url).port
        submitted = {**form_data(sharing_level="confidential", contact_method="phone", **WRITTEN),
                     "form_token": new_form_token()}
        assert send(port, "POST", form_url(), submitted) == 200
        follow_up = {"receipt_code": RECEIPT_CODE, "text": FOLLOW_UP}
        assert send(port, "POST", form_url() + "check/?from=zebra", follow_up) == 500
        send_malformed(port)
    log = log_path.read_text()

    assert f'"POST {form_url()}" 200' in log and f'"POST {form_url()}check/" 500' in log  # the access log
    assert "Internal Server Error: " + form_url() + "check/" in log and "DecryptionFailed" in log
    assert "To: errors@example.org" in log  # the e-mail
    assert "Invalid request from ip=[hidden]" in log
    traces = [VISITOR_ADDRESS, "ProbeAgent", "198.51.100.23", "search.example", "tracking-cookie-v4lue", "zebra",
              submitted["form_token"], *WRITTEN.values(), "765 4321", RECEIPT_CODE, RECEIPT_CODE[-4:], FOLLOW_UP,
              "kiwi-9"]
    for trace in traces:
        assert trace not in log, f"{trace!r} is in the server's log"
