"""Menus, breadcrumbs, the language switcher and hreflang links, fallback-aware."""

from django import template
from django.conf import settings
from django.utils import translation
from wagtail.models import Page, Site

from pages import cache, i18n

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
    English, else Finnish. Two queries, whatever the number of items or languages, and none while
    the content generation stays the same (pages/cache.py).
    """
    request = context.get("request")
    site = _site(request)
    if site is None:
        return []

    def build():
        source_items = list(site.root_page.get_children().live().public().in_menu().order_by("path"))
        targets = i18n.localize_pages(source_items)
        return [
            {"title": best.title, "url": best.get_url(request), "lang": best.locale.language_code,
             "url_path": best.url_path}
            for best in (targets[item.pk] for item in source_items)
            if best.show_in_menus
        ]

    items = cache.remember(request, "menu", (site.pk, translation.get_language()), build)
    current = context.get("page")
    current_path = current.url_path if current else ""
    return [{**item, "active": bool(current_path) and current_path.startswith(item["url_path"])} for item in items]


@register.simple_tag(takes_context=True)
def breadcrumbs(context) -> list[dict]:
    page = context.get("page")
    request = context.get("request")
    if page is None:
        return []

    def build():
        ancestors = list(page.get_ancestors().filter(depth__gt=1).order_by("depth"))
        # On a fallback page the ancestors are English; show the visitor's own where they exist.
        localized = i18n.localize_pages(ancestors)
        return [
            {"title": localized[a.pk].title, "url": localized[a.pk].get_url(request),
             "lang": localized[a.pk].locale.language_code}
            for a in ancestors
        ]

    return cache.remember(request, "breadcrumbs", (page.pk, translation.get_language()), build)


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One link per site language, leading to the same page in that language.

    A language without its own translation gets the fallback page inside its interface.
    """
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()

    def build():
        translations = i18n.live_translations(page) if page is not None else []
        urls = {}
        for code, _name in settings.LANGUAGES:
            target = i18n.pick_best(translations, code)
            if target is None:
                urls[code] = f"/{code}/"
            else:
                with i18n.interface_language(code):
                    urls[code] = target.get_url(request)
        return urls

    urls = cache.remember(request, "language-links", (page.pk if page else "-",), build)
    # A view that is not a page (the search) may name its own URL in each language.
    alternates = context.get("language_alternates") or {}
    return [
        {"code": code, "name": i18n.local_name(code), "url": alternates.get(code) or urls[code],
         "current": code == current, "direction": i18n.text_direction(code)}
        for code, _name in settings.LANGUAGES
    ]


@register.simple_tag(takes_context=True)
def hreflang_links(context) -> list[dict]:
    """`<link rel=alternate hreflang>` data: only real, live translations, each at its own URL."""
    request = context.get("request")
    page = context.get("page")
    if page is None:
        return []

    def build():
        links = []
        with i18n.interface_language(None):
            for translated in i18n.live_translations(page):
                url = translated.get_full_url(request)
                if url:
                    links.append({"code": translated.locale.language_code, "url": url})
        links.sort(key=lambda link: i18n.language_rank(link["code"]))
        default = next((link for link in links if link["code"] == settings.LANGUAGE_CODE), None)
        if default:
            links.append({"code": "x-default", "url": default["url"]})
        return links

    return cache.remember(request, "hreflang", (page.pk,), build)


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
    """A language's name in the visitor's language, as it stands inside a sentence: "in Finnish"."""
    return i18n.name_in_sentence(code)


@register.filter
def other_language(code: str, around: str = "") -> str:
    """` lang=".." dir=".."` for an element whose text is in `code`, when that is not the language
    around it (`around`, else the visitor's): an English card or menu item on an Arabic page reads
    left to right in English. Nothing when the languages are the same.

    `<li{{ article.locale.language_code|other_language:page.locale.language_code }}>`
    """
    return i18n.language_attributes(code, around or translation.get_language())


@register.filter
def lang_attributes(obj, field: str) -> str:
    """` lang=".." dir=".."` for a translated field shown in a fallback language, else nothing.

    `{{ service|lang_attributes:"name" }}` on an element holding `service.name`.
    """
    return i18n.language_attributes(obj.language_of(field), translation.get_language())


@register.simple_tag(takes_context=True)
def interface_language_attributes(context) -> str:
    """`<p{% interface_language_attributes %}>`: the visitor's language on interface words inside a
    page shown from another language's tree (the page's `content_language`); nothing otherwise."""
    return i18n.interface_attributes(context.get("content_language"))


@register.simple_tag(takes_context=True)
def site_links(context) -> dict:
    """The report, safe-browsing, service directory, accessibility statement and privacy notice
    pages chosen in the settings, in the visitor's language (else the fallback page, inside the
    visitor's interface; `lang` says which language the page is in).

    Two queries for all the links, none while the content generation stays the same.
    """
    request = context.get("request")

    def build():
        contact = cache.contact_settings(request)
        wanted = {
            "report": contact.report_page_id,
            "safety": contact.safety_page_id,
            "services": contact.services_page_id,
            "accessibility": contact.accessibility_page_id,
            "privacy": contact.privacy_page_id,
        }
        pages = {page.pk: page for page in Page.objects.live().filter(pk__in=[pk for pk in wanted.values() if pk])}
        localized = i18n.localize_pages(list(pages.values()))
        return {
            name: {"url": localized[pk].get_url(request), "lang": localized[pk].locale.language_code}
            for name, pk in wanted.items()
            if pk in pages
        }

    return cache.remember(request, "site-links", (translation.get_language(),), build)
