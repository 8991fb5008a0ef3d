"""While the database is down: every query fails, and visitors get a 503 that needed none, in their
language; the referral form comes back with everything they wrote. (With real processes and a
stopped database: tests/site/test_outage.py.)"""

import pytest
from django.db import OperationalError, ProgrammingError, connection
from django.utils import translation
from django.utils.translation import gettext

from pages.vocabulary import ExploitationKind
from referral_form import views
from referral_form.form_token import form_token_is_valid
from referral_form.models import Referral, ReferralMessage
from referral_form.submissions import find_by_receipt
from referral_form.views import NOT_SENT
from tests.checkers import ORIGIN, axe_violations, chromium_page, vnu_errors
from tests.referral_form.test_form import form_data, form_url, receipt_of, submit
from tests.utils import soup

pytestmark = pytest.mark.django_db


def database_down(execute, sql, params, many, context):
    raise OperationalError("the database is down")


@pytest.mark.parametrize("code", ["fi", "fa"])
def test_a_report_sent_during_an_outage_comes_back_with_its_text(client, code):
    kinds = ["labour", "forced_criminality"]
    data = form_data(description="Passi vietiin.\nپاسپورتم را گرفتند.", municipality="Turku",
                     exploitation_types=kinds, region="ahvenanmaa")
    with connection.execute_wrapper(database_down):
        response = client.post(form_url(code), data)

    assert response.status_code == 503
    assert response["Retry-After"]
    assert "no-store" in response["Cache-Control"]
    page = soup(response)
    assert page.html["lang"] == code
    with translation.override(code):
        assert str(NOT_SENT) in page.select_one("#form-message").get_text()
    assert page.select_one("textarea[name=description]").get_text().removeprefix("\n") == data["description"]
    assert page.select_one("input[name=municipality]")["value"] == "Turku"
    # The choice lists are fixed in the code: the whole form is shown, with the visitor's choices.
    checkboxes = page.select("input[name=exploitation_types]")
    assert [element["value"] for element in checkboxes] == ExploitationKind.values
    assert [element["value"] for element in checkboxes if element.has_attr("checked")] == kinds
    assert page.select_one("select[name=region] option[selected]")["value"] == "ahvenanmaa"
    labels = {label.get_text(" ", strip=True) for label in page.select("label, legend")}
    with translation.override(code):
        assert gettext("Region") in labels
        assert any(str(ExploitationKind.LABOUR.label) in label for label in labels)
    assert form_token_is_valid(page.select_one("input[name=form_token]")["value"])  # to send it again
    assert page.select_one("a[data-helpline]")["href"].startswith("tel:")
    assert not Referral.objects.exists()


def test_a_follow_up_sent_during_an_outage_comes_back_with_its_text(client):
    data = {"receipt_code": "4821 0937 5512 0648", "text": "Työnantaja soitti eilen uudelleen."}
    with connection.execute_wrapper(database_down):
        response = client.post(form_url("sv") + "check/", data)

    assert response.status_code == 503
    assert "no-store" in response["Cache-Control"]
    page = soup(response)
    assert page.html["lang"] == "sv"
    with translation.override("sv"):
        assert str(NOT_SENT) in page.select_one("#form-message").get_text()
    assert page.select_one("textarea[name=text]").get_text().removeprefix("\n") == data["text"]
    assert page.select_one("input[name=receipt_code]")["value"] == data["receipt_code"]  # to send it again
    assert page.select_one("a[data-quick-exit]") and page.select_one("a[data-helpline]")
    assert not ReferralMessage.objects.exists()


class StopAfterStoring:
    """The database stops just after the view's `name` (create_referral or add_reporter_message) has
    stored what the visitor sent, before the page saying so is rendered; then it returns."""

    def __init__(self, monkeypatch):
        self.monkeypatch = monkeypatch
        self.down = self.stopped = False

    def stop_after(self, name):
        stores = getattr(views, name)

        def store_then_stop(*args, **kwargs):
            result = stores(*args, **kwargs)
            self.down = self.stopped = True
            return result

        self.monkeypatch.setattr(views, name, store_then_stop)

    def database_returns(self):
        self.down = False

    def __call__(self, execute, sql, params, many, context):
        if self.down:
            raise OperationalError("the database is down")
        return execute(sql, params, many, context)


@pytest.fixture
def outage(monkeypatch):
    stop = StopAfterStoring(monkeypatch)
    with connection.execute_wrapper(stop):
        yield stop
    assert stop.stopped, "the database never stopped"


