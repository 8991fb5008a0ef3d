"""One report per sending: a form token is single-use. The same form sent again (a reload of the
confirmation, a double tap, Back and send) files no second case and shows the same receipt code, as
long as the token is valid; two visits (two tokens) file two cases. What is kept for that holds
nothing about the visitor and nothing readable without the token, is written in the report's own
transaction and forgotten when the token expires. The same for a follow-up of the check page.

Sendings at the same moment are tested with real server processes at the end of the file.
"""

import datetime
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings as django_settings
from django.core import mail, signing
from django.core.management import call_command
from django.db import OperationalError, connection
from django.utils import timezone, translation
from django.utils.translation import gettext

from referral_form import crypto
from referral_form.form_token import FORM_TOKEN_SALT, form_token_is_valid, new_form_token
from referral_form.models import Referral, ReferralMessage
from referral_form.views import FORM_EXPIRED, NOT_SENT
from tests.referral_form.test_form import RECEIPT, form_data, form_url, receipt_of, submit
from tests.servers import gunicorn
from tests.utils import soup


@pytest.fixture(autouse=True)
def _generous_limits(settings):
    settings.REFERRAL_SUBMISSIONS_PER_HOUR = 1000
    settings.REFERRAL_CHECKS_PER_HOUR = 1000


def token_in(response, name="form_token") -> str:
    element = soup(response).select_one(f"input[name={name}]")
    assert element is not None, response.content[:3000]
    return element["value"]


def used_tokens():
    from referral_form.models import FormTokenUse

    return FormTokenUse.objects.all()


# -- the same form sent again ---------------------------------------------------------------------

@pytest.mark.django_db
def test_a_token_carries_a_random_nonce():
    first, second = new_form_token(), new_form_token()
    assert first != second
    payloads = [signing.loads(token, salt=FORM_TOKEN_SALT) for token in (first, second)]
    assert payloads[0]["n"] != payloads[1]["n"]
    assert len(payloads[0]["n"]) >= 43  # 32 random bytes


@pytest.mark.django_db
@pytest.mark.parametrize("again", ["reload", "double tap", "back and send"])
def test_the_same_form_sent_again_files_one_case_and_shows_the_same_receipt(
        client, django_capture_on_commit_callbacks, again):
    data = form_data(description="Työnantaja otti passini.")
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(form_url(), data)
        if again == "back and send":  # the visitor went Back, changed the text and sent it again
            data = {**data, "description": "Työnantaja otti passini ja puhelimeni."}
        second = client.post(form_url(), data)
        if again == "double tap":
            third = client.post(form_url(), data)
            assert receipt_of(third) == receipt_of(first)
    assert (first.status_code, second.status_code) == (200, 200)
    assert RECEIPT.match(receipt_of(first))
    assert receipt_of(second) == receipt_of(first)
    assert "no-store" in second["Cache-Control"]
    assert Referral.objects.count() == 1
    assert Referral.objects.get().description == "Työnantaja otti passini."
    assert len(mail.outbox) == 1  # staff are told once
    # The first answer is the plain confirmation; the next says nothing new was saved, and how to
    # add something (what was typed since is not added).
    assert soup(first).select_one("[data-already-sent]") is None
    notice = soup(second).select_one("[data-already-sent]")
    with translation.override("fi"):
        assert notice is not None and gettext("Check your report") in notice.get_text()


@pytest.mark.django_db
def test_two_visits_file_two_cases(client):
    first = client.post(form_url(), form_data(description="Ensimmäinen"))
    second = client.post(form_url(), form_data(description="Toinen"))
    assert receipt_of(first) != receipt_of(second)
    assert sorted(Referral.objects.values_list("description", flat=True)) == ["Ensimmäinen", "Toinen"]


@pytest.mark.django_db
def test_sent_again_past_the_rate_limit_it_still_shows_the_receipt(client, settings):
    settings.REFERRAL_SUBMISSIONS_PER_HOUR = 1
    data = form_data()
    receipt = receipt_of(client.post(form_url(), data))
    again = client.post(form_url(), data)
    assert again.status_code == 200 and receipt_of(again) == receipt  # not "too many attempts"
    assert client.post(form_url(), form_data()).status_code == 429  # a new report is limited as before
    assert Referral.objects.count() == 1


