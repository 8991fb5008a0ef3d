"""Generated hostile input never produces a server error or stores garbage."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from referral_form.forms import new_form_token
from referral_form.models import Referral
from tests.referral_form.test_form import form_url

pytestmark = pytest.mark.django_db

FIELDS = [
    "writer_role", "description", "exploitation_types", "region", "municipality", "is_minor",
    "children_need_help", "languages_spoken", "interpreter_needed", "sharing_level", "contact_method",
    "contact_phone", "contact_email", "safe_contact_times", "may_leave_message", "person_name",
    "person_date_of_birth", "person_nationality", "referrer_organisation", "referrer_contact",
    "consent_confirmed", "website",
]
values = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=50),
    st.sampled_from(["self", "concerned", "professional", "anonymous", "confidential", "phone", "email",
                     "none", "yes", "no", "unknown", "on", "1", "-1", "999999999999", "<script>x</script>",
                     "\x00", "' OR 1=1 --", "ﷺ" * 20]),
    st.lists(st.text(max_size=10), max_size=3),
)
SUSPICIOUS = settings(max_examples=120, deadline=None,
                      suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@SUSPICIOUS
@given(data=st.dictionaries(st.sampled_from(FIELDS), values, max_size=len(FIELDS)), valid_token=st.booleans())
def test_referral_form_never_fails(client, settings_override, data, valid_token):
    payload = {key: value for key, value in data.items()}
    if valid_token:
        payload["form_token"] = new_form_token()
    before = Referral.objects.count()
    response = client.post(form_url(), payload)
    assert response.status_code in (200, 400, 429), response.status_code
    if response.status_code == 200 and Referral.objects.count() > before:
        stored = Referral.objects.order_by("-received_at").first()
        assert stored.description.strip()
        assert "\x00" not in stored.description


@SUSPICIOUS
@given(code=st.text(max_size=80), text=st.one_of(st.none(), st.text(max_size=200)))
def test_receipt_check_never_fails(client, settings_override, code, text):
    payload = {"receipt_code": code}
    if text is not None:
        payload["text"] = text
    response = client.post(form_url() + "check/", payload)
    assert response.status_code in (200, 400, 404, 429)


@pytest.fixture
def settings_override(settings):
    settings.REFERRAL_SUBMISSIONS_PER_HOUR = 100_000
    settings.REFERRAL_CHECKS_PER_HOUR = 100_000
    return settings
