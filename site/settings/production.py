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
if not SECURE_SSL_REDIRECT:
    # Turned off on purpose: the TLS proxy in front redirects to HTTPS (or, for `make run-prod`,
    # there is no TLS at all). Keep `check --deploy` useful for everything else.
    SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W008"]  # noqa: F405
# Browsers fetch every sub-resource over HTTPS (off with SECURE_SSL_REDIRECT=false, e.g. plain-HTTP `make run-prod`).
CSP_UPGRADE_INSECURE_REQUESTS = SECURE_SSL_REDIRECT
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Media on S3-compatible object storage when a bucket is named; local files (MEDIA_ROOT) otherwise.
# Every web process then sees the same files, so processes can run on several machines.
MEDIA_BUCKET = env_str("MEDIA_S3_BUCKET")
if MEDIA_BUCKET:
    STORAGES["default"] = {  # noqa: F405
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_BUCKET,
            "endpoint_url": env_str("MEDIA_S3_ENDPOINT_URL"),  # e.g. a non-AWS provider; empty for AWS
            "region_name": env_str("MEDIA_S3_REGION"),
            "access_key": env_str("MEDIA_S3_ACCESS_KEY_ID"),
            "secret_key": env_str("MEDIA_S3_SECRET_ACCESS_KEY"),
            "custom_domain": env_str("MEDIA_S3_CUSTOM_DOMAIN"),  # a CDN in front of the bucket
            "default_acl": None,
            "querystring_auth": False,  # media are public; documents go through Wagtail's serve view
            "file_overwrite": False,
        },
    }
    # Images and media then come from the bucket's (or its CDN's) origin: the CSP must allow it.
    _custom_domain = env_str("MEDIA_S3_CUSTOM_DOMAIN")
    _endpoint = env_str("MEDIA_S3_ENDPOINT_URL")
    if _custom_domain:
        CSP_MEDIA_ORIGINS = [f"https://{_custom_domain}"]
    elif _endpoint:
        CSP_MEDIA_ORIGINS = [_endpoint.rstrip("/")]
    else:
        _region = env_str("MEDIA_S3_REGION")
        CSP_MEDIA_ORIGINS = [f"https://{MEDIA_BUCKET}.s3.amazonaws.com"] + (
            [f"https://{MEDIA_BUCKET}.s3.{_region}.amazonaws.com"] if _region else []
        )

# Purge a CDN or caching reverse proxy when pages change (Wagtail's front-end cache invalidator).
FRONTEND_CACHE = env_str("FRONTEND_CACHE_PURGE_URL")  # e.g. http://varnish:6081 (HTTP PURGE requests)
CLOUDFLARE_ZONE = env_str("CLOUDFLARE_ZONE_ID")
if FRONTEND_CACHE or CLOUDFLARE_ZONE:
    INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.contrib.frontend_cache"]  # noqa: F405
    WAGTAILFRONTENDCACHE = {}
    if FRONTEND_CACHE:
        WAGTAILFRONTENDCACHE["proxy"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE,
        }
    if CLOUDFLARE_ZONE:
        WAGTAILFRONTENDCACHE["cloudflare"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": env_str("CLOUDFLARE_API_TOKEN", required=True),
            "ZONEID": CLOUDFLARE_ZONE,
        }

# Referral contents cannot be stored or read without keys: refuse to start rather than fail later.
from referral_form import crypto  # noqa: E402

try:
    crypto.check_configuration(REFERRAL_ENCRYPTION_KEYS)  # noqa: F405
except crypto.EncryptionNotConfigured as error:
    raise ImproperlyConfigured(str(error)) from error
