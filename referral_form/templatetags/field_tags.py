"""The input of a form field, linked to the help text and error that `field.html` shows."""

import copy

from django import template

register = template.Library()

# Django (5.0 and later) links an input to `<id>_helptext` and `<id>_error` by itself, and marks it
# invalid when the field has errors. field.html gives those paragraphs other ids, and does not show
# the errors of a form it was asked not to judge (skip_errors), so Django's references pointed at
# nothing. The references are made here, from field.html's own ids.
DESCRIBING = ("aria-describedby", "aria-invalid")


@register.simple_tag(takes_context=True)
def described_input(context, field):
    """`{% described_input field %}`: the field's widget, whose aria-describedby names exactly the help
    text and the error that field.html shows for it, and nothing else."""
    shows_errors = bool(field.errors) and not context.get("skip_errors")
    ids = [f"{field.auto_id}-help"] if field.help_text else []
    if shows_errors:
        ids.append(f"{field.auto_id}-error")
    widget = copy.copy(field.field.widget)
    widget.attrs = {name: value for name, value in widget.attrs.items() if name not in DESCRIBING}
    widget.is_localized = widget.is_localized or field.field.localize
    attrs = {name: value for name, value in field.build_widget_attrs({}, widget).items() if name not in DESCRIBING}
    if ids:
        attrs["aria-describedby"] = " ".join(ids)
    if shows_errors:
        attrs["aria-invalid"] = "true"
    if field.auto_id and "id" not in widget.attrs:
        attrs["id"] = field.auto_id
    return widget.render(name=field.html_name, value=field.value(), attrs=attrs, renderer=field.form.renderer)


@register.filter
def before_message(label) -> str:
    """A field's label as it stands before its error in the error summary: "Region: ...", but "Who is
    writing? ..." with no colon after a question mark (Arabic and Persian ones too)."""
    text = str(label).rstrip()
    return text if text.endswith(("?", "؟", ":", "!", "।")) else f"{text}:"
