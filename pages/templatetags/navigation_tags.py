"""Menus, breadcrumbs, the language switcher and hreflang links, fallback-aware."""

from django import template
from django.conf import settings
from django.utils import translation
from wagtail.models import Page, Site

from pages import i18n
from pages.models import SiteContactSettings

register = template.Library()


def _site(request):
    return Site.find_for_request(request) if request else Site.objects.filter(is_default_site=True).first()


@register.simple_tag(takes_context=True)
def home_url(context) -> str:
    return f"/{translation.get_language()}/"


@register.simple_tag(takes_context=True)
def main_menu(context) -> list[dict]:
    """The home page's children marked 'show in menus', in the best language for the visitor.

    The Finnish tree decides which pages exist; each item shows the visitor's translation, else
    English, else Finnish. Two queries, whatever the number of items or languages.
    """
    request = context.get("request")
    site = _site(request)
    if site is None:
        return []
    source_items = list(
        site.root_page.get_children().live().public().in_menu().order_by("path")
    )
    targets = i18n.localize_pages(source_items)
    current = context.get("page")
    current_path = current.url_path if current else ""
    menu = []
    for item in source_items:
        best = targets[item.pk]
        if not best.show_in_menus:
            continue
        menu.append(
            {
                "title": best.title,
                "url": best.get_url(request),
                "active": bool(current_path) and current_path.startswith(best.url_path),
                "lang": best.locale.language_code,
            }
        )
    return menu


@register.simple_tag(takes_context=True)
def breadcrumbs(context) -> list[dict]:
    page = context.get("page")
    request = context.get("request")
    if page is None:
        return []
    ancestors = list(page.get_ancestors().filter(depth__gt=1).order_by("depth"))
    # On a fallback page the ancestors are English; show the visitor's own where they exist.
    localized = i18n.localize_pages(ancestors)
    return [
        {"title": localized[a.pk].title, "url": localized[a.pk].get_url(request),
         "lang": localized[a.pk].locale.language_code}
        for a in ancestors
    ]


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One link per site language, leading to the same page in that language.

    A language without its own translation gets the fallback page inside its interface.
    """
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    translations = i18n.live_translations(page) if page is not None else []
    # A view that is not a page (the search) may name its own URL in each language.
    alternates = context.get("language_alternates") or {}
    links = []
    for code, _name in settings.LANGUAGES:
        target = i18n.pick_best(translations, code)
        if target is None:
            url = alternates.get(code, f"/{code}/")
        else:
            with i18n.interface_language(code):
                url = target.get_url(request)
        links.append(
            {
                "code": code,
                "name": i18n.local_name(code),
                "url": url,
                "current": code == current,
                "direction": i18n.text_direction(code),
            }
        )
    return links


@register.simple_tag(takes_context=True)
def hreflang_links(context) -> list[dict]:
    """`<link rel=alternate hreflang>` data: only real, live translations, each at its own URL."""
    request = context.get("request")
    page = context.get("page")
    if page is None:
        return []
    translations = i18n.live_translations(page)
    links = []
    with i18n.interface_language(None):
        for translated in translations:
            url = translated.get_full_url(request)
            if url:
                links.append({"code": translated.locale.language_code, "url": url})
    links.sort(key=lambda link: i18n.language_rank(link["code"]))
    default = next((link for link in links if link["code"] == settings.LANGUAGE_CODE), None)
    if default:
        links.append({"code": "x-default", "url": default["url"]})
    return links


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    request = context.get("request")
    page = context.get("page")
    if page is None:
        return ""
    with i18n.interface_language(None):
        return page.get_full_url(request) or ""


@register.filter
def language_name(code: str) -> str:
    """A language's name in the visitor's language: "in Finnish" on an English page."""
    return i18n.translated_name(code)


@register.simple_tag(takes_context=True)
def site_links(context) -> dict:
    """The report and safe-browsing pages chosen in the settings, in the visitor's language.

    Two queries for both links, once per request.
    """
    request = context.get("request")
    cached = getattr(request, "_site_links", None) if request is not None else None
    if cached is not None:
        return cached
    contact = SiteContactSettings.load(request_or_site=request)
    wanted = {"report": contact.report_page_id, "safety": contact.safety_page_id}
    pages = {page.pk: page for page in Page.objects.live().filter(pk__in=[pk for pk in wanted.values() if pk])}
    localized = i18n.localize_pages(list(pages.values()))
    links = {}
    for name, pk in wanted.items():
        if pk in pages:
            target = localized[pk]
            links[name] = {"url": target.get_url(request), "lang": target.locale.language_code}
    if request is not None:
        request._site_links = links
    return links
