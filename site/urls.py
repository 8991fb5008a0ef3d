from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.decorators.cache import never_cache
from django.views.static import serve as serve_static_file
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from pages import documents as page_documents
from pages import sitemap as page_sitemap
from pages import views as page_views
from pages.search import views as search_views
from referral_form.admin_login import ThrottledLoginView

urlpatterns = [
    path("sitemap.xml", page_sitemap.sitemap, name="sitemap"),
    path("robots.txt", page_sitemap.robots_txt, name="robots_txt"),
    # Wagtail's login, refusing a user name after too many failures; must come before the admin.
    path(f"{settings.WAGTAILADMIN_PATH}login/", never_cache(ThrottledLoginView.as_view()), name="wagtailadmin_login"),
    # The staff queue before the rest of the admin: its own check logs every refusal (see admin_urls.py).
    path(f"{settings.WAGTAILADMIN_PATH}referrals/", include("referral_form.admin_urls")),
    path(settings.WAGTAILADMIN_PATH, include(wagtailadmin_urls)),
    # Wagtail's document view without its `Content-Encoding: None` (pages/documents.py), under Wagtail's
    # own URL name, so that every document link reversed by that name leads here; the rest of Wagtail's
    # document URLs as they are.
    re_path(r"^documents/(\d+)/(.*)$", page_documents.serve, name="wagtaildocs_serve"),
    path("documents/", include(wagtaildocs_urls)),
]

if getattr(settings, "SERVE_MEDIA_FILES", False):
    # Local default only; production serves media from object storage or the proxy.
    urlpatterns.append(
        re_path(r"^media/(?P<path>.*)$", serve_static_file, {"document_root": settings.MEDIA_ROOT})
    )

urlpatterns += i18n_patterns(
    # Before the pages' catch-all, so that `/<lang>/search/` is never routed as a page.
    path("search/", search_views.search, name="search"),
    # Every public page goes through the locale-fallback serve view; so do files that a page offers at
    # a sub-path of its own (a last segment with a file extension, e.g. the statistics page's figures.csv).
    re_path(r"^((?:[\w\-]+/)*(?:[\w\-]+\.[a-z0-9]+)?)$", page_views.serve, name="wagtail_serve"),
    prefix_default_language=True,
)

handler404 = "website.outage.page_not_found"
handler500 = "pages.views.server_error"
