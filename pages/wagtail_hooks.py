from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from pages import i18n
from pages.models import Service
from pages.rich_text import LocalizedPageLinkHandler
from pages.translation_report import TranslationStatusView


@hooks.register("register_rich_text_features", order=100)
def localized_page_links(features):
    # Runs after Wagtail's core features, replacing its page link handler.
    features.register_link_type(LocalizedPageLinkHandler)


@hooks.register("register_admin_urls")
def translation_status_urls():
    return [
        path("reports/translation-status/", TranslationStatusView.as_view(), name="pages_translation_status"),
        path(
            "reports/translation-status/results/",
            TranslationStatusView.as_view(results_only=True),
            name="pages_translation_status_results",
        ),
    ]


class PageEditorsMenuItem(MenuItem):
    """Shown to those who may add, edit or publish pages somewhere: editors, publishers, superusers."""

    def is_shown(self, request):
        return PagePermissionPolicy(Page).user_has_any_permission(request.user, ["add", "change", "publish"])


@hooks.register("register_reports_menu_item")
def translation_status_menu_item():
    return PageEditorsMenuItem(
        _("Translation status"),
        reverse("pages_translation_status"),
        name="translation-status",
        icon_name="globe",
        order=1300,
    )


class ServiceViewSet(SnippetViewSet):
    model = Service
    icon = "help"
    list_display = ["name", "details_checked", "sort_order"]
    list_filter = ["details_checked", "target_groups", "regions"]
    # Editors search in any language: Django's own queries over every translation of the texts,
    # so there is no search index to keep up to date.
    search_backend_name = None
    search_fields = [f"{field}_{code}" for field in ("name", "description") for code in i18n.content_language_codes()]


register_snippet(ServiceViewSet)
