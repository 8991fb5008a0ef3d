"""Filters of the form's templates."""

from django import template

register = template.Library()


@register.filter
def before_message(label) -> str:
    """A field's label as it stands before its error in the error summary: "Region: ...", but "Who is
    writing? ..." with no colon after a question mark (Arabic and Persian ones too)."""
    text = str(label).rstrip()
    return text if text.endswith(("?", "؟", ":", "!", "।")) else f"{text}:"
