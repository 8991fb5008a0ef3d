"""Configuration comes from the environment; production refuses to start without it."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from website.env import cache_config, env_bool

REPO = settings.BASE_DIR


def run_manage(*args, env_extra):
    env = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "website.settings.production",
           "DOTENV_PATH": "/nonexistent/.env", **env_extra}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, check=False)


PRODUCTION_ENV = {
    "SECRET_KEY": "x" * 30 + "-production-secret-with-enough-entropy-0123456789",
    "ALLOWED_HOSTS": "ihmiskauppa.example",
    "PUBLIC_BASE_URL": "https://ihmiskauppa.example",
    "DATABASE_URL": "sqlite:////tmp/production-check.sqlite3",
    "REFERRAL_ENCRYPTION_KEYS": "wQ0zvBk3O8n5K3yQ0kE0q2oP1rJ9b7mVf6eW3tY4u5I=",
}


def test_check_deploy_is_clean_with_required_variables():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_extra=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr and "issues" in result.stdout
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "REFERRAL_ENCRYPTION_KEYS"])
def test_production_fails_fast_on_missing_variable(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = run_manage("check", env_extra=env)
    assert result.returncode != 0
    assert missing in result.stderr


def test_production_rejects_a_malformed_referral_key():
    result = run_manage("check", env_extra={**PRODUCTION_ENV, "REFERRAL_ENCRYPTION_KEYS": "not-a-key"})
    assert result.returncode != 0 and "REFERRAL_ENCRYPTION_KEYS" in result.stderr


def test_production_rejects_a_weak_secret():
    result = run_manage("check", env_extra={**PRODUCTION_ENV, "SECRET_KEY": "short"})
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_debug_is_off_unless_asked(monkeypatch):
    monkeypatch.delenv("DEBUG", raising=False)
    assert env_bool("DEBUG") is False
    monkeypatch.setenv("DEBUG", "true")
    assert env_bool("DEBUG") is True
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured):
        env_bool("DEBUG")


def test_cache_url_selects_redis():
    assert cache_config("redis://127.0.0.1:6379/1")["BACKEND"].endswith("RedisCache")
    assert cache_config(None)["BACKEND"].endswith("LocMemCache")
    with pytest.raises(ImproperlyConfigured):
        cache_config("memcached://x")


def test_database_url_selects_postgres(monkeypatch):
    import dj_database_url

    config = dj_database_url.parse("postgres://postgres@127.0.0.1:5432/test")
    assert config["ENGINE"] == "django.db.backends.postgresql"


def test_whitenoise_manifest_storage_in_base():
    from website.settings import base

    assert base.STORAGES["staticfiles"]["BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def production_setting(expression: str, **env) -> str:
    """Evaluate a Python expression against the production settings built from `env`."""
    code = f"from django.conf import settings; print({expression})"
    result = run_manage("shell", "--verbosity", "0", "-c", code, env_extra={**PRODUCTION_ENV, **env})
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_hashes_receipt_codes_at_the_full_cost():
    assert production_setting("settings.REFERRAL_RECEIPT_SCRYPT") == "{'n': 16384, 'r': 8, 'p': 1}"


def test_media_go_to_the_named_bucket_and_stay_local_without_one():
    assert production_setting('settings.STORAGES["default"]["BACKEND"]') == (
        "django.core.files.storage.FileSystemStorage"
    )
    options = {"MEDIA_S3_BUCKET": "ihmiskauppa-media", "MEDIA_S3_ENDPOINT_URL": "https://s3.example.fi",
               "MEDIA_S3_REGION": "eu-north-1"}
    assert production_setting('settings.STORAGES["default"]["BACKEND"]', **options) == (
        "storages.backends.s3.S3Storage"
    )
    # The storage class builds with these options (no request is made until a file is saved).
    built = production_setting(
        'type(__import__("django.core.files.storage", fromlist=["storages"]).storages["default"]).__name__ + " " + '
        '__import__("django.core.files.storage", fromlist=["storages"]).storages["default"].bucket_name',
        **options,
    )
    assert built == "S3Storage ihmiskauppa-media"


@pytest.mark.django_db
def test_publishing_purges_the_configured_caching_proxy():
    """With FRONTEND_CACHE_PURGE_URL set, Wagtail's invalidator is installed and sends PURGE requests
    for a published page to that address (here a local server that records them)."""
    import http.server
    import threading

    purged = []

    class Proxy(http.server.BaseHTTPRequestHandler):
        def do_PURGE(self):  # noqa: N802 - the HTTP method's name
            purged.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        location = f"http://127.0.0.1:{server.server_address[1]}"
        assert production_setting('"wagtail.contrib.frontend_cache" in settings.INSTALLED_APPS',
                                  FRONTEND_CACHE_PURGE_URL=location) == "True"
        from django.test import override_settings
        from wagtail.contrib.frontend_cache.utils import purge_page_from_cache

        from tests.utils import demo_page

        proxy = {"proxy": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": location}}
        with override_settings(WAGTAILFRONTENDCACHE=proxy):
            purge_page_from_cache(demo_page("victim", "fi"))
    finally:
        server.shutdown()
        server.server_close()
    assert "/fi/oletko-ihmiskaupan-uhri/" in purged


def test_check_deploy_warns_when_the_public_address_is_missing():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "PUBLIC_BASE_URL"}
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_extra=env)
    assert result.returncode != 0 and "website.W001" in result.stderr
    result = run_manage("check", "--deploy", "--fail-level", "WARNING",
                        env_extra={**PRODUCTION_ENV, "PUBLIC_BASE_URL": "http://ihmiskauppa.example"})
    assert result.returncode != 0 and "website.W002" in result.stderr
