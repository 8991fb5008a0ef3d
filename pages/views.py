"""The public serve view with locale fallback, and the translated error pages."""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt, requires_csrf_token
from wagtail import hooks
from wagtail.models import Page
from wagtail.views import serve_chain

from pages import cache, i18n
from pages.models import BasePage


def _route(root: Page, request, path_components: list[str]):
    try:
        return root.route(request, path_components)
    except Http404:
        return None


def _language_roots(site) -> dict:
    """The site's home page in each language, as their own page classes."""
    roots = {}
    for root in site.root_page.get_translations(inclusive=True).live().select_related("locale"):
        specific = root.specific
        specific.locale = root.locale
        roots[root.locale.language_code] = specific
    return roots


def find_page(request, path: str):
    """Route `path` in the visitor's language tree, else in the English, else the Finnish tree.

    Returns (page, args, kwargs) or raises Http404. Which page a path leads to is cached for the
    content generation: then one query fetches the page, and a routable page (the form's `check/`,
    the statistics' `figures.csv`) resolves the rest of the path itself.
    """
    language = translation.get_language()
    site = cache.site_for(request)
    if site is None:
        raise Http404
    components = [component for component in path.split("/") if component]
    located = (site.pk, language, "/".join(components))
    if (known := cache.lookup(request, "route", located)) is not None:
        page_id, content_type_id, consumed = known
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        page = model.objects.live().select_related("locale").filter(pk=page_id).first()
        if page is not None:
            return page.route(request, components[consumed:])
    roots = cache.remember(request, "language-roots", (site.pk,), lambda: _language_roots(site))
    for code in i18n.fallback_order(language):
        if code in roots and (route := _route(roots[code], request, components)) is not None:
            page = route[0]
            cache.store(request, "route", located, (page.pk, page.content_type_id, page.depth - roots[code].depth))
            return route
    raise Http404


@csrf_exempt
def serve(request, path: str):
    """Serve a public page. No CSRF cookie: public pages set no cookies at all, and the only page
    that accepts POST (the referral form) checks its own signed, time-limited form token."""
    language = translation.get_language()
    cache.contact_settings(request)  # where templates' {{ settings }} will find it
    page, args, kwargs = find_page(request, path)
    if page.locale.language_code != language:
        # Found in a fallback tree: show the visitor's own translation if it exists, else the best one.
        best = i18n.localize_pages([page], language)[page.pk]
        if best.locale.language_code == language:
            return HttpResponseRedirect(best.get_url(request))
        if best.pk != page.pk:
            page, args, kwargs = best.specific, [], {}

    if isinstance(page, BasePage):
        # Wagtail's before_serve_page hook checks these: two queries, now none while nothing changes.
        page._cached_view_restrictions = cache.remember(
            request, "view-restrictions", (page.pk,), lambda: list(Page.get_view_restrictions(page))
        )
    with i18n.interface_language(language):
        chain = serve_chain
        for fn in reversed(hooks.get_hooks("on_serve_page")):
            chain = fn(chain)
        for fn in hooks.get_hooks("before_serve_page"):
            result = fn(page, request, args, kwargs)
            if isinstance(result, HttpResponse):
                return result
        response = chain(page, request, args, kwargs)
        # Render while the interface language is set, so that every link keeps the prefix.
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
    return response


def page_not_found(request, exception=None):
    with i18n.interface_language(translation.get_language()):
        response = render(request, "404.html", status=404)
    return response


def error_helpline(request) -> dict:
    """The contact settings (helpline, quick exit) for error pages, without a database query: the
    database may be what failed."""
    contact = cache.contact_settings_without_database(request)
    return {"contact": contact, "helpline_phone": contact.helpline_phone, "helpline_uri": contact.helpline_uri}


def error_page(request, status: int = 500):
    """The translated error page. It makes no database query."""
    return render(request, "500.html", error_helpline(request), status=status)


@requires_csrf_token
def server_error(request):
    return error_page(request)
