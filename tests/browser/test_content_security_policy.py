"""Chromium enforces our Content-Security-Policy and nothing on the site or in the admin breaks it.

Every `securitypolicyviolation` event (in every frame, the preview's included) is collected while
a visitor reads the public pages and while a superuser works in the admin: opens editors with date
widgets, inline panels and choosers, and opens the live preview in its frame.
"""

import json

import pytest

from tests.browser.conftest import manage

PASSWORD = "csp-test-password-123"  # noqa: S105 - a local test account
COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""
PAGE_IDS = """
import json
from wagtail.models import Page
from website.demo.loader import demo_url_path
keys = ["home", "news-2021-ikut", "statistics", "report-2017-h1", "victim", "services", "report", "offices"]
ids = {}
for key in keys:
    path = demo_url_path(key, "fi")
    if path is not None:
        ids[key] = Page.objects.get(url_path=path).pk
print(json.dumps(ids))
"""
CREATE_ADMIN = (
    "from django.contrib.auth import get_user_model; "
    f"get_user_model().objects.filter(username='csp-admin').exists() or "
    f"get_user_model().objects.create_superuser('csp-admin', password='{PASSWORD}')"
)


def violations(page) -> list[str]:
    found = []
    for frame in page.frames:
        try:
            found += frame.evaluate("window.__cspViolations || []")
        except Exception:  # noqa: BLE001, S112 - a frame that navigated away meanwhile
            continue
    return found


@pytest.fixture
def watched_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(COLLECT_VIOLATIONS)
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text) if message.type == "error" else None)
    page.console_errors = console
    yield page
    context.close()


@pytest.fixture(scope="module")
def page_ids(site_env):
    manage(site_env, "shell", "-c", CREATE_ADMIN)
    return json.loads(manage(site_env, "shell", "-c", PAGE_IDS).strip().splitlines()[-1])


def test_public_pages_break_no_policy(watched_page, site_url):
    page = watched_page
    for path in ("/fi/", "/ar/", "/fi/ajankohtaista/", "/fi/search/?q=apu"):
        page.goto(site_url + path)
        page.wait_for_load_state("load")
        assert violations(page) == [], path
    page.goto(site_url + "/fi/ilmoita/")  # the form
    page.fill("textarea", "CSP-testi")
    page.click("button[type=submit]")  # an incomplete form comes back with its errors
    page.wait_for_load_state("load")
    assert violations(page) == []
    assert not [text for text in page.console_errors if "Content Security Policy" in text
                or "Permissions-Policy" in text or "Permissions policy" in text]


def test_admin_work_breaks_no_policy(watched_page, site_url, page_ids):
    page = watched_page
    page.goto(site_url + "/admin/login/")
    page.fill("input[name=username]", "csp-admin")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{site_url}/admin/")
    visited = ["/admin/", "/admin/pages/", "/admin/images/", "/admin/documents/", "/admin/snippets/",
               "/admin/reports/site-history/", "/admin/reports/translation-status/",
               f"/admin/localize/submit/page/{page_ids['home']}/"]
    visited += [f"/admin/pages/{pk}/edit/" for pk in page_ids.values()]
    for path in visited:
        response = page.goto(site_url + path)
        assert response.status == 200, path
        page.wait_for_load_state("load")
        assert violations(page) == [], path

    # The live preview: the admin's scripts open the side panel and load the preview in its frame.
    page.goto(site_url + f"/admin/pages/{page_ids['news-2021-ikut']}/edit/")
    page.wait_for_load_state("load")
    page.locator("[data-side-panel-toggle='preview']").first.click()
    page.wait_for_function("""() => [...document.querySelectorAll("iframe")].some(
        (frame) => frame.src.includes("preview") && frame.contentDocument?.querySelector("main h1"))""")
    assert violations(page) == []
    assert not [text for text in page.console_errors if "Content Security Policy" in text]
