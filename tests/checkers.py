"""HTML checks the tests share: the Nu HTML Checker (vnu) and axe-core in Chromium.

Both tools come from the npm registry (tests/audit/package.json, installed by `make test` when npm is
present and always by CI). Chromium gets its pages from the Django test client in this process, so
the checks see the test database on SQLite and on PostgreSQL alike, and nothing goes to the network.
"""

import json
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

NODE_MODULES = Path(settings.BASE_DIR) / "tests" / "audit" / "node_modules"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
ORIGIN = "http://testserver"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def layout_is_checked_on_the_sqlite_pass() -> None:
    """Skip on the PostgreSQL pass of the suite: how the same demo pages lay out in Chromium does not
    depend on the database they were read from (the browser tests run once for the same reason)."""
    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        pytest.skip("layout of the same pages: checked on the SQLite pass")


def vnu_errors(documents: dict[str, str], tmp_path: Path) -> dict[str, list[str]]:
    """Validate named HTML documents in one vnu run; returns the errors of each."""
    if not VNU.exists() or shutil.which("java") is None:
        pytest.skip("vnu needs `npm ci --prefix tests/audit` and a Java runtime")
    files = {}
    for name, html in documents.items():
        path = tmp_path / f"{len(files)}.html"
        path.write_text(html, encoding="utf-8")
        files[str(path)] = name
    completed = subprocess.run(  # noqa: S603 - fixed tool, local files
        ["java", "-jar", str(VNU), "--format", "json", "--exit-zero-always", *files],  # noqa: S607
        capture_output=True, text=True, check=True,
    )
    errors = {name: [] for name in documents}
    for message in json.loads(completed.stderr)["messages"]:
        if message.get("type") == "error":
            name = files[urlsplit(message["url"]).path]
            errors[name].append(f"line {message.get('lastLine')}: {message['message']}")
    return errors


def rendered(client, paths) -> dict:
    """Pages rendered by the test client, for `chromium_page`.

    Render before opening Chromium: inside Playwright's sync API the code runs in another context,
    where Django would open a second database connection that cannot see the test's transaction.
    """
    documents = {}
    for path in paths:
        response = client.get(path)
        documents[path] = (response.status_code, dict(response.headers), response.content)
    return documents


@contextmanager
def chromium_page(documents: dict, width: int = 375, mobile: bool = False):
    """A Chromium page for http://testserver serving `documents`, and static and media files from disk.
    `mobile` makes it a phone's: the page may then widen the layout beyond `width`, as a phone's would.

    Any other request is refused and recorded (`page.offsite_requests`, `page.missing_files`).
    """
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's Chromium is not installed")
    offsite, missing = [], []

    def answer(route):
        url = urlsplit(route.request.url)
        if f"{url.scheme}://{url.netloc}" != ORIGIN:
            offsite.append(route.request.url)
            return route.abort()
        path = f"{url.path}?{url.query}" if url.query else url.path  # a search page has a query
        if path in documents:
            status, headers, body = documents[path]
            return route.fulfill(status=status, headers=headers, body=body)
        file = None
        if url.path.startswith(settings.STATIC_URL):
            file = finders.find(url.path.removeprefix(settings.STATIC_URL))
        elif url.path.startswith(settings.MEDIA_URL):
            file = Path(settings.MEDIA_ROOT) / url.path.removeprefix(settings.MEDIA_URL)
        if file and Path(file).is_file():
            return route.fulfill(path=str(file))
        missing.append(url.path)
        return route.fulfill(status=404)

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        context = browser.new_context(viewport={"width": width, "height": 800}, bypass_csp=True,
                                      is_mobile=mobile, has_touch=mobile)
        context.route("**/*", answer)
        page = context.new_page()
        page.offsite_requests = offsite
        page.missing_files = missing
        try:
            yield page
        finally:
            browser.close()


def axe_violations(page) -> list[str]:
    """axe-core's WCAG 2.1 A/AA and best-practice violations on the loaded page."""
    if not AXE.exists():
        pytest.skip("axe-core needs `npm ci --prefix tests/audit`")
    page.add_script_tag(path=str(AXE))
    options = json.dumps({"runOnly": {"type": "tag", "values": AXE_TAGS}})
    found = page.evaluate(f"async () => (await axe.run(document, {options})).violations")
    return [
        f"{violation['id']}: {violation['help']} [{', '.join(' '.join(n['target']) for n in violation['nodes'][:3])}]"
        for violation in found
    ]
