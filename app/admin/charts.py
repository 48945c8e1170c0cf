"""Dashboard charts drawn by pygal as SVG on the server: nothing for the browser to fetch.

pygal's SVG normally carries a script tag and links a tooltip script from a CDN; both
are turned off (``js=[]`` and a filter that drops the inline config script), so the
inline SVG needs no network and no script, and the admin pages' Content-Security-Policy
can forbid inline scripts. Every chart's numbers are also in the table beside it.

Titles, series and labels come in the admin's language (the views translate them, and
the words drawn here are translated when the chart is drawn); the font list names
Chinese fonts for every system the admin is read on.
"""

from __future__ import annotations

import math

import pygal
from flask_babel import gettext as _
from markupsafe import Markup
from pygal.style import Style

from app.admin import formats

PALETTE = ("#c0392b", "#2471a3", "#7d8c8d", "#d68910", "#1e8449")

STYLE = Style(
    background="transparent",
    plot_background="#ffffff",
    foreground="#333333",
    foreground_strong="#111111",
    foreground_subtle="#999999",
    opacity=".85",
    opacity_hover=".95",
    colors=PALETTE,
    font_family=("system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', "
                 "'WenQuanYi Micro Hei', sans-serif"),
    label_font_size=11,
    major_label_font_size=11,
    legend_font_size=12,
    title_font_size=14,
    value_font_size=10,
    no_data_font_size=16,
)


def _drop_scripts(tree):
    for parent in tree.iter():
        for child in list(parent):
            if child.tag in ("script", "{http://www.w3.org/2000/svg}script"):
                parent.remove(child)
    return tree


def _config(title: str, **options) -> dict:
    base = dict(
        title=title, style=STYLE, js=[], disable_xml_declaration=True, width=720, height=340,
        legend_at_bottom=True, legend_at_bottom_columns=3, show_minor_x_labels=False, x_label_rotation=0,
        truncate_label=-1, margin=12, margin_bottom=20, spacing=10, print_values=False, include_x_axis=True,
        no_data_text=_("No data in this period"),
    )
    base.update(options)
    return base


def nice_ticks(top: float, count: int = 5) -> list[float]:
    """Round axis ticks from 0 to at least ``top``: 0, 1, 2 ... for small counts, else steps of 1, 2 or 5 × 10^n."""
    if top <= 0:
        return [0, 1]
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    return [step * i for i in range(0, int(math.ceil(top / step)) + 1)]


def ticks_around(low: float, high: float, count: int = 5) -> list[float]:
    """Round axis ticks covering ``low`` to ``high`` through 0 (a net figure can go below it), steps as ``nice_ticks``."""
    if low >= 0:
        return nice_ticks(high, count)
    ticks = nice_ticks(max(high, -low), count)
    step = ticks[1] - ticks[0]
    below = [-step * i for i in range(int(math.ceil(-low / step)), 0, -1)]
    return below + [tick for tick in ticks if tick < max(high, 0) + step]


def _bottom(series: list[tuple[str, list]]) -> float:
    return min((min((v or 0 for v in values), default=0) for _name, values in series), default=0)


def _top(series: list[tuple[str, list]], stacked: bool) -> float:
    columns = [[v or 0 for v in values] for _name, values in series]
    if not columns:
        return 0
    if stacked:
        return max((sum(day) for day in zip(*columns)), default=0)
    return max((max(values, default=0) for values in columns), default=0)


def _render(chart, chart_id: str) -> Markup:
    chart.add_xml_filter(_drop_scripts)
    svg = chart.render(is_unicode=True)
    # Label the SVG so pages and tests can find each chart.
    svg = svg.replace("<svg ", f'<svg data-chart="{chart_id}" role="img" ', 1)
    return Markup(svg)


def _day_labels(days: list[str]) -> tuple[list[str], list[str]]:
    """Every day as a label (``12月6日``, ``6 Dec``); every 5th and the last one shown."""
    labels = [formats.month_day(day) for day in days]
    major = [label for index, label in enumerate(labels) if index % 5 == 0 or index == len(labels) - 1]
    return labels, major


def daily_bars(chart_id: str, title: str, days: list[str], series: list[tuple[str, list[int]]], *,
               stacked: bool = False, y_title: str | None = None, formatter=None) -> Markup:
    chart_class = pygal.StackedBar if stacked else pygal.Bar
    chart = chart_class(**_config(title, y_title=y_title, value_formatter=formatter or _integer,
                                  y_labels=nice_ticks(_top(series, stacked))))
    chart.x_labels, chart.x_labels_major = _day_labels(days)
    for name, values in series:
        chart.add(name, values)
    return _render(chart, chart_id)


def daily_lines(chart_id: str, title: str, days: list[str], series: list[tuple[str, list]], *,
                y_title: str | None = None, formatter=None, range_: tuple | None = None) -> Markup:
    options = dict(y_title=y_title, value_formatter=formatter or _integer, show_dots=True, dots_size=2.5,
                   fill=False, allow_interruptions=True)
    if range_ is not None:
        options["range"] = range_
        options["y_labels"] = nice_ticks(range_[1])
    else:
        options["y_labels"] = ticks_around(_bottom(series), _top(series, False))
    chart = pygal.Line(**_config(title, **options))
    chart.x_labels, chart.x_labels_major = _day_labels(days)
    for name, values in series:
        chart.add(name, values)
    return _render(chart, chart_id)


def funnel(chart_id: str, title: str, stages: list[tuple[str, int]]) -> Markup:
    """One horizontal bar per stage, widest first, each labelled with its count."""
    chart = pygal.HorizontalBar(**_config(title, value_formatter=_integer, print_values=True, show_legend=False,
                                          y_labels=nice_ticks(max((c for _name, c in stages), default=0))))
    chart.x_labels = [name for name, _count in reversed(stages)]
    chart.add(_("Shares"), [count for _name, count in reversed(stages)])
    return _render(chart, chart_id)


def categories(chart_id: str, title: str, series: list[tuple[str, list]], labels: list[str], *,
               formatter=None, no_data: str | None = None) -> Markup:
    """Bars over named categories (claim steps), one value per category."""
    chart = pygal.Bar(**_config(title, value_formatter=formatter or _integer, x_label_rotation=20,
                                show_minor_x_labels=True, show_legend=len(series) > 1, print_values=True,
                                no_data_text=no_data or _("No data in this period"),
                                y_labels=nice_ticks(_top(series, False))))
    chart.x_labels = labels
    for name, values in series:
        chart.add(name, values)
    return _render(chart, chart_id)


def hours(value) -> str:
    if value is None:
        return ""
    return _("%(hours)s h", hours=format(value, ",.1f"))


def _integer(value) -> str:
    return "" if value is None else f"{int(value):,}"


def yuan(value) -> str:
    return "" if value is None else f"¥{value:,.2f}"


def percent(value) -> str:
    return "" if value is None else f"{value:.1f}%"
