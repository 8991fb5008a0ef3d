"""Loads the demo content: one page tree per language from `content/<code>.json`.

Runs once. When a home page already exists the loader changes nothing, so running it again
neither duplicates pages nor overwrites what editors have changed. Everything is written in one
transaction: a failure leaves the database as it was.
"""

import datetime
import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page, Site

from pages.models import (
    ContactPerson,
    ContentPage,
    HomePage,
    NewsArticleContact,
    NewsArticlePage,
    NewsIndexPage,
    OfficesPage,
    ReportPage,
    ReportsIndexPage,
    SectionIndexPage,
    Service,
    ServiceDirectoryPage,
    SiteContactSettings,
    StatisticsFigures,
    StatisticsPage,
)
from referral_form.models import ReferralFormPage
from website.demo.pdf import simple_pdf
from website.demo.services import SERVICES

CONTENT_DIR = Path(__file__).resolve().parent / "content"


@dataclass(frozen=True)
class PageSpec:
    key: str
    model: type
    parent: str | None
    in_menu: bool = True


NEWS_KEYS = [
    "news-2016-action-plan",
    "news-2017-200-clients",
    "news-2017-ihme-project",
    "news-2018-record-clients",
    "news-2021-ikut",
    "news-2021-15-years",
]

# The tree, parents before children; the order of siblings is the menu order.
TREE = [
    PageSpec("home", HomePage, None),
    PageSpec("victim", ContentPage, "home"),
    PageSpec("help", ContentPage, "home"),
    PageSpec("admission", ContentPage, "home"),
    PageSpec("professionals", ContentPage, "home"),
    PageSpec("news", NewsIndexPage, "home"),
    *[PageSpec(key, NewsArticlePage, "news", in_menu=False) for key in NEWS_KEYS],
    PageSpec("reports", ReportsIndexPage, "home"),
    PageSpec("report-2016-h1", ReportPage, "reports", in_menu=False),
    PageSpec("report-2017-h1", ReportPage, "reports", in_menu=False),
    PageSpec("statistics", StatisticsPage, "home"),
    PageSpec("report", ReferralFormPage, "home"),
    PageSpec("about", SectionIndexPage, "home"),
    PageSpec("offices", OfficesPage, "about"),
    PageSpec("safety", ContentPage, "home", in_menu=False),
    PageSpec("services", ServiceDirectoryPage, "home", in_menu=False),
    PageSpec("accessibility", ContentPage, "home", in_menu=False),
    PageSpec("privacy", ContentPage, "home", in_menu=False),
]
SPECS = {spec.key: spec for spec in TREE}

CONTACT_PERSONS = {
    "kahkonen": {
        "name": "Jari Kähkönen",
        "phone": "+358 295 430 431",
        "email": "jari.kahkonen@migri.fi",
        "job_title": {"fi": "johtaja", "sv": "direktör", "en": "Director"},
        "organisation": {
            "fi": "Joutsenon vastaanottokeskus",
            "sv": "Joutseno förläggning",
            "en": "Joutseno Reception Centre",
        },
    },
    "lyijynen": {
        "name": "Katri Lyijynen",
        "phone": "+358 295 430 431",
        "email": "katri.lyijynen@migri.fi",
        "job_title": {"fi": "erityisasiantuntija", "sv": "specialsakkunnig", "en": "Senior Advisor"},
        "organisation": {
            "fi": "Ihmiskaupan uhrien auttamisjärjestelmä",
            "sv": "Hjälpsystemet för offer för människohandel",
            "en": "Assistance System for Victims of Human Trafficking",
        },
    },
    "tafari": {
        "name": "Terhi Tafari",
        "phone": "+358 295 430 431",
        "email": "terhi.tafari@migri.fi",
        "job_title": {"fi": "erityisasiantuntija", "sv": "specialsakkunnig", "en": "Senior Advisor"},
        "organisation": {
            "fi": "Ihmiskaupan uhrien auttamisjärjestelmä",
            "sv": "Hjälpsystemet för offer för människohandel",
            "en": "Assistance System for Victims of Human Trafficking",
        },
    },
}

# Language-independent figures from the published reviews (see shared/FACTS.md).
STATISTICS = [
    {"year": 2016, "period": "year", "clients_total": 233},
    {"year": 2017, "period": "h1", "clients_total": 270, "proposed": 89, "new_clients": 55, "minors": 6},
    {
        "year": 2017,
        "period": "year",
        "clients_total": 322,
        "minors": 34,
        "asylum_seeker_percent": 70,
        "exploited_in_finland_percent": 37,
    },
]

REPORT_DOCUMENTS = {
    "report-2016-h1": (
        "Ihmiskaupan uhrien auttamisjärjestelmän katsaus 1.1.–30.6.2016",
        ["Demosivuston esimerkkiasiakirja.", "Katsaus kattaa ajan 1.1.–30.6.2016."],
    ),
    "report-2017-h1": (
        "Ihmiskaupan uhrien auttamisjärjestelmän katsaus 1.1.–30.6.2017",
        [
            "Demosivuston esimerkkiasiakirja.",
            "Asiakkaiksi ehdotettiin 89 henkilöä; uusia asiakkaita hyväksyttiin 55.",
        ],
    ),
}

