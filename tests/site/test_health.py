"""/healthz: 200 when the database and the cache answer, 503 when one does not, and nothing more."""

import json
import urllib.error
import urllib.request

import pytest

from tests.servers import free_port, gunicorn

pytestmark = pytest.mark.django_db


def test_healthy_site_answers_ok_and_reveals_nothing_else(client):
    response = client.get("/healthz", HTTP_HOST="10.0.0.7")  # a load balancer asks by address
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies


def fetch(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our own local server
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def production_env(**overrides) -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "website.settings.production",
        "SECRET_KEY": "health-check-test-" + "x" * 50,
        "ALLOWED_HOSTS": "www.example.org",
        "REFERRAL_ENCRYPTION_KEYS": "wQ0zvBk3O8n5K3yQ0kE0q2oP1rJ9b7mVf6eW3tY4u5I=",
        **overrides,
    }


def test_database_outage_is_reported_by_a_real_server():
    # Production settings (HTTPS redirect, allowed hosts) with a database that is not there.
    closed = free_port()
    env = production_env(DATABASE_URL=f"postgres://postgres@127.0.0.1:{closed}/none")
    with gunicorn(env, ready_path="/healthz") as url:
        status, body = fetch(url + "/healthz")
    assert status == 503
    assert body == {"status": "unavailable", "checks": {"database": "failed", "cache": "ok"}}


def test_cache_outage_is_reported_by_a_real_server(tmp_path):
    closed = free_port()
    env = production_env(DATABASE_URL=f"sqlite:///{tmp_path / 'health.sqlite3'}", CACHE_URL=f"redis://127.0.0.1:{closed}/0")
    with gunicorn(env, ready_path="/healthz") as url:
        status, body = fetch(url + "/healthz")
    assert status == 503
    assert body["checks"] == {"database": "ok", "cache": "failed"}
