"""WSGI entry point for gunicorn: `gunicorn website.wsgi`. Reads `.env` if present (local runs)."""

import os

from django.core.wsgi import get_wsgi_application

from website.env import read_dotenv

read_dotenv()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.production")

application = get_wsgi_application()

# A wrong encryption key stops this worker, and with it gunicorn, before it takes a single report.
from django.db import connections  # noqa: E402 - only after Django is set up

from referral_form.key_check import check_keys_read_stored_data  # noqa: E402

check_keys_read_stored_data()
connections.close_all()
