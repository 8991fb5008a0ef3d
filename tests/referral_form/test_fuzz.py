"""Generated hostile input against the form, the receipt check and the search.

Over-long fields, odd Unicode, NUL bytes, invalid UTF-8 and lone surrogates in percent-encoding,
wrong content types, duplicate fields, forged choices and form tokens, odd query strings. None may
give a server error (the test client re-raises it), and no stored row may hold garbage: every stored
referral and follow-up is read back, decrypted and checked against the form's own rules.

`FUZZ_REQUESTS` requests in all (each test sends and asserts its share): 5,000 by default. The seed
depends on the database, so CI's two passes (SQLite, then PostgreSQL) send 10,000 different ones;
`make fuzz` sends 10,000 in one run (see tests/README.md, "Hostile input"). Runs are repeatable: a fixed seed per
database, and no example database. The slow scrypt of the receipt code is swapped for a
fast hash here (test_receipt.py tests the real one): the fuzzing is about parsing and validation.
"""

import hashlib
import html
import json
import os
import zlib
from urllib.parse import quote_from_bytes, urlencode

import pytest
from django.conf import settings as django_settings
from django.test import Client
from hypothesis import HealthCheck, example, given, seed, settings
from hypothesis import strategies as st

from pages import i18n
from pages.vocabulary import ExploitationKind
from referral_form import crypto
from referral_form.fields import EncryptedTextField
from referral_form.form_token import new_form_token
from referral_form.forms import ReferralForm, clean_text
from referral_form.models import (
    REGION_CHOICES,
    REPORTED_FIELDS,
    ContactMethod,
    Referral,
    ReferralMessage,
    SharingLevel,
    WriterRole,
    YesNoUnknown,
)
from tests.referral_form.test_form import form_data, form_url

pytestmark = pytest.mark.django_db

TOTAL = int(os.environ.get("FUZZ_REQUESTS", "5000"))
# One fixed seed per database engine: repeatable runs, and different inputs on each CI pass.
SEED = zlib.crc32(django_settings.DATABASES["default"]["ENGINE"].encode())
SHARES = {"form_fields": 0.15, "form_bodies": 0.10, "form_queries": 0.05, "receipt_check": 0.35, "search": 0.35}
REQUESTS = {test: round(TOTAL * share) for test, share in SHARES.items()}  # each test's share
# What the reporter writes as free text, encrypted at rest.
TEXT_FIELDS = [name for name in REPORTED_FIELDS if isinstance(Referral._meta.get_field(name), EncryptedTextField)]


