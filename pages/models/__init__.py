"""The models of `pages/`, one module per feature; this package only gathers them for Django.

Each module imports only from the modules below it (`base.py` first) and never from this package,
so there is no import circle: see `pages/README.md` for the rooms and `tests/test_import_rules.py`.
"""

from pages.models.base import BasePage, tel_uri
from pages.models.contacts import ContactPerson
from pages.models.content import ContentPage, SectionIndexPage
from pages.models.directory import ServiceDirectoryPage
from pages.models.documents import DocumentFacts
from pages.models.generation import ContentGeneration
from pages.models.home import HomePage
from pages.models.news import NEWS_PER_PAGE, NewsArticleContact, NewsArticlePage, NewsIndexPage, NewsType
from pages.models.offices import OfficesPage
from pages.models.reports import ReportPage, ReportsIndexPage
from pages.models.services import Service, ServiceRegion, ServiceTargetGroup, TargetGroup
from pages.models.settings import TRANSLATED_SETTINGS_FIELDS, SiteContactSettings
from pages.models.statistics import (
    FIGURE_CHARTS,
    FIRST_STATISTICS_YEAR,
    StatisticsExploitationFigure,
    StatisticsFigures,
    StatisticsPage,
    StatisticsPeriod,
    period_label,
    period_sort_key,
)
from pages.vocabulary import ExploitationKind, Region

__all__ = [
    "BasePage", "tel_uri", "ContactPerson", "ContentPage", "SectionIndexPage", "ServiceDirectoryPage",
    "DocumentFacts", "ContentGeneration", "HomePage", "NEWS_PER_PAGE", "NewsArticleContact",
    "NewsArticlePage", "NewsIndexPage", "NewsType", "OfficesPage", "ReportPage", "ReportsIndexPage",
    "Service", "ServiceRegion", "ServiceTargetGroup", "TargetGroup", "TRANSLATED_SETTINGS_FIELDS",
    "SiteContactSettings", "FIGURE_CHARTS", "FIRST_STATISTICS_YEAR", "StatisticsExploitationFigure",
    "StatisticsFigures", "StatisticsPage", "StatisticsPeriod", "period_label", "period_sort_key",
    "ExploitationKind", "Region",
]
