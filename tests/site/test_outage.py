"""Faults without loss, with real gunicorn processes on a fresh PostgreSQL database.

The site reaches PostgreSQL through a small TCP proxy that the tests stop and start again, as a
database that is stopped and restarted: visitors then get the translated "not sent, try again or
call" page with their text kept, never a 500; nothing is half saved; and the same server processes
recover by themselves when the database returns. Then start-up: a missing or wrong encryption key
stops the entrypoint and gunicorn with a clear message before anything is stored.
"""

import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from html import unescape

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.utils import translation

from referral_form import crypto
from referral_form.views import NOT_SENT
from tests.servers import gunicorn
from tests.soak.visitors import EXPLOITATION_TYPES, TOKEN, fetch, form_url, report_fields, send_report, send_reports
from website.create_database import create_database, drop_database

# Real processes and a fresh PostgreSQL database cost about a minute: the PostgreSQL pass runs them,
# and the SQLite pass has the same outage in-process (tests/site/test_database_outage.py).
pytestmark = pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith("postgres"),
                                reason="runs on the PostgreSQL pass (DATABASE_URL=postgres://...)")

KEY = "wQ0zvBk3O8n5K3yQ0kE0q2oP1rJ9b7mVf6eW3tY4u5I="  # the test settings' key: this process decrypts too
OTHER_KEY = "8Xa5mS0y9ZzjT1fQbdPkuMfGdW1n0yx0Ck2l3cB7uPo="


class DatabaseProxy:
    """Forwards TCP connections to PostgreSQL until `stop()`, which behaves as a database stop does:
    nothing more reaches the server, what it already answered still arrives, then every connection
    is closed, and new ones are closed as soon as they open, until `start()`."""

    def __init__(self, upstream_port: int):
        self.upstream_port = upstream_port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.running = True
        self.lock = threading.Lock()
        self.open: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _address = self.listener.accept()
            except OSError:
                return  # closed
            if not self.running:
                client.close()
                continue
            server = socket.create_connection(("127.0.0.1", self.upstream_port))
            with self.lock:
                self.open += [client, server]
            threading.Thread(target=self._pump, args=(client, server, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, False), daemon=True).start()

    def _pump(self, source, target, to_database: bool):
        try:
            while data := source.recv(65536):
                if to_database and not self.running:
                    continue  # the database is stopping: it takes no more queries
                target.sendall(data)
        except OSError:
            pass
        for end in (source, target):
            try:
                end.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def stop(self):
        self.running = False
        time.sleep(0.3)  # what the database already did is answered
        with self.lock:
            ends, self.open = self.open, []
        for end in ends:
            try:
                end.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            end.close()

    def start(self):
        self.running = True

    def close(self):
        self.stop()
        self.listener.close()


def production_env(database_url: str, key: str | None = KEY, **overrides) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.production",
        "DOTENV_PATH": "",
        "SECRET_KEY": "outage-test-" + "o" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "PUBLIC_BASE_URL": "http://127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "60",  # persistent connections, which the outage breaks
        "REFERRAL_SUBMISSIONS_PER_HOUR": "100000",
        "REFERRAL_NOTIFY_EMAILS": "",
        "STATIC_ROOT": str(settings.BASE_DIR / "var" / "soak" / "static"),
        "PAGE_CACHE": "false",
        **overrides,
    }
    env.pop("CACHE_URL", None)
    if key is None:
        env.pop("REFERRAL_ENCRYPTION_KEYS", None)
    else:
        env["REFERRAL_ENCRYPTION_KEYS"] = key
    return env


