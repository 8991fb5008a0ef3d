"""Helpers to find the demo pages and read rendered HTML."""

from bs4 import BeautifulSoup
from wagtail.models import Page

from website.demo.loader import SPECS, TREE, demo_url_path, demo_visitor_path

__all__ = ["SPECS", "TREE", "demo_keys", "demo_page", "demo_url_path", "demo_visitor_path", "field_error", "soup"]


def demo_page(key: str, code: str = "fi") -> Page:
    return Page.objects.get(url_path=demo_url_path(key, code)).specific


def demo_keys(code: str) -> list[str]:
    return [spec.key for spec in TREE if demo_url_path(spec.key, code) is not None]


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def field_error(page: BeautifulSoup, name: str) -> str:
    """The error message shown at a form field, without its hidden "Error:" prefix for screen readers."""
    element = page.select_one(f"#id_{name}_error")
    if element is None:
        return ""
    return " ".join(node.get_text(strip=True) for node in element.children
                    if getattr(node, "get", lambda _k: None)("class") != ["visually-hidden"]).strip()
