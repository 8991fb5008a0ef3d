"""Pages an editor got wrong still render valid, accessible HTML: an image without alt text, an image
that was deleted, an empty body, a word too long for a phone screen."""

from pathlib import Path

import pytest
import wagtail_factories
from django.conf import settings
from wagtail.rich_text import RichText

from pages.models import ContentPage
from tests.checkers import ORIGIN, axe_violations, chromium_page, rendered, vnu_errors
from tests.utils import demo_page, soup

pytestmark = pytest.mark.django_db

SCREENSHOTS = Path(settings.BASE_DIR) / "artefacts" / "screenshots"
LONG_WORD = "ihmiskaupanuhrienauttamisjärjestelmänneuvontapuhelinpalvelu" * 4


WIDER_THAN_SCREEN = """[...document.querySelectorAll("body *")]
    .filter(element => element.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .map(element => `${element.tagName.toLowerCase()}.${element.className}`)"""


@pytest.fixture
def photo():
    return wagtail_factories.ImageFactory(title="Satama", file__width=1300, file__height=700)


def publish(title: str, slug: str, **fields) -> ContentPage:
    page = ContentPage(title=title, slug=slug, **fields)
    demo_page("home", "fi").add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def careless_page(photo):
    return publish(
        LONG_WORD[:200], "huolimaton",
        introduction=LONG_WORD,
        body=[
            ("image", {"image": photo, "alt_text": "", "caption": ""}),
            ("paragraph", RichText(f"<p>{LONG_WORD}</p>")),
            ("image", {"image": None, "alt_text": "Poistettu kuva", "caption": "Poistettu"}),
            ("image", {"image": photo, "alt_text": "Laiva satamassa", "caption": LONG_WORD}),
        ],
    )


@pytest.fixture
def empty_page():
    return publish("Tyhjä sivu", "tyhja", body=[])


def test_careless_and_empty_pages_are_valid_html(client, careless_page, empty_page, tmp_path):
    documents = {}
    for page in (careless_page, empty_page):
        response = client.get(page.url)
        assert response.status_code == 200
        documents[page.slug] = response.content.decode()
    assert vnu_errors(documents, tmp_path) == {"huolimaton": [], "tyhja": []}


@pytest.mark.parametrize("width", [375, 1280])
def test_careless_and_empty_pages_pass_axe_and_fit_the_screen(client, careless_page, empty_page, width):
    documents = rendered(client, [careless_page.url, empty_page.url])
    with chromium_page(documents, width) as browser_page:
        for page in (careless_page, empty_page):
            browser_page.goto(ORIGIN + page.url)
            assert axe_violations(browser_page) == [], page.slug
            too_wide = browser_page.evaluate(WIDER_THAN_SCREEN)
            assert too_wide == [], f"{page.slug} scrolls sideways at {width} px"
            assert browser_page.evaluate("[...document.images].every(image => image.complete)")
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            browser_page.screenshot(path=str(SCREENSHOTS / f"bad-input-{page.slug}-{width}.png"), full_page=True)
        assert browser_page.offsite_requests == []
        assert browser_page.missing_files == []


def test_image_without_alt_text_is_marked_decorative_and_deleted_image_is_skipped(client, careless_page):
    figures = soup(client.get(careless_page.url)).select("main figure.image-block")
    assert len(figures) == 2  # the block whose image was deleted renders nothing
    assert figures[0].find("img")["alt"] == ""
    assert figures[1].find("img")["alt"] == "Laiva satamassa"


def test_image_description_stands_in_for_missing_alt_text(client, photo):
    photo.description = "Rahtilaiva laiturissa"
    photo.save()
    page = publish("Kuvasivu", "kuvasivu", body=[("image", {"image": photo, "alt_text": "", "caption": ""})])
    assert soup(client.get(page.url)).select_one("main figure img")["alt"] == "Rahtilaiva laiturissa"


def test_images_are_renditions_in_modern_formats_sized_and_lazy_below_the_top(client, careless_page):
    pictures = soup(client.get(careless_page.url)).select("main figure picture")
    assert len(pictures) == 2
    for index, picture in enumerate(pictures):
        sources = {source["type"]: source for source in picture.find_all("source")}
        assert set(sources) == {"image/avif", "image/webp"}
        for source in sources.values():
            widths = sorted(int(candidate.split()[-1].rstrip("w")) for candidate in source["srcset"].split(","))
            assert widths == [480, 800, 1200]
            assert source["sizes"]
        img = picture.find("img")
        assert img["src"].startswith("/media/images/") and img["src"].endswith(".jpg")
        assert int(img["width"]) > 0 and int(img["height"]) > 0
        # the opening image is probably on the first screen; later ones wait until scrolled to
        assert img["loading"] == ("eager" if index == 0 else "lazy")
