"""What public pages show, cached until published content changes.

Every cache entry is keyed by the ContentGeneration number, which goes up (in the database, so in
every process at once) when a page is published, unpublished, moved or deleted, or when a setting,
snippet, document, image, site or locale is saved. The full-page cache (site/page_cache.py) and
the per-page data below (menus, breadcrumbs, translations, site links) use it; nothing is ever
invalidated key by key, so nothing can be forgotten.
"""

import time

from django.conf import settings
from django.core.cache import cache

from pages.models import ContentGeneration

TIMEOUT = 24 * 3600


GENERATION_KEY = "content-generation"


def _shared_cache() -> bool:
    """Whether every process sees the same cache (Redis), rather than its own local memory."""
    return "redis" in settings.CACHES["default"]["BACKEND"].lower()


def generation(request=None) -> int:
    """The current content generation, read once per request.

    With a shared cache (Redis) the number lives there, advanced atomically, and a cached page is
    served without touching the database; with local-memory caches every process reads the
    database's row instead, so that no process keeps serving what another has retired.
    """
    if request is not None and hasattr(request, "_content_generation"):
        return request._content_generation
    value = None
    if _shared_cache():
        value = cache.get(GENERATION_KEY)
        if value is None:
            # Evicted or never set: start from a number no earlier generation can have had.
            cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
            value = cache.get(GENERATION_KEY)
    if value is None:
        value = ContentGeneration.current()
    if request is not None:
        request._content_generation = value
    return value


def advance() -> None:
    ContentGeneration.advance()
    if _shared_cache():
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # not there: the next reader starts a new number
            pass


def _key(request, name: str, parts: tuple) -> str:
    return f"{name}:{generation(request)}:" + ":".join(str(part) for part in parts)


def lookup(request, name: str, parts: tuple):
    """What `store` kept under `name` and `parts` for the current content generation, or None."""
    return cache.get(_key(request, name, parts))


def store(request, name: str, parts: tuple, value) -> None:
    cache.set(_key(request, name, parts), value, TIMEOUT)


def remember(request, name: str, parts: tuple, build):
    """`build()`'s result, cached under `name` and `parts` for the current content generation."""
    value = lookup(request, name, parts)
    if value is None:
        value = build()
        store(request, name, parts, value)
    return value


def content_changed(sender, **kwargs):
    """Retire everything cached when something public pages show may have changed."""
    if kwargs.get("raw"):
        return  # fixtures
    advance()


def watched_models() -> list:
    """Models whose changes public pages show. Receivers are connected to these senders only: a
    receiver for every model would slow down every delete in the project (and make Django load
    rows it could otherwise delete unread, such as encrypted referrals)."""
    from django.apps import apps
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Locale, PageViewRestriction, Site, get_page_models

    own = [model for model in apps.get_app_config("pages").get_models() if model is not ContentGeneration]
    return [*get_page_models(), *own, get_document_model(), get_image_model(), Site, Locale, PageViewRestriction]


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail import signals as wagtail_signals

    for model in watched_models():
        for signal in (post_save, post_delete):
            signal.connect(content_changed, sender=model, dispatch_uid=f"pages-cache-{id(signal)}-{model._meta.label}")
    for signal in (wagtail_signals.page_published, wagtail_signals.page_unpublished, wagtail_signals.post_page_move):
        signal.connect(content_changed, dispatch_uid=f"pages-cache-{id(signal)}")


def site_for(request):
    """Wagtail's Site for the request (cached on the request as Wagtail itself does)."""
    from wagtail.models import Site

    if request is None:
        return None
    if not hasattr(request, "_wagtail_site"):
        host = request.get_host()
        request._wagtail_site = remember(request, "site", (host, request.get_port()),
                                         lambda: Site.find_for_request(request))
    return request._wagtail_site


def contact_settings(request):
    """The site's contact settings, also where Wagtail's `{{ settings }}` looks for them on the request."""
    from pages.models import SiteContactSettings

    name = SiteContactSettings.get_cache_attr_name()
    if request is not None and hasattr(request, name):
        return getattr(request, name)
    value = remember(request, "contact-settings", (), SiteContactSettings.load)
    if request is not None:
        setattr(request, name, value)
    return value


def contact_settings_without_database(request):
    """The contact settings for a page shown while the database is down: the cached ones when the
    cache still has them (so an operator's own helpline number), else the built-in defaults."""
    from pages.models import SiteContactSettings

    try:
        cached = lookup(request, "contact-settings", ())
    except Exception:  # noqa: BLE001 - the database or the cache is what failed: use the defaults
        cached = None
    return cached or SiteContactSettings()
