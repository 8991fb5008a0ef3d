"""Editors preview every page type from the edit view, with what they typed and not yet saved."""

import pytest
from django.urls import reverse

from tests.admin_forms import edit_form_data
from tests.pages.test_rendering import PAGE_TYPES, key_of_type
from tests.utils import demo_keys, demo_page, soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(group_member, client_for):
    return client_for(group_member("Editors"))


def preview(client, page, changes: dict):
    """Post the edit form with `changes` to the preview, as the editor's browser does, then load the preview."""
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    data = edit_form_data(client, page)
    for name, value in changes.items():
        data[name] = value
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.json() == {"is_valid": True, "is_available": True}
    return client.get(url)


def preview_cases():
    cases = [(model, "fi") for model in PAGE_TYPES]
    cases += [(model, "ar") for model in PAGE_TYPES if key_of_type(model) in demo_keys("ar")]
    return cases


@pytest.mark.parametrize(("model", "code"), preview_cases(),
                         ids=lambda value: getattr(value, "__name__", value))
def test_editor_previews_page_type(editor_client, model, code):
    page = demo_page(key_of_type(model), code)
    assert type(page) is model
    marker = "Tämä johdanto näkyy vain esikatselussa."
    response = preview(editor_client, page, {"introduction": marker})
    assert response.status_code == 200
    html = soup(response)
    assert html.html["lang"] == code
    assert html.html["dir"] == ("rtl" if code == "ar" else "ltr")
    assert marker in response.content.decode()
    assert html.find("h1").get_text(strip=True)
    # a preview saves nothing
    page.refresh_from_db()
    assert page.introduction != marker
    assert not page.has_unpublished_changes


def test_preview_shows_a_changed_streamfield_block(editor_client):
    page = demo_page("help", "fi")
    data = edit_form_data(editor_client, page)
    index = next(key.split("-")[1] for key, value in data.items() if key.endswith("-type") and value == "heading")
    assert data[f"body-{index}-value-text"] == next(b.value["text"] for b in page.body if b.block_type == "heading")
    response = preview(editor_client, page, {f"body-{index}-value-text": "Väliotsikko vain esikatselussa"})
    headings = [h.get_text(strip=True) for h in soup(response).find_all(["h2", "h3"])]
    assert "Väliotsikko vain esikatselussa" in headings
