"""Helpers to find the demo pages and read rendered HTML."""

from functools import cache

from bs4 import BeautifulSoup
from wagtail.models import Page

from website.demo.loader import TREE, read_content

SPECS = {spec.key: spec for spec in TREE}


@cache
def _content(code: str) -> dict:
    return read_content(code)


def demo_url_path(key: str, code: str) -> str | None:
    """Wagtail's url_path of a demo page in a language, or None if that language lacks it."""
    slugs = []
    spec = SPECS[key]
    while spec.parent is not None:
        if spec.key not in _content(code):
            return None
        slugs.append(_content(code)[spec.key]["slug"])
        spec = SPECS[spec.parent]
    return "/" + "/".join([code, *reversed(slugs)]) + "/"


def demo_page(key: str, code: str = "fi") -> Page:
    return Page.objects.get(url_path=demo_url_path(key, code)).specific


def demo_keys(code: str) -> list[str]:
    return [spec.key for spec in TREE if demo_url_path(spec.key, code) is not None]


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")
