"""The site's public address: `PUBLIC_BASE_URL` (e.g. https://ihmiskauppa.fi) starts every absolute URL
the site writes, so that canonical links, hreflang, og:url, the sitemap and the feeds name the address
visitors use, not the host name a proxy forwarded or the one in Wagtail's Site record.

Without it, pages keep Wagtail's own root URL (the Site record) and other URLs the request's host.
"""

from django.conf import settings


def public_base_url() -> str:
    return getattr(settings, "PUBLIC_BASE_URL", "") or ""


def absolute_url(url: str, request=None) -> str:
    """`url` (a path such as /static/img/share.png, or already absolute) as an absolute URL."""
    if url.startswith(("http://", "https://", "//")):
        return url
    base = public_base_url()
    if base:
        return base + url
    if request is not None:
        return request.build_absolute_uri(url)
    return url


def with_public_root(root_url: str) -> str:
    """A Wagtail Site's root URL, replaced by the public address when one is set."""
    return public_base_url() or root_url
