"""Several gunicorn processes on one database behave like one: a change published anywhere shows in
every worker's next response, and the embedded SQLite default takes concurrent writes from every
worker without "database is locked". Real processes, the production settings and the page cache."""

import os
import re
import subprocess
import sys
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings

from tests.referral_form.test_form import form_data
from tests.servers import gunicorn

if os.environ.get("DATABASE_URL", "").startswith("postgres"):
    pytest.skip("these tests exercise the embedded SQLite default; run on the SQLite pass", allow_module_level=True)

WORKERS = 3


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    work = tmp_path_factory.mktemp("scale-out")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.perf.settings",  # the bench's: production, plain HTTP, no limits
        "DATABASE_URL": f"sqlite:///{work / 'site.sqlite3'}",
        "SECRET_KEY": "scale-out-test-" + "k" * 50,
        "REFERRAL_ENCRYPTION_KEYS": "wQ0zvBk3O8n5K3yQ0kE0q2oP1rJ9b7mVf6eW3tY4u5I=",
        "DOTENV_PATH": "",
        "PAGE_CACHE": "true",
    }
    # As a deployment does: the production settings serve fingerprinted static files, so collect them.
    for command in (["migrate", "--verbosity", "0"], ["collectstatic", "--noinput", "--verbosity", "0"],
                    ["load_demo_content"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=settings.BASE_DIR, env=env, check=True,
                       capture_output=True)
    with gunicorn(env, ready_path="/healthz", workers=WORKERS) as url:
        yield url, env


def manage_shell(env, code: str) -> str:
    done = subprocess.run([sys.executable, "manage.py", "shell", "--verbosity", "0", "-c", code],
                          cwd=settings.BASE_DIR, env=env, check=True, capture_output=True, text=True)
    return done.stdout.strip()


def fetch(url: str, data: bytes | None = None) -> tuple[int, str, dict]:
    request = urllib.request.Request(url, data=data)  # noqa: S310 - our own local server
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - our own local server
        return response.status, response.read().decode(), dict(response.headers)


def test_a_change_published_elsewhere_shows_in_every_worker(site):
    url, env = site
    page = url + "/fi/oletko-ihmiskaupan-uhri/"
    with ThreadPoolExecutor(8) as pool:
        before = list(pool.map(lambda _: fetch(page), range(40)))
    assert {headers.get("X-Page-Cache") for _status, _body, headers in before} >= {"hit"}
    # Publish from another process, as an editor's request to another machine would.
    manage_shell(env, "from wagtail.models import Page; p = Page.objects.get(url_path='/fi/oletko-ihmiskaupan-uhri/')"
                      ".specific; p.title = 'Julkaistu toisessa prosessissa'; p.save_revision().publish()")
    with ThreadPoolExecutor(8) as pool:
        after = list(pool.map(lambda _: fetch(page), range(40)))
    assert all("Julkaistu toisessa prosessissa" in body for _status, body, _headers in after)


def test_sqlite_takes_concurrent_submissions_from_every_worker(site):
    url, env = site
    form = url + "/fi/ilmoita/"

    def submit(number: int) -> int:
        _status, html, _headers = fetch(form)
        token = re.search(r'name="form_token" value="([^"]+)"', html).group(1)
        data = {**form_data(), "form_token": token, "description": f"Samanaikainen ilmoitus {number}"}
        status, _body, _headers = fetch(form, urllib.parse.urlencode(data).encode())
        return status

    with ThreadPoolExecutor(16) as pool:
        statuses = list(pool.map(submit, range(48)))
    assert statuses == [200] * 48
    assert manage_shell(env, "from referral_form.models import Referral; print(Referral.objects.count())") == "48"
