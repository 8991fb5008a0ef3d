"""Settings of `make audit` (tests/audit/audit_site.py): the production settings, served over plain
HTTP on 127.0.0.1 from a throwaway SQLite database in var/audit/. Secrets come from `.env`, which
`make audit` writes like `make run`."""

import os

from website.env import REPOSITORY_ROOT

AUDIT_DIR = REPOSITORY_ROOT / "var" / "audit"

os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
# The audit server has no TLS in front of it; everything else stays as in production.
os.environ["SECURE_SSL_REDIRECT"] = "false"

from website.settings.production import *  # noqa: E402, F403

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": AUDIT_DIR / "site.sqlite3",
        "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL;", "timeout": 20},
    }
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = AUDIT_DIR / "media"
STATIC_ROOT = AUDIT_DIR / "static"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
