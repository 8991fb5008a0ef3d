"""Bar charts drawn on the server as small, accessible inline SVG. No chart library, no script.

A chart is an `<svg role="img">` named by its `<title>` and `<desc>` (`aria-labelledby`); the
description lists every value, so a screen reader hears the figures. On screen every bar carries its
label above it and its value as text at its end, so nothing depends on colour. A figure that has not
been published (None) gets no bar and says so in words: it is never drawn as 0.

The chart has no viewBox: its width is 100 % of the column and bar lengths are percentages of it, while
text and heights stay in CSS pixels. The chart therefore fits a phone and a desktop column alike and its
text never shrinks below the page's own size. Right-to-left charts grow their bars from the right.
"""

import textwrap
from dataclasses import dataclass
from enum import Enum

from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

FONT_SIZE = 15  # px, the labels and values
LINE_HEIGHT = 20  # px per line of a label
BAR_HEIGHT = 22
ROW_GAP = 14
LONGEST_BAR = 78  # per cent of the chart's width; the rest leaves room for the value after the longest bar
VALUE_GAP = 6  # px between a bar's end and its value
LABEL_WIDTH = 34  # characters on one line of a label before it wraps (fits a 320 px wide screen)
BAR_COLOUR = "#003a70"  # the site's brand colour: 11.9:1 against white
TEXT_COLOUR = "#1b1b1b"
MUTED_COLOUR = "#4a4a4a"  # 8.9:1 against white


class Unit(Enum):
    COUNT = "count"
    PERCENT = "percent"


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | None  # None: not published


def format_figure(value: int | None, unit: Unit = Unit.COUNT) -> str:
    """A figure as the visitor's language writes it; None becomes "not published"."""
    if value is None:
        return _("not published")
    number = formats.number_format(value, use_l10n=True, force_grouping=True)
    if unit is Unit.PERCENT:
        # Translators: a percentage: English writes "70%"; write it as your language does, e.g. with a
        # no-break space before the sign ("70 %") in Finnish, Swedish, Russian or French.
        return _("%(number)s%%") % {"number": number}
    return number


def _f(number: float) -> str:
    """A coordinate for an attribute: plain digits and a dot, never localized."""
    return f"{number:.2f}".rstrip("0").rstrip(".")


def bar_chart(
    *,
    chart_id: str,
    title: str,
    bars: list[Bar],
    description: str = "",
    unit: Unit = Unit.COUNT,
    direction: str = "ltr",
) -> SafeString:
    """A horizontal bar chart as inline SVG markup, safe to insert into a page.

    `chart_id` must be unique on the page (it prefixes the ids of the title and the description).
    Percentages are drawn on a scale of 0–100; counts against the largest value.
    """
    rtl = direction == "rtl"
    published = [bar.value for bar in bars if bar.value is not None]
    scale = 100 if unit is Unit.PERCENT else max(published, default=0)
    values = "; ".join(f"{bar.label}: {format_figure(bar.value, unit)}" for bar in bars)
    desc = f"{description} {values}." if description else f"{values}."

    rows = []
    y = 0
    for bar in bars:
        lines = textwrap.wrap(bar.label, LABEL_WIDTH) or [""]
        for line in lines:
            y += LINE_HEIGHT
            rows.append(_text(line, x=100 if rtl else 0, y=y - 5, colour=TEXT_COLOUR))
        bar_top = y + 2
        baseline = bar_top + BAR_HEIGHT - 6
        length = LONGEST_BAR * bar.value / scale if bar.value and scale else 0
        start = 100 - length if rtl else 0
        end = 100 - length if rtl else length
        if length:
            rows.append(format_html(
                '<rect class="chart__bar" x="{}%" y="{}" width="{}%" height="{}" fill="{}"/>',
                _f(start), bar_top, _f(length), BAR_HEIGHT, BAR_COLOUR,
            ))
        if bar.value is None:
            rows.append(_text(format_figure(None), x=end, y=baseline, colour=MUTED_COLOUR, italic=True))
        else:
            gap = -VALUE_GAP if rtl else VALUE_GAP
            rows.append(_text(format_figure(bar.value, unit), x=end, y=baseline, colour=TEXT_COLOUR,
                              bold=True, dx=gap if length else 0))
        y = bar_top + BAR_HEIGHT + ROW_GAP
    height = y - ROW_GAP + 4

    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="100%" height="{height}"'
        ' aria-labelledby="{id}-title {id}-desc" font-size="{font}" direction="{direction}">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>{rows}</svg>',
        height=height, id=chart_id, font=FONT_SIZE, direction=direction, title=title, desc=desc,
        rows=mark_safe("".join(rows)),  # noqa: S308 - every row is built with format_html
    )


def _text(content: str, *, x: float, y: int, colour: str, dx: int = 0, bold=False, italic=False) -> SafeString:
    attributes = [("x", f"{_f(x)}%"), ("y", str(y)), ("fill", colour)]
    if dx:
        attributes.append(("dx", str(dx)))
    if bold:
        attributes.append(("font-weight", "700"))
    if italic:
        attributes.append(("font-style", "italic"))
    return format_html(
        "<text {}>{}</text>", format_html_join(" ", '{}="{}"', attributes), content
    )
