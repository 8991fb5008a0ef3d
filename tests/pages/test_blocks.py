"""Every StreamField block renders its preview value."""

import pytest
from django.test import RequestFactory

from pages.blocks import BodyStreamBlock, OfficeBlock
from pages.models import SiteContactSettings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", list(BodyStreamBlock.base_blocks))
def test_block_has_template_icon_and_description(name):
    block = BodyStreamBlock.base_blocks[name]
    assert block.meta.template
    assert block.meta.icon
    assert block.meta.description


@pytest.mark.parametrize(
    "block", [b for b in [*BodyStreamBlock.base_blocks.values(), OfficeBlock()]
              if getattr(b.meta, "preview_value", None) is not None],
    ids=lambda b: type(b).__name__,
)
def test_block_renders_preview_value(block):
    request = RequestFactory().get("/fi/")
    value = block.get_preview_value()  # already normalised to the block's native value
    html = block.render(value, context={"request": request,
                                        "settings": {"pages": {"SiteContactSettings": SiteContactSettings.load()}}})
    assert html.strip()


def test_helpline_block_uses_site_settings():
    block = BodyStreamBlock.base_blocks["helpline"]
    contact = SiteContactSettings.load()
    html = block.render(block.to_python({"heading": "Soita", "text": ""}),
                        context={"settings": {"pages": {"SiteContactSettings": contact}}})
    assert 'href="tel:+358295463177"' in html
    assert contact.contact_email in html


def test_image_and_document_blocks_render_real_objects():
    from wagtail_factories import DocumentFactory, ImageFactory

    image = ImageFactory()
    document = DocumentFactory()
    stream = BodyStreamBlock()
    value = stream.to_python([
        {"type": "image", "value": {"image": image.pk, "alt_text": "Kuvaus", "caption": "Kuvateksti"}},
        {"type": "document", "value": {"document": document.pk, "title": "Katsaus"}},
    ])
    html = stream.render(value)
    assert 'alt="Kuvaus"' in html and 'loading="eager"' in html  # the opening image is not lazy
    assert "<figcaption>Kuvateksti</figcaption>" in html
    assert document.url in html and "Katsaus" in html
