"""The public referral form: submission, privacy, validation in the visitor's language, failures."""

import re

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.db import OperationalError, connection
from django.utils import translation
from django.utils.translation import gettext

from referral_form.form_token import new_form_token
from referral_form.models import Referral, ReferralMessage, ReferralStatus, SharingLevel
from referral_form.views import NOT_SENT
from tests.utils import demo_url_path, field_error, soup

pytestmark = pytest.mark.django_db

RECEIPT = re.compile(r"^\d{4} \d{4} \d{4} \d{4}$")


def form_url(code="fi"):
    return demo_url_path("report", code)


def form_data(**overrides):
    data = {
        "form_token": new_form_token(),
        "writer_role": "concerned",
        "description": "Naapurin talossa asuu ihmisiä, jotka tekevät töitä ilman palkkaa.",
        "sharing_level": "anonymous",
        "contact_method": "none",
        "is_minor": "unknown",
        "children_need_help": "unknown",
        "interpreter_needed": "unknown",
        "may_leave_message": "unknown",
        "website": "",
    }
    data.update(overrides)
    return data


def submit(client, code="fi", **overrides):
    return client.post(form_url(code), form_data(**overrides), headers={"accept-language": code})


def receipt_of(response) -> str:
    element = soup(response).select_one("[data-receipt]")
    assert element is not None, response.content[:3000]
    return element.get_text(strip=True)


@pytest.fixture(autouse=True)
def _generous_limits(settings):
    settings.REFERRAL_SUBMISSIONS_PER_HOUR = 1000
    settings.REFERRAL_CHECKS_PER_HOUR = 1000


@pytest.mark.parametrize("code", [code for code, _name in django_settings.LANGUAGES])
def test_form_page_in_every_language_is_private(client, code):
    response = client.get(form_url(code))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    page = soup(response)
    assert page.html["lang"] == code
    assert page.select_one("form.referral-form")
    for name in ("contact_phone", "contact_email", "person_name", "municipality", "referrer_contact"):
        assert page.select_one(f"[name={name}]")["autocomplete"] == "off"
    # No request to another origin from the form page
    for element in page.select("script[src], link[href], img[src], iframe"):
        address = element.get("src") or element.get("href")
        if element.name == "link" and element.get("rel") in (["alternate"], ["canonical"]):
            continue
        assert address.startswith("/"), address
    labels = page.select("label, legend")
    with translation.override(code):
        assert gettext("What happened?") in " ".join(label.get_text() for label in labels)


@pytest.mark.parametrize("code", ["fi", "sv", "ar"])
def test_submission_gives_receipt_and_records_language(client, code):
    response = submit(client, code)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    assert RECEIPT.match(receipt_of(response))
    referral = Referral.objects.get()
    assert referral.language == code
    assert referral.status == ReferralStatus.NEW
    assert referral.description.startswith("Naapurin talossa")


def test_staff_notification_has_no_content(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, description="Erittäin yksilöllinen kuvaus 7c1f")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["referrals@example.org"]
    assert "7c1f" not in message.body and "7c1f" not in message.subject
    assert "/admin/referrals/" in message.body


def test_nothing_readable_in_the_database(client):
    secret_words = {
        "description": "Salainen kuvaus zebra-42",
        "municipality": "Kuusamo-ykkönen",
        "languages_spoken": "tigrinja-kieli",
        "contact_phone": "+358 40 765 4321",
        "safe_contact_times": "iltaisin-klo-19",
    }
    response = submit(client, sharing_level="confidential", contact_method="phone", **secret_words)
    assert response.status_code == 200, soup(response).select(".field__error")
    referral = Referral.objects.get()
    ReferralMessage.objects.create(referral=referral, kind="note", text="Sisäinen muistiinpano kiwi-9")
    dump = raw_dump()
    for word in [*secret_words.values(), "kiwi-9", "zebra"]:
        assert word not in dump
    assert "fernet:" in dump
    assert referral.contact_phone == "+358 40 765 4321"


def raw_dump() -> str:
    with connection.cursor() as cursor:
        rows = []
        for table in ("referral_form_referral", "referral_form_referralmessage", "referral_form_referralauditentry"):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608
            rows += [repr(row) for row in cursor.fetchall()]
    return "\n".join(rows)


