"""Settings shared by every environment. Environment-specific files import * from here."""

from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

from website.env import cache_config, env_addresses, env_base_url, env_bool, env_int, env_list, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent  # site/
BASE_DIR = PROJECT_DIR.parent  # repository root

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
# The site's public address (e.g. https://ihmiskauppa.fi): every absolute URL the site writes (canonical
# and hreflang links, og:url and og:image, the sitemap, robots.txt, feeds, e-mails) starts with it,
# whatever host name a request arrived with and whatever Wagtail's Site record says (pages/public_url.py).
# Empty: Wagtail's Site record for pages, the request's own host for the rest.
PUBLIC_BASE_URL = env_base_url("PUBLIC_BASE_URL")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # modeltranslation must come before django.contrib.admin and the apps it translates
    "modeltranslation",
    "website",
    "pages",
    "referral_form",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_recaptcha",
]

MIDDLEWARE = [
    # First, so that every response gets them: health checks, static files and cached pages too.
    "website.security.SecurityHeadersMiddleware",
    # Then /healthz answers load balancers on any host name and over plain HTTP.
    "website.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads a body: over-long bodies are refused from their Content-Length.
    "website.request_limits.RequestBodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous visitors' public pages from the cache, before sessions, language and CSRF run.
    "website.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "website.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "referral_form.middleware.HandlerIdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # A database outage gets a 503 that needs no database (and the referral form keeps its text).
    "website.outage.DatabaseOutageMiddleware",
]

ROOT_URLCONF = "website.urls"
WSGI_APPLICATION = "website.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite in the repository by default, PostgreSQL in production via DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        # A persistent connection broken by a database restart is replaced at the next request's
        # first query instead of failing it: the site recovers by itself when the database returns.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and a writer work at once; a busy timeout waits instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", "timeout": 20}
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database host that stopped answering fails a request in seconds (the visitor gets the
    # "not sent" page) instead of holding it until gunicorn's timeout kills the worker.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": cache_config(env_str("CACHE_URL"))}
# Full-page cache of anonymous public pages (site/page_cache.py); PAGE_CACHE=false turns it off.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", True)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# ---------------------------------------------------------------------------
# Languages
# ---------------------------------------------------------------------------
# Django ships no locale data for Somali; add it so get_language_info() and the
# language switcher know its name and direction.
LANG_INFO.setdefault(
    "so", {"bidi": False, "code": "so", "name": "Somali", "name_local": "Soomaali"}
)

LANGUAGE_CODE = "fi"
LANGUAGES = [
    ("fi", _("Finnish")),
    ("sv", _("Swedish")),
    ("en", _("English")),
    ("ru", _("Russian")),
    ("uk", _("Ukrainian")),
    ("et", _("Estonian")),
    ("ro", _("Romanian")),
    ("ar", _("Arabic")),
    ("fa", _("Persian")),
    ("so", _("Somali")),
    ("th", _("Thai")),
    ("vi", _("Vietnamese")),
    ("fr", _("French")),
]
LANGUAGES_BIDI = ["ar", "fa", "he", "ur"]
# Languages whose page trees must be complete; all others fall back to these, in this order.
FALLBACK_LANGUAGES = ["en", "fi"]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Helsinki"
LOCALE_PATHS = [BASE_DIR / "locale"]
# No language cookie is ever set by us; the URL prefix carries the language.
LANGUAGE_COOKIE_NAME = "django_language"

# django-modeltranslation: translated fields on settings and snippets (not on pages).
MODELTRANSLATION_DEFAULT_LANGUAGE = "fi"
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "fi")}

