"""The service directory: filters by region and target group without JavaScript, translated entries,
a flat query count, valid and accessible HTML, the link from guidance pages and the editors' admin."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from pages.models import Region, Service, ServiceRegion, ServiceTargetGroup, SiteContactSettings, TargetGroup
from tests.checkers import ORIGIN, axe_violations, chromium_page, vnu_errors
from tests.pages.test_bad_input import WIDER_THAN_SCREEN
from tests.pages.test_queries import count_queries
from tests.utils import demo_page, demo_url_path, demo_visitor_path, soup

pytestmark = pytest.mark.django_db

REGIONS = [code for code in Region.values if code != Region.WHOLE_COUNTRY]


def add_service(name: str, regions: list[str], groups: list[str], **fields) -> Service:
    service = Service.objects.create(name_fi=name, description_fi=f"{name} auttaa.", **fields)
    service.regions.set(regions)
    service.target_groups.set(groups)
    return service


def directory(client, query: str = "", code: str = "fi"):
    response = client.get(demo_visitor_path("services", code) + query)
    assert response.status_code == 200
    return soup(response)


def listed(page) -> list[str]:
    return [title.get_text(strip=True) for title in page.select(".directory__list .card__title")]


def test_choice_rows_match_the_choices():
    assert list(ServiceRegion.objects.values_list("code", flat=True)) == Region.values
    assert list(ServiceTargetGroup.objects.values_list("code", flat=True)) == TargetGroup.values
    assert len(REGIONS) == 19 and "ahvenanmaa" in REGIONS


def test_without_filters_every_service_is_listed_in_order(client):
    page = directory(client)
    assert listed(page) == [service.name_fi for service in Service.objects.order_by("sort_order", "pk")]
    assert len(listed(page)) >= 4
    assert page.select_one(".directory__count").get_text(strip=True).startswith(str(Service.objects.count()))
    assert page.select_one(".directory__empty") is None
    assert not page.select(".field__error")


def test_whole_country_services_are_under_every_region(client):
    lapland_only = add_service("Lapin tukipalvelu", ["lappi"], ["crime_victims"])
    nationwide = ["Ihmiskaupan uhrien auttamisjärjestelmä", "Poliisi", "Rikosuhripäivystys (RIKU)"]
    for region in REGIONS:
        names = listed(directory(client, f"?region={region}"))
        assert set(nationwide) <= set(names), region
        assert (lapland_only.name_fi in names) == (region == "lappi"), region
        assert ("Pro-tukipiste" in names) == (region in ("uusimaa", "pirkanmaa", "varsinais-suomi")), region
        assert len(names) == len(set(names)), region


def test_a_service_in_the_whole_country_and_a_region_is_listed_once(client):
    add_service("Koko maan ja Lapin palvelu", ["finland", "lappi"], ["crime_victims", "close_ones"])
    names = listed(directory(client, "?region=lappi"))
    assert names.count("Koko maan ja Lapin palvelu") == 1
    names = listed(directory(client, "?region=lappi&group=crime_victims"))
    assert names.count("Koko maan ja Lapin palvelu") == 1


def test_filter_by_target_group(client):
    assert listed(directory(client, "?group=sex_trade")) == ["Pro-tukipiste"]
    assert listed(directory(client, "?group=professionals")) == ["Ihmiskaupan uhrien auttamisjärjestelmä"]
    assert set(listed(directory(client, "?group=crime_victims"))) == {"Poliisi", "Rikosuhripäivystys (RIKU)"}


def test_filter_by_region_and_group(client):
    assert listed(directory(client, "?region=uusimaa&group=sex_trade")) == ["Pro-tukipiste"]
    assert listed(directory(client, "?region=pirkanmaa&group=close_ones")) == [
        "Ihmiskaupan uhrien auttamisjärjestelmä", "Rikosuhripäivystys (RIKU)",
    ]
    page = directory(client, "?region=lappi&group=sex_trade")
    assert listed(page) == []
    assert page.select_one(".directory__empty")
    assert page.select_one(".directory__count").get_text(strip=True).startswith("0")
    assert page.select_one(".directory__clear a")["href"] == demo_url_path("services", "fi")
    # the chosen values stay selected
    assert page.select_one("#directory-region option[selected]")["value"] == "lappi"
    assert page.select_one("#directory-group option[selected]")["value"] == "sex_trade"


@pytest.mark.parametrize(
    "query",
    [
        "?region=mars",
        "?region=finland",  # the whole country is no region of its own
        "?group=everyone",
        "?region=%3Cscript%3E&group=%00",
        "?region=" + "x" * 5000,
        "?region[]=uusimaa&group=sex_trade&group=",
    ],
)
def test_invalid_filters_are_reported_and_ignored(client, query):
    page = directory(client, query)
    assert listed(page)  # no valid filter left: everything is listed
    assert len(listed(page)) == Service.objects.count()
    for error in page.select(".field__error"):
        select = page.find(id=error["id"].removesuffix("-error"))
        assert select["aria-invalid"] == "true" and select["aria-describedby"] == error["id"]


def test_an_invalid_filter_leaves_the_valid_one_working(client):
    page = directory(client, "?region=mars&group=sex_trade")
    assert listed(page) == ["Pro-tukipiste"]
    errors = page.select(".field__error")
    assert [error["id"] for error in errors] == ["directory-region-error"]
    with translation.override("fi"):
        assert errors[0].get_text(strip=True) == gettext("Choose a region from the list.")


def test_filters_are_a_plain_form_that_works_without_javascript(client):
    page = directory(client)
    form = page.select_one("form.directory-filter")
    assert form["method"] == "get" and form["action"] == demo_url_path("services", "fi")
    selects = form.select("select")
    assert [select["name"] for select in selects] == ["region", "group"]
    for select in selects:
        label = form.find("label", attrs={"for": select["id"]})
        assert label is not None and label.get_text(strip=True)
        assert not [name for name in select.attrs if name.startswith("on")]
    assert form.select_one("button[type=submit]").get_text(strip=True)
    assert form["aria-labelledby"] and page.find(id=form["aria-labelledby"])
    count = page.select_one(".directory__count")
    assert count.name == "h2" and count["aria-live"] == "polite"
    assert page.select_one(".directory__list")["aria-labelledby"] == count["id"]
    # no filter asked for: no link to clear it
    assert page.select_one(".directory__clear") is None


def test_entries_show_contacts_as_links(client):
    page = directory(client, "", "en")
    cards = {card.select_one(".card__title").get_text(strip=True): card for card in page.select(".service")}
    helpline = cards["Assistance System for Victims of Human Trafficking"]
    phone = helpline.select_one("a[href^='tel:']")
    assert phone["href"] == "tel:+358295463177" and phone["dir"] == "ltr"
    assert helpline.select_one("a[href='mailto:ihmiskauppa.auttamisjarjestelma@migri.fi']")
    assert helpline.select_one(".service__unchecked") is None
    assert "Whole of Finland" in helpline.get_text()
    assert "Professionals and officials" in helpline.get_text()
    police = cards["Police"]
    assert police.select_one("a[href='tel:112']")
    website = police.select_one("a[href='https://poliisi.fi/']")
    assert website.get_text(strip=True) == "poliisi.fi" and "external" in website["rel"]
    assert police.select_one(".service__unchecked")
    assert len(page.select(".service__unchecked")) == Service.objects.filter(details_checked=False).count() == 3


def test_names_are_translated_and_fall_back(client):
    only_finnish = add_service("Vain suomeksi", ["finland"], ["crime_victims"])
    assert "Polisen" in listed(directory(client, "", "sv"))
    assert "Brottsofferjouren (RIKU)" in listed(directory(client, "", "sv"))
    english = directory(client, "", "en")
    assert "Police" in listed(english) and "Poliisi" not in listed(english)
    title = english.find("h3", string=only_finnish.name_fi)
    assert title["lang"] == "fi"  # no English name: Finnish, marked as Finnish
    assert english.find("h3", string="Police").get("lang") is None
    # Arabic has no page and no names of its own: the English page and English names, marked so.
    arabic = directory(client, "", "ar")
    assert arabic.html["lang"] == "ar" and arabic.find("main")["lang"] == "en"
    assert arabic.select_one(".directory__services")["lang"] == "ar"
    police = arabic.find("h3", string="Police")
    assert police["lang"] == "en" and police["dir"] == "ltr"
    only_finnish.name_ar = "بالفنلندية فقط"
    only_finnish.save()
    title = directory(client, "", "ar").find("h3", string="بالفنلندية فقط")
    assert title is not None and title.get("lang") is None


@pytest.mark.parametrize("code", ["fi", "sv", "ar"])
def test_guidance_pages_link_to_the_directory_in_the_visitor_language(client, code):
    for key in ("victim", "help"):
        page = soup(client.get(demo_visitor_path(key, code)))
        link = page.select_one("main .other-help a")
        assert link is not None, key
        assert link["href"] == demo_visitor_path("services", code)
        with translation.override(code):
            assert link.get_text(strip=True) == gettext("Other help in Finland")
        assert client.get(link["href"]).status_code == 200
    if code == "ar":  # the directory exists in English only: say so
        assert link["hreflang"] == "en"
        assert link.find_parent(class_="other-help")["lang"] == "ar"
    else:
        assert not link.has_attr("hreflang")


def test_no_link_without_a_directory_in_the_settings(client):
    contact = SiteContactSettings.load()
    contact.services_page = None
    contact.save()
    page = soup(client.get(demo_url_path("victim", "fi")))
    assert page.select_one(".other-help") is None


def test_query_count_does_not_grow_with_services(client):
    path = demo_url_path("services", "fi")
    groups, regions = TargetGroup.values, REGIONS
    for number in range(3):
        add_service(f"Palvelu {number}", [regions[number]], [groups[number]], phone="+358 1", website="https://a.fi/")
    few = count_queries(client, path)
    few_filtered = count_queries(client, path + "?region=lappi&group=crime_victims")
    for number in range(3, 30):
        add_service(f"Palvelu {number}", regions[number % 5:number % 5 + 3], groups[: number % 4 + 1])
    assert Service.objects.count() >= 30
    assert count_queries(client, path) == few
    assert count_queries(client, path + "?region=lappi&group=crime_victims") == few_filtered


VARIANTS = {
    # path the browser opens: the query whose answer it gets
    "fi": "?region=mars&group=sex_trade",  # an error and one result
    "ar": "?region=uusimaa",  # the fallback page, filtered
    "sv": "?region=lappi&group=sex_trade",  # no results
}


def rendered_variants(client) -> dict:
    documents = {}
    for code, query in VARIANTS.items():
        response = client.get(demo_visitor_path("services", code) + query)
        assert response.status_code == 200
        documents[demo_visitor_path("services", code)] = (200, dict(response.headers), response.content)
    return documents


def test_directory_is_valid_html(client, tmp_path):
    documents = {path: content.decode() for path, (_status, _headers, content) in rendered_variants(client).items()}
    assert vnu_errors(documents, tmp_path) == {path: [] for path in documents}


def test_directory_passes_axe_and_fits_a_phone(client):
    documents = rendered_variants(client)
    violations = {}
    with chromium_page(documents, 375) as page:
        for width in (375, 1280):
            page.set_viewport_size({"width": width, "height": 800})
            for path in documents:
                page.goto(ORIGIN + path)
                if found := axe_violations(page):
                    violations[f"{path} {width}"] = found
                if width == 375:
                    assert page.evaluate(WIDER_THAN_SCREEN) == [], path
        assert page.offsite_requests == []
    assert violations == {}


@pytest.fixture
def admin_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.com", "not-used-123")
    client.force_login(admin)
    return client


def test_admin_lists_and_searches_services_in_any_language(admin_client):
    response = admin_client.get(reverse("wagtailsnippets_pages_service:list"))
    assert response.status_code == 200
    for service in Service.objects.all():
        assert service.name_fi in response.content.decode()
    found = admin_client.get(reverse("wagtailsnippets_pages_service:list"), {"q": "Brottsofferjouren"})
    assert "Rikosuhripäivystys" in found.content.decode()
    assert "Pro-tukipiste" not in found.content.decode()


def test_admin_add_and_edit_views(admin_client):
    response = admin_client.get(reverse("wagtailsnippets_pages_service:add"))
    assert response.status_code == 200
    content = response.content.decode()
    for name in ("name_fi", "description_fi", "name_ar", "address_sv", "target_groups", "regions", "details_checked"):
        assert f'name="{name}"' in content, name
    assert content.count('name="regions"') == len(Region.values)  # one checkbox per choice
    police = Service.objects.get(name_fi="Poliisi")
    response = admin_client.get(reverse("wagtailsnippets_pages_service:edit", args=[police.pk]))
    assert response.status_code == 200
    assert "Polisen" in response.content.decode()


def test_admin_creates_a_service(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_pages_service:add"),
        {
            "name_fi": "Uusi palvelu",
            "description_fi": "Auttaa Lapissa.",
            "name_sv": "Ny tjänst",
            "target_groups": ["crime_victims", "close_ones"],
            "regions": ["lappi"],
            "phone": "+358 40 000 0000",
            "email": "",
            "website": "https://example.org/",
            "sort_order": "9",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    service = Service.objects.get(name_fi="Uusi palvelu")
    assert service.name_sv == "Ny tjänst" and not service.details_checked
    assert set(service.regions.values_list("code", flat=True)) == {"lappi"}
    assert set(service.target_groups.values_list("code", flat=True)) == {"crime_victims", "close_ones"}
    response = admin_client.post(
        reverse("wagtailsnippets_pages_service:add"),
        {"name_fi": "Ilman alueita", "description_fi": "Puuttuu.", "sort_order": "0"},
    )
    assert response.status_code == 200  # regions and groups are required
    assert not Service.objects.filter(name_fi="Ilman alueita").exists()


def test_settings_choose_the_directory_page(admin_client):
    response = admin_client.get(reverse("wagtailsettings:edit", args=["pages", "sitecontactsettings"]), follow=True)
    assert 'name="services_page"' in response.content.decode()
    assert SiteContactSettings.load().services_page_id == demo_page("services", "fi").pk
