from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    name = "website"
    label = "website"
    verbose_name = "Website"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail import signals as wagtail_signals

        for signal in (wagtail_signals.page_published, wagtail_signals.page_unpublished,
                       wagtail_signals.post_page_move, post_save, post_delete):
            signal.connect(content_changed, dispatch_uid=f"website-content-changed-{id(signal)}")


def content_changed(sender, **kwargs):
    """Retire every cached page when something public pages show may have changed."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Locale, Page, Site

    from website.models import ContentGeneration

    if sender is ContentGeneration or kwargs.get("raw") or sender.__module__ == "__fake__":
        return  # itself, fixtures, and migrations' historical models (whose tables may come first)
    relevant = (
        issubclass(sender, Page)
        or sender._meta.app_label == "pages"  # settings, snippets, choice lists, page children
        or sender in (get_document_model(), get_image_model(), Site, Locale)
    )
    if relevant:
        ContentGeneration.advance()
