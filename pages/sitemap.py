"""sitemap.xml: every live page in every language, each with its real translations as alternates."""

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from wagtail.models import Page, Site

from pages import i18n
from pages.public_url import absolute_url


@cache_control(max_age=3600, public=True)
def sitemap(request):
    site = Site.find_for_request(request)
    roots = site.root_page.get_translations(inclusive=True) if site else Page.objects.none()
    query = Page.objects.none()
    for root in roots:
        query = query | Page.objects.descendant_of(root, inclusive=True)
    pages = list(query.live().public().select_related("locale").order_by("path"))
    by_key: dict = {}
    for page in pages:
        by_key.setdefault(page.translation_key, []).append(page)
    entries = []
    with i18n.interface_language(None):
        urls = {page.pk: page.get_full_url(request) for page in pages}
        for page in pages:
            translations = sorted(by_key[page.translation_key],
                                  key=lambda p: i18n.language_rank(p.locale.language_code))
            alternates = [(p.locale.language_code, urls[p.pk]) for p in translations]
            default = next((url for code, url in alternates if code == settings.LANGUAGE_CODE), None)
            if default:
                alternates.append(("x-default", default))
            entries.append({"location": urls[page.pk], "lastmod": page.last_published_at,
                            "alternates": alternates})
    return render(request, "pages/sitemap/sitemap.xml", {"entries": entries}, content_type="application/xml")


@cache_control(max_age=3600, public=True)
def robots_txt(request):
    sitemap_url = absolute_url("/sitemap.xml", request)
    lines = ["User-agent: *", f"Disallow: /{settings.WAGTAILADMIN_PATH}", "Disallow: /documents/",
             f"Sitemap: {sitemap_url}", ""]
    return render(request, "pages/sitemap/robots.txt", {"text": "\n".join(lines)}, content_type="text/plain")
