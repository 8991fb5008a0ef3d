"""The statistics page: figures drawn as accessible server-side SVG charts, the same figures in tables and
as a CSV download, and clear admin messages for bad figures that never break the public page."""

import csv
import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from wagtail.test.utils.form_data import inline_formset, nested_form_data
from wagtail.users.models import UserProfile

from pages import charts
from pages.models import (
    FIGURE_CHARTS,
    ExploitationKind,
    StatisticsExploitationFigure,
    StatisticsFigures,
    StatisticsPage,
    period_label,
)
from tests.checkers import ORIGIN, axe_violations, chromium_page, rendered, vnu_errors
from tests.pages.test_queries import count_queries
from tests.utils import demo_page, demo_visitor_path, soup

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
LANGUAGES = ["fi", "sv", "en", "ru", "uk", "et", "ro", "ar", "fa", "so", "th", "vi", "fr"]


def svg_charts(response) -> dict[str, ET.Element]:
    """Every inline SVG of a page, parsed as XML (a chart that is not well-formed fails here), by id prefix."""
    found = {}
    for markup in re.findall(r"<svg\b.*?</svg>", response.content.decode(), flags=re.DOTALL):
        svg = ET.fromstring(markup)  # noqa: S314 - our own markup
        title = svg.find(f"{SVG}title")
        if title is not None:
            found[title.get("id").removesuffix("-title")] = svg
    return found


def texts(svg: ET.Element) -> list[str]:
    return [element.text for element in svg.iter(f"{SVG}text")]


def bars(svg: ET.Element) -> list[ET.Element]:
    return list(svg.iter(f"{SVG}rect"))


def field_title(field_name: str, code: str) -> str:
    """A figure's name as charts, tables and the CSV header show it in a language."""
    with translation.override(code):
        return str(capfirst(StatisticsFigures._meta.get_field(field_name).verbose_name))


def chart_id(field_name: str) -> str:
    return "chart-" + field_name.replace("_", "-")


@pytest.fixture
def exploitation_rows():
    """Numbers by form of exploitation on the Finnish and English statistics pages (test data, not facts)."""
    rows = [
        ("2017", "year", ExploitationKind.LABOUR, 41),
        ("2017", "year", ExploitationKind.SEXUAL, 27),
        ("2017", "year", ExploitationKind.FORCED_MARRIAGE, 9),
        ("2017", "h1", ExploitationKind.FORCED_BEGGING, 3),
    ]
    for code in ("fi", "en"):
        page = demo_page("statistics", code)
        page.exploitation_figures = [
            StatisticsExploitationFigure(year=int(year), period=period, kind=kind, new_clients=number)
            for year, period, kind, number in rows
        ]
        page.save_revision().publish()
    return rows


# --- charts ---------------------------------------------------------------------------------------


def test_every_demo_figure_is_drawn_next_to_its_period(client):
    page = demo_page("statistics", "fi")
    found = svg_charts(client.get(demo_visitor_path("statistics", "fi")))
    rows = sorted(page.figures.all(), key=lambda row: (row.year, row.period != "h1"))
    assert len(rows) == 3
    drawn = 0
    with translation.override("fi"):
        for field_name, unit in FIGURE_CHARTS:
            svg = found[chart_id(field_name)]
            words = texts(svg)
            for row in rows:
                value = getattr(row, field_name)
                position = words.index(period_label(row.year, row.period))
                assert words[position + 1] == charts.format_figure(value, unit)
                drawn += value is not None
            published = [getattr(row, field_name) for row in rows if getattr(row, field_name)]
            assert len(bars(svg)) == len(published)
    assert drawn == 9  # 233; 270, 89, 55, 6; 322, 34, 70 %, 37 %


def test_unpublished_figure_is_not_drawn_as_zero(client):
    found = svg_charts(client.get(demo_visitor_path("statistics", "en")))
    svg = found[chart_id("new_clients")]  # published only for January–June 2017
    words = texts(svg)
    with translation.override("en"):
        assert words == ["2016", "not published", "2017 (January–June)", "55", "2017", "not published"]
    assert "0" not in words
    assert [rect.get("width") for rect in bars(svg)] == ["78%"]


