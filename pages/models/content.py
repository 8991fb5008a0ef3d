"""Guidance pages and the section pages that list them."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from pages.blocks import BodyStreamBlock
from pages.models.base import BasePage


class ContentPage(BasePage):
    """A guidance page: rich text, notices, helpline, FAQ, services, images and documents."""

    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    template = "pages/content/content_page.html"
    parent_page_types = ["pages.HomePage", "pages.SectionIndexPage", "pages.ContentPage"]
    subpage_types = ["pages.ContentPage"]

    class Meta:
        verbose_name = _("guidance page")


class SectionIndexPage(BasePage):
    """Introduces a section and lists the pages in it."""

    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    template = "pages/content/section_index_page.html"
    parent_page_types = ["pages.HomePage", "pages.SectionIndexPage"]
    subpage_types = [
        "pages.ContentPage",
        "pages.SectionIndexPage",
        "pages.NewsIndexPage",
        "pages.OfficesPage",
        "pages.StatisticsPage",
        "pages.ReportsIndexPage",
        "pages.ServiceDirectoryPage",
        "referral_form.ReferralFormPage",
    ]

    class Meta:
        verbose_name = _("section index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["section_pages"] = self.get_children().live().public().order_by("path")
        return context