PAGE_LINK = re.compile(r'<a linktype="page" key="([\w-]+)"')


def read_content(language_code: str) -> dict:
    path = CONTENT_DIR / f"{language_code}.json"
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))["pages"]


@functools.cache
def _cached_content(language_code: str) -> dict:
    return read_content(language_code)


def demo_url_path(key: str, language_code: str) -> str | None:
    """The URL path of a demo page in a language (its Wagtail url_path), or None if that language lacks it."""
    slugs = []
    spec = SPECS[key]
    while spec.parent is not None:
        if spec.key not in _cached_content(language_code):
            return None
        slugs.append(_cached_content(language_code)[spec.key]["slug"])
        spec = SPECS[spec.parent]
    return "/" + "/".join([language_code, *reversed(slugs)]) + "/"


def demo_visitor_path(key: str, language_code: str) -> str:
    """The path a visitor in that language reaches a demo page by: its translation, or else the
    English page served inside their interface (the locale fallback)."""
    return demo_url_path(key, language_code) or f"/{language_code}/" + demo_url_path(key, "en").split("/", 2)[2]


def demo_content_present() -> bool:
    return HomePage.objects.exists()


class DemoLoader:
    def __init__(self, stdout=None):
        self.stdout = stdout
        self.pages: dict[tuple[str, str], Page] = {}  # (language, key) -> page
        self.documents = {}
        self.contacts = {}

    def log(self, message: str) -> None:
        if self.stdout is not None:
            self.stdout.write(message)

    @transaction.atomic
    def load(self) -> bool:
        if demo_content_present():
            self.log("Demo content is already loaded; nothing was changed.")
            return False
        languages = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
        locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in languages}
        self.load_settings()
        self.load_contacts()
        self.load_services()
        self.load_documents()
        content = {code: read_content(code) for code in languages}
        default = settings.LANGUAGE_CODE
        for code in [default, *[c for c in languages if c != default]]:
            self.build_tree(code, locales[code], content[code], content[default])
        # Bodies last: internal links need every page of every language to exist.
        for code in languages:
            for spec in TREE:
                if (code, spec.key) in self.pages and spec.key in content[code]:
                    self.fill_and_publish(code, spec, content[code][spec.key])
        self.point_site_at(self.pages[(default, "home")])
        self.link_settings_pages(default)
        self.log(f"Loaded {len(self.pages)} pages in {len(languages)} languages.")
        return True

    # -- shared data -------------------------------------------------------------------------

    def load_settings(self) -> None:
        contact = SiteContactSettings.load()
        for code in ("fi", "sv", "en"):
            for field in ("helpline_phone", "contact_email", "emergency_number", "quick_exit_url"):
                if not getattr(contact, f"{field}_{code}"):
                    default = SiteContactSettings._meta.get_field(field).default
                    setattr(contact, f"{field}_{code}", default)
        contact.save()

    def load_contacts(self) -> None:
        for key, data in CONTACT_PERSONS.items():
            person, _created = ContactPerson.objects.get_or_create(
                name=data["name"], defaults={"phone": data["phone"], "email": data["email"]}
            )
            for code, value in data["job_title"].items():
                setattr(person, f"job_title_{code}", value)
            for code, value in data["organisation"].items():
                setattr(person, f"organisation_{code}", value)
            person.save()
            self.contacts[key] = person

    def load_services(self) -> None:
        """The service directory's demo entries; translations the data lacks fall back to English."""
        for order, data in enumerate(SERVICES):
            service, created = Service.objects.get_or_create(
                name_fi=data["name"]["fi"],
                defaults={
                    field: data[field] for field in ("phone", "email", "website", "details_checked")
                } | {"description_fi": data["description"]["fi"], "sort_order": order},
            )
            if not created:
                continue
            for field in ("name", "description"):
                for code, value in data[field].items():
                    setattr(service, f"{field}_{code}", value)
            service.save()
            service.target_groups.set(data["target_groups"])
            service.regions.set(data["regions"])

    def load_documents(self) -> None:
        document_model = get_document_model()
        for key, (title, lines) in REPORT_DOCUMENTS.items():
            document = document_model(title=title)
            document.file.save(f"{key}.pdf", ContentFile(simple_pdf(title, lines, language="fi")), save=False)
            document._set_document_file_metadata()  # size and hash, as the admin's upload form does
            document.save()
            self.documents[key] = document

    # -- pages -------------------------------------------------------------------------------

    def build_tree(self, code: str, locale: Locale, pages: dict, default_pages: dict) -> None:
        """Create every page this language has content for, as an empty draft in the right place."""
        for spec in TREE:
            if spec.key not in pages:
                continue
            data = pages[spec.key]
            source = self.pages.get((settings.LANGUAGE_CODE, spec.key))
            if spec.parent is None:
                parent = Page.get_first_root_node()
            else:
                parent = self.pages.get((code, spec.parent))
                if parent is None:
                    continue  # this language lacks the parent; the page falls back to English
            page = spec.model(
                title=data["title"],
                slug=code if spec.key == "home" else data["slug"],
                locale=locale,
                show_in_menus=spec.in_menu and spec.parent == "home",
                live=False,
                **self.required_fields(spec, data or default_pages.get(spec.key, {})),
            )
            if source is not None:
                page.translation_key = source.translation_key
            parent.add_child(instance=page)
            self.pages[(code, spec.key)] = page

    @staticmethod
    def required_fields(spec: PageSpec, data: dict) -> dict:
        if spec.model is NewsArticlePage:
            return {
                "date": datetime.date.fromisoformat(data["date"]),
                "news_type": data.get("news_type", "news"),
            }
        if spec.model is ReportPage:
            return {
                "period_start": datetime.date.fromisoformat(data["period_start"]),
                "period_end": datetime.date.fromisoformat(data["period_end"]),
            }
        return {}

    def fill_and_publish(self, code: str, spec: PageSpec, data: dict) -> None:
        page = self.pages[(code, spec.key)]
        page.seo_title = data.get("seo_title", "")
        page.search_description = data.get("search_description", "")
        page.introduction = data.get("introduction", "")
        if hasattr(page, "body"):
            body = [self.block(code, block) for block in data.get("body", [])]
            if spec.model is StatisticsPage and data.get("figure_notes"):
                notes = "".join(f"<li>{note}</li>" for note in data["figure_notes"].values())
                body.append({"type": "paragraph", "value": f"<ul>{notes}</ul>"})
            page.body = body
        if spec.model is ReferralFormPage:
            page.check_introduction = data.get("check_introduction", "")
        if spec.model is HomePage:
            page.hero_title = data.get("hero_title", "")
            page.hero_text = data.get("hero_text", "")
        if spec.model is NewsArticlePage:
            page.contacts = [
                NewsArticleContact(contact_person=self.contacts[key]) for key in data.get("contacts", [])
            ]
        if spec.model is ReportPage:
            page.document = self.documents.get(spec.key)
        if spec.model is StatisticsPage:
            page.figures = [StatisticsFigures(**row) for row in STATISTICS]
        if spec.model is OfficesPage:
            page.offices = [{"type": "office", "value": office} for office in data.get("offices", [])]
        page.save_revision().publish()

    def page_for(self, code: str, key: str) -> Page | None:
        """The page for `key` in this language, else in the fallback languages."""
        for candidate in dict.fromkeys([code, *settings.FALLBACK_LANGUAGES]):
            if (candidate, key) in self.pages:
                return self.pages[(candidate, key)]
        return None

    def rich_text(self, code: str, html: str) -> str:
        def replace(match: re.Match) -> str:
            page = self.page_for(code, match.group(1))
            if page is None:
                raise ValueError(f"Unknown page key in a link: {match.group(1)}")
            return f'<a linktype="page" id="{page.pk}"'

        return PAGE_LINK.sub(replace, html)

    def block(self, code: str, block: dict) -> dict:
        kind, value = block["type"], block["value"]
        if kind == "paragraph":
            value = self.rich_text(code, value)
        elif kind == "notice":
            value = {**value, "text": self.rich_text(code, value["text"])}
        elif kind == "accordion":
            items = [{**item, "answer": self.rich_text(code, item["answer"])} for item in value["items"]]
            value = {**value, "items": items}
        elif kind == "service_list":
            items = []
            for item in value["items"]:
                page = self.page_for(code, item["page"]) if item.get("page") else None
                items.append({**item, "page": page.pk if page else None})
            value = {**value, "items": items}
        elif kind == "document":
            value = {"document": self.documents[value["document"]].pk, "title": value.get("title", "")}
        return {"type": kind, "value": value}

    def link_settings_pages(self, code: str) -> None:
        contact = SiteContactSettings.load()
        contact.report_page = self.pages.get((code, "report"))
        contact.safety_page = self.pages.get((code, "safety"))
        contact.services_page = self.pages.get((code, "services"))
        contact.accessibility_page = self.pages.get((code, "accessibility"))
        contact.privacy_page = self.pages.get((code, "privacy"))
        contact.save()

    @staticmethod
    def point_site_at(home: Page) -> None:
        site = Site.objects.filter(is_default_site=True).first()
        old_root = site.root_page if site else None
        if site is None:
            site = Site(hostname="localhost", port=80, is_default_site=True, site_name=settings.WAGTAIL_SITE_NAME)
        site.root_page = home
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save()
        # Remove Wagtail's "Welcome" placeholder page, but only if it is untouched.
        if old_root is not None and old_root.pk != home.pk and type(old_root.specific) is Page:
            if not old_root.get_children().exists():
                old_root.delete()