def manage(env, *arguments) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "manage.py", *arguments], cwd=settings.BASE_DIR, env=env,  # noqa: S603
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def database():
    """A fresh PostgreSQL database with the demo content, dropped afterwards."""
    url = f"postgres://postgres@127.0.0.1:5432/outage_{uuid.uuid4().hex[:10]}"
    create_database(url)
    try:
        env = production_env(url)
        for command in (["migrate", "--verbosity", "0"], ["collectstatic", "--noinput", "--verbosity", "0"],
                        ["load_demo_content"]):
            done = manage(env, *command)
            assert done.returncode == 0, done.stderr[-3000:]
        yield url
    finally:
        drop_database(url)


@pytest.fixture(scope="module")
def site(database):
    """gunicorn on that database through the proxy."""
    proxy = DatabaseProxy(5432)
    env = production_env(f"postgres://postgres@127.0.0.1:{proxy.port}/{database.rsplit('/', 1)[1]}")
    try:
        with gunicorn(env, ready_path="/healthz", workers=2) as url:
            yield url, proxy
    finally:
        proxy.close()


def query(database_url: str, sql: str, parameters=()) -> list[tuple]:
    import psycopg

    with psycopg.connect(database_url.replace("postgres://", "postgresql://")) as connection:
        return connection.execute(sql, parameters).fetchall()


def stored(database_url: str) -> dict:
    """What the database holds: descriptions (decrypted) by receipt digest, and the counts of rows
    that belong to a referral."""
    rows = query(database_url, "SELECT receipt_digest, description FROM referral_form_referral")
    orphans = query(database_url, "SELECT count(*) FROM referral_form_referralexploitation link WHERE NOT "
                                  "EXISTS (SELECT 1 FROM referral_form_referral r WHERE r.id = link.referral_id)")
    links = query(database_url, "SELECT count(*) FROM referral_form_referralexploitation")
    messages = query(database_url, "SELECT count(*) FROM referral_form_referralmessage")
    return {
        "descriptions": {digest: crypto.decrypt_from_storage(text) for digest, text in rows},
        "orphans": orphans[0][0], "links": links[0][0], "messages": messages[0][0],
    }


def digest(receipt: str) -> str:
    """The digest the served site stores: it runs the production settings, so at their scrypt cost."""
    from django.test import override_settings

    from website.settings import base

    with override_settings(REFERRAL_RECEIPT_SCRYPT=base.REFERRAL_RECEIPT_SCRYPT):
        return crypto.receipt_digest(crypto.normalise_receipt_code(receipt))


def assert_not_sent_page(status: int, body: str, language: str, description: str):
    page = BeautifulSoup(body, "html.parser")
    assert status == 503, body[:2000]
    assert page.html["lang"] == language
    with translation.override(language):
        assert str(NOT_SENT) in unescape(page.select_one("#form-message").get_text(" ", strip=True))
    assert page.select_one("textarea[name=description]").get_text().removeprefix("\n") == description
    assert page.select_one("a[data-helpline]")["href"].startswith("tel:+358")
    assert TOKEN.search(body), "a fresh form token, so that sending again works"
    assert "Traceback" not in body


def test_a_report_sent_while_the_database_is_stopped_is_kept_and_goes_through_when_it_returns(site, database):
    url, proxy = site
    before = send_report(url, 1, "fi")
    assert before.receipt, before.body[:2000]

    # Visitors who opened the form before the database stopped, writing in Finnish and Arabic.
    opened = {}
    for number, language in ((2, "fi"), (3, "ar"), (4, "sv")):
        _status, page = fetch(form_url(url, language))
        fields = report_fields(number, language, EXPLOITATION_TYPES.findall(page))
        opened[language] = (number, TOKEN.search(page).group(1), fields)
    proxy.stop()
    try:
        again = {}
        for language, (_number, token, fields) in opened.items():
            status, body = fetch(form_url(url, language), {**fields, "form_token": token})
            assert_not_sent_page(status, body, language, fields["description"])
            page = BeautifulSoup(body, "html.parser")
            kept = [element["value"] for element in page.select("input[name=exploitation_types][checked]")]
            assert kept == fields["exploitation_types"]
            again[language] = {"form_token": TOKEN.search(body).group(1)}
        status, body = fetch(url + "/fi/")
        assert status == 503, body[:2000]
        assert "Traceback" not in body
        assert stored(database)["descriptions"] == {digest(before.receipt): before.fields["description"]}
    finally:
        proxy.start()

    # The same server processes, their connections broken by the stop: the visitor sends the kept
    # form again, and it goes through.
    receipts = {before.receipt: before.fields["description"]}
    for language, (_number, _token, fields) in opened.items():
        status, body = fetch(form_url(url, language), {**fields, **again[language]})
        assert status == 200, body[:2000]
        receipts[BeautifulSoup(body, "html.parser").select_one("[data-receipt]").get_text(strip=True)] = (
            fields["description"]
        )
    held = stored(database)
    assert held["descriptions"] == {digest(receipt): text for receipt, text in receipts.items()}
    assert (held["orphans"], held["links"], held["messages"]) == (0, 4, 0)