def test_charts_are_named_described_and_captioned(client):
    response = client.get(demo_visitor_path("statistics", "sv"))
    found = svg_charts(response)
    assert set(found) == {chart_id(field_name) for field_name, _unit in FIGURE_CHARTS}
    figures = soup(response).select("figure.chart-figure")
    assert len(figures) == len(found)
    for figure in figures:
        svg = found[figure.find("svg")["aria-labelledby"].split()[0].removesuffix("-title")]
        title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
        assert svg.get("role") == "img"
        assert svg.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]
        assert title.text == figure.figcaption.get_text(strip=True)
        # the description reads out every value, published or not
        for word in texts(svg):
            assert word in desc.text
        assert svg.get("width") == "100%"
        assert len(ET.tostring(svg)) < 3000  # a few kilobytes at most
    assert soup(response).find("figcaption").get_text(strip=True) == field_title("clients_total", "sv")
    # the data table stays the accessible equivalent, and the page says so
    tables = soup(response).select_one("#statistics-tables")
    assert tables.select_one("table.figures")
    assert soup(response).select_one('.statistics a[href="#statistics-tables"]')


def test_arabic_charts_run_right_to_left(client):
    response = client.get(demo_visitor_path("statistics", "ar"))  # the English page in the Arabic interface
    section = soup(response).select_one("section.statistics")
    assert (section["lang"], section["dir"]) == ("ar", "rtl")
    for svg in svg_charts(response).values():
        assert svg.get("direction") == "rtl"
        for rect in bars(svg):
            x, width = float(rect.get("x").rstrip("%")), float(rect.get("width").rstrip("%"))
            assert x + width == pytest.approx(100)  # every bar grows from the right edge
        labels = [text for text in svg.iter(f"{SVG}text") if text.get("font-weight") != "700"]
        assert {text.get("x") for text in labels if text.text[:4].isdigit()} == {"100%"}
    title = field_title("clients_total", "ar")
    assert svg_charts(response)["chart-clients-total"].find(f"{SVG}title").text == title


def test_finnish_charts_run_left_to_right(client):
    for svg in svg_charts(client.get(demo_visitor_path("statistics", "fi"))).values():
        assert svg.get("direction") == "ltr"
        assert {rect.get("x") for rect in bars(svg)} == {"0%"}


def test_numbers_follow_the_language_and_text_is_escaped():
    with translation.override("fi"):
        assert charts.format_figure(12345) == "12\xa0345"
    with translation.override("en"):
        assert charts.format_figure(12345) == "12,345"
        assert charts.format_figure(70, charts.Unit.PERCENT) == "70%"  # English writes no space before "%"
        svg = charts.bar_chart(
            chart_id="c", title='<script>alert("x")</script> & co', description="a < b",
            bars=[charts.Bar("<b>2017</b>", 1200), charts.Bar("2018 & 2019", None), charts.Bar("2020", 0)],
        )
    assert "<script>" not in svg and "<b>" not in svg
    parsed = ET.fromstring(svg)  # noqa: S314
    assert parsed.find(f"{SVG}title").text == '<script>alert("x")</script> & co'
    assert texts(parsed) == ["<b>2017</b>", "1,200", "2018 & 2019", "not published", "2020", "0"]
    assert len(bars(parsed)) == 1  # 0 has no bar; "not published" has none either


def test_percentages_are_drawn_on_a_scale_of_a_hundred():
    svg = ET.fromstring(charts.bar_chart(  # noqa: S314
        chart_id="p", title="t", bars=[charts.Bar("2017", 50)], unit=charts.Unit.PERCENT
    ))
    assert bars(svg)[0].get("width") == f"{charts.LONGEST_BAR / 2:g}%"


def test_long_labels_wrap_onto_lines():
    label = "Принудительная преступная деятельность и другие формы эксплуатации"
    svg = ET.fromstring(charts.bar_chart(chart_id="w", title="t", bars=[charts.Bar(label, 4)]))  # noqa: S314
    lines = texts(svg)[:-1]
    assert len(lines) > 1 and " ".join(lines) == label
    assert all(len(line) <= charts.LABEL_WIDTH for line in lines)


def test_no_exploitation_chart_without_numbers(client):
    response = client.get(demo_visitor_path("statistics", "fi"))
    assert not [key for key in svg_charts(response) if "exploitation" in key]
    assert soup(response).select_one("#exploitation-caption") is None


