"""The service directory's page: other help in Finland, filtered by region and target group."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from pages.blocks import BodyStreamBlock
from pages.directory import ServiceFilterForm, services_for_listing
from pages.models.base import BasePage
from pages.models.services import Service


class ServiceDirectoryPage(BasePage):
    """Other help in Finland: the services of the directory, filtered by region and target group."""

    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    template = "pages/directory/service_directory_page.html"
    parent_page_types = ["pages.HomePage", "pages.SectionIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("service directory page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        wanted = {name: request.GET[name] for name in ServiceFilterForm.base_fields if name in request.GET}
        form = ServiceFilterForm(wanted or None)
        services = list(services_for_listing(form.filtered(Service.objects.all())))
        form.describe_errors()
        context.update(filter_form=form, services=services, is_filtering=form.is_filtering)
        return context
