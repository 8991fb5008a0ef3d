"""WCAG 1.4.10 (reflow): no page of any language is wider than a 320 px screen.

Every page type of the demo in every site language (fallback pages included), the form's own pages
(errors, confirmation, the check page and a report's status), the search and the 404 page, at 320 px
in Chromium, on a phone (mobile viewport) as a person at risk would hold it. Wide content (tables,
charts) may scroll inside its own region; the page itself may not.
"""

import pytest
from django.conf import settings as django_settings

from tests.checkers import ORIGIN, chromium_page, layout_is_checked_on_the_sqlite_pass, rendered
from tests.referral_form.test_form import form_data
from tests.utils import TREE, demo_visitor_path, soup

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in django_settings.LANGUAGES]
WIDTH = 320
# The page's own width once its fonts are in: a line that cannot wrap widens the whole page.
PAGE_WIDTH = """document.fonts.ready.then(() => Math.max(
    document.documentElement.scrollWidth, document.body.scrollWidth))"""
# What sticks out, to name it in the failure.
TOO_WIDE = """width => [...document.querySelectorAll("body *")]
    .filter(element => !element.closest(".visually-hidden, .table-scroll"))
    .filter(element => { const box = element.getBoundingClientRect();
                         return box.width > 0 && (box.right > width + 1 || box.left < -1); })
    .slice(0, 3)
    .map(element => `${element.tagName}.${element.className} "${element.textContent.trim().slice(0, 40)}"`)"""


def get_paths(code: str) -> list[str]:
    """Each page of the demo, but one news article and one report (their templates are shared)."""
    form = demo_visitor_path("report", code)
    seen, keys = set(), []
    for spec in TREE:
        if spec.model.__name__ in ("NewsArticlePage", "ReportPage") and spec.model in seen:
            continue
        seen.add(spec.model)
        keys.append(spec.key)
    return [*(demo_visitor_path(key, code) for key in keys), f"{form}check/",
            f"/{code}/search/?q=apua", f"/{code}/no-such-page/"]


def post_pages(client, code: str) -> dict:
    """The pages a POST answers with, under made-up paths for Chromium: the form with every error,
    the confirmation with its receipt code, and the report's status page."""
    form = demo_visitor_path("report", code)
    headers = {"accept-language": code}
    answers = {
        "errors": client.post(form, {**form_data(), "description": "", "contact_method": "phone",
                                     "contact_phone": "x"}, headers=headers),
        "sent": client.post(form, form_data(description="Pomo otti passini."), headers=headers),
    }
    receipt = soup(answers["sent"]).select_one("[data-receipt]").get_text(strip=True)
    answers["status"] = client.post(f"{form}check/", {"receipt_code": receipt}, headers=headers)
    assert [answer.status_code for answer in answers.values()] == [400, 200, 200], code
    return {f"/{code}/__post__/{name}/": (answer.status_code, dict(answer.headers), answer.content)
            for name, answer in answers.items()}


def test_every_page_of_every_language_fits_a_320_px_phone(client, settings):
    layout_is_checked_on_the_sqlite_pass()
    settings.REFERRAL_SUBMISSIONS_PER_HOUR = settings.REFERRAL_CHECKS_PER_HOUR = 1000
    documents = {}
    for code in LANGUAGES:
        documents.update(rendered(client, get_paths(code)))
        documents.update(post_pages(client, code))
    assert len(documents) > 19 * len(LANGUAGES)
    too_wide = {}
    with chromium_page(documents, WIDTH, mobile=True) as page:
        for path in documents:
            page.goto(ORIGIN + path)
            width = page.evaluate(PAGE_WIDTH)
            if width > WIDTH:
                too_wide[path] = (width, page.evaluate(TOO_WIDE, WIDTH))
        assert page.missing_files == []
    assert too_wide == {}
