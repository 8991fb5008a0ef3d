"""What an uploaded document's file is (format, language), read from the file itself."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from pages.document_files import inspect


class DocumentFacts(models.Model):
    """What a document's file is, read from the file whenever the document is saved (pages/document_files.py)."""

    document = models.OneToOneField(
        "wagtaildocs.Document", on_delete=models.CASCADE, primary_key=True, related_name="facts"
    )
    file_name = models.CharField(max_length=255)  # the file these facts were read from
    format = models.CharField(max_length=10, blank=True)
    language = models.CharField(max_length=10, blank=True)

    class Meta:
        verbose_name = _("document facts")

    def __str__(self):
        return f"{self.format or '?'} {self.language}".strip()

    @classmethod
    def read(cls, document) -> "DocumentFacts":
        """Read the document's file and store what it is."""
        extension = document.file.name.rsplit(".", 1)[-1] if "." in document.file.name else ""
        try:
            with document.open_file() as file:
                found = inspect(file, extension)
        except OSError:
            found = None
        facts, _created = cls.objects.update_or_create(
            document=document,
            defaults={"file_name": document.file.name, "format": found.format if found else "",
                      "language": found.language if found else ""},
        )
        return facts

    @classmethod
    def of(cls, document) -> "DocumentFacts":
        """The stored facts (select_related("facts") avoids a query), read now if missing or stale."""
        try:
            facts = document.facts
        except cls.DoesNotExist:
            facts = None
        if facts is None or facts.file_name != document.file.name:
            facts = cls.read(document)
            document.facts = facts
        return facts
