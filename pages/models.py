"""Page types of the public site, the site-wide contact settings and the contact-person snippet.

Pages are translated with Wagtail's own i18n (one tree per locale) and wagtail-localize.
Short shared data that is not a page (settings, snippets) is translated with
django-modeltranslation, registered in ``translation.py``.
"""

import csv

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpResponse
from django.utils import formats, timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header, urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from pages import charts, i18n
from pages.blocks import BodyStreamBlock, OfficeBlock
from pages.directory import (  # noqa: F401 - the service directory's models, defined next to their form
    Service,
    ServiceFilterForm,
    ServiceRegion,
    ServiceTargetGroup,
    services_for_listing,
)
from pages.forms import StatisticsPageForm

NEWS_PER_PAGE = 10


def tel_uri(number: str) -> str:
    """A `tel:` link target from a phone number as people write it (+358 2954 63177)."""
    return "tel:" + "".join(ch for ch in number if ch.isdigit() or ch == "+")


class BasePage(Page):
    """What every public page shares: a lead paragraph and the language context."""

    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("A short lead paragraph shown under the title.")
    )
    social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("sharing image"),
        help_text=_("Shown when the page is shared on social media; at least 1200 × 630 pixels. "
                    "Without one, the site's own image is used."),
    )

    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    promote_panels = [*Page.promote_panels, FieldPanel("social_image")]

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        content_language = self.locale.language_code
        interface_language = translation.get_language()
        context.update(
            content_language=content_language,
            content_direction=i18n.text_direction(content_language),
            is_fallback=content_language != interface_language,
            content_language_name=i18n.name_in_sentence(content_language),
        )
        return context

    def get_view_restrictions(self):
        # The serve view puts the restrictions here from the cache (pages/cache.py); elsewhere, Wagtail's query.
        if hasattr(self, "_cached_view_restrictions"):
            return self._cached_view_restrictions
        return super().get_view_restrictions()

    def serve_preview(self, request, mode_name):
        # An editor previews a page in its own language, whatever the admin's language is.
        language = self.locale.language_code
        with translation.override(language), i18n.interface_language(language):
            response = super().serve_preview(request, mode_name)
            if hasattr(response, "render"):
                response.render()
        return response


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

    template = "pages/home_page.html"
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


class ContentPage(BasePage):
    """A guidance page: rich text, notices, helpline, FAQ, services, images and documents."""

    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    template = "pages/content_page.html"
    parent_page_types = ["pages.HomePage", "pages.SectionIndexPage", "pages.ContentPage"]
    subpage_types = ["pages.ContentPage"]

    class Meta:
        verbose_name = _("guidance page")


class SectionIndexPage(BasePage):
    """Introduces a section and lists the pages in it."""

    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    template = "pages/section_index_page.html"
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


