"""Documents in the admin and on the site: the upload form that checks a file's content, and the
download view (the facts about a file come from `pages/document_files.py`)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

from pages.document_files import KNOWN_FORMATS, inspect


class DocumentForm(BaseDocumentForm):
    """The admin's upload form (WAGTAILDOCS_DOCUMENT_FORM_BASE): the content must match the extension."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if not file or not hasattr(file, "read"):
            return file
        extension = file.name.rsplit(".", 1)[-1].lower() if "." in file.name else ""
        if extension not in KNOWN_FORMATS:
            return file  # Wagtail's own check names the allowed extensions
        if inspect(file, extension).format != extension:
            raise ValidationError(
                _("The content of this file is not %(format)s, although its name ends in .%(extension)s. Upload "
                  "a PDF, Word, Excel, PowerPoint, OpenDocument, RTF, CSV or plain text file whose name ends "
                  "with the right extension."),
                code="unrecognised_document",
                params={"format": extension.upper(), "extension": extension},
            )
        return file


def serve(request, document_id, document_filename):
    """Wagtail's document view, without the `Content-Encoding: None` header it would send.

    `wagtail.utils.sendfile` writes `encoding or guessed_encoding` into Content-Encoding, and
    `mimetypes.guess_type()` guesses no encoding (None) for every file name we accept, so the header
    came out as the text "None". A real encoding (a name ending in .gz) is kept.
    """
    from wagtail.documents.views.serve import serve as wagtail_serve

    response = wagtail_serve(request, document_id, document_filename)
    if response.get("Content-Encoding") in ("", "None"):
        del response["Content-Encoding"]
    return response
