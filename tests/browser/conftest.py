"""Browser tests: the site served by gunicorn on its own SQLite database, driven by Playwright in
Debian's Chromium. Skipped when /usr/bin/chromium or Playwright is missing."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.servers import gunicorn

CHROMIUM = "/usr/bin/chromium"
ARTEFACTS = Path(settings.BASE_DIR) / "artefacts" / "screenshots"

playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
if not Path(CHROMIUM).exists():
    pytest.skip("Debian's Chromium is not installed", allow_module_level=True)

if os.environ.get("DATABASE_URL", "").startswith("postgres"):
    # The site these tests start always runs on its own SQLite file; run them once, on the SQLite pass.
    pytest.skip("browser tests run on the SQLite pass of the suite", allow_module_level=True)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def site_env(tmp_path_factory):
    """The environment of the served site: a fresh SQLite database with the demo content."""
    work = tmp_path_factory.mktemp("browser-site")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.test",
        "DATABASE_URL": f"sqlite:///{work / 'site.sqlite3'}",
        "DOTENV_PATH": "",
    }
    for command in (["migrate", "--verbosity", "0"], ["load_demo_content"]):
        manage(env, *command)
    return env


def manage(env, *command: str) -> str:
    """Run a manage.py command against the served site's database; return what it printed."""
    result = subprocess.run([sys.executable, "manage.py", *command], cwd=settings.BASE_DIR, env=env,
                            check=True, capture_output=True, text=True)
    return result.stdout


@pytest.fixture(scope="session")
def site_url(site_env):
    """Serve the site with gunicorn."""
    with gunicorn(site_env, ready_path="/fi/") as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    # Nothing may leave the site; the quick-exit target is answered locally.
    context.route("https://www.google.com/**", lambda route: route.fulfill(body="<title>Neutral</title>ok"))
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def mobile_page(browser):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def screenshot(page, name: str) -> None:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"{name}.png"), full_page=True)


def press_shift_three_times(page, leaves_for=re.compile(r"https://www\.google\.com/.*")) -> None:
    """Three presses of Shift, and wait until the quick exit has left for `leaves_for`.

    The third press leaves at its key-down. Its key-up is sent once the neutral page is there: a
    key-up sent to a page that is being replaced by another origin's may never be acknowledged, and
    Playwright would wait for ever (a real keyboard does not wait)."""
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.down("Shift")
    page.wait_for_url(leaves_for)
    page.keyboard.up("Shift")
