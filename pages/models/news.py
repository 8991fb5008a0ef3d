"""News and press releases: the index (filters, pages, Atom feed) and the articles."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from pages import cache
from pages.blocks import BodyStreamBlock
from pages.feeds import NewsFeed
from pages.models.base import BasePage

NEWS_PER_PAGE = 10


class NewsIndexPage(RoutablePageMixin, BasePage):
    """News and press releases, newest first, filtered by type and year, with an Atom feed."""

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    template = "pages/news/news_index_page.html"
    parent_page_types = ["pages.HomePage", "pages.SectionIndexPage"]
    subpage_types = ["pages.NewsArticlePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index page")

    def articles(self):
        return NewsArticlePage.objects.child_of(self).live().public().order_by("-date", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = self.articles()
        years = cache.remember(
            request, "news-years", (self.pk,),
            lambda: [day.year for day in articles.dates("date", "year", order="DESC")],
        )
        # Unknown filter values are ignored rather than refused: a shared link never breaks.
        news_type = request.GET.get("type", "")
        if news_type in NewsType.values:
            articles = articles.filter(news_type=news_type)
        else:
            news_type = ""
        year = request.GET.get("year", "")
        if year.isdigit() and int(year) in years:
            articles = articles.filter(date__year=int(year))
        else:
            year = ""
        paginator = Paginator(articles, NEWS_PER_PAGE)
        try:
            page_of_articles = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page_of_articles = paginator.page(1)
        except EmptyPage:
            page_of_articles = paginator.page(paginator.num_pages)
        filters = {key: value for key, value in (("type", news_type), ("year", year)) if value}
        context.update(
            articles=page_of_articles,
            news_types=NewsType.choices,
            years=years,
            selected_type=news_type,
            selected_year=year,
            filter_query=urlencode(filters),
        )
        return context

    @path("feed/", name="feed")
    def feed(self, request):
        return NewsFeed()(request, index=self)


class NewsType(models.TextChoices):
    NEWS = "news", _("News")
    PRESS_RELEASE = "press_release", _("Press release")


class NewsArticlePage(BasePage):
    date = models.DateField(_("date"))
    news_type = models.CharField(
        _("type"), max_length=20, choices=NewsType.choices, default=NewsType.NEWS
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("news_type")]),
        FieldPanel("introduction"),
        FieldPanel("body"),
        InlinePanel("contacts", heading=_("Contact persons"), label=_("contact person")),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body"), index.FilterField("date")]

    template = "pages/news/news_article_page.html"
    parent_page_types = ["pages.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news article")
        # Listings, the feed and the home page read the newest first: an index in that order.
        indexes = [models.Index(fields=["date", "page_ptr"], name="news_article_date_idx")]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["contact_persons"] = [
            link.contact_person for link in self.contacts.select_related("contact_person")
        ]
        return context


class NewsArticleContact(Orderable):
    page = ParentalKey(NewsArticlePage, on_delete=models.CASCADE, related_name="contacts")
    contact_person = models.ForeignKey(
        "pages.ContactPerson", on_delete=models.CASCADE, related_name="+", verbose_name=_("contact person")
    )

    panels = [FieldPanel("contact_person")]
