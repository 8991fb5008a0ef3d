"""Every reference inside a page points at an element of that page: a link to `#x`, aria-describedby,
aria-labelledby, aria-controls and a label's `for`. Every demo page of every language is read, with
the "check my report" page and pages that show form errors."""

from urllib.parse import unquote

import pytest
from django.conf import settings

from tests.utils import demo_keys, demo_url_path, demo_visitor_path, soup

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
REFERENCES = ("aria-describedby", "aria-labelledby", "aria-controls")


def missing_targets(page) -> list[str]:
    ids = {element["id"] for element in page.select("[id]")}
    missing = []
    for link in page.select('a[href^="#"]'):
        target = unquote(link["href"][1:])
        if target and target not in ids:
            missing.append(f'<a href="#{target}">')
    for attribute in REFERENCES:
        for element in page.select(f"[{attribute}]"):
            missing += [f'{attribute}="{target}"' for target in element[attribute].split() if target not in ids]
    missing += [f'<label for="{label["for"]}">' for label in page.select("label[for]") if label["for"] not in ids]
    return missing


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_in_page_reference_has_its_target(client, code):
    paths = [demo_url_path(key, code) for key in demo_keys(code)]
    report = demo_visitor_path("report", code)
    paths += [f"{report}check/", f"/{code}/search/?q=apu+help"]
    broken = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        if missing := missing_targets(soup(response)):
            broken[path] = missing
    # The check page after a code that is not found, and the directory with a filter it refuses.
    response = client.post(f"{report}check/", {"receipt_code": "0000 0000 0000 0000"})
    broken.update({"check (not found)": missing} if (missing := missing_targets(soup(response))) else {})
    services = demo_visitor_path("services", code)
    response = client.get(services, {"region": "atlantis", "group": "nobody"})
    broken.update({"services (bad filter)": missing} if (missing := missing_targets(soup(response))) else {})
    assert not broken


def test_the_check_pages_code_field_is_described_by_its_help_text(client):
    page = soup(client.get(f"{demo_url_path('report', 'en')}check/"))
    field = page.select_one("input[name=receipt_code]")
    help_text = page.find(id=field["aria-describedby"])
    assert help_text is not None and "16 digits" in help_text.get_text()
