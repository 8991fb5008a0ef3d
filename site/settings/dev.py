"""Local development: `make run` and `manage.py` default to these settings."""

from website.env import env_base_url, env_bool, env_int, env_str

from .base import *  # noqa: F403
from .base import BASE_DIR

DEBUG = env_bool("DEBUG", False)

# A development secret that lives outside git (created by `make run` in .env); never used in production.
SECRET_KEY = env_str("SECRET_KEY") or "dev-only-insecure-key-not-for-production"  # noqa: S105

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = BASE_DIR / "var" / "mail"
SERVE_MEDIA_FILES = True
# `make run` serves on 127.0.0.1:$PORT; absolute URLs (canonical, sitemap, feeds) say so.
PUBLIC_BASE_URL = env_base_url("PUBLIC_BASE_URL", f"http://127.0.0.1:{env_int('PORT', 8000)}")
WAGTAILADMIN_BASE_URL = env_base_url("WAGTAILADMIN_BASE_URL", PUBLIC_BASE_URL)
