"""The data an editor's browser posts from a page's edit form, read from the edit view's HTML.

Plain fields, inline panels and comments are real form inputs; Wagtail's `querydict_from_html`
reads them. StreamFields are drawn by JavaScript from the JSON in the `data-block` element's
attributes; `stream_form_data` turns that JSON into the inputs the browser would post.
"""

import json

from bs4 import BeautifulSoup
from django.http import QueryDict
from django.urls import reverse
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.test.utils.form_data import querydict_from_html


def _field_value(state, data: QueryDict, prefix: str) -> None:
    if isinstance(state, dict):  # a chooser: {"id": ..., "title": ..., ...}
        data[prefix] = str(state["id"])
    elif isinstance(state, list):  # a choice block: the chosen values
        data.setlist(prefix, [str(value) for value in state])
    elif isinstance(state, bool):
        if state:
            data[prefix] = "on"
    elif state is not None:
        data[prefix] = str(state)


def _sequence_member(data: QueryDict, prefix: str, index: int, member: dict) -> None:
    data[f"{prefix}-{index}-deleted"] = ""
    data[f"{prefix}-{index}-order"] = str(index)
    data[f"{prefix}-{index}-id"] = member.get("id") or ""


def stream_form_data(block: blocks.Block, state, data: QueryDict, prefix: str) -> None:
    """Add the inputs for one block's form state (as in `block.get_form_state`) to `data`."""
    if isinstance(block, blocks.StreamBlock):
        data[f"{prefix}-count"] = str(len(state))
        for index, child in enumerate(state):
            _sequence_member(data, prefix, index, child)
            data[f"{prefix}-{index}-type"] = child["type"]
            stream_form_data(block.child_blocks[child["type"]], child["value"], data, f"{prefix}-{index}-value")
    elif isinstance(block, blocks.ListBlock):
        data[f"{prefix}-count"] = str(len(state))
        for index, child in enumerate(state):
            _sequence_member(data, prefix, index, child)
            stream_form_data(block.child_block, child["value"], data, f"{prefix}-{index}-value")
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            stream_form_data(child_block, state.get(name), data, f"{prefix}-{name}")
    else:
        _field_value(state, data, prefix)


def edit_form_data(client, page) -> QueryDict:
    """What the edit form of `page` posts unchanged, as the logged-in user of `client` sees it."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    form = BeautifulSoup(html, "html.parser").find("form", id="page-edit-form")
    model = type(page.specific)
    for field in model._meta.get_fields():
        if isinstance(field, StreamField):
            element = form.find("div", attrs={"id": field.name, "data-block": True})
            state = json.loads(element["data-w-block-arguments-value"])[0]
            stream_form_data(field.stream_block, state, data, field.name)
    return data
