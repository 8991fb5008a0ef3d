"""The "Translation status" report: per Finnish page, which translations are missing or outdated."""

import csv
import io
import json

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from pages.models import ContentPage
from pages.translation_report import MISSING, OUTDATED, STATUS_LABELS, UP_TO_DATE, target_languages
from tests.checkers import AXE, AXE_TAGS, ORIGIN, chromium_page, rendered
from tests.utils import demo_keys, demo_page, soup

pytestmark = pytest.mark.django_db

REPORT = reverse("pages_translation_status")
LANGUAGES = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES if code != "fi"]


@pytest.fixture
def editor_client(group_member, client_for):
    return client_for(group_member("Editors"))


def statuses(response) -> dict[tuple[int, str], str]:
    """{(Finnish page id, language code): status} from the report's table."""
    assert response.status_code == 200
    table = soup(response).find("table", class_="translation-status")
    if table is None:
        return {}
    return {
        (int(row["data-page"]), cell["data-language"]): cell["data-status"]
        for row in table.tbody.find_all("tr")
        for cell in row.find_all("td")
    }


def rows(response) -> list[int]:
    table = soup(response).find("table", class_="translation-status")
    return [int(row["data-page"]) for row in table.tbody.find_all("tr")] if table else []


def republish(key: str, code: str):
    page = demo_page(key, code)
    page.save_revision().publish()
    return page


def test_the_report_covers_every_other_content_language():
    assert target_languages() == LANGUAGES


def test_demo_state(editor_client):
    report = statuses(editor_client.get(REPORT))
    news = demo_page("news", "fi")
    victim = demo_page("victim", "fi")
    # Arabic has the core guidance but not the news section
    assert "news" not in demo_keys("ar")
    assert report[(news.pk, "ar")] == MISSING
    assert report[(victim.pk, "ar")] == UP_TO_DATE
    # Swedish and English are complete, and every translation was published after its original
    for key in demo_keys("fi"):
        page = demo_page(key, "fi")
        assert report[(page.pk, "sv")] == UP_TO_DATE
        assert report[(page.pk, "en")] == UP_TO_DATE
        for code in LANGUAGES:
            expected = UP_TO_DATE if key in demo_keys(code) else MISSING
            assert report[(page.pk, code)] == expected, (key, code)


def test_every_finnish_page_is_listed_in_tree_order(editor_client):
    listed = rows(editor_client.get(REPORT))
    finnish = [demo_page(key, "fi") for key in demo_keys("fi")]
    assert sorted(listed) == sorted(page.pk for page in finnish)
    assert listed == [page.pk for page in sorted(finnish, key=lambda page: page.path)]
    assert listed[0] == demo_page("home", "fi").pk


def test_republishing_the_finnish_page_makes_its_translations_outdated(editor_client):
    help_fi = republish("help", "fi")
    report = statuses(editor_client.get(REPORT))
    for code in LANGUAGES:
        expected = OUTDATED if "help" in demo_keys(code) else MISSING
        assert report[(help_fi.pk, code)] == expected, code
    # other pages are not touched
    assert report[(demo_page("victim", "fi").pk, "sv")] == UP_TO_DATE


def test_republishing_a_translation_brings_it_up_to_date(editor_client):
    help_fi = republish("help", "fi")
    republish("help", "sv")
    report = statuses(editor_client.get(REPORT))
    assert report[(help_fi.pk, "sv")] == UP_TO_DATE
    assert report[(help_fi.pk, "en")] == OUTDATED


def test_an_unpublished_translation_is_outdated(editor_client):
    demo_page("victim", "uk").unpublish()
    report = statuses(editor_client.get(REPORT))
    assert report[(demo_page("victim", "fi").pk, "uk")] == OUTDATED


def test_status_words_are_text_and_cells_link_to_the_translations(editor_client):
    republish("help", "fi")
    response = editor_client.get(REPORT)
    html = soup(response)
    table = html.find("table", class_="translation-status")
    assert table.caption.get_text(strip=True)
    headers = table.thead.find_all("th")
    assert all(th["scope"] == "col" for th in headers)
    assert len(headers) == 1 + len(LANGUAGES)
    row = table.tbody.find("tr", attrs={"data-page": str(demo_page("help", "fi").pk)})
    assert row.th["scope"] == "row"
    assert row.th.a["href"] == reverse("wagtailadmin_pages:edit", args=[demo_page("help", "fi").pk])
    swedish = row.find("td", attrs={"data-language": "sv"})
    assert swedish.a["href"] == reverse("wagtailadmin_pages:edit", args=[demo_page("help", "sv").pk])
    assert swedish.get_text(" ", strip=True).startswith("outdated")
    news_row = table.tbody.find("tr", attrs={"data-page": str(demo_page("news", "fi").pk)})
    arabic = news_row.find("td", attrs={"data-language": "ar"})
    assert arabic.get_text(strip=True) == "missing"
    assert arabic.a is None
    assert news_row.th.find("a", href=reverse("wagtail_localize:submit_page_translation",
                                               args=[demo_page("news", "fi").pk]))
    victim_row = table.tbody.find("tr", attrs={"data-page": str(demo_page("victim", "fi").pk)})
    assert victim_row.find("td", attrs={"data-language": "fr"}).get_text(" ", strip=True).startswith("up to date")


