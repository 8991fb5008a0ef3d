"""Production: everything comes from the environment, and start-up fails on what is missing."""

from django.core.exceptions import ImproperlyConfigured

from website.env import env_bool, env_int, env_list, env_str

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY", required=True)
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith(("dev-only", "django-insecure", "change-me")):
    raise ImproperlyConfigured("SECRET_KEY must be a real random value of at least 50 characters.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the site's host names.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Referral contents cannot be stored or read without keys: refuse to start rather than fail later.
from referral_form import crypto  # noqa: E402

try:
    crypto.check_configuration(REFERRAL_ENCRYPTION_KEYS)  # noqa: F405
except crypto.EncryptionNotConfigured as error:
    raise ImproperlyConfigured(str(error)) from error
