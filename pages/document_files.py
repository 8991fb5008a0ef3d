"""What a document is, read from the file itself: its format and the language it declares.

Document links show "PDF, 932.7 kB, in Finnish only" from these facts and the file's size, never
from anything typed by hand. Uploads whose content is not what their extension says are refused
in the admin with a clear message (`pages/documents.py`). Plain Python: no models, no Wagtail.
"""

import re
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree as ET  # noqa: S405 - parses only small metadata parts; no DTDs are expanded

from django.utils.formats import number_format
from django.utils.translation import gettext

# Formats we can recognise from their content, by extension.
OFFICE_MAIN_PARTS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
OPEN_DOCUMENT_TYPES = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
TEXT_FORMATS = {"csv", "txt"}
KNOWN_FORMATS = {"pdf", "rtf", *OFFICE_MAIN_PARTS, *OPEN_DOCUMENT_TYPES, *TEXT_FORMATS}

PDF_LANG = re.compile(rb"/Lang\s*\(([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*\)")
LANGUAGE_ELEMENTS = ("{http://purl.org/dc/elements/1.1/}language",)
READ_LIMIT = 20 * 1024 * 1024  # never read more than this to find a PDF's /Lang


@dataclass(frozen=True)
class FileFacts:
    format: str  # the extension the content proved, e.g. "pdf"; "" when the content is not recognised
    language: str  # a language code the file declares ("fi"), or ""


def _primary(code: str) -> str:
    return re.split(r"[-_]", code.strip())[0].lower()


def _zip_language(archive: zipfile.ZipFile, part: str) -> str:
    try:
        root = ET.fromstring(archive.read(part))  # noqa: S314 - a small metadata part of the upload
    except (KeyError, ET.ParseError):
        return ""
    for element in root.iter():
        if element.tag in LANGUAGE_ELEMENTS and element.text:
            return _primary(element.text)
    return ""


def inspect(file, extension: str) -> FileFacts:
    """Read the file's format and declared language. `extension` is what the name claims."""
    extension = extension.lower().lstrip(".")
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if head.startswith(b"%PDF-"):
        match = PDF_LANG.search(file.read(READ_LIMIT))
        file.seek(0)
        return FileFacts("pdf", _primary(match.group(1).decode()) if match else "")
    if head.startswith(b"{\\rtf"):
        return FileFacts("rtf", "")
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(file) as archive:
                names = set(archive.namelist())
                for office, main_part in OFFICE_MAIN_PARTS.items():
                    if main_part in names and "[Content_Types].xml" in names:
                        return FileFacts(office, _zip_language(archive, "docProps/core.xml"))
                if "mimetype" in names:
                    mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                    for open_document, expected in OPEN_DOCUMENT_TYPES.items():
                        if mimetype == expected:
                            return FileFacts(open_document, _zip_language(archive, "meta.xml"))
        except zipfile.BadZipFile:
            pass
        finally:
            file.seek(0)
        return FileFacts("", "")
    if extension in TEXT_FORMATS:
        sample = file.read(64 * 1024)
        file.seek(0)
        try:
            sample.decode("utf-8")
        except UnicodeDecodeError as error:
            if error.start < len(sample) - 4:  # not just a character cut at the sample's end
                return FileFacts("", "")
        return FileFacts("" if b"\x00" in sample else extension, "")
    return FileFacts("", "")


def human_size(size: int) -> str:
    """A size in SI units with the visitor's decimal separator: 932.7 kB, 1,2 MB."""
    if size < 1000:
        return gettext("%(size)s B") % {"size": size}
    # number_format cuts decimals rather than rounding: round first.
    if size < 999_950:
        return gettext("%(size)s kB") % {"size": number_format(round(size / 1000, 1), 1)}
    return gettext("%(size)s MB") % {"size": number_format(round(size / 1_000_000, 1), 1)}
