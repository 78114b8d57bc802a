"""The dashboard as one self-contained HTML page (charts embedded as PNG data, tables with the exact
figures), laid out so that Qt's rich text prints it on A4 as the PDF. Pure Python: texts are rendered
with the ``translate`` function the caller gives.
"""

from html import escape
from typing import Callable, Mapping, Optional, Sequence

from ..domain.dashboard import Dashboard
from ..domain.messages import QT_TR_NOOP, Message
from .tables import Table, dashboard_sections, render_cell

REPORT_TITLE = QT_TR_NOOP("Farmland protection dashboard")
AS_OF_LINE = QT_TR_NOOP("Cases overdue as of {date}")
GENERATED_LINE = QT_TR_NOOP("Generated {time}")
AREA_LINE = QT_TR_NOOP("Area method: {methods}")
INPUTS_LINE = QT_TR_NOOP("Inputs: {sources}")
CHART_WIDTH_PX = 680  # px at 96 dpi: fits an A4 page with 12 mm margins when Qt prints the HTML

_STYLE = (
    "body { font-family: sans-serif; font-size: 10pt; color: #202020; }"
    "h1 { font-size: 18pt; } h2 { font-size: 14pt; margin-top: 18px; } h3 { font-size: 11pt; }"
    "table.figures { border-collapse: collapse; margin-bottom: 12px; font-size: 8pt; }"
    "table.figures th { background-color: #e8eef4; font-weight: bold; }"
    "table.figures td.number { text-align: right; }"
    "tr.total td { font-weight: bold; background-color: #f4f4f4; }"
    "p.warning { color: #a00000; font-weight: bold; }"
    "p.note { color: #606060; }"
)


def _cell_html(cell, translate, tag, numeric):
    """A cell; body cells never wrap (codes and figures stay whole), header cells may."""
    text = escape(render_cell(cell, translate))
    attributes = (' class="number"' if numeric else "") + (" nowrap" if tag == "td" else "")
    return f"<{tag}{attributes}>{text}</{tag}>"


def _is_numeric(text):
    try:
        float(text)
    except ValueError:
        return text == "—"
    return True


def table_html(table: Table, translate: Optional[Callable] = None) -> str:
    """A table as HTML: ``<table id="KEY" class="figures">``, one ``<tr>`` per row, totals ``class="total"``."""
    lines = [f"<h3>{escape(table.title.render(translate))}</h3>"]
    lines.append(f'<table id="{table.key}" class="figures" border="1" cellspacing="0" cellpadding="2">')
    lines.append("<tr>" + "".join(_cell_html(h, translate, "th", False) for h in table.headers) + "</tr>")
    first_total = len(table.rows) - table.totals
    for n, row in enumerate(table.rows):
        cells = "".join(
            _cell_html(c, translate, "td", isinstance(c, str) and _is_numeric(c) and k > 1) for k, c in enumerate(row)
        )
        lines.append(f'<tr class="total">{cells}</tr>' if n >= first_total else f"<tr>{cells}</tr>")
    lines.append("</table>")
    return "\n".join(lines)


def report_html(
    dashboard: Dashboard,
    images: Optional[Mapping[str, str]] = None,
    translate: Optional[Callable] = None,
    warnings: Sequence = (),
    generated: str = "",
    sources: Sequence[str] = (),
    extra_sections: Sequence[str] = (),
) -> str:
    """The dashboard as one self-contained HTML page: head lines, then per section its chart (``images``: section
    key → PNG bytes as base64 text, embedded as data URIs), its tables and notes. ``warnings``: Messages or texts
    shown at the top (a missing Chinese font, say); ``sources``: the inputs, named; ``extra_sections``: HTML of
    sections made elsewhere (the city's county ranking), after the dashboard's own."""

    def text(template, **params):
        return escape(Message(template, **params).render(translate))

    title = text(REPORT_TITLE)
    out = [
        "<!DOCTYPE html>",
        '<html><head><meta charset="utf-8">',
        f"<title>{title}</title>",
        f"<style>{_STYLE}</style>",
        "</head><body>",
        f"<h1>{title}</h1>",
        f"<p>{text(AS_OF_LINE, date=dashboard.as_of.isoformat())}</p>",
    ]
    if generated:
        out.append(f"<p>{text(GENERATED_LINE, time=generated)}</p>")
    methods = dashboard.area_methods()
    if methods:
        out.append(f"<p>{text(AREA_LINE, methods=', '.join(methods))}</p>")
    if sources:
        out.append(f"<p>{text(INPUTS_LINE, sources='; '.join(sources))}</p>")
    for warning in warnings:
        out.append(f'<p class="warning">{escape(render_cell(warning, translate))}</p>')
    for n, section in enumerate(dashboard_sections(dashboard)):
        style = ' style="page-break-before: always;"' if n else ""
        out.append(f'<h2 id="section-{section.key}"{style}>{escape(section.title.render(translate))}</h2>')
        if section.note is not None:
            out.append(f'<p class="note">{escape(section.note.render(translate))}</p>')
        image = (images or {}).get(section.key)
        if image:
            alt = escape(section.title.render(translate))
            out.append(f'<p align="center"><img src="data:image/png;base64,{image}" width="{CHART_WIDTH_PX}" alt="{alt}"></p>')
        out.extend(table_html(table, translate) for table in section.tables)
    out.extend(extra_sections)
    out.append("</body></html>")
    return "\n".join(out)
