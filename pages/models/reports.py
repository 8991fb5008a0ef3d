"""Reports and reviews: the index and a page per report with its document."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from pages.blocks import BodyStreamBlock
from pages.models.base import BasePage


class ReportsIndexPage(BasePage):
    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    template = "pages/reports/reports_index_page.html"
    parent_page_types = ["pages.HomePage", "pages.SectionIndexPage"]
    subpage_types = ["pages.ReportPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("reports index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["reports"] = (
            ReportPage.objects.child_of(self).live().public()
            .select_related("document").order_by("-period_end", "-pk")
        )
        return context


class ReportPage(BasePage):
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("document"),
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
        FieldPanel("introduction"),
        FieldPanel("document", help_text=_("Its format, size and language are read from the file.")),
        FieldPanel("body"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    template = "pages/reports/report_page.html"
    parent_page_types = ["pages.ReportsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("report")

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_start > self.period_end:
            raise ValidationError({"period_end": _("The period cannot end before it starts.")})
