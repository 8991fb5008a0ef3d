"""Settings for the test suite: fast hashing, local memory cache, no outgoing mail."""

from website.env import env_str

from .base import *  # noqa: F403
from .base import BASE_DIR

SECRET_KEY = "test-only-secret-key"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The receipt code's hash at the lowest cost scrypt takes (production: site/settings/base.py).
REFERRAL_RECEIPT_SCRYPT = {"n": 2, "r": 1, "p": 1}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# pytest always uses local memory; a server process started by a test may print its mail (console).
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # The manifest storage needs collectstatic; tests use the plain storage.
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
# WhiteNoise warns (an error under pytest) when STATIC_ROOT is missing, as on a fresh clone where
# collectstatic has not run; the tests serve static files from the finders.
STATIC_ROOT = BASE_DIR / "var" / "test-static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True
# Tests measure rendering; tests/site/test_page_cache.py turns the full-page cache on.
PAGE_CACHE_ENABLED = False
WAGTAILADMIN_BASE_URL = "http://testserver"
if env_str("DATABASE_URL") is None:
    # pytest-django creates a fresh SQLite database for the run
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "var" / "test.sqlite3"}}  # noqa: E501

# A fixed key for tests only (never in the database, never used outside tests).
REFERRAL_ENCRYPTION_KEYS = "wQ0zvBk3O8n5K3yQ0kE0q2oP1rJ9b7mVf6eW3tY4u5I="
REFERRAL_NOTIFY_EMAILS = ["referrals@example.org"]