def test_exploitation_chart_and_table_from_entered_numbers(client, exploitation_rows):
    response = client.get(demo_visitor_path("statistics", "fi"))
    found = svg_charts(response)
    with translation.override("fi"):
        assert texts(found["chart-exploitation-2017-year"]) == [
            ExploitationKind.LABOUR.label, "41", ExploitationKind.SEXUAL.label, "27",
            ExploitationKind.FORCED_MARRIAGE.label, "9",
        ]
        assert texts(found["chart-exploitation-2017-h1"]) == [ExploitationKind.FORCED_BEGGING.label, "3"]
        assert period_label(2017, "h1") in found["chart-exploitation-2017-h1"].find(f"{SVG}title").text
    # the half-year comes before the whole year, after the figure charts
    keys = list(found)
    assert keys.index("chart-exploitation-2017-h1") == keys.index("chart-exploitation-2017-year") - 1
    assert keys[-1] == "chart-exploitation-2017-year"
    table = soup(response).select_one("#exploitation-caption").find_parent("table")
    cells = [[cell.get_text(strip=True) for cell in row.select("th, td")] for row in table.select("tbody tr")]
    with translation.override("fi"):
        assert cells == [
            [ExploitationKind.LABOUR.label, "–", "41"],
            [ExploitationKind.SEXUAL.label, "–", "27"],
            [ExploitationKind.FORCED_MARRIAGE.label, "–", "9"],
            [ExploitationKind.FORCED_BEGGING.label, "3", "–"],
        ]


# --- CSV ------------------------------------------------------------------------------------------


def csv_path(code: str) -> str:
    return demo_visitor_path("statistics", code) + "figures.csv"


def read_csv(response, delimiter: str) -> list[list[str]]:
    assert response.content.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel needs for UTF-8
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=delimiter))


