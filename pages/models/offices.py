"""The offices page: the assistance system's offices as blocks."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from pages.blocks import BodyStreamBlock, OfficeBlock
from pages.models.base import BasePage


class OfficesPage(BasePage):
    offices = StreamField(
        [("office", OfficeBlock())], blank=True, verbose_name=_("offices")
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("offices"),
        FieldPanel("body"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("offices"), index.SearchField("body")]

    template = "pages/offices/offices_page.html"
    parent_page_types = ["pages.HomePage", "pages.SectionIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("offices page")