def test_a_database_stop_in_the_middle_of_a_burst_loses_nothing(site, database):
    url, proxy = site
    already = stored(database)["descriptions"]
    burst = ThreadPoolExecutor(1)
    # Visitors told "not sent" try again a second later, as the page asks them to.
    sending = burst.submit(send_reports, url, 96, 16, first=1000, pause_when_not_sent=1.0)
    try:
        while len(stored(database)["descriptions"]) < len(already) + 8:  # some reports are through
            assert not sending.done(), "the burst ended before the stop"
            time.sleep(0.05)
        proxy.stop()
        time.sleep(1.0)
    finally:
        proxy.start()
        sent = sending.result()
        burst.shutdown()

    not_sent = [submission for submission in sent if submission.receipt is None]
    assert {submission.status for submission in not_sent} <= {503}, "only receipts and 'not sent' pages"
    assert not_sent, "the stop must come in the middle of the burst"
    assert any(submission.receipt for submission in sent if submission.number > not_sent[-1].number), (
        "reports go through again after the database returns"
    )
    held = stored(database)
    new = {key: text for key, text in held["descriptions"].items() if key not in already}
    assert new == {digest(submission.receipt): submission.fields["description"]
                   for submission in sent if submission.receipt}
    assert (held["orphans"], held["messages"]) == (0, 0)
    assert held["links"] == len(held["descriptions"])  # one kind of exploitation each, none half saved


def run_entrypoint(env) -> subprocess.CompletedProcess:
    return subprocess.run(["sh", "site/entrypoint.sh"], cwd=settings.BASE_DIR, env={**env, "PYTHON": sys.executable},  # noqa: S603, S607
                          capture_output=True, text=True, timeout=300)


def referral_count(database_url: str) -> int:
    return query(database_url, "SELECT count(*) FROM referral_form_referral")[0][0]


def test_a_missing_key_stops_the_start(database):
    done = run_entrypoint(production_env(database, key=None))
    assert done.returncode != 0
    assert "REFERRAL_ENCRYPTION_KEYS is not set" in done.stderr


def test_a_wrong_key_stops_the_start_before_anything_is_stored(site, database):
    url, _proxy = site
    assert send_report(url, 5000, "fi").receipt  # something stored with the right key
    count = referral_count(database)

    done = run_entrypoint(production_env(database, key=OTHER_KEY))
    assert done.returncode != 0
    assert "cannot decrypt the referrals already stored" in done.stderr
    assert "Starting gunicorn" not in done.stderr + done.stdout
    with pytest.raises(RuntimeError, match="cannot decrypt the referrals already stored"):
        with gunicorn(production_env(database, key=OTHER_KEY), ready_path="/healthz"):
            pass
    assert referral_count(database) == count

    # A new key with the right one after it (as in a key rotation) starts.
    with gunicorn(production_env(database, key=f"{OTHER_KEY},{KEY}"), ready_path="/healthz") as started:
        assert send_report(started, 5001, "sv").receipt
