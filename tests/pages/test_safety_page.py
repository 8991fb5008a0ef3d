"""The safe-browsing page says, in every language, what the quick exit does and what it cannot do."""

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from tests.utils import demo_page, demo_url_path, soup

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def sections(page) -> dict[str, list]:
    """The page body's h2 sections: heading text -> the elements up to the next h2."""
    found, current = {}, None
    for element in page.select_one("main article, main").find_all(recursive=True):
        if element.name == "h2":
            current = found.setdefault(element.get_text(" ", strip=True), [])
        elif current is not None and element.name in ("p", "ul", "ol"):
            current.append(element)
    return found


def test_every_language_has_the_same_sections_as_english():
    # A language that lacks the section (or has it elsewhere) fails here, before the words are read.
    shape = [block.block_type for block in demo_page("safety", "en").body]
    assert shape.count("heading") >= 4
    for code in LANGUAGES:
        assert [block.block_type for block in demo_page("safety", code).body] == shape, code


@pytest.mark.parametrize("code", LANGUAGES)
def test_safety_page_says_what_the_quick_exit_does_and_cannot_do(client, code):
    with translation.override(code):
        button = gettext("Leave this site")
    page = soup(client.get(demo_url_path("safety", code)))
    assert page.html["lang"] == code
    found = {
        heading: elements for heading, elements in sections(page).items()
        if any(bold.get_text(strip=True) == button for element in elements for bold in element.find_all("b"))
        and any(bold.get_text(strip=True).startswith("Shift") for element in elements for bold in element.find_all("b"))
    }
    # Two sections name the button by the label it has on every page and the Shift key: the button's
    # own, and the one after it that tells what it does with and without JavaScript, what no website
    # can do (three things) and what the visitor can do instead (four things).
    assert len(found) == 2, list(found)
    button_section, limits = found.values()
    assert len([item for element in button_section if element.name == "ul" for item in element.find_all("li")]) == 2
    lists = [element for element in limits if element.name == "ul"]
    assert [len(items.find_all("li")) for items in lists] == [2, 3, 4]
    # The section sits right after the button's own section, before the private-window advice.
    headings = [heading.get_text(" ", strip=True) for heading in page.select("main h2")]
    assert headings.index(list(found)[1]) == headings.index(list(found)[0]) + 1
