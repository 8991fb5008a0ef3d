"""The "Translation status" report: for every Finnish page, which translations are missing or outdated.

Finnish is the source language: every page is written in Finnish first and translated from it.
For each other content language a Finnish page's translation is

- *missing* when no page in that language shares the Finnish page's ``translation_key``;
- *outdated* when the translation is not live, or was last published before the Finnish page;
- *up to date* otherwise.

The report takes a constant number of queries: one for the page of Finnish pages (plus its count),
one for all their translations.
"""

import datetime
import functools
import operator
from dataclasses import dataclass

import django_filters
from django.conf import settings
from django.db.models import Exists, OuterRef, Q, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from pages import i18n

MISSING = "missing"
OUTDATED = "outdated"
UP_TO_DATE = "up_to_date"
STATUS_LABELS = {
    MISSING: _("missing"),
    OUTDATED: _("outdated"),
    UP_TO_DATE: _("up to date"),
}
ANY_LANGUAGE = "any"
# Stands in for "never published", so that a never-published page is older than any published one.
NEVER = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def source_language() -> str:
    return settings.LANGUAGE_CODE


def target_languages() -> list[str]:
    return [code for code in i18n.content_language_codes() if code != source_language()]


def translation_status(source_published_at, translation: dict | None) -> str:
    """The status of one translation (a dict with `live` and `last_published_at`, or None)."""
    if translation is None:
        return MISSING
    if not translation["live"]:
        return OUTDATED
    if (translation["last_published_at"] or NEVER) < (source_published_at or NEVER):
        return OUTDATED
    return UP_TO_DATE


def up_to_date_translation_exists(language_code: str) -> Exists:
    """For a Finnish page in the outer query: is its translation into this language up to date?

    The same rule as `translation_status`, in SQL, so that the filter can page through results.
    """
    return Exists(
        Page.objects.filter(
            translation_key=OuterRef("translation_key"),
            locale__language_code=language_code,
            live=True,
        )
        .annotate(published=Coalesce("last_published_at", Value(NEVER)))
        .filter(published__gte=Coalesce(OuterRef("last_published_at"), Value(NEVER)))
    )


@dataclass(frozen=True)
class TranslationCell:
    language_code: str
    status: str
    page_id: int | None

    @property
    def label(self):
        return STATUS_LABELS[self.status]

    @property
    def language_name(self) -> str:
        return i18n.translated_name(self.language_code)

    @property
    def edit_url(self) -> str | None:
        return reverse("wagtailadmin_pages:edit", args=[self.page_id]) if self.page_id else None


def work_choices():
    return [
        (ANY_LANGUAGE, _("In any language")),
        *[(code, i18n.translated_name(code)) for code in target_languages()],
    ]


class TranslationStatusFilterSet(WagtailFilterSet):
    needs_work = django_filters.ChoiceFilter(
        label=_("Needs translation work"),
        choices=work_choices,
        empty_label=_("Show all pages"),
        method="filter_needs_work",
    )

    class Meta:
        model = Page
        fields = []

    def filter_needs_work(self, queryset, name, value):
        codes = target_languages() if value == ANY_LANGUAGE else [value]
        return queryset.filter(
            functools.reduce(operator.or_, [~Q(up_to_date_translation_exists(code)) for code in codes])
        )


class TranslationStatusView(ReportView):
    """Finnish pages in tree order, with the status of their translation into every other language."""

    model = Page
    page_title = _("Translation status")
    header_icon = "globe"
    results_template_name = "pages/admin/translation_status_results.html"
    index_url_name = "pages_translation_status"
    index_results_url_name = "pages_translation_status_results"
    filterset_class = TranslationStatusFilterSet
    default_ordering = "path"  # page tree order
    any_permission_required = ["add", "change", "publish"]
    context_object_name = "pages"
    paginate_by = 50

    @property
    def list_export(self):
        return ["title", "url_path", *[f"translation_status.{code}" for code in target_languages()]]

    def spreadsheet_headings(self) -> dict[str, str]:
        return {
            "title": str(_("Finnish page")),
            "url_path": str(_("Path")),
            **{f"translation_status.{code}": i18n.translated_name(code) for code in target_languages()},
        }

    def render_to_response(self, context, **response_kwargs):
        # A CSV file is streamed after the admin's language has been switched off again: put the
        # headings into words now. (The statuses are put into words in decorate_paginated_queryset.)
        self.export_headings = self.spreadsheet_headings()
        return super().render_to_response(context, **response_kwargs)

    def get_filename(self):
        return f"translation-status-{timezone.localdate().isoformat()}"

    def get_queryset(self):
        self.queryset = (
            self.permission_policy.instances_user_has_any_permission_for(
                self.request.user, ["add", "change", "publish"]
            )
            .filter(locale__language_code=source_language(), depth__gt=1)
            .only("id", "title", "draft_title", "url_path", "path", "depth", "translation_key",
                  "live", "last_published_at", "locale_id")
        )
        return super().get_queryset()

    def decorate_paginated_queryset(self, object_list):
        pages = list(object_list)
        languages = target_languages()
        translations = {
            (row["translation_key"], row["locale__language_code"]): row
            for row in Page.objects.filter(
                translation_key__in=[page.translation_key for page in pages],
                locale__language_code__in=languages,
            ).values("id", "translation_key", "locale__language_code", "live", "last_published_at")
        }
        for page in pages:
            cells = []
            for code in languages:
                translation = translations.get((page.translation_key, code))
                cells.append(
                    TranslationCell(
                        language_code=code,
                        status=translation_status(page.last_published_at, translation),
                        page_id=translation["id"] if translation else None,
                    )
                )
            page.translation_cells = cells
            page.translation_status = {cell.language_code: str(cell.label) for cell in cells}
            page.has_missing_translations = any(cell.status == MISSING for cell in cells)
        return pages

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["languages"] = [(code, i18n.translated_name(code)) for code in target_languages()]
        context["can_submit_translations"] = self.request.user.has_perm("wagtail_localize.submit_translation")
        return context