class NewsIndexPage(RoutablePageMixin, BasePage):
    """News and press releases, newest first, filtered by type and year, with an Atom feed."""

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    template = "pages/news_index_page.html"
    parent_page_types = ["pages.HomePage", "pages.SectionIndexPage"]
    subpage_types = ["pages.NewsArticlePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index page")

    def articles(self):
        return NewsArticlePage.objects.child_of(self).live().public().order_by("-date", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from pages import cache  # pages.cache imports this module

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
        from pages.feeds import NewsFeed

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

    template = "pages/news_article_page.html"
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


class ReportsIndexPage(BasePage):
    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    template = "pages/reports_index_page.html"
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

    template = "pages/report_page.html"
    parent_page_types = ["pages.ReportsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("report")

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_start > self.period_end:
            raise ValidationError({"period_end": _("The period cannot end before it starts.")})



class StatisticsPeriod(models.TextChoices):
    YEAR = "year", _("Whole year")
    FIRST_HALF = "h1", _("January–June")


# The assistance system began its work in 2006: no figures can be older.
FIRST_STATISTICS_YEAR = 2006


def period_sort_key(year: int, period: str) -> tuple[int, int]:
    """Chronological order: a year's January–June comes before the whole year."""
    order = [StatisticsPeriod.FIRST_HALF, StatisticsPeriod.YEAR]
    return year, order.index(period) if period in order else len(order)


def period_label(year: int, period: str) -> str:
    """A period as a label: "2017" for a whole year, "2017 (January–June)" for a part of one."""
    if period == StatisticsPeriod.YEAR:
        return str(year)
    return f"{year} ({StatisticsPeriod(period).label})"


class ExploitationKind(models.TextChoices):
    LABOUR = "labour", _("Labour exploitation")
    SEXUAL = "sexual", _("Sexual exploitation")
    FORCED_MARRIAGE = "forced_marriage", _("Forced marriage")
    FORCED_BEGGING = "forced_begging", _("Forced begging")
    FORCED_CRIMINALITY = "forced_criminality", _("Forced criminality")
    OTHER = "other", _("Other forms of exploitation")


# The figures of a period drawn as charts, in this order: (field, unit).
FIGURE_CHARTS = [
    ("clients_total", charts.Unit.COUNT),
    ("proposed", charts.Unit.COUNT),
    ("new_clients", charts.Unit.COUNT),
    ("minors", charts.Unit.COUNT),
    ("asylum_seeker_percent", charts.Unit.PERCENT),
    ("exploited_in_finland_percent", charts.Unit.PERCENT),
]


class StatisticsPage(RoutablePageMixin, BasePage):
    """Figures entered as structured data, drawn as charts, shown as tables and offered as CSV."""

    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        InlinePanel("figures", heading=_("Figures"), label=_("period")),
        InlinePanel(
            "exploitation_figures",
            heading=_("New clients by form of exploitation"),
            label=_("form of exploitation"),
            help_text=_("Enter only published numbers. A period without rows here gets no chart."),
        ),
        FieldPanel("body"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    base_form_class = StatisticsPageForm

    template = "pages/statistics_page.html"
    parent_page_types = ["pages.HomePage", "pages.SectionIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("statistics page")

    def serve_preview(self, request, mode_name):
        # RoutablePageMixin's own preview would skip BasePage's, which previews in the page's language.
        return BasePage.serve_preview(self, request, mode_name)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        figures = sorted(self.figures.all(), key=lambda row: period_sort_key(row.year, row.period))
        exploitation = list(self.exploitation_figures.all())
        direction = "rtl" if translation.get_language_bidi() else "ltr"
        page_url = self.get_url(request)  # None in the preview of a page not yet created
        context.update(
            figures=figures,
            charts=[*self.figure_charts(figures, direction), *self.exploitation_charts(exploitation, direction)],
            exploitation_table=self.exploitation_table(exploitation),
            # Wagtail resolves sub-page routes with a trailing slash; the file is linked without one
            # (the site's URL pattern lets a last path segment with a file extension through).
            figures_csv_url=page_url and page_url + self.reverse_subpage("figures_csv").removesuffix("/"),
        )
        return context

    @staticmethod
    def figure_charts(figures: list, direction: str) -> list[dict]:
        """A chart for each figure published for at least one period, with a bar for every period."""
        found = []
        for field_name, unit in FIGURE_CHARTS:
            if all(getattr(row, field_name) is None for row in figures):
                continue
            field = StatisticsFigures._meta.get_field(field_name)
            title = str(capfirst(field.verbose_name))
            chart_id = "chart-" + field_name.replace("_", "-")
            bars = [charts.Bar(period_label(row.year, row.period), getattr(row, field_name)) for row in figures]
            svg = charts.bar_chart(
                chart_id=chart_id, title=title, bars=bars, description=str(field.help_text), unit=unit,
                direction=direction,
            )
            found.append({"id": chart_id, "title": title, "svg": svg})
        return found

    @staticmethod
    def exploitation_charts(rows: list, direction: str) -> list[dict]:
        """One chart per period that has numbers by form of exploitation; forms without a number are left out."""
        periods = sorted({(row.year, row.period) for row in rows}, key=lambda key: period_sort_key(*key))
        counts = {(row.year, row.period, row.kind): row.new_clients for row in rows}
        found = []
        for year, period in periods:
            title = _("New clients by form of exploitation, %(period)s") % {"period": period_label(year, period)}
            chart_id = f"chart-exploitation-{year}-{period}"
            bars = [
                charts.Bar(kind.label, counts[(year, period, kind.value)])
                for kind in ExploitationKind
                if (year, period, kind.value) in counts
            ]
            svg = charts.bar_chart(chart_id=chart_id, title=title, bars=bars, direction=direction)
            found.append({"id": chart_id, "title": title, "svg": svg})
        return found

    @staticmethod
    def exploitation_table(rows: list) -> dict | None:
        """The numbers by form of exploitation as a table: a column per period, a row per form."""
        if not rows:
            return None
        periods = sorted({(row.year, row.period) for row in rows}, key=lambda key: period_sort_key(*key))
        counts = {(row.year, row.period, row.kind): row.new_clients for row in rows}
        kinds = [kind for kind in ExploitationKind if any(row.kind == kind.value for row in rows)]
        return {
            "periods": [period_label(*key) for key in periods],
            "rows": [(kind.label, [counts.get((*key, kind.value)) for key in periods]) for kind in kinds],
        }

    def figures_csv_rows(self) -> list[list]:
        """Every period's figures and its numbers by form of exploitation, a header row first.

        Unpublished figures are empty cells."""
        figures = {(row.year, row.period): row for row in self.figures.all()}
        counts = {(row.year, row.period, row.kind): row.new_clients for row in self.exploitation_figures.all()}
        periods = sorted(set(figures) | {key[:2] for key in counts}, key=lambda key: period_sort_key(*key))
        field_names = [field_name for field_name, _unit in FIGURE_CHARTS]
        header = [
            capfirst(StatisticsFigures._meta.get_field(name).verbose_name)
            for name in ("year", "period", *field_names)
        ]
        header += [_("New clients: %(form)s") % {"form": kind.label} for kind in ExploitationKind]
        lines = [header]
        for year, period in periods:
            row = figures.get((year, period))
            values = [getattr(row, name) if row else None for name in field_names]
            values += [counts.get((year, period, kind.value)) for kind in ExploitationKind]
            lines.append([year, StatisticsPeriod(period).label, *("" if value is None else value for value in values)])
        return lines

    @path("figures.csv/", name="figures_csv")
    def figures_csv(self, request):
        """The figures as a CSV file for spreadsheets, headed in the visitor's language."""
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = content_disposition_header(True, f"{self.slug}.csv")
        patch_cache_control(response, public=True, max_age=3600)
        # A byte-order mark makes Excel read the file as UTF-8 (ä, ö, å, Arabic...). Excel splits
        # columns by the list separator of its region: ";" where the decimal separator is a comma.
        response.write("\ufeff")
        delimiter = ";" if formats.get_format("DECIMAL_SEPARATOR") == "," else ","
        csv.writer(response, delimiter=delimiter).writerows(self.figures_csv_rows())
        return response


class StatisticsRow(Orderable):
    """What the rows of a statistics page share: the year and the part of it they cover."""

    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[
            MinValueValidator(
                FIRST_STATISTICS_YEAR,
                message=_("The assistance system began its work in %(limit_value)s: enter that year or a later one."),
            )
        ],
    )
    period = models.CharField(
        _("period"), max_length=4, choices=StatisticsPeriod.choices, default=StatisticsPeriod.YEAR
    )

    class Meta(Orderable.Meta):
        abstract = True

    def clean(self):
        super().clean()
        if self.year is not None and self.year > timezone.localdate().year:
            raise ValidationError({"year": _("Figures cannot be entered for a year that has not begun.")})


PERCENTAGE_VALIDATORS = [MaxValueValidator(100, message=_("A percentage cannot be more than 100."))]


class StatisticsFigures(StatisticsRow):
    """The assistance system's figures for one year or half-year. Unknown figures stay empty."""

    page = ParentalKey(StatisticsPage, on_delete=models.CASCADE, related_name="figures")
    clients_total = models.PositiveIntegerField(
        _("people in the system at the end of the period"), null=True, blank=True,
        help_text=_("Including clients' minor children."),
    )
    proposed = models.PositiveIntegerField(_("people proposed as clients"), null=True, blank=True)
    new_clients = models.PositiveIntegerField(_("new clients"), null=True, blank=True)
    minors = models.PositiveIntegerField(_("clients who entered as minors"), null=True, blank=True)
    asylum_seeker_percent = models.PositiveSmallIntegerField(
        _("new clients who came as asylum seekers (%)"), null=True, blank=True, validators=PERCENTAGE_VALIDATORS
    )
    exploited_in_finland_percent = models.PositiveSmallIntegerField(
        _("new clients exploited in Finland (%)"), null=True, blank=True, validators=PERCENTAGE_VALIDATORS
    )

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("period")]),
        FieldRowPanel([FieldPanel("clients_total"), FieldPanel("proposed"), FieldPanel("new_clients")]),
        FieldRowPanel(
            [FieldPanel("minors"), FieldPanel("asylum_seeker_percent"),
             FieldPanel("exploited_in_finland_percent")]
        ),
    ]

    class Meta(StatisticsRow.Meta):
        verbose_name = _("figures for a period")
        constraints = [
            models.UniqueConstraint(fields=["page", "year", "period"], name="unique_statistics_period"),
        ]

    def clean(self):
        super().clean()
        if all(getattr(self, field_name) is None for field_name, _unit in FIGURE_CHARTS):
            raise ValidationError(_("Enter at least one figure for this period, or delete the row."))