def test_no_request_metadata_is_stored_or_logged(client, caplog):
    caplog.set_level("DEBUG")
    client.post(form_url(), form_data(description="Kuvaus"), REMOTE_ADDR="203.0.113.77",
                HTTP_USER_AGENT="UniqueAgent/9.9", HTTP_X_FORWARDED_FOR="198.51.100.5")
    assert Referral.objects.count() == 1
    dump = raw_dump() + caplog.text
    for value in ("203.0.113.77", "UniqueAgent", "198.51.100.5"):
        assert value not in dump
    field_names = {field.name for field in Referral._meta.get_fields()}
    assert not field_names & {"ip", "ip_address", "user_agent", "remote_addr"}


def test_missing_description_error_in_visitor_language_keeps_text(client):
    response = submit(client, "sv", description="", municipality="Vasa", writer_role="self")
    assert response.status_code == 400
    page = soup(response)
    error = field_error(page, "description")
    with translation.override("sv"):
        assert error == gettext("This field is required.")
    assert page.select_one("[name=municipality]")["value"] == "Vasa"
    assert page.select_one("[name=writer_role][value=self]").has_attr("checked")
    assert page.select_one("#id_description")["aria-invalid"] == "true"
    assert page.select_one(".error-summary a[href='#id_description']")
    assert Referral.objects.count() == 0


def test_arabic_errors_render_right_to_left(client):
    response = submit(client, "ar", description="")
    page = soup(response)
    assert page.html["dir"] == "rtl"
    with translation.override("ar"):
        assert field_error(page, "description") == gettext("This field is required.")


def test_professional_details_need_consent(client):
    response = submit(client, writer_role="professional", person_name="Maria Esimerkki",
                      sharing_level="confidential", referrer_organisation="Järjestö ry")
    assert response.status_code == 400
    assert soup(response).select_one("#id_consent_confirmed_error")
    assert soup(response).select_one("[name=person_name]")["value"] == "Maria Esimerkki"
    response = submit(client, writer_role="professional", person_name="Maria Esimerkki",
                      consent_confirmed="on", sharing_level="confidential", referrer_organisation="Järjestö ry")
    assert response.status_code == 200
    referral = Referral.objects.get()
    assert referral.person_name == "Maria Esimerkki" and referral.consent_confirmed
    assert not referral.is_consultation


def test_professional_without_consent_is_a_consultation(client):
    response = submit(client, writer_role="professional", sharing_level="confidential",
                      referrer_organisation="Poliisi")
    assert response.status_code == 200
    referral = Referral.objects.get()
    assert referral.is_consultation and referral.person_name == ""


def test_personal_details_refused_from_non_professionals(client):
    response = submit(client, writer_role="concerned", person_name="Joku")
    assert response.status_code == 400
    assert soup(response).select_one("#id_person_name_error")


def test_anonymous_with_contact_details_is_refused(client):
    response = submit(client, sharing_level="anonymous", contact_email="a@example.org")
    assert response.status_code == 400
    assert soup(response).select_one("#id_sharing_level_error")
    response = submit(client, sharing_level=SharingLevel.CONFIDENTIAL, contact_method="email",
                      contact_email="a@example.org")
    assert response.status_code == 200
    assert Referral.objects.get().contact_email == "a@example.org"


def test_honeypot_stores_nothing(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, website="http://spam.example")
    assert response.status_code == 200
    assert RECEIPT.match(receipt_of(response))
    assert Referral.objects.count() == 0
    assert not mail.outbox


def test_rate_limit_keeps_the_text(client, settings):
    settings.REFERRAL_SUBMISSIONS_PER_HOUR = 2
    assert submit(client).status_code == 200
    assert submit(client).status_code == 200
    response = submit(client, description="Kolmas viesti")
    assert response.status_code == 429
    assert soup(response).select_one("#id_description").get_text().strip() == "Kolmas viesti"
    assert Referral.objects.count() == 2


