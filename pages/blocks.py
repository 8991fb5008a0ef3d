"""StreamField blocks for page bodies. Each block has a template, icon, description and preview."""

from django.db.models import prefetch_related_objects
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock as WagtailDocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

BLOCK_TEMPLATES = "components/streamfield/blocks"
RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Level 2")), ("h3", _("Level 3"))], default="h2", label=_("Level")
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = f"{BLOCK_TEMPLATES}/heading_block.html"
        description = _("A heading that splits the page into sections.")
        preview_value = {"text": "Mitä ihmiskauppa on?", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        template = f"{BLOCK_TEMPLATES}/paragraph_block.html"
        description = _("Text with bold, italics, lists and links.")
        preview_value = "<p>Ihmiskauppa on vakava rikos. Apua saa, vaikka oleskelisi maassa ilman lupaa.</p>"


class NoticeBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[
            ("info", _("Information")),
            ("warning", _("Warning")),
            ("emergency", _("Emergency")),
        ],
        default="info",
        label=_("Kind"),
    )
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    text = ParagraphBlock(label=_("Text"))

    class Meta:
        icon = "warning"
        label = _("Notice")
        template = f"{BLOCK_TEMPLATES}/notice_block.html"
        description = _("A highlighted box, for example 'In an emergency call 112'.")
        preview_value = {
            "kind": "emergency",
            "title": "Hätätilanteessa soita 112",
            "text": "<p>Jos olet välittömässä vaarassa, soita hätänumeroon 112.</p>",
        }


class HelplineBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=200)
    text = blocks.TextBlock(label=_("Text"), required=False)

    class Meta:
        icon = "mail"
        label = _("Helpline")
        template = f"{BLOCK_TEMPLATES}/helpline_block.html"
        description = _("The 24/7 helpline number, e-mail and emergency number from the site settings.")
        preview_value = {"heading": "Ota yhteyttä", "text": "Voit soittaa nimettömästi."}


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=300)
    answer = ParagraphBlock(label=_("Answer"))


class AccordionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=200)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Questions"))

    class Meta:
        icon = "list-ul"
        label = _("Questions and answers")
        template = f"{BLOCK_TEMPLATES}/accordion_block.html"
        description = _("Questions that open to show their answer; works without JavaScript.")
        preview_value = {
            "heading": "Usein kysyttyä",
            "items": [{"question": "Maksaako apu?", "answer": "<p>Ei maksa.</p>"}],
        }


class ServiceItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    description = blocks.TextBlock(label=_("Description"), required=False)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)


class ServiceListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=200)
    items = blocks.ListBlock(ServiceItemBlock(), label=_("Services"))

    def get_context(self, value, parent_context=None):
        """Pair each item with its linked page in the visitor's language, in one query."""
        from pages.i18n import localize_pages

        context = super().get_context(value, parent_context=parent_context)
        targets = localize_pages([item["page"] for item in value["items"] if item.get("page")])
        context["entries"] = [
            (item, targets.get(item["page"].pk) if item.get("page") else None)
            for item in value["items"]
        ]
        return context

    class Meta:
        icon = "list-ul"
        label = _("List of services")
        template = f"{BLOCK_TEMPLATES}/service_list_block.html"
        description = _("A list of services, each with a short description and an optional link.")
        preview_value = {
            "heading": "Palvelut",
            "items": [
                {"title": "Turvallinen majoitus", "description": "Turvallinen paikka asua."},
                {"title": "Tulkkaus", "description": "Palvelua omalla kielelläsi."},
            ],
        }


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=300,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)

    class Meta:
        icon = "image"
        label = _("Image")
        template = f"{BLOCK_TEMPLATES}/image_block.html"
        description = _("An image with required alternative text and an optional caption.")


class DocumentChooserBlock(WagtailDocumentChooserBlock):
    """Wagtail's chooser, fetching what each file is (DocumentFacts) in the same round as the documents."""

    def bulk_to_python(self, values):
        documents = super().bulk_to_python(values)
        prefetch_related_objects([document for document in documents if document is not None], "facts")
        return documents


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), required=False, max_length=200)

    class Meta:
        icon = "doc-full"
        label = _("Document link")
        template = f"{BLOCK_TEMPLATES}/document_link_block.html"
        description = _("A link to a document, with its file type and size.")


class RetentionPeriodBlock(blocks.StructBlock):
    """How long referrals are kept, from the configuration (REFERRAL_RETENTION_DAYS, through the
    `retention_days` template tag), so that the privacy notice never states another number than
    the one the retention command applies."""

    backup_days = blocks.IntegerBlock(
        label=_("Days backups are kept"),
        required=False,
        min_value=0,
        max_value=3650,
        help_text=_("How long the operator keeps database backups. Leave empty to say nothing about backups."),
    )

    class Meta:
        icon = "time"
        label = _("Retention period")
        template = f"{BLOCK_TEMPLATES}/retention_period_block.html"
        description = _("How many days after a case is closed its report is deleted, from the site's configuration.")
        preview_value = {"backup_days": 30}


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    notice = NoticeBlock()
    helpline = HelplineBlock()
    accordion = AccordionBlock()
    service_list = ServiceListBlock()
    image = ImageBlock()
    document = DocumentLinkBlock()
    retention_period = RetentionPeriodBlock()

    def render_basic(self, value, context=None):
        """Wagtail's markup, with each block told whether it opens the body: an image there is
        likely in the first screen, so it loads at once instead of lazily."""
        context = context.flatten() if hasattr(context, "flatten") else dict(context or {})
        return format_html_join(
            "\n",
            '<div class="w-block-{1} block-{1}">{0}</div>',
            [
                (child.render(context={**context, "opens_body": index == 0}), child.block_type)
                for index, child in enumerate(value)
            ],
        )


class OfficeBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=200)
    address = blocks.CharBlock(label=_("Address"), required=False, max_length=300)
    region = blocks.CharBlock(label=_("Region served"), required=False, max_length=300)
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "home"
        label = _("Office")
        template = f"{BLOCK_TEMPLATES}/office_block.html"
        description = _("One of the assistance system's offices and the region it serves.")
        preview_value = {
            "name": "Lappeenranta",
            "address": "Joutsenon vastaanottokeskus",
            "region": "Koko Suomi",
            "description": "Sosiaaliohjaajat, ylitarkastaja ja terveydenhoitaja.",
        }
