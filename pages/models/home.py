"""The home page of each language: a hero, the body and the latest news."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from pages import i18n
from pages.blocks import BodyStreamBlock
from pages.models.base import BasePage
from pages.models.news import NewsArticlePage, NewsIndexPage


class HomePage(BasePage):
    hero_title = models.CharField(_("hero title"), max_length=200, blank=True)
    hero_text = models.TextField(_("hero text"), blank=True)
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("hero_text"), index.SearchField("body")]

    template = "pages/home/home_page.html"
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "pages.ContentPage",
        "pages.SectionIndexPage",
        "pages.NewsIndexPage",
        "pages.ReportsIndexPage",
        "pages.StatisticsPage",
        "pages.OfficesPage",
        "pages.ServiceDirectoryPage",
        "referral_form.ReferralFormPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = latest = self.latest_news()
        if latest:
            # The news index the latest news comes from: linked, and its feed announced in the head.
            context["news_index"] = (
                NewsIndexPage.objects.live().public().filter(locale_id=latest[0].locale_id).first()
            )
        return context

    def latest_news(self, count: int = 3):
        """The newest articles in this page's language, or in the first fallback language that has any."""
        articles = NewsArticlePage.objects.live().public().select_related("locale").order_by("-date", "-pk")
        for code in i18n.fallback_order(self.locale.language_code):
            found = list(articles.filter(locale__language_code=code)[:count])
            if found:
                return found
        return []