def test_the_report_speaks_the_admin_language(group_member, client_for):
    client = client_for(group_member("Editors", admin_language="fi"))
    response = client.get(REPORT)
    table = soup(response).find("table", class_="translation-status")
    with translation.override("fi"):
        swedish, missing = str(dict(settings.LANGUAGES)["sv"]), str(STATUS_LABELS[MISSING])
    assert swedish == "ruotsi"
    assert table.thead.find("th", attrs={"data-language": "sv"}).get_text(strip=True) == swedish
    news_row = table.tbody.find("tr", attrs={"data-page": str(demo_page("news", "fi").pk)})
    assert news_row.find("td", attrs={"data-language": "ar"}).get_text(strip=True) == missing


def test_filter_any_language_lists_only_pages_with_something_to_do(editor_client):
    everything = statuses(editor_client.get(REPORT))
    to_do = rows(editor_client.get(REPORT, {"needs_work": "any"}))
    expected = {
        page_id for (page_id, _code), status in everything.items() if status != UP_TO_DATE
    }
    assert set(to_do) == expected
    # the guidance for victims is translated into every language, so nothing is left to do there
    assert demo_page("victim", "fi").pk not in to_do
    assert demo_page("news", "fi").pk in to_do


@pytest.mark.parametrize("code", LANGUAGES)
def test_filter_by_language_agrees_with_the_table(editor_client, code):
    republish("victim", "fi")
    republish("victim", "uk")
    demo_page("safety", "et").unpublish()
    everything = statuses(editor_client.get(REPORT))
    to_do = rows(editor_client.get(REPORT, {"needs_work": code}))
    expected = [page_id for (page_id, language), status in everything.items()
                if language == code and status != UP_TO_DATE]
    assert to_do == expected


def test_filter_by_swedish_after_an_edit(editor_client):
    assert rows(editor_client.get(REPORT, {"needs_work": "sv"})) == []
    republish("help", "fi")
    assert rows(editor_client.get(REPORT, {"needs_work": "sv"})) == [demo_page("help", "fi").pk]
    response = editor_client.get(REPORT, {"needs_work": "sv"})
    assert "outdated" in soup(response).find("table", class_="translation-status").get_text()


def test_csv_export(editor_client):
    republish("help", "fi")
    response = editor_client.get(REPORT, {"export": "csv"})
    assert response.status_code == 200
    lines = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    header, *body = lines
    assert len(header) == 2 + len(LANGUAGES)
    assert len(body) == len(demo_keys("fi"))
    assert header[:3] == ["Finnish page", "Path", "Swedish"]
    help_row = next(row for row in body if row[1] == demo_page("help", "fi").url_path)
    assert help_row[0] == demo_page("help", "fi").title
    assert help_row[2] == "outdated"
    assert help_row[header.index("Arabic")] == "missing"
    victim_row = next(row for row in body if row[1] == demo_page("victim", "fi").url_path)
    assert set(victim_row[2:]) == {"up to date"}


def test_query_count_does_not_grow_with_pages(editor_client):
    def count() -> int:
        editor_client.get(REPORT)
        with CaptureQueriesContext(connection) as queries:
            response = editor_client.get(REPORT)
        assert response.status_code == 200
        return len(queries)

    few = count()
    home = demo_page("home", "fi")
    for number in range(20):
        page = home.add_child(instance=ContentPage(title=f"Uusi sivu {number}", slug=f"uusi-sivu-{number}"))
        page.save_revision().publish()
    many = count()
    assert len(rows(editor_client.get(REPORT))) == len(demo_keys("fi")) + 20
    assert many == few


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(REPORT)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


@pytest.mark.parametrize("groups", [("Editors",), ("Publishers",)])
def test_editors_and_publishers_see_the_report_and_its_menu_item(group_member, client_for, groups):
    client = client_for(group_member(*groups))
    assert client.get(REPORT).status_code == 200
    home = client.get(reverse("wagtailadmin_home"))
    assert REPORT in home.content.decode()


def test_superusers_see_the_report(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.com", "not-used-123"))
    assert len(rows(client.get(REPORT))) == len(demo_keys("fi"))


def test_admin_users_without_page_permissions_are_refused(group_member, client_for):
    client = client_for(group_member("Referral handlers"))
    response = client.get(REPORT)
    # Wagtail answers a refused admin view with a redirect to the dashboard and a message
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert REPORT not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_report_table_passes_axe(editor_client):
    """axe-core on our table (Wagtail's admin furniture around it is Wagtail's own)."""
    republish("help", "fi")
    documents = rendered(editor_client, [REPORT])
    with chromium_page(documents, width=1280) as page:
        if not AXE.exists():
            pytest.skip("axe-core needs `npm ci --prefix tests/audit`")
        page.goto(ORIGIN + REPORT)
        page.add_script_tag(path=str(AXE))
        options = json.dumps({"runOnly": {"type": "tag", "values": AXE_TAGS}})
        found = page.evaluate(
            f"async () => (await axe.run('table.translation-status', {options})).violations"
        )
        assert page.offsite_requests == []
    assert [violation["id"] for violation in found] == []
