from wagtail import hooks

from pages.rich_text import LocalizedPageLinkHandler


@hooks.register("register_rich_text_features", order=100)
def localized_page_links(features):
    # Runs after Wagtail's core features, replacing its page link handler.
    features.register_link_type(LocalizedPageLinkHandler)
