"""WSGI entry point for gunicorn: `gunicorn website.wsgi`. Reads `.env` if present (local runs)."""

import os

from django.core.wsgi import get_wsgi_application

from website.env import read_dotenv

read_dotenv()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.production")

application = get_wsgi_application()