# wagtail-localize: a requested translation stays a draft until a translator publishes it.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# ---------------------------------------------------------------------------
# Static and media files
# ---------------------------------------------------------------------------
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Request bodies (see site/README.md, "Limits on requests"). A public request whose Content-Length is over
# REQUEST_BODY_MAX_BYTES gets a 413 page before anything reads its body. The largest valid referral
# (every text field full of 4-byte characters, URL-encoded) is about 143 KB; 512 KiB leaves room for
# emoji sequences whose joiners are stripped before the length is counted. The admin
# (WAGTAILADMIN_PATH) takes uploads up to ADMIN_REQUEST_BODY_MAX_BYTES; the form fields of any request
# (files excluded) stay under DATA_UPLOAD_MAX_MEMORY_SIZE, else Django answers 400.
REQUEST_BODY_MAX_BYTES = 512 * 1024
ADMIN_REQUEST_BODY_MAX_BYTES = env_int("ADMIN_UPLOAD_MAX_MB", 64) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# ---------------------------------------------------------------------------
# E-mail
# ---------------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# ---------------------------------------------------------------------------
# Privacy: nothing on public pages sets a cookie.
# ---------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Only staff have sessions. They end when the browser closes, and after a working day at most;
# referral handlers are also signed out after REFERRAL_HANDLER_IDLE_MINUTES without activity.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 10 * 3600)
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# The public pages' Referrer-Policy; site/security.py sends it (and the admin's `same-origin`) on every response.
SECURE_REFERRER_POLICY = "no-referrer"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# site/security.py: the Content-Security-Policy and Permissions-Policy of every response.
# Origins other than this site's that serve our images and media (production sets the bucket's).
CSP_MEDIA_ORIGINS: list[str] = []
CSP_UPGRADE_INSECURE_REQUESTS = False

# ---------------------------------------------------------------------------
# Logs and error reports: what broke, never who was visiting (site/error_reports.py)
# ---------------------------------------------------------------------------
# Who gets an e-mail for every server error: "Name <a@example.org>, b@example.org". The report
# hides the visitor's address, user agent, referrer, cookies, query and form values.
ADMINS = env_addresses("ADMINS")
DEFAULT_EXCEPTION_REPORTER_FILTER = "website.error_reports.VisitorPrivacyFilter"
DEFAULT_EXCEPTION_REPORTER = "website.error_reports.VisitorPrivacyReporter"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {
        # The message alone: no formatter here adds the request's address or headers.
        "console": {"class": "logging.StreamHandler"},
        "mail_admins": {"class": "django.utils.log.AdminEmailHandler", "filters": ["require_debug_false"]},
        "null": {"class": "logging.NullHandler"},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    "loggers": {
        # Server errors: "Internal Server Error: <path>" and the traceback, and the e-mail to ADMINS.
        "django.request": {"handlers": ["console", "mail_admins"], "level": "ERROR", "propagate": False},
        # A request for a host name not in ALLOWED_HOSTS is a bot or a misdirected request: answered
        # with 400 and not recorded (the message would repeat a header the sender chose, mailed to staff).
        "django.security.DisallowedHost": {"handlers": ["null"], "propagate": False},
        # Their DEBUG records carry whole template contexts and query parameters: never, even at LOG_LEVEL=DEBUG.
        "django.template": {"level": "INFO"},
        "django.db.backends": {"level": "INFO"},
    },
}

# ---------------------------------------------------------------------------
# Wagtail
# ---------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Ihmiskaupan uhrien auttamisjärjestelmä"
# Where the admin lives (our setting, not Wagtail's): site/urls.py mounts the admin, its login and the
# staff queue under it, and everything that treats the admin apart reads it from here: its security
# headers (site/security.py), the body limit (site/request_limits.py), the page cache
# (site/page_cache.py), robots.txt (pages/sitemap.py) and the handlers' idle timeout
# (referral_form/middleware.py). A path as in path(): no leading slash, a trailing one.
WAGTAILADMIN_PATH = "admin/"
# The admin's address in e-mails (notifications, password resets): the public address unless the
# admin has one of its own.
WAGTAILADMIN_BASE_URL = env_base_url("WAGTAILADMIN_BASE_URL", PUBLIC_BASE_URL or "http://127.0.0.1:8000")
# pages.search: on PostgreSQL every page is indexed and searched with its own language's text-search
# configuration; on SQLite it is Wagtail's database backend (plain word matching).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "pages.search"}}
# Only formats whose content pages/document_files.py can recognise; the upload form checks the content too.
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odp", "ods", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "pages.documents.DocumentForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# No Gravatar: staff members' e-mail hashes are not sent to a third party (and the admin's
# Content-Security-Policy allows images from this site only).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# No call from the admin to releases.wagtail.org either: upgrades are our release process's business.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Under ADMIN_REQUEST_BODY_MAX_BYTES, so that a too-large file gets the upload form's own message.
WAGTAILDOCS_MAX_UPLOAD_SIZE = ADMIN_REQUEST_BODY_MAX_BYTES * 15 // 16
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"gif": "webp", "bmp": "webp", "tiff": "webp"}

