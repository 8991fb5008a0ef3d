from django import template

from pages.charts import Unit, format_figure

register = template.Library()


@register.filter
def figure(value, unit: str = "count") -> str:
    """A figure for a table cell, written as the visitor's language does; a dash when not published."""
    if value is None:
        return "–"
    return format_figure(value, Unit(unit))
