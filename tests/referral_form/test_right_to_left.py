"""The form in Arabic and Persian: numbers, addresses and codes are typed and shown left to right, and
the visitor's own digits (٠٤٠, ۰۴۰) are understood."""

import pytest

from referral_form.models import Referral
from tests.referral_form.test_form import form_url, receipt_of, submit
from tests.utils import field_error, soup

pytestmark = pytest.mark.django_db

RTL = ["ar", "fa"]


@pytest.fixture(autouse=True)
def _generous_limits(settings):
    settings.REFERRAL_SUBMISSIONS_PER_HOUR = settings.REFERRAL_CHECKS_PER_HOUR = 1000


@pytest.mark.parametrize("code", RTL)
@pytest.mark.parametrize(("name", "input_type", "inputmode"), [
    ("contact_phone", "tel", None), ("contact_email", "email", None),
])
def test_contact_inputs_are_left_to_right_with_the_fitting_keyboard(client, code, name, input_type, inputmode):
    page = soup(client.get(form_url(code)))
    assert page.html["dir"] == "rtl"
    field = page.select_one(f"#id_{name}")
    assert field["type"] == input_type and field["dir"] == "ltr"
    assert field.get("inputmode") == inputmode
    assert not field.has_attr("maxlength")  # a browser would cut a pasted text without a word


@pytest.mark.parametrize("code", RTL)
def test_receipt_code_input_is_left_to_right_and_numeric(client, code):
    field = soup(client.get(form_url(code) + "check/")).select_one("#id_receipt_code")
    assert field["dir"] == "ltr" and field["inputmode"] == "numeric" and field["type"] == "text"


@pytest.mark.parametrize(("code", "typed"), [
    ("fa", "۰۴۰ ۱۲۳ ۴۵۶۷"),  # Persian digits
    ("ar", "٠٤٠ ١٢٣ ٤٥٦٧"),  # Arabic-Indic digits
    ("ar", "+٣٥٨ ٤٠ ١٢٣ ٤٥٦٧"),
])
def test_phone_number_in_the_visitors_digits_is_accepted_and_stored_as_ascii(client, code, typed):
    response = submit(client, code, sharing_level="confidential", contact_method="phone", contact_phone=typed)
    assert response.status_code == 200, field_error(soup(response), "contact_phone")
    expected = typed.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789"))
    assert Referral.objects.get().contact_phone == expected


@pytest.mark.parametrize("code", RTL)
def test_a_phone_number_without_digits_gets_one_error_in_the_visitors_language(client, code):
    response = submit(client, code, sharing_level="confidential", contact_method="phone", contact_phone="ابجد")
    assert response.status_code == 400
    page = soup(response)
    error = field_error(page, "contact_phone")
    assert "+358 40 123 4567" in error  # the example, not a second "give a number" message
    assert len(page.select(".error-summary a[href='#id_contact_phone']")) == 1
    assert page.select_one("#id_contact_phone")["value"] == "ابجد"


@pytest.mark.parametrize("code", RTL)
def test_receipt_code_and_phone_numbers_are_isolated_in_right_to_left_text(client, code):
    confirmation = soup(submit(client, code))
    receipt = confirmation.select_one("[data-receipt]")
    assert receipt["dir"] == "ltr"
    for page in (confirmation, soup(client.get(form_url(code))), soup(client.get(f"/{code}/"))):
        links = page.select("main a[href^='tel:'], main a[href^='mailto:'], footer a[href^='tel:'], "
                            "footer a[href^='mailto:'], header a[href^='tel:']")
        assert links
        for link in links:
            assert link.get("dir") == "ltr" or link.find(attrs={"dir": "ltr"}), link


@pytest.mark.parametrize("code", RTL)
def test_persian_digits_find_the_report(client, code):
    receipt = receipt_of(submit(client, code))
    persian = receipt.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    response = client.post(form_url(code) + "check/", {"receipt_code": persian}, headers={"accept-language": code})
    assert response.status_code == 200
    assert soup(response).select_one(".report-status")


@pytest.mark.parametrize("code", ["en", "ar", "fa"])
def test_the_error_summary_puts_no_colon_after_a_question(client, code):
    page = soup(submit(client, code, description="", writer_role=""))
    items = [link.get_text(" ", strip=True) for link in page.select(".error-summary a")]
    assert len(items) >= 2
    assert not any("?:" in item or "؟:" in item for item in items), items