@pytest.mark.parametrize("code", ["fi", "ar"])
def test_a_report_stored_just_before_an_outage_still_gets_its_receipt(client, outage, code, caplog):
    # Told "not sent", the visitor would send it again: one report stored twice.
    outage.stop_after("create_referral")
    text = "Passi vietiin. جواز سفري أُخذ مني."
    response = submit(client, code, description=text)
    logged = [(record.levelname, record.getMessage()) for record in caplog.records
              if record.name == "referral_form.views"]
    assert logged == [("WARNING", "stored, then the page could not read the database: OperationalError")]

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = soup(response)
    assert (page.html["lang"], page.html["dir"]) == (code, "rtl" if code == "ar" else "ltr")
    with translation.override(code):
        assert page.h1.get_text(strip=True) == gettext("Thank you. Your report has been sent.")
    assert page.select_one("a[data-quick-exit]")
    assert page.select_one(f'a[href="{form_url(code)}check/"]')
    assert page.select_one('a[href^="tel:"]')
    assert text not in response.content.decode()

    outage.database_returns()
    assert find_by_receipt(receipt_of(response)).description == text
    assert Referral.objects.count() == 1


def test_a_follow_up_stored_just_before_an_outage_is_said_to_be_sent(client, outage):
    receipt = receipt_of(submit(client, "sv"))
    outage.stop_after("add_reporter_message")
    response = client.post(form_url("sv") + "check/", {"receipt_code": receipt, "text": "Han ringde igen."})

    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == "sv"
    with translation.override("sv"):
        assert gettext("Thank you. Your information was added to the report.") in page.get_text(" ")
    assert not page.select("textarea"), "nothing to send again"
    assert page.select_one("a[data-quick-exit]")
    assert page.select_one(f'a[href="{form_url("sv")}check/"]')
    outage.database_returns()
    assert ReferralMessage.objects.get().text == "Han ringde igen."


def test_pages_during_an_outage_answer_503_in_the_visitors_language(client, settings):
    settings.PAGE_CACHE_ENABLED = True  # its content generation is read from the database too
    with connection.execute_wrapper(database_down):
        response = client.get("/sv/")
    assert response.status_code == 503
    with translation.override("sv"):
        assert gettext("Something went wrong") in response.content.decode()
    assert soup(response).select_one("a[data-quick-exit]")["href"].startswith("https://")


@pytest.mark.parametrize("path", ["/favicon.ico", "/sv/no-such-page/", "/no-such-page/"])
def test_missing_pages_during_an_outage_are_503_not_500(client, path):
    # The not-found page reads the menus from the database: during an outage it is the 503 page too.
    # (A browser asks for /favicon.ico by itself, on the "not sent" page.)
    client.raise_request_exception = True  # a 500 would fail here
    with connection.execute_wrapper(database_down):
        response = client.get(path)
    assert response.status_code == 503
    assert response["Retry-After"]
    assert soup(response).select_one("a[data-quick-exit]")


def test_a_programming_error_is_not_taken_for_an_outage(client):
    def broken(execute, sql, params, many, context):
        raise ProgrammingError("no such column")

    with connection.execute_wrapper(broken), pytest.raises(ProgrammingError):
        client.get("/sv/")


def outage_pages(client, monkeypatch) -> dict[str, tuple]:
    """The form's four pages that need no database, in Arabic (right to left)."""
    pages = {}
    with connection.execute_wrapper(database_down):
        pages["/not-sent/"] = client.post(form_url("ar"), form_data(description="أخذوا جواز سفري."))
        pages["/follow-up-not-sent/"] = client.post(form_url("ar") + "check/",
                                                    {"receipt_code": "4821 0937 5512 0648", "text": "اتصل مرة أخرى."})
    receipt = receipt_of(submit(client, "ar"))
    stop = StopAfterStoring(monkeypatch)
    with connection.execute_wrapper(stop):
        stop.stop_after("create_referral")
        pages["/sent/"] = submit(client, "ar")
        stop.database_returns()
        stop.stop_after("add_reporter_message")
        pages["/follow-up-sent/"] = client.post(form_url("ar") + "check/", {"receipt_code": receipt, "text": "نعم."})
    assert [response.status_code for response in pages.values()] == [503, 503, 200, 200]
    return {path: (response.status_code, dict(response.headers), response.content) for path, response in pages.items()}


def test_the_pages_without_database_are_valid_and_accessible(client, monkeypatch, tmp_path):
    documents = outage_pages(client, monkeypatch)
    errors = vnu_errors({path: body.decode() for path, (_status, _headers, body) in documents.items()}, tmp_path)
    assert {path: found for path, found in errors.items() if found} == {}
    for width in (320, 1280):
        with chromium_page(documents, width) as page:
            violations = {}
            for path in documents:
                page.goto(ORIGIN + path)
                if found := axe_violations(page):
                    violations[path] = found
            assert page.offsite_requests == [] and page.missing_files == []
        assert violations == {}, width