@pytest.mark.parametrize("token", ["", "forged", None])
def test_expired_or_missing_token_reshows_the_form(client, token):
    data = form_data(description="Pitkään auki ollut lomake")
    if token is None:
        data["form_token"] = new_form_token()
        client_kwargs = {"headers": {"sec-fetch-site": "cross-site"}}
    else:
        data["form_token"] = token
        client_kwargs = {}
    response = client.post(form_url(), data, **client_kwargs)
    assert response.status_code == 400
    page = soup(response)
    assert page.select_one("#id_description").get_text().strip() == "Pitkään auki ollut lomake"
    fresh = page.select_one("[name=form_token]")["value"]
    assert fresh and fresh != token
    assert page.select_one("#form-message")
    assert Referral.objects.count() == 0
    # The fresh token works.
    data["form_token"] = fresh
    assert client.post(form_url(), data).status_code == 200


def test_old_token_expires(client, settings):
    token = new_form_token()
    settings.REFERRAL_FORM_MAX_AGE_SECONDS = -1
    response = client.post(form_url(), form_data(form_token=token))
    assert response.status_code == 400
    assert Referral.objects.count() == 0


def test_database_failure_keeps_text_and_saves_nothing(client):
    def refuse_referral_writes(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("INSERT") and "referral_form_referral" in sql:
            raise OperationalError("database is unavailable")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse_referral_writes):
        response = submit(client, "sv", description="Min text får inte försvinna")
    assert not mail.outbox
    assert response.status_code == 503
    page = soup(response)
    assert page.select_one("#id_description").get_text().strip() == "Min text får inte försvinna"
    with translation.override("sv"):
        assert page.select_one("#form-message").get_text(strip=True) == str(NOT_SENT)
    assert Referral.objects.count() == 0
    assert not mail.outbox


def test_exploitation_types_and_region_are_stored(client):
    response = submit(client, exploitation_types=["labour", "forced_begging"], region="lappi", is_minor="yes")
    assert response.status_code == 200
    referral = Referral.objects.get()
    assert sorted(referral.exploitation_kinds.values_list("kind", flat=True)) == ["forced_begging", "labour"]
    assert referral.region == "lappi" and referral.is_minor == "yes"


@pytest.mark.parametrize("field, value", [("exploitation_types", "trafficking"), ("region", "finland")])
def test_a_choice_outside_the_lists_is_refused_and_the_text_kept(client, field, value):
    response = submit(client, "sv", **{field: value}, description="Min text finns kvar")
    page = soup(response)
    assert not Referral.objects.exists()
    assert field_error(page, field)
    assert page.select_one("textarea[name=description]").get_text().removeprefix("\n") == "Min text finns kvar"


def test_the_form_offers_the_sites_one_list_of_regions_and_forms(client):
    """The form's choices are the service directory's and the statistics' lists (pages/vocabulary.py):
    Finland's nineteen regions (not "Whole of Finland") and abroad; the six forms of exploitation."""
    from pages.vocabulary import ExploitationKind, Region

    page = soup(client.get(form_url("fi")))
    regions = [option["value"] for option in page.select("select[name=region] option")]
    assert regions == ["", *(code for code in Region.values if code != Region.WHOLE_COUNTRY), "abroad"]
    kinds = [element["value"] for element in page.select("input[name=exploitation_types]")]
    assert kinds == ExploitationKind.values


@pytest.mark.parametrize("code", ["fi", "sv", "en", "ar"])
def test_choice_lists_are_translated(client, code):
    page = soup(client.get(form_url(code)))
    labels = [label.get_text(strip=True) for label in page.select("[name=exploitation_types] + label")]
    assert len(labels) == 6
    from pages.vocabulary import ExploitationKind

    with translation.override(code):
        expected = [str(kind.label) for kind in ExploitationKind]
    assert labels == expected
    if code != "fi":
        with translation.override("fi"):
            assert labels != [str(kind.label) for kind in ExploitationKind]
    regions = [option.get_text(strip=True) for option in page.select("select[name=region] option")]
    with translation.override(code):
        assert regions[-1] == gettext("Outside Finland")
    if code != "en":
        assert regions[-1] != "Outside Finland"


