"""Full-page cache for anonymous visitors' public pages, retired whenever published content changes.

A page is cached only when every one of these holds: GET or HEAD; no session or CSRF cookie in the
request (so never for editors or staff); not the admin, documents or health check; only the query
parameters of listings (pagination and filters); a 200 response that sets no cookie and does not
say `no-store`, `no-cache` or `private` (the referral form and the receipt check say `no-store`).

Keys carry the ContentGeneration number, which publishing, unpublishing, moving or deleting a page,
saving a setting, snippet, document or image advances: the next request renders afresh, in every
process. They also carry the settings that pages print (the retention period), so a restart with
another value never serves a page cached under the old one. The cache is Django's default cache:
Redis in production, local memory by default.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from pages.cache import generation
from website.outage import DATABASE_ERRORS

EXCLUDED_PREFIXES = (f"/{settings.WAGTAILADMIN_PATH}", "/documents/", "/healthz", "/static/", "/media/")
CACHEABLE_PARAMETERS = {"page", "type", "year", "region", "group"}
REFUSING_DIRECTIVES = ("no-store", "no-cache", "private")
KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary", "X-Frame-Options", "Cache-Control", "Link")
TIMEOUT = 24 * 3600


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(EXCLUDED_PREFIXES):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or settings.CSRF_COOKIE_NAME in request.COOKIES:
        return False
    return set(request.GET) <= CACHEABLE_PARAMETERS


def _cacheable_response(response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "").lower()
    return not any(directive in control for directive in REFUSING_DIRECTIVES)


def _shown_configuration() -> str:
    """The settings that public pages print (the privacy notice's retention period). A shared cache
    outlives a restart, so a page cached under another value must not be served after one."""
    return f"retention-{settings.REFERRAL_RETENTION_DAYS}"


def _key(request, generation: int) -> str:
    address = f"{request.get_host()}{request.get_full_path()}"
    return f"page:{generation}:{_shown_configuration()}:{hashlib.sha256(address.encode()).hexdigest()}"


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not getattr(settings, "PAGE_CACHE_ENABLED", True) or not _cacheable_request(request):
            return self.get_response(request)
        try:
            key = _key(request, generation(request))
        except DATABASE_ERRORS:
            # Without a shared cache the generation is read from the database: while it is down, let
            # the view meet the outage and website.outage answer it.
            return self.get_response(request)
        stored = cache.get(key)
        if stored is not None:
            headers, content = stored
            response = HttpResponse(b"" if request.method == "HEAD" else content, headers=headers)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if request.method == "GET" and _cacheable_response(response):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            headers = {name: response[name] for name in KEPT_HEADERS if name in response}
            cache.set(key, (headers, response.content), TIMEOUT)
            response["X-Page-Cache"] = "miss"
        return response