@pytest.mark.django_db
def test_the_same_receipt_while_the_token_is_valid_then_it_is_forgotten(client, settings):
    before = timezone.now()
    data = form_data(description="Vanha lomake")
    receipt = receipt_of(client.post(form_url(), data))
    kept = used_tokens().get()
    max_age = datetime.timedelta(seconds=settings.REFERRAL_FORM_MAX_AGE_SECONDS)
    # Kept until the token expires, no longer.
    assert before + max_age - datetime.timedelta(seconds=2) <= kept.expires_at <= timezone.now() + max_age
    assert receipt_of(client.post(form_url(), data)) == receipt

    settings.REFERRAL_FORM_MAX_AGE_SECONDS = -1  # the token has expired: the form is shown again
    expired = client.post(form_url(), data)
    assert expired.status_code == 400
    page = soup(expired)
    assert page.select_one("#id_description").get_text().strip() == "Vanha lomake"
    with translation.override("fi"):
        assert page.select_one("#form-message").get_text(strip=True) == str(FORM_EXPIRED)
    assert token_in(expired) != data["form_token"]
    assert Referral.objects.count() == 1


@pytest.mark.django_db
def test_expired_tokens_are_forgotten_by_the_retention_command_and_by_the_way(client):
    client.post(form_url(), form_data())
    used_tokens().update(expires_at=timezone.now() - datetime.timedelta(seconds=1))  # as if hours had passed
    client.post(form_url(), form_data())  # storing another report forgets the expired one
    assert used_tokens().count() == 1
    used_tokens().update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    with open(os.devnull, "w") as quiet:
        call_command("purge_referrals", "--dry-run", stdout=quiet)
        assert used_tokens().count() == 1
        call_command("purge_referrals", stdout=quiet)
    assert not used_tokens().exists()
    assert Referral.objects.count() == 2  # the reports themselves stay


@pytest.mark.django_db
def test_a_token_without_a_nonce_is_not_accepted(client):
    # A page opened before tokens had a nonce: asked to send again, with a new token and the text kept.
    data = form_data(form_token=signing.dumps({"v": 1}, salt=FORM_TOKEN_SALT), description="Ennen päivitystä")
    response = client.post(form_url(), data)
    assert response.status_code == 400
    assert soup(response).select_one("#id_description").get_text().strip() == "Ennen päivitystä"
    assert form_token_is_valid(token_in(response)) and token_in(response) != data["form_token"]
    assert not Referral.objects.exists()


# -- what is kept --------------------------------------------------------------------------------