def hypothesis_settings(examples: int):
    return settings(
        max_examples=examples, database=None, deadline=None, print_blob=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


class Tally:
    """Requests actually sent by one test."""

    def __init__(self):
        self.sent = 0

    def post(self, client, path, *args, raw=False, **kwargs):
        """`raw`: send the body's bytes as they are (`post` would re-encode them to the charset)."""
        self.sent += 1
        if raw:
            return client.generic("POST", path, *args, **kwargs)
        return client.post(path, *args, **kwargs)

    def get(self, client, path, **extra):
        self.sent += 1
        return client.get(path, **extra)


# -- values ----------------------------------------------------------------------------------------

ODD_PIECES = [
    "\x00", "\x01", "\x7f", "\u202e", "\u200b", "\u200d", "\ufeff", "\u2028", "\r", "\r\n", "\n\n",
    "e\u0301", "\U0001f469\u200d\U0001f467", "\ufdfa", "\U0001d518", "\u0130", "\uffff", "\U0010ffff",
    "<script>alert(1)</script>", "' OR 1=1 --", "{{ 7*7 }}", "{% debug %}", "%(name)s", "%00", "\\",
    "\u0661\u0662\u0663", "\uff11\uff12", "   ", "\t",
]
any_text = st.text(st.characters(codec="utf-8"), max_size=60)  # UTF-8 cannot carry lone surrogates
odd_text = st.one_of(any_text, st.lists(st.sampled_from(ODD_PIECES) | any_text, max_size=8).map("".join))


def around(limit: int):
    """Text of exactly the limit, one less or a few more characters of 1 to 4 bytes."""
    return st.builds(lambda char, extra: char * (limit + extra),
                     st.sampled_from(["a", "\u00e4", "\ufdfa", "\U0001d518", "\x00"]), st.integers(-1, 3))


FORGED = ["", "0", "-1", "99999999", "1.5", "1e3", "\uff11", " 1", "1 ", "true", "null", "[]", "__all__",
          "SELF", "professional\x00", "anonymous\u200b", "none ", "email,phone"]


def choice(values):
    return st.sampled_from([*values, *FORGED])


def text_value(name: str):
    limit = ReferralForm.base_fields[name].max_length
    return st.one_of(odd_text, around(limit))


def duplicated(values):
    """One value, or the field sent several times."""
    return st.one_of(values, st.lists(values, min_size=2, max_size=4))


def form_strategies(kinds: list[str], regions: list[str]) -> dict:
    values = {name: text_value(name) for name in TEXT_FIELDS}
    values["contact_email"] = st.one_of(
        odd_text, st.sampled_from(["a@example.org", "\u00e4@\u00e4.fi", "a@b", "@", "a@example.org\x00"]))
    values["contact_phone"] = st.one_of(odd_text, st.sampled_from(["+358 40 123 4567", "0" * 41, "(((((("]))
    values.update(
        writer_role=choice(WriterRole.values), sharing_level=choice(SharingLevel.values),
        contact_method=choice(ContactMethod.values), is_minor=choice(YesNoUnknown.values),
        children_need_help=choice(YesNoUnknown.values), interpreter_needed=choice(YesNoUnknown.values),
        may_leave_message=choice(YesNoUnknown.values), consent_confirmed=choice(["on", "off", "false"]),
        exploitation_types=st.lists(choice(kinds), max_size=4), region=choice(regions),
        website=st.sampled_from(["", "", "", "http://spam.example"]),
    )
    return {name: duplicated(strategy) for name, strategy in values.items()}


def form_token():
    """A valid token, none, a forged one or garbage (the form has no CSRF cookie: this is its check)."""
    return st.sampled_from(["valid", "missing", "forged", "garbage"])


def token_value(kind: str) -> str | None:
    token = new_form_token()
    return {"valid": token, "missing": None, "forged": token[:-2] + "xx", "garbage": "\x00" * 3}[kind]


# -- what must hold afterwards --------------------------------------------------------------------

def assert_clean_text(text: str, limit: int, *, required: bool = False) -> None:
    """Stored text is what the form's cleaning makes: no control characters, NFC, trimmed, in limits."""
    assert clean_text(text) == text, repr(text[:80])
    assert len(text) <= limit
    if required:
        assert text


def assert_no_garbage_stored() -> int:
    """Read every stored referral and follow-up back (decrypting it) and check it; return how many."""
    fields = ReferralForm.base_fields
    regions = {code for code, _label in REGION_CHOICES}
    referrals = list(Referral.objects.prefetch_related("exploitation_kinds"))
    for referral in referrals:
        for name in TEXT_FIELDS:
            assert_clean_text(getattr(referral, name), fields[name].max_length, required=name == "description")
        assert referral.writer_role in WriterRole.values
        assert referral.sharing_level in SharingLevel.values
        assert referral.contact_method in ContactMethod.values
        for name in ("is_minor", "children_need_help", "interpreter_needed", "may_leave_message"):
            assert getattr(referral, name) in YesNoUnknown.values
        assert {row.kind for row in referral.exploitation_kinds.all()} <= set(ExploitationKind.values)
        assert referral.region in regions or referral.region == ""
        if referral.sharing_level == SharingLevel.ANONYMOUS:
            assert not (referral.contact_phone or referral.contact_email or referral.referrer_contact)
    for message in ReferralMessage.objects.all():
        assert_clean_text(message.text, django_settings.REFERRAL_MAX_TEXT_LENGTH, required=True)
    return len(referrals)


def assert_text_kept(response, payload: dict) -> None:
    """A refused form shows what the visitor wrote."""
    description = payload.get("description")
    if isinstance(description, list):
        description = description[-1]
    if description:
        assert html.escape(description) in response.text


# -- fixtures ---------------------------------------------------------------------------------------

@pytest.fixture(autouse=True)
def _no_limits_and_a_fast_receipt_hash(settings, monkeypatch):
    settings.REFERRAL_SUBMISSIONS_PER_HOUR = 10**9
    settings.REFERRAL_CHECKS_PER_HOUR = 10**9
    monkeypatch.setattr(crypto, "receipt_digest", lambda code: hashlib.sha256(code.encode("ascii")).hexdigest())


@pytest.fixture
def choices() -> tuple[list[str], list[str]]:
    # Every offered choice, and ones the form does not offer.
    kinds = [*ExploitationKind.values, "trafficking", "1"]
    regions = [code for code, _label in REGION_CHOICES] + ["finland", "1"]
    return kinds, regions


# -- the form -------------------------------------------------------------------------------------

def test_form_fields(choices):
    client, tally, url = Client(), Tally(), form_url()
    fields = form_strategies(*choices)

    @seed(SEED)
    @hypothesis_settings(REQUESTS["form_fields"])
    @given(changes=st.fixed_dictionaries({}, optional=fields), token=form_token(),
           encoding=st.sampled_from(["multipart", "urlencoded"]),
           fetch_site=st.sampled_from(["same-origin", "same-origin", "none", "cross-site"]))
    def send(changes, token, encoding, fetch_site):
        payload = {**form_data(), **changes}
        payload["form_token"] = token_value(token)
        payload = {name: value for name, value in payload.items() if value is not None}
        headers = {"sec-fetch-site": fetch_site}
        if encoding == "multipart":
            response = tally.post(client, url, payload, headers=headers)
        else:
            body = urlencode(payload, doseq=True)
            response = tally.post(client, url, body, content_type="application/x-www-form-urlencoded",
                                  headers=headers)
        assert response.status_code in (200, 400), response.status_code
        if response.status_code == 400:
            assert_text_kept(response, payload)

    send()
    assert tally.sent >= REQUESTS["form_fields"]
    assert assert_no_garbage_stored() > 0  # some of the generated forms were valid and stored


def percent_encoded(fields: list[tuple[bytes, bytes]]) -> bytes:
    return b"&".join(quote_from_bytes(key).encode() + b"=" + quote_from_bytes(value).encode()
                     for key, value in fields)


ODD_BYTES = [b"\x00", b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xff", b"\xc0\x80", b"\xe2\x80\xae", b"\xf4\x90\x80\x80",
             b"%", b"&", b"=", b"+", b"\r\n--boundary\r\n"]
raw_bytes = st.one_of(st.binary(max_size=40), st.lists(st.sampled_from(ODD_BYTES) | st.binary(max_size=4),
                                                       max_size=6).map(b"".join))


PART_HEADERS = [b"", b"\r\nContent-Transfer-Encoding: base64", b"\r\nContent-Type: text/plain; charset=utf-16"]


@st.composite
def hostile_bodies(draw, valid: dict[str, str]):
    """A body and its content type: broken encodings around otherwise valid fields."""
    base = [(key.encode(), value.encode()) for key, value in valid.items()]
    odd = draw(st.lists(st.tuples(st.sampled_from([b"description", b"form_token", b"writer_role", b"region",
                                                   b"exploitation_types", b"x\x00", b""]) | raw_bytes,
                                  raw_bytes), max_size=5))
    kind = draw(st.sampled_from(["percent", "raw", "json", "text", "multipart", "no boundary", "none", "charset"]))
    fields = base + odd
    if kind == "percent":
        return percent_encoded(fields), "application/x-www-form-urlencoded"
    if kind == "raw":  # bytes as they come, without percent-encoding
        return b"&".join(key + b"=" + value for key, value in fields), "application/x-www-form-urlencoded"
    if kind == "json":
        return json.dumps(valid).encode(), "application/json"
    if kind == "text":
        return b"\n".join(key + b"=" + value for key, value in fields), "text/plain"
    if kind == "charset":
        # (A NUL byte in a header cannot arrive: gunicorn answers 400 first, see test_request_limits.py.)
        charset = draw(st.sampled_from(["utf-16", "latin-1", "x-unknown", "utf-8 ", "utf-8;x=y", ""]))
        return percent_encoded(fields), f"application/x-www-form-urlencoded; charset={charset}"
    if kind == "none":
        return percent_encoded(fields), ""
    parts = []
    for key, value in fields:
        header = draw(st.sampled_from([b'name="%s"' % key, b'name="%s"; filename="a.txt"' % key, b"", key]))
        extra = draw(st.sampled_from(PART_HEADERS))
        parts.append(b"--boundary\r\nContent-Disposition: form-data; %s%s\r\n\r\n%s\r\n" % (header, extra, value))
    ending = draw(st.sampled_from([b"--boundary--\r\n", b"", b"--bound"]))
    content_type = "multipart/form-data; boundary=boundary" if kind == "multipart" else "multipart/form-data"
    return b"".join(parts) + ending, content_type


def test_form_bodies():
    client, tally, url = Client(), Tally(), form_url()

    @seed(SEED)
    @hypothesis_settings(REQUESTS["form_bodies"])
    @given(data=st.data())
    def send(data):
        body, content_type = data.draw(hostile_bodies({**form_data(), "form_token": new_form_token()}))
        response = tally.post(client, url, body, content_type=content_type, raw=True)
        assert response.status_code in (200, 400), response.status_code

    send()
    assert tally.sent >= REQUESTS["form_bodies"]
    assert assert_no_garbage_stored() > 0


def raw_query(pairs: list[tuple[bytes, bytes]]) -> str:
    """A QUERY_STRING as the server passes it on: bytes seen as Latin-1."""
    return b"&".join(key + b"=" + value for key, value in pairs).decode("latin-1")


query_pairs = st.lists(st.tuples(st.sampled_from([b"q", b"page", b"lang", b"%00", b"q[]"]) | raw_bytes,
                                 raw_bytes | st.sampled_from([b"%ED%A0%80", b"%FF", b"%00", b"%", b"-1", b"9" * 30])),
                       max_size=6)


def test_form_and_check_pages_with_odd_query_strings():
    client, tally = Client(), Tally()

    @seed(SEED)
    @hypothesis_settings(REQUESTS["form_queries"] // 2)
    @given(pairs=query_pairs)
    def send(pairs):
        for url in (form_url(), form_url("ar") + "check/"):
            response = tally.get(client, url, QUERY_STRING=raw_query(pairs))
            assert response.status_code == 200, response.status_code

    send()
    assert tally.sent >= REQUESTS["form_queries"]


# -- the receipt check ------------------------------------------------------------------------------

def test_receipt_check(make_referral):
    client, tally, url = Client(), Tally(), form_url("sv") + "check/"
    code = crypto.new_receipt_code()
    make_referral(receipt_digest=crypto.receipt_digest(code))
    spaced = crypto.format_receipt_code(code)
    full_width = code.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    near_misses = [code, spaced, f" {spaced}\n", "-".join(code), code + "0", code[:-1], "\x00".join(code),
                   "0" * 16, full_width]
    codes = st.one_of(odd_text, around(40), raw_bytes.map(lambda raw: raw.decode("utf-8", "replace")),
                      st.sampled_from(near_misses))

    @seed(SEED)
    @hypothesis_settings(REQUESTS["receipt_check"])
    @example(receipt=spaced, text="Lisätietoa", fetch_site="same-origin", extra={})  # one that must be stored
    @given(receipt=duplicated(codes), text=st.none() | duplicated(text_value("description")),
           fetch_site=st.sampled_from(["same-origin", "same-origin", "cross-site"]),
           extra=st.dictionaries(st.sampled_from(["csrfmiddlewaretoken", "form_token", "status", "referral"]),
                                 odd_text, max_size=2))
    def send(receipt, text, fetch_site, extra):
        payload = {**extra, "receipt_code": receipt}
        if text is not None:
            payload["text"] = text
        response = tally.post(client, url, payload, headers={"sec-fetch-site": fetch_site})
        assert response.status_code in (200, 400, 404), response.status_code

    send()
    assert tally.sent >= REQUESTS["receipt_check"]
    assert_no_garbage_stored()
    assert ReferralMessage.objects.exists()  # some follow-ups with the right code were stored


# -- the search -----------------------------------------------------------------------------------

def test_search():
    client, tally = Client(), Tally()
    # Languages whose site is live in the demo (the search is under each language's prefix)
    languages = [code for code in i18n.content_language_codes() if client.get(f"/{code}/search/").status_code == 200]

    @seed(SEED)
    @hypothesis_settings(REQUESTS["search"])
    @given(language=st.sampled_from(languages), query=duplicated(odd_text | around(200)),
           page=st.none() | st.sampled_from(["2", "0", "-1", "last", "9" * 30, "1.5", "\x00"]),
           raw=st.none() | query_pairs)
    def send(language, query, page, raw):
        url = f"/{language}/search/"
        if raw is not None:
            response = tally.get(client, url, QUERY_STRING=raw_query(raw))
        else:
            params = {"q": query} if page is None else {"q": query, "page": page}
            response = tally.get(client, url, QUERY_STRING=urlencode(params, doseq=True))
        assert response.status_code == 200, response.status_code

    send()
    assert tally.sent >= REQUESTS["search"]