class StatisticsExploitationFigure(StatisticsRow):
    """How many of a period's new clients had been exploited in one form (one person may count in several)."""

    page = ParentalKey(StatisticsPage, on_delete=models.CASCADE, related_name="exploitation_figures")
    kind = models.CharField(_("form of exploitation"), max_length=20, choices=ExploitationKind.choices)
    new_clients = models.PositiveIntegerField(
        _("new clients"), help_text=_("New clients of the period who had been exploited in this form.")
    )

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("period")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("new_clients")]),
    ]

    class Meta(StatisticsRow.Meta):
        verbose_name = _("new clients by form of exploitation")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "year", "period", "kind"], name="unique_statistics_exploitation"
            ),
        ]


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

    template = "pages/offices_page.html"
    parent_page_types = ["pages.HomePage", "pages.SectionIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("offices page")


class ContentGeneration(models.Model):
    """One row whose number goes up whenever anything visible on public pages changes (pages/cache.py).

    Cached pages and cached menus are keyed by it, so a change published in one gunicorn process (or on
    one machine) retires what every process cached, whatever the cache backend.
    """

    value = models.PositiveBigIntegerField(default=1)

    class Meta:
        verbose_name = _("content generation")

    def __str__(self):
        return str(self.value)

    @classmethod
    def current(cls) -> int:
        return cls.objects.filter(pk=1).values_list("value", flat=True).first() or 0

    @classmethod
    def advance(cls) -> None:
        if not cls.objects.filter(pk=1).update(value=models.F("value") + 1):
            cls.objects.get_or_create(pk=1)


class DocumentFacts(models.Model):
    """What a document's file is, read from the file whenever the document is saved (pages/documents.py)."""

    document = models.OneToOneField(
        "wagtaildocs.Document", on_delete=models.CASCADE, primary_key=True, related_name="facts"
    )
    file_name = models.CharField(max_length=255)  # the file these facts were read from
    format = models.CharField(max_length=10, blank=True)
    language = models.CharField(max_length=10, blank=True)

    class Meta:
        verbose_name = _("document facts")

    def __str__(self):
        return f"{self.format or '?'} {self.language}".strip()

    @classmethod
    def read(cls, document) -> "DocumentFacts":
        """Read the document's file and store what it is."""
        from pages.documents import inspect

        extension = document.file.name.rsplit(".", 1)[-1] if "." in document.file.name else ""
        try:
            with document.open_file() as file:
                found = inspect(file, extension)
        except OSError:
            found = None
        facts, _created = cls.objects.update_or_create(
            document=document,
            defaults={"file_name": document.file.name, "format": found.format if found else "",
                      "language": found.language if found else ""},
        )
        return facts

    @classmethod
    def of(cls, document) -> "DocumentFacts":
        """The stored facts (select_related("facts") avoids a query), read now if missing or stale."""
        try:
            facts = document.facts
        except cls.DoesNotExist:
            facts = None
        if facts is None or facts.file_name != document.file.name:
            facts = cls.read(document)
            document.facts = facts
        return facts


class ServiceDirectoryPage(BasePage):
    """Other help in Finland: the services of the directory, filtered by region and target group."""

    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    template = "pages/service_directory_page.html"
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


@register_snippet
class ContactPerson(models.Model):
    """A person the media or partners may contact; job title and organisation are translated."""

    name = models.CharField(_("name"), max_length=200)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [FieldPanel(f"job_title_{code}") for code in settings.MODELTRANSLATION_LANGUAGES],
            heading=_("Job title"),
        ),
        MultiFieldPanel(
            [FieldPanel(f"organisation_{code}") for code in settings.MODELTRANSLATION_LANGUAGES],
            heading=_("Organisation"),
        ),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
    ]

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def phone_uri(self) -> str:
        return tel_uri(self.phone)


