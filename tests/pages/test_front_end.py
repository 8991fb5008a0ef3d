"""Every page type, in Finnish and in Arabic, is valid HTML (vnu), has no axe-core violations at phone
and desktop widths, and asks for nothing from another origin. `make audit` adds Lighthouse."""

import pytest

from tests.checkers import (
    ORIGIN,
    axe_violations,
    chromium_page,
    layout_is_checked_on_the_sqlite_pass,
    rendered,
    vnu_errors,
)
from tests.pages.test_rendering import PAGE_TYPES, key_of_type
from tests.referral_form.test_form import form_data
from tests.utils import demo_visitor_path

pytestmark = pytest.mark.django_db

LANGUAGES = ["fi", "ar"]
BROKEN_ONE_WORD_LABELS = """[...document.querySelectorAll("button, .button")]
    .filter(element => element.offsetParent && !/\\s/.test(element.textContent.trim()))
    .filter(element => { const range = document.createRange(); range.selectNodeContents(element);
                         return range.getClientRects().length > 1; })
    .map(element => element.textContent.trim())"""


def page_paths() -> list[str]:
    paths = [demo_visitor_path(key_of_type(model), code) for code in LANGUAGES for model in PAGE_TYPES]
    form = demo_visitor_path("report", "fi")
    return [*paths, f"{form}check/", "/fi/ei-tallaista-sivua/", "/ar/no-such-page/"]


def test_every_page_type_is_valid_html(client, tmp_path):
    documents = {path: html.decode() for path, (_status, _headers, html) in rendered(client, page_paths()).items()}
    errors = vnu_errors(documents, tmp_path)
    assert {path: found for path, found in errors.items() if found} == {}


def test_form_with_errors_is_valid_html(client, tmp_path):
    form = demo_visitor_path("report", "ar")
    response = client.post(form, {**form_data(), "description": "", "contact_method": "phone"})
    assert response.status_code == 400 and b"error-summary" in response.content
    assert vnu_errors({"form": response.content.decode()}, tmp_path) == {"form": []}


# 320 px is WCAG 2.1's reflow width (1.4.10); 375 px a common phone; 1280 px a desktop.
@pytest.mark.parametrize("width", [320, 375, 1280])
def test_every_page_type_passes_axe_and_stays_on_the_site(client, width):
    layout_is_checked_on_the_sqlite_pass()
    paths = page_paths()
    documents = rendered(client, paths)
    violations = {}
    with chromium_page(documents, width) as page:
        for path in paths:
            page.goto(ORIGIN + path)
            found = axe_violations(page)
            # A one-word label ("Haku") broken over two lines is unreadable; a squeezed flex row did that once.
            found += [f"button label broken: {label}" for label in page.evaluate(BROKEN_ONE_WORD_LABELS)]
            if found:
                violations[path] = found
        assert page.offsite_requests == []
        assert page.missing_files == []
    assert violations == {}


def test_guidance_page_prints_content_and_helpline_without_screen_controls(client):
    path = demo_visitor_path("victim", "fi")
    with chromium_page(rendered(client, [path]), width=800) as page:
        page.goto(ORIGIN + path)
        assert page.locator(".accordion__answer").count() > 0
        assert not page.locator(".accordion__answer").first.is_visible()
        page.emulate_media(media="print")
        for control in [".quick-exit", ".language-switcher", ".main-menu", ".breadcrumbs", ".site-header .button--cta"]:
            assert not page.locator(control).is_visible(), control
        assert page.locator("main h1").is_visible()
        assert page.locator(".site-header__helpline").is_visible()
        assert all(answer.is_visible() for answer in page.locator(".accordion__answer").all())


@pytest.mark.parametrize("width", [320, 1280])
def test_form_with_errors_passes_axe_with_the_summary_first(client, width):
    """GOV.UK's error summary: right under the heading, focused on load, each error linked to its field."""
    documents = {}
    for code in LANGUAGES:
        form = demo_visitor_path("report", code)
        response = client.post(form, {**form_data(), "description": "", "contact_method": "phone"})
        assert response.status_code == 400
        documents[form] = (response.status_code, dict(response.headers), response.content)
    with chromium_page(documents, width) as page:
        for path in documents:
            page.goto(ORIGIN + path)
            assert axe_violations(page) == [], path
            page.wait_for_function("document.activeElement.id === 'error-summary'")  # autofocus
            assert page.evaluate("document.querySelector('main h1').nextElementSibling.id") == "error-summary"
            targets = page.eval_on_selector_all(".error-summary a", "links => links.map(a => a.hash.slice(1))")
            assert targets and all(page.evaluate("id => !!document.getElementById(id)", target) for target in targets)
