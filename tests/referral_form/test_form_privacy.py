"""The form page says what happens to a report and links the privacy notice in the visitor's language."""

import pytest
from django.conf import settings as django_settings
from django.utils import translation
from django.utils.translation import gettext, ngettext

from tests.utils import demo_url_path, demo_visitor_path, soup

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _ in django_settings.LANGUAGES]


def what_happens(code: str, days: int) -> str:
    with translation.override(code):
        return ngettext(
            "Your report is stored encrypted, and the staff who handle reports read it and reply to you. "
            "We delete it %(days)s day after your case is closed.",
            "Your report is stored encrypted, and the staff who handle reports read it and reply to you. "
            "We delete it %(days)s days after your case is closed.",
            days,
        ) % {"days": days}


@pytest.mark.parametrize("code", LANGUAGES)
def test_form_page_says_what_happens_to_a_report_and_links_the_privacy_notice(client, code):
    page = soup(client.get(demo_url_path("report", code)))
    paragraph = page.select_one("main p.form-privacy")
    assert paragraph is not None
    assert what_happens(code, django_settings.REFERRAL_RETENTION_DAYS) in " ".join(paragraph.get_text(" ").split())
    link = paragraph.select_one("a[data-site-link=privacy]")
    assert link["href"] == demo_visitor_path("privacy", code)
    with translation.override(code):
        assert link.get_text(strip=True) == gettext("Read the privacy notice")
    assert link.has_attr("hreflang") == (demo_url_path("privacy", code) is None)


def test_form_page_follows_the_retention_setting(client, settings):
    settings.REFERRAL_RETENTION_DAYS = 30
    page = soup(client.get(demo_url_path("report", "fi")))
    assert what_happens("fi", 30) in " ".join(page.select_one("p.form-privacy").get_text(" ").split())