TRANSLATED_SETTINGS_FIELDS = ("helpline_phone", "contact_email", "emergency_number", "quick_exit_url")


def _settings_tabs():
    tabs = [
        ObjectList(
            [
                FieldPanel("report_page"),
                FieldPanel("safety_page"),
                FieldPanel("services_page"),
                FieldPanel("accessibility_page"),
                FieldPanel("privacy_page"),
            ],
            heading=_("Links on every page"),
        )
    ]
    for code, name in settings.LANGUAGES:
        tabs.append(
            ObjectList(
                [FieldPanel(f"{field}_{code}") for field in TRANSLATED_SETTINGS_FIELDS],
                heading=name,
            )
        )
    return TabbedInterface(tabs)


@register_setting(icon="site")
class SiteContactSettings(BaseGenericSetting):
    """Contact details shown on every page; each may differ per language (Finnish is required)."""

    helpline_phone = models.CharField(
        _("24/7 helpline number"), max_length=40, default="+358 2954 63177"
    )
    contact_email = models.EmailField(
        _("contact e-mail"), default="ihmiskauppa.auttamisjarjestelma@migri.fi"
    )
    emergency_number = models.CharField(_("emergency number"), max_length=10, default="112")
    quick_exit_url = models.URLField(
        _("quick-exit address"),
        default="https://www.google.com/",
        help_text=_("The neutral site that the 'Leave this site' control opens."),
    )

    report_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("report page"),
        help_text=_("The referral form, linked from the top of every page in the visitor's language."),
    )
    safety_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("safe browsing page"),
        help_text=_("The page that explains how to browse safely, linked next to 'Leave this site'."),
    )
    services_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("service directory page"),
        help_text=_("The directory of other help in Finland, linked at the end of every guidance page."),
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("accessibility statement"),
        help_text=_("The accessibility statement, linked from the footer of every page in the visitor's language."),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("privacy notice"),
        help_text=_("The privacy notice, linked from the footer of every page and from the referral form."),
    )

    edit_handler = _settings_tabs()

    class Meta:
        verbose_name = _("contact details")

    @property
    def helpline_uri(self) -> str:
        return tel_uri(self.helpline_phone)

    @property
    def emergency_uri(self) -> str:
        return tel_uri(self.emergency_number)
