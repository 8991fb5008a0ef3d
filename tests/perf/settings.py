"""Settings of `make bench` (tests/perf/bench.py): the production settings and gunicorn config on a
throwaway SQLite database in var/bench/, served over plain HTTP on 127.0.0.1, plus a bare view as the
floor to compare with (tests/perf/urls.py)."""

import os

from website.env import REPOSITORY_ROOT

BENCH_DIR = REPOSITORY_ROOT / "var" / "bench"

os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ["SECURE_SSL_REDIRECT"] = "false"

from website.settings.production import *  # noqa: E402, F403

ROOT_URLCONF = "tests.perf.urls"
if not os.environ.get("DATABASE_URL"):
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": BENCH_DIR / "site.sqlite3",
            "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", "timeout": 20},
        }
    }
MEDIA_ROOT = BENCH_DIR / "media"
STATIC_ROOT = BENCH_DIR / "static"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Thousands of requests from one address: the form is not measured, but keep limits out of the way.
REFERRAL_SUBMISSIONS_PER_HOUR = 1_000_000
REFERRAL_CHECKS_PER_HOUR = 1_000_000
