"""Deployment checks of our own settings (`manage.py check --deploy`, run by site/entrypoint.sh)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def public_base_url_is_set(app_configs, **kwargs):
    """Without PUBLIC_BASE_URL, canonical links, hreflang, the sitemap and the feeds would name the
    host of Wagtail's Site record (`localhost` in a fresh database) instead of the site's address."""
    base = settings.PUBLIC_BASE_URL
    if not base:
        return [Warning("PUBLIC_BASE_URL is not set.", hint="Set it to the site's public address, e.g. "
                        "https://ihmiskauppa.fi.", id="website.W001")]
    if settings.SECURE_SSL_REDIRECT and not base.startswith("https://"):
        return [Warning("PUBLIC_BASE_URL is not an https:// address, but the site redirects to HTTPS.",
                        id="website.W002")]
    return []