def raw_rows(table: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - our own table
        return "\n".join(repr(row) for row in cursor.fetchall())


@pytest.mark.django_db
def test_nothing_about_the_visitor_and_nothing_readable_is_kept_for_a_used_token(client):
    data = form_data()
    response = client.post(form_url(), data, REMOTE_ADDR="203.0.113.77", HTTP_USER_AGENT="UniqueAgent/9.9",
                           HTTP_X_FORWARDED_FOR="198.51.100.5")
    digits = receipt_of(response).replace(" ", "")
    nonce = signing.loads(data["form_token"], salt=FORM_TOKEN_SALT)["n"]
    kept = used_tokens().get()
    dump = raw_rows(kept._meta.db_table)
    for trace in (digits, digits[:8], digits[-8:], nonce, data["form_token"], "203.0.113.77", "UniqueAgent",
                  "198.51.100.5"):
        assert trace not in dump
    assert {field.name for field in kept._meta.get_fields()} == {"nonce_digest", "receipt", "expires_at"}
    # The receipt code opens with the token only, not with the server's keys.
    with pytest.raises(crypto.DecryptionFailed):
        crypto.decrypt_from_storage(kept.receipt)
    assert crypto.open_with_nonce(nonce, kept.receipt) == digits
    # The report still keeps only the slow hash of its code.
    assert Referral.objects.get().receipt_digest == crypto.receipt_digest(digits)


@pytest.mark.django_db
@pytest.mark.parametrize("table", ["referral_form_referral", "referral_form_referralexploitation"])
def test_a_database_failure_stores_neither_and_the_form_can_be_sent_again(client, table):
    # The token's use is written first, in the same transaction: a later failure takes it back too.
    def refuse(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("INSERT") and f'"{table}"' in sql:
            raise OperationalError("database is unavailable")
        return execute(sql, params, many, context)

    data = form_data(description="Älä hukkaa tätä", exploitation_types=["labour"])
    with connection.execute_wrapper(refuse):
        response = client.post(form_url(), data)
    assert response.status_code == 503
    with translation.override("fi"):
        assert soup(response).select_one("#form-message").get_text(strip=True) == str(NOT_SENT)
    assert soup(response).select_one("#id_description").get_text().strip() == "Älä hukkaa tätä"
    assert not Referral.objects.exists() and not used_tokens().exists()

    # Sent again with what the page gives: the same token, which stored nothing.
    assert token_in(response) == data["form_token"]
    again = client.post(form_url(), {**data, "form_token": token_in(response)})
    assert again.status_code == 200 and RECEIPT.match(receipt_of(again))
    assert Referral.objects.get().description == "Älä hukkaa tätä"


@pytest.mark.django_db
def test_a_form_with_errors_comes_back_with_its_token_and_sending_it_again_later_files_no_second_case(client):
    token = new_form_token()
    wrong = form_data(form_token=token, description="", municipality="Oulu")
    refused = client.post(form_url(), wrong)
    assert refused.status_code == 400
    assert soup(refused).select_one("[name=municipality]")["value"] == "Oulu"
    assert token_in(refused) == token  # it stored nothing: it stays valid
    sent = client.post(form_url(), {**wrong, "description": "Nyt kuvauksen kanssa", "form_token": token_in(refused)})
    assert sent.status_code == 200
    # Back to the page of errors, which the browser sends again: the report is already in.
    back = client.post(form_url(), wrong)
    assert back.status_code == 200 and receipt_of(back) == receipt_of(sent)
    assert Referral.objects.count() == 1


@pytest.mark.django_db
def test_the_same_token_stored_twice_in_a_row_gives_the_first_receipt():
    # What the second of two sendings at the same moment meets: the first has used the token
    # in between (the view's check before found nothing). The real race is tested below.
    from referral_form.form_token import read_form_token
    from referral_form.forms import ReferralForm
    from referral_form.submissions import create_referral

    data = form_data()
    token = read_form_token(data["form_token"])
    codes = []
    for _ in range(2):
        form = ReferralForm(data)
        assert form.is_valid(), form.errors
        codes.append(create_referral(form, "fi", token))
    assert codes[0] == codes[1]
    assert Referral.objects.count() == 1 and used_tokens().count() == 1


# -- follow-ups -------------------------------------------------------------------------------------

def check_url(code="fi"):
    return form_url(code) + "check/"


@pytest.mark.django_db
def test_a_follow_up_sent_again_is_added_once(client):
    receipt = receipt_of(submit(client, "sv"))
    status = client.post(check_url("sv"), {"receipt_code": receipt})
    follow_up = {"receipt_code": token_in(status, "receipt_code"), "text": "Han ringde igen.",
                 "follow_up_token": token_in(status, "follow_up_token")}
    first = client.post(check_url("sv"), follow_up)
    reload = client.post(check_url("sv"), follow_up)
    for response in (first, reload):
        assert response.status_code == 200
        with translation.override("sv"):
            assert translation.gettext("Thank you. Your information was added to the report.") in (
                soup(response).get_text(" "))
    assert list(ReferralMessage.objects.values_list("text", flat=True)) == ["Han ringde igen."]

    # The page after it offers a new token for the next piece of information.
    following = token_in(reload, "follow_up_token")
    assert following != follow_up["follow_up_token"]
    client.post(check_url("sv"), {**follow_up, "text": "Och i dag.", "follow_up_token": following})
    assert ReferralMessage.objects.count() == 2


@pytest.mark.django_db
def test_a_refused_or_unsent_follow_up_keeps_its_token(client):
    receipt = receipt_of(submit(client))
    status = client.post(check_url(), {"receipt_code": receipt})
    token = token_in(status, "follow_up_token")
    empty = client.post(check_url(), {"receipt_code": receipt, "text": " ", "follow_up_token": token})
    assert token_in(empty, "follow_up_token") == token

    def refuse(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("INSERT") and "referral_form_referralmessage" in sql:
            raise OperationalError("database is unavailable")
        return execute(sql, params, many, context)

    follow_up = {"receipt_code": receipt, "text": "Lisätietoa", "follow_up_token": token}
    with connection.execute_wrapper(refuse):
        unsent = client.post(check_url(), follow_up)
    assert unsent.status_code == 503
    assert token_in(unsent, "follow_up_token") == token
    assert not ReferralMessage.objects.exists() and used_tokens().count() == 1  # the report's own
    assert client.post(check_url(), follow_up).status_code == 200
    assert client.post(check_url(), follow_up).status_code == 200
    assert ReferralMessage.objects.get().text == "Lisätietoa"


# -- at the same moment, with real server processes ----------------------------------------------------

class Site:
    """gunicorn with two workers on a fresh database (SQLite file or PostgreSQL, as this pass) with
    the demo content."""

    def __init__(self, tmp_path):
        self.postgres = os.environ.get("DATABASE_URL", "").startswith("postgres")
        if self.postgres:
            from website.create_database import create_database

            self.database_url = f"postgres://postgres@127.0.0.1:5432/form_token_{uuid.uuid4().hex[:10]}"
            create_database(self.database_url)
        else:
            self.sqlite_path = tmp_path / "site.sqlite3"
            self.database_url = f"sqlite:///{self.sqlite_path}"
        self.env = {**os.environ, "DJANGO_SETTINGS_MODULE": "website.settings.test", "DOTENV_PATH": "",
                    "DATABASE_URL": self.database_url, "REFERRAL_SUBMISSIONS_PER_HOUR": "100000",
                    "REFERRAL_CHECKS_PER_HOUR": "100000"}
        for command in (["migrate", "--verbosity", "0"], ["load_demo_content"]):
            done = subprocess.run([sys.executable, "manage.py", *command], cwd=django_settings.BASE_DIR,
                                  env=self.env, capture_output=True, text=True, timeout=600)
            assert done.returncode == 0, done.stderr[-3000:]

    def query(self, sql: str) -> list[tuple]:
        if self.postgres:
            import psycopg

            with psycopg.connect(self.database_url.replace("postgres://", "postgresql://")) as database:
                return database.execute(sql).fetchall()
        with sqlite3.connect(self.sqlite_path) as database:
            return database.execute(sql).fetchall()

    def drop(self):
        if self.postgres:
            from website.create_database import drop_database

            drop_database(self.database_url)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    database = Site(tmp_path_factory.mktemp("form-token"))
    try:
        with gunicorn(database.env, ready_path="/healthz", workers=2) as url:
            yield url, database
    finally:
        database.drop()


def at_the_same_moment(url: str, path: str, fields: dict, copies: int = 2) -> list[tuple[int, str]]:
    """POST the same form on `copies` connections at once: each gets all of its request but the last
    byte, which then goes to all of them together; returns each one's status and page."""
    port = urllib.parse.urlsplit(url).port
    body = urllib.parse.urlencode(fields, doseq=True).encode()
    request = (f"POST {urllib.parse.quote(path)} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n"
               "Content-Type: application/x-www-form-urlencoded\r\nSec-Fetch-Site: same-origin\r\n"
               f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode() + body
    sockets = [socket.create_connection(("127.0.0.1", port), timeout=60) for _ in range(copies)]
    try:
        for sock in sockets:
            sock.sendall(request[:-1])
        time.sleep(0.3)  # each worker has taken its connection and waits for the end of the body
        for sock in sockets:
            sock.sendall(request[-1:])

        def answer(sock) -> tuple[int, str]:
            chunks = []
            while chunk := sock.recv(65536):
                chunks.append(chunk)
            head, _, page = b"".join(chunks).partition(b"\r\n\r\n")
            return int(head.split()[1]), page.decode()

        with ThreadPoolExecutor(copies) as pool:
            return list(pool.map(answer, sockets))
    finally:
        for sock in sockets:
            sock.close()


def receipt_on(page: str) -> str | None:
    from bs4 import BeautifulSoup

    element = BeautifulSoup(page, "html.parser").select_one("[data-receipt]")
    return element.get_text(strip=True) if element else None


def field_on(page: str, name: str) -> str:
    from bs4 import BeautifulSoup

    return BeautifulSoup(page, "html.parser").select_one(f"input[name={name}]")["value"]


def fetch(url: str, fields: dict | None = None) -> str:
    import urllib.request

    data = urllib.parse.urlencode(fields).encode() if fields is not None else None
    with urllib.request.urlopen(urllib.request.Request(url, data=data), timeout=60) as response:  # noqa: S310
        return response.read().decode()


ROUNDS = 4


def test_the_same_form_sent_twice_at_the_same_moment_files_one_case(site):
    url, database = site
    path = form_url()
    receipts = []
    for number in range(ROUNDS):
        token = field_on(fetch(url + path), "form_token")  # as a browser: the form page, then the sending
        fields = {**form_data(), "form_token": token, "description": f"Samaan aikaan {number}"}
        answers = at_the_same_moment(url, path, fields)
        assert [status for status, _page in answers] == [200, 200], [page[:2000] for _status, page in answers]
        codes = {receipt_on(page) for _status, page in answers}
        assert len(codes) == 1 and RECEIPT.match(next(iter(codes))), codes
        receipts.append(codes.pop())
    assert len(set(receipts)) == ROUNDS  # each visit its own case

    stored = database.query("SELECT receipt_digest FROM referral_form_referral")
    assert sorted(digest for (digest,) in stored) == sorted(
        crypto.receipt_digest(receipt.replace(" ", "")) for receipt in receipts)
    assert database.query("SELECT count(*) FROM referral_form_formtokenuse") == [(ROUNDS,)]


def test_the_same_follow_up_sent_twice_at_the_same_moment_is_added_once(site):
    url, database = site
    path = form_url()
    receipt = receipt_on(fetch(url + path, {**form_data(), "form_token": field_on(fetch(url + path), "form_token")}))
    status = fetch(url + path + "check/", {"receipt_code": receipt})
    for number in range(ROUNDS):
        fields = {"receipt_code": receipt, "text": f"Lisätietoa {number}",
                  "follow_up_token": field_on(status, "follow_up_token")}
        answers = at_the_same_moment(url, path + "check/", fields)
        assert [status for status, _page in answers] == [200, 200]
        status = answers[0][1]
    assert database.query("SELECT count(*) FROM referral_form_referralmessage") == [(ROUNDS,)]
