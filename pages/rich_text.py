from django.utils.html import format_html
from wagtail.rich_text.pages import PageLinkHandler

from pages.i18n import localize_pages


class LocalizedPageLinkHandler(PageLinkHandler):
    """Internal links lead to the visitor's translation (or the fallback), resolved in bulk.

    Wagtail's own handler looks up each link's translation separately (two queries a link).
    """

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        pages = cls.get_many(attrs_list)
        targets = localize_pages([page for page in pages if page is not None])
        return [
            format_html('<a href="{}">', targets[page.pk].url) if page is not None else "<a>"
            for page in pages
        ]
