"""Document links that say what the visitor is about to download, from the file itself."""

import mimetypes

from django import template
from django.utils import translation
from django.utils.translation import gettext

from pages import i18n
from pages.document_files import human_size
from pages.models import DocumentFacts

register = template.Library()


@register.inclusion_tag("components/document_link.html", takes_context=True)
def document_link(context, document, title=""):
    """A link to a document followed by "(PDF, 932.7 kB, in Finnish only)".

    The format and the language come from the file (DocumentFacts), the size from Wagtail's own
    record of it. The language is named only when it is not the visitor's.
    """
    facts = DocumentFacts.of(document)
    details = [(facts.format or document.file_extension).upper()]
    size = document.file_size if document.file_size is not None else document.get_file_size()
    if size is not None:
        details.append(human_size(size))
    if facts.language and facts.language != translation.get_language():
        details.append(gettext("in %(language)s only") % {"language": i18n.name_in_sentence(facts.language)})
    return {
        # The details are in the visitor's language: marked so inside an English (fallback) page.
        "details_language": i18n.interface_attributes(context.get("content_language")),
        "document": document,
        "title": title or document.title,
        "language": facts.language,
        "mime_type": mimetypes.guess_type(document.file.name)[0] or "",
        "details": ", ".join(details),
    }
