"""Document links say what the file is, read from real files; uploads that are not what they claim
to be are refused in the admin with a clear message."""

import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.rich_text import RichText
from wagtail.users.models import UserProfile

from pages.document_files import human_size, inspect
from pages.models import ContentPage, DocumentFacts
from tests.utils import demo_page, demo_url_path, soup
from website.demo.pdf import simple_pdf

pytestmark = pytest.mark.django_db

Document = get_document_model()


def office_file(main_part: str, language: str | None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(main_part, "<document/>")
        if language:
            archive.writestr(
                "docProps/core.xml",
                '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
                f' xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:language>{language}</dc:language>'
                "</cp:coreProperties>",
            )
    return buffer.getvalue()


def open_document(language: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
        archive.writestr(
            "meta.xml",
            '<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
            ' xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta><dc:language>'
            f"{language}</dc:language></office:meta></office:document-meta>",
        )
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "extension", "expected"),
    [
        (simple_pdf("Katsaus", ["Rivi"], language="fi"), "pdf", ("pdf", "fi")),
        (simple_pdf("Översikt", ["Rad"], language="sv-FI"), "pdf", ("pdf", "sv")),
        (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF", "pdf", ("pdf", "")),
        (office_file("word/document.xml", "sv-SE"), "docx", ("docx", "sv")),
        (office_file("xl/workbook.xml", None), "xlsx", ("xlsx", "")),
        (office_file("ppt/presentation.xml", "en-GB"), "pptx", ("pptx", "en")),
        (open_document("fi-FI"), "odt", ("odt", "fi")),
        ("vuosi;asiakkaat\n2017;322\nÅland;1\n".encode(), "csv", ("csv", "")),
        (b"{\\rtf1\\ansi Hello}", "rtf", ("rtf", "")),
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "pdf", ("", "")),  # a program renamed to .pdf
        (b"PK\x03\x04not really a zip", "docx", ("", "")),
        (b"text\x00with\x00nul bytes", "txt", ("", "")),
        (b"\xff\xfe\xfa\xfb" * 100, "csv", ("", "")),
    ],
)
def test_inspect_reads_format_and_language_from_the_content(content, extension, expected):
    facts = inspect(io.BytesIO(content), extension)
    assert (facts.format, facts.language) == expected


def test_sizes_are_in_si_units_with_the_visitors_decimal_separator():
    with translation.override("en"):
        assert human_size(932_700) == "932.7 kB"
        assert human_size(512) == "512 B"
        assert human_size(2_460_000) == "2.5 MB"
        assert human_size(999_960) == "1.0 MB"
    with translation.override("fi"):
        assert human_size(932_700).startswith("932,7")


def test_report_link_describes_the_pdf_from_the_file(client):
    report = demo_page("report-2016-h1", "en")
    size = report.document.file.size
    link = soup(client.get(demo_url_path("report-2016-h1", "en"))).select_one(".document-link")
    with translation.override("en"):
        expected = f"(PDF, {human_size(size)}, in Finnish only)"
    assert link.select_one(".document-link__meta").get_text(strip=True) == expected
    anchor = link.find("a")
    assert anchor["hreflang"] == "fi" and anchor["type"] == "application/pdf"
    # On the Finnish page the language is the visitor's own, so it is not named.
    finnish = soup(client.get(demo_url_path("report-2016-h1", "fi"))).select_one(".document-link__meta")
    assert finnish.get_text(strip=True).count(",") == 1 and "PDF" in finnish.get_text()


def test_replacing_the_file_rereads_its_facts():
    document = Document(title="Katsaus")
    document.file.save("katsaus.pdf", ContentFile(simple_pdf("Katsaus", [], language="fi")), save=False)
    document.save()
    assert DocumentFacts.objects.get(document=document).language == "fi"
    document.file.save("review.pdf", ContentFile(simple_pdf("Review", [], language="en")), save=False)
    document.save()
    facts = DocumentFacts.objects.get(document=document)
    assert (facts.format, facts.language, facts.file_name) == ("pdf", "en", document.file.name)


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("docs", "docs@example.org", "not-used-123")
    UserProfile.get_for_user(user).__class__.objects.filter(user=user).update(preferred_language="en")
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("review.pdf", b"Just some text pretending to be a PDF", "The content of this file is not PDF"),
        ("tool.exe", b"MZ\x90\x00", "File extension “exe” is not allowed"),
        ("data.docx", b"PK\x03\x04broken", "The content of this file is not DOCX"),
    ],
)
def test_admin_refuses_unrecognised_uploads_with_a_clear_message(admin_client, name, content, message):
    before = Document.objects.count()
    response = admin_client.post(
        reverse("wagtaildocs:add"), {"title": "Upload", "file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Document.objects.count() == before


def test_admin_accepts_a_real_pdf_and_reads_its_language(admin_client):
    upload = SimpleUploadedFile("katsaus.pdf", simple_pdf("Katsaus", ["Rivi"], language="fi"))
    response = admin_client.post(reverse("wagtaildocs:add"), {"title": "Katsaus 2018", "file": upload})
    assert response.status_code == 302
    document = Document.objects.get(title="Katsaus 2018")
    assert (document.facts.format, document.facts.language) == ("pdf", "fi")


def test_document_blocks_cost_the_same_queries_for_one_or_many(client):
    documents = []
    for number in range(6):
        document = Document(title=f"Liite {number}")
        document.file.save(f"liite-{number}.pdf", ContentFile(simple_pdf("Liite", [], language="sv")), save=False)
        document.save()
        documents.append(document)

    def page_with(count: int) -> str:
        body = [("paragraph", RichText("<p>Liitteet</p>"))]
        body += [("document", {"document": document, "title": ""}) for document in documents[:count]]
        page = ContentPage(title=f"Liitteet {count}", slug=f"liitteet-{count}", body=body)
        demo_page("home", "fi").add_child(instance=page)
        page.save_revision().publish()
        return page.url

    def queries(path: str) -> int:
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        metas = soup(response).select(".document-link__meta")
        assert metas and all("ruotsi" in meta.get_text().lower() for meta in metas)  # Swedish files, Finnish page
        return len(captured)

    assert queries(page_with(1)) == queries(page_with(6))


def test_documents_are_served_without_a_content_encoding_of_none(client):
    # Wagtail's sendfile wrote the guessed encoding into the header even when there was none: "None".
    report = demo_page("report-2016-h1", "en")
    response = client.get(report.document.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "Content-Encoding" not in response
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_real_content_encoding_is_kept(client):
    document = Document(title="Pakattu")
    document.file.save("pakattu.csv.gz", ContentFile(b"\x1f\x8b\x08\x00"), save=False)
    document.save()
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