def test_csv_has_every_figure_and_empty_cells_for_unpublished(client):
    response = client.get(csv_path("fi"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="tilastot.csv"'
    assert "public" in response["Cache-Control"] and "max-age=3600" in response["Cache-Control"]
    assert not response.cookies
    rows = read_csv(response, ";")  # Finnish Excel separates columns with semicolons
    header, body = rows[0], rows[1:]
    page = demo_page("statistics", "fi")
    expected = sorted(page.figures.all(), key=lambda row: (row.year, row.period != "h1"))
    assert len(body) == len(expected)
    with translation.override("fi"):
        for line, row in zip(body, expected, strict=True):
            assert line[:2] == [str(row.year), row.get_period_display()]
            for field_name, _unit in FIGURE_CHARTS:
                value = getattr(row, field_name)
                column = header.index(field_title(field_name, "fi"))
                assert line[column] == ("" if value is None else str(value))
    assert len(header) == 2 + len(FIGURE_CHARTS) + len(ExploitationKind)
    assert all(len(line) == len(header) for line in body)


def test_csv_header_is_in_the_visitors_language(client):
    swedish = read_csv(client.get(csv_path("sv")), ";")[0]
    english = read_csv(client.get(csv_path("en")), ",")[0]
    assert swedish[:3] == ["År", "Period", "Personer i systemet vid periodens slut"]
    assert english[:3] == ["Year", "Period", "People in the system at the end of the period"]


def test_csv_has_the_exploitation_numbers(client, exploitation_rows):
    rows = read_csv(client.get(csv_path("en")), ",")
    header = rows[0]
    by_period = {(line[0], line[1]): line for line in rows[1:]}
    for year, period, kind, number in exploitation_rows:
        with translation.override("en"):
            period_name = str(dict(StatisticsFigures._meta.get_field("period").choices)[period])
            column = header.index(f"New clients: {kind.label}")
        assert by_period[(year, period_name)][column] == str(number)
    assert by_period[("2016", "Whole year")][header.index("New clients: Labour exploitation")] == ""


@pytest.mark.parametrize("code", LANGUAGES)
def test_csv_is_linked_and_served_under_every_language_prefix(client, code):
    page = soup(client.get(demo_visitor_path("statistics", code)))
    link = page.select_one(".statistics .download a")
    assert link["href"] == csv_path(code)
    response = client.get(link["href"])
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response["Content-Language"] == code
    assert not response.cookies


def test_csv_is_not_served_for_a_missing_file(client):
    assert client.get(demo_visitor_path("statistics", "fi") + "figures.xlsx").status_code == 404
    assert client.get(demo_visitor_path("victim", "fi") + "figures.csv").status_code == 404


# --- queries --------------------------------------------------------------------------------------


def test_queries_do_not_grow_with_figures(client):
    paths = [demo_visitor_path("statistics", "fi"), csv_path("fi")]
    few = [count_queries(client, path) for path in paths]
    page = demo_page("statistics", "fi")
    page.figures = [
        StatisticsFigures(year=year, period="year", clients_total=year - 1900) for year in range(2006, 2026)
    ]
    page.exploitation_figures = [
        StatisticsExploitationFigure(year=year, period="year", kind=kind, new_clients=5)
        for year in range(2006, 2026) for kind in ExploitationKind
    ]
    page.save_revision().publish()
    assert [count_queries(client, path) for path in paths] == few


# --- the editor's path ----------------------------------------------------------------------------


@pytest.fixture
def editor_client(client, django_user_model):
    # a moderator, who may publish (an editor's change would wait as a draft)
    user = django_user_model.objects.create_user(username="moderator", password="not-used-123")
    user.groups.add(Group.objects.get(name="Moderators"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return client


@pytest.fixture
def statistics_page():
    home = demo_page("home", "fi")
    page = home.add_child(instance=StatisticsPage(title="Luvut", slug="luvut"))
    page.figures = [StatisticsFigures(year=2017, period="year", new_clients=50, asylum_seeker_percent=70)]
    page.save_revision().publish()
    return page


def edit_data(page, figures: list[dict], exploitation: list[dict] | None = None) -> dict:
    existing = StatisticsFigures.objects.filter(page=page).count()
    return nested_form_data({
        "title": page.title,
        "slug": page.slug,
        "introduction": "",
        "body": {"count": "0"},
        "figures": inline_formset(figures, initial=existing),
        "exploitation_figures": inline_formset(exploitation or []),
        "comments": inline_formset([]),
        "comment_notifications": "",
        "action-publish": "action-publish",
    })


def first_row(page, **changes) -> dict:
    row = StatisticsFigures.objects.get(page=page)
    data = {
        "id": str(row.pk), "year": "2017", "period": "year", "clients_total": "", "proposed": "",
        "new_clients": "50", "minors": "", "asylum_seeker_percent": "70", "exploited_in_finland_percent": "",
    }
    return {**data, **changes}


def test_editor_saves_figures_and_exploitation_numbers(editor_client, statistics_page, client):
    url = reverse("wagtailadmin_pages:edit", args=[statistics_page.pk])
    data = edit_data(
        statistics_page,
        [first_row(statistics_page, clients_total="322")],
        [{"year": "2017", "period": "year", "kind": "labour", "new_clients": "20"},
         {"year": "2017", "period": "year", "kind": "sexual", "new_clients": "50"}],
    )
    response = editor_client.post(url, data)
    assert response.status_code == 302, soup(response).select(".error-message, .help-critical")
    page = StatisticsPage.objects.get(pk=statistics_page.pk)
    assert page.figures.get().clients_total == 322
    assert sorted(page.exploitation_figures.values_list("kind", "new_clients")) == [("labour", 20), ("sexual", 50)]
    assert "chart-exploitation-2017-year" in svg_charts(client.get(page.url))


BAD_FIGURES = {
    "missing year": ({"year": ""}, "This field is required."),
    "not a number": ({"clients_total": "paljon"}, "Enter a whole number."),
    "negative number": ({"minors": "-3"}, "Ensure this value is greater than or equal to 0."),
    "percentage over 100": ({"asylum_seeker_percent": "170"}, "A percentage cannot be more than 100."),
    "before the system began": ({"year": "1999"}, "The assistance system began its work in 2006"),
    "year not begun": ({"year": "2999"}, "Figures cannot be entered for a year that has not begun."),
    "no figure at all": ({"new_clients": "", "asylum_seeker_percent": ""}, "Enter at least one figure"),
}


def saved_figures(page) -> list[tuple]:
    return list(StatisticsFigures.objects.filter(page=page).values_list("year", "period", "new_clients", "minors"))


def assert_refused(editor_client, client, page, data, message):
    before = saved_figures(page)
    revisions = page.revisions.count()
    response = editor_client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "The page could not be saved due to validation errors" in response.content.decode()
    assert page.revisions.count() == revisions
    assert saved_figures(page) == before == [(2017, "year", 50, None)]
    assert not StatisticsExploitationFigure.objects.filter(page=page).exists()
    public = client.get(page.url)
    assert public.status_code == 200
    assert texts(svg_charts(public)["chart-new-clients"]) == ["2017", "50"]


@pytest.mark.parametrize("case", BAD_FIGURES)
def test_bad_figure_gets_a_clear_message_and_nothing_is_saved(editor_client, client, statistics_page, case):
    changes, message = BAD_FIGURES[case]
    data = edit_data(statistics_page, [first_row(statistics_page, **changes)])
    assert_refused(editor_client, client, statistics_page, data, message)


def test_period_entered_twice_is_refused(editor_client, client, statistics_page):
    duplicate = {**first_row(statistics_page), "id": "", "new_clients": "7"}
    data = edit_data(statistics_page, [first_row(statistics_page), duplicate])
    assert_refused(editor_client, client, statistics_page, data, "This year and period are already entered above.")


def labour(**changes) -> dict:
    return {"year": "2017", "period": "year", "kind": "labour", "new_clients": "5", **changes}


BAD_EXPLOITATION = {
    "more than the new clients": (
        [{"year": "2017", "period": "year", "kind": "labour", "new_clients": "51"}],
        "This is more than the 50 new clients entered for the same period above.",
    ),
    "entered twice": (
        [{"year": "2017", "period": "year", "kind": "labour", "new_clients": "5"},
         {"year": "2017", "period": "year", "kind": "labour", "new_clients": "6"}],
        "This form of exploitation is already entered for this year and period.",
    ),
    "missing number": ([labour(new_clients="")], "This field is required."),
    "not a number": ([labour(new_clients="5.5")], "Enter a whole number."),
    "missing year": ([labour(year="")], "This field is required."),
    "unknown form": ([labour(kind="fraud")], "Select a valid choice."),
}


@pytest.mark.parametrize("case", BAD_EXPLOITATION)
def test_bad_exploitation_number_gets_a_clear_message(editor_client, client, statistics_page, case):
    rows, message = BAD_EXPLOITATION[case]
    data = edit_data(statistics_page, [first_row(statistics_page)], rows)
    assert_refused(editor_client, client, statistics_page, data, message)


def test_exploitation_number_without_new_clients_of_the_period_is_accepted(editor_client, statistics_page):
    # no new clients published for January–June: nothing to compare with, so no limit
    rows = [{"year": "2017", "period": "h1", "kind": "labour", "new_clients": "500"}]
    response = editor_client.post(
        reverse("wagtailadmin_pages:edit", args=[statistics_page.pk]),
        edit_data(statistics_page, [first_row(statistics_page)], rows),
    )
    assert response.status_code == 302


# --- valid HTML and accessibility -----------------------------------------------------------------


def statistics_paths() -> list[str]:
    return [demo_visitor_path("statistics", code) for code in ("fi", "ar")]


def test_statistics_page_with_every_chart_is_valid_html(client, exploitation_rows, tmp_path):
    documents = {path: html.decode() for path, (_s, _h, html) in rendered(client, statistics_paths()).items()}
    assert vnu_errors(documents, tmp_path) == {path: [] for path in documents}


@pytest.mark.parametrize("width", [375, 1280])
def test_statistics_page_with_every_chart_passes_axe_and_fits(client, exploitation_rows, width):
    paths = statistics_paths()
    documents = rendered(client, paths)
    violations = {}
    with chromium_page(documents, width) as page:
        for path in paths:
            page.goto(ORIGIN + path)
            assert page.locator("svg.chart").count() == len(FIGURE_CHARTS) + 2
            found = axe_violations(page)
            if found:
                violations[path] = found
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, (path, overflow)
        assert page.offsite_requests == [] and page.missing_files == []
    assert violations == {}


def test_preview_shows_the_charts_in_the_pages_language(rf, statistics_page, django_user_model):
    request = rf.get("/")
    request.user = django_user_model.objects.create_superuser("root", "root@example.com", "not-used-123")
    with translation.override("en"):  # the admin's language
        response = statistics_page.serve_preview(request, statistics_page.default_preview_mode)
    assert response.status_code == 200
    html = soup(response)
    assert html.html["lang"] == "fi"
    assert html.select_one("#chart-new-clients-title").get_text() == field_title("new_clients", "fi")


def test_preview_of_a_page_not_yet_created(rf, django_user_model):
    # the create view previews a page that has no place in the tree and no URL yet
    page = StatisticsPage(title="Uudet luvut", slug="uudet-luvut", locale=demo_page("home", "fi").locale)
    page.figures = [StatisticsFigures(year=2017, period="year", minors=34)]
    request = rf.get("/")
    request.user = django_user_model.objects.create_superuser("root", "root@example.com", "not-used-123")
    response = page.serve_preview(request, page.default_preview_mode)
    assert response.status_code == 200
    assert texts(svg_charts(response)["chart-minors"]) == ["2017", "34"]
