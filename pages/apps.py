from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_save
        from wagtail.documents import get_document_model

        from pages import i18n

        i18n.keep_interface_language_in_urls()
        post_save.connect(read_document_facts, sender=get_document_model(), dispatch_uid="pages-document-facts")

        from pages.cache import connect_signals

        connect_signals()


def read_document_facts(sender, instance, update_fields=None, raw=False, **kwargs):
    """Read what a document's new file is when it is uploaded or replaced."""
    if raw or (update_fields is not None and "file" not in update_fields):
        return
    from pages.models import DocumentFacts

    if not DocumentFacts.objects.filter(document=instance, file_name=instance.file.name).exists():
        DocumentFacts.read(instance)