# ---------------------------------------------------------------------------
# Referrals (referral_form/)
# ---------------------------------------------------------------------------
# Comma-separated Fernet keys, newest first. Never stored in the database. `make run` writes a
# local development key into .env; production refuses to start without valid keys.
REFERRAL_ENCRYPTION_KEYS = env_str("REFERRAL_ENCRYPTION_KEYS", "")
# The scrypt cost of the receipt code's hash (referral_form/crypto.py): slow enough that a stolen
# database cannot be searched for the 10^16 possible codes, fast enough (a few tens of ms) for one
# look-up per request. Changing it makes every stored receipt code unfindable.
REFERRAL_RECEIPT_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
# Closed cases and spam are deleted this many days after their status last changed.
REFERRAL_RETENTION_DAYS = env_int("REFERRAL_RETENTION_DAYS", 90)
# Cases expiring within this many days are highlighted in the queue.
REFERRAL_EXPIRY_WARNING_DAYS = env_int("REFERRAL_EXPIRY_WARNING_DAYS", 14)
# Who gets the content-free "a new referral arrived" e-mail.
REFERRAL_NOTIFY_EMAILS = env_list("REFERRAL_NOTIFY_EMAILS")
# Rate limits per visitor (a salted, daily-rotating hash of the address, kept in the cache only).
REFERRAL_SUBMISSIONS_PER_HOUR = env_int("REFERRAL_SUBMISSIONS_PER_HOUR", 10)
REFERRAL_CHECKS_PER_HOUR = env_int("REFERRAL_CHECKS_PER_HOUR", 20)
# Behind a reverse proxy every request comes from the proxy: name the header it sets
# (e.g. HTTP_X_FORWARDED_FOR) so that rate limits tell visitors apart.
RATE_LIMIT_CLIENT_ADDRESS_HEADER = env_str("RATE_LIMIT_CLIENT_ADDRESS_HEADER", "REMOTE_ADDR")
# How long an open form stays valid before it must be re-sent (its text is kept).
REFERRAL_FORM_MAX_AGE_SECONDS = env_int("REFERRAL_FORM_MAX_AGE_SECONDS", 6 * 3600)
REFERRAL_MAX_TEXT_LENGTH = 10_000
# A referral handler's admin session ends after this many minutes without a request of theirs.
REFERRAL_HANDLER_IDLE_MINUTES = env_int("REFERRAL_HANDLER_IDLE_MINUTES", 15)
# Failed admin logins allowed per user name and per 15 minutes.
ADMIN_LOGIN_ATTEMPTS = env_int("ADMIN_LOGIN_ATTEMPTS", 5)

# django-recaptcha: used only when both keys are set; otherwise a honeypot and rate limits.
RECAPTCHA_PUBLIC_KEY = env_str("RECAPTCHA_PUBLIC_KEY", "")
RECAPTCHA_PRIVATE_KEY = env_str("RECAPTCHA_PRIVATE_KEY", "")
RECAPTCHA_ENABLED = bool(RECAPTCHA_PUBLIC_KEY and RECAPTCHA_PRIVATE_KEY)
# Without keys the app would fail its own check (and so `migrate`); keys are optional here.
SILENCED_SYSTEM_CHECKS = ["django_recaptcha.recaptcha_test_key_error"]

# django-otp: referral handlers confirm a TOTP code before the queue opens.
OTP_TOTP_ISSUER = "Ihmiskauppa-auttamisjärjestelmä"