def test_over_long_text_is_refused_in_the_visitor_language_and_kept(client, settings):
    long_text = "a" * (settings.REFERRAL_MAX_TEXT_LENGTH + 1)
    response = submit(client, "so", description=long_text)
    assert response.status_code == 400
    error = field_error(soup(response), "description")
    with translation.override("en"):
        english = gettext("Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).")
    assert error and not error.startswith(english[:20])  # Somali, not Django's English fallback
    assert str(settings.REFERRAL_MAX_TEXT_LENGTH) in error  # it names the limit
    textarea = soup(response).select_one("#id_description")
    assert textarea.get_text().strip() == long_text  # all of it, not cut at the limit
    assert not textarea.has_attr("maxlength")  # nor by the browser while typing or pasting
    assert soup(response).select_one("#id_description").get_text().strip() == long_text
    assert Referral.objects.count() == 0


def test_control_characters_are_removed_and_markup_kept_as_text(client):
    response = submit(client, description="Alku\x00\x07 <script>alert(1)</script>\u200b loppu")
    assert response.status_code == 200
    stored = Referral.objects.get().description
    assert stored == "Alku <script>alert(1)</script> loppu"


def test_rate_limit_tells_visitors_apart_behind_a_proxy(client, settings):
    settings.REFERRAL_SUBMISSIONS_PER_HOUR = 1
    settings.RATE_LIMIT_CLIENT_ADDRESS_HEADER = "HTTP_X_FORWARDED_FOR"
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    first = client.post(form_url(), form_data(), HTTP_X_FORWARDED_FOR="192.0.2.1", **proxy)
    other = client.post(form_url(), form_data(), HTTP_X_FORWARDED_FOR="192.0.2.2", **proxy)
    again = client.post(form_url(), form_data(), HTTP_X_FORWARDED_FOR="192.0.2.1", **proxy)
    assert (first.status_code, other.status_code, again.status_code) == (200, 200, 429)
    assert "192.0.2" not in raw_dump()


def test_the_form_the_submission_and_the_staff_view_share_one_field_table():
    """Every field a reporter fills in is a Referral field listed once, in REPORTED_FIELDS: the form is
    a ModelForm of exactly those, and every encrypted field of a referral is among them."""
    from referral_form.admin_views import DETAIL_FIELDS
    from referral_form.fields import EncryptedTextField
    from referral_form.forms import ReferralForm
    from referral_form.models import REPORTED_FIELDS

    assert tuple(ReferralForm._meta.fields) == REPORTED_FIELDS
    encrypted = {field.name for field in Referral._meta.fields if isinstance(field, EncryptedTextField)}
    assert encrypted <= set(REPORTED_FIELDS)
    assert set(REPORTED_FIELDS) <= set(DETAIL_FIELDS)
    # The form shows them in that order (the forms of exploitation are not a Referral column).
    shown = [name for name in ReferralForm().fields if name in REPORTED_FIELDS]
    assert shown == list(REPORTED_FIELDS)


def test_a_refused_field_is_described_by_its_help_text_and_error_with_djangos_ids(client):
    page = soup(submit(client, "en", description=""))
    field = page.select_one("#id_description")
    assert field["aria-describedby"].split() == ["id_description_helptext", "id_description_error"]
    assert page.find(id="id_description_helptext") and page.find(id="id_description_error")
    region = page.select_one("#id_region")  # a valid field: its help text (none) and no error
    assert not region.has_attr("aria-invalid") and not region.has_attr("aria-describedby")


def test_a_form_shown_again_unjudged_marks_nothing_invalid(client, settings):
    """An expired token: what the visitor wrote comes back, with no error and no field marked invalid
    (the form was not judged), and every reference points at something on the page."""
    settings.REFERRAL_FORM_MAX_AGE_SECONDS = -1
    response = submit(client, "en", description="", municipality="Oulu")
    assert response.status_code == 400
    page = soup(response)
    assert page.select_one("[name=municipality]")["value"] == "Oulu"
    assert not page.select("[aria-invalid]") and not page.select(".field__error, .error-summary")
    for element in page.select("[aria-describedby]"):
        assert all(page.find(id=ref) for ref in element["aria-describedby"].split())
