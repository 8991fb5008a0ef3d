"""The statistics page: figures as structured rows, drawn as charts, shown as tables, offered as CSV."""

import csv

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpResponse
from django.utils import formats, timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from pages import charts
from pages.blocks import BodyStreamBlock
from pages.forms import StatisticsPageForm
from pages.models.base import BasePage
from pages.vocabulary import ExploitationKind


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

    template = "pages/statistics/statistics_page.html"
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
