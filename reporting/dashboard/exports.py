"""Exports of the view on screen: an Excel workbook (one sheet per table) and a PDF report with the same
SVG charts, for the leader's meeting.

Excel: numbers stay numbers (rates as fractions with a percentage format, dates as dates), headers are
Vietnamese, and every text cell that a spreadsheet would read as a formula (starting with = + - @, or a
tab or carriage return) is prefixed with an apostrophe — unit names come from imports and users.
PDF: a plain report-style page rendered by WeasyPrint with the bundled Vietnamese font and the PDF
engine's local-only fetcher (directives/pdf/render.py): nothing is fetched from anywhere else.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata

from django.template.loader import render_to_string
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from weasyprint import HTML

from directives.pdf.conf import font_dir, local_roots
from directives.pdf.render import FONT_FAMILY, LocalOnlyFetcher, _fonts
from reporting.dashboard.tables import Percent, Table

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PDF_MAX_ROWS = 500  # a PDF table stops here (the workbook has every row)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value):
    """A text cell never starts a formula: '=HYPERLINK(…)' is written as "'=HYPERLINK(…)"."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _sheet_title(name: str, used: set[str]) -> str:
    clean = "".join("-" if ch in "[]:*?/\\" else ch for ch in name)[:31] or "Bảng"
    title, n = clean, 2
    while title in used:
        title = f"{clean[:28]} {n}"
        n += 1
    used.add(title)
    return title


def workbook_bytes(tables: list[Table]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="F0F2F5")
    for table in tables:
        ws = wb.create_sheet(_sheet_title(table.name, used))
        ws.append([neutralise(table.title)])
        ws["A1"].font = Font(bold=True, size=13)
        ws.append([neutralise(h) for h in table.headers])
        for cell in ws[2]:
            cell.font, cell.fill = bold, head_fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        widths = [len(h) for h in table.headers]
        for excel_row, row in enumerate(table.rows, start=3):  # (ws.max_row is a scan: count ourselves)
            ws.append([_excel_value(v) for v in row])
            for col, value in enumerate(row, start=1):
                cell = ws.cell(row=excel_row, column=col)
                if isinstance(value, Percent):
                    cell.number_format = "0.0%"
                elif isinstance(value, dt.datetime):
                    cell.number_format = "dd/mm/yyyy hh:mm"
                elif isinstance(value, dt.date):
                    cell.number_format = "dd/mm/yyyy"
                if col <= len(widths):
                    widths[col - 1] = max(widths[col - 1], min(60, len(str(value or ""))))
        for col, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(col)].width = max(8, width + 2)
        ws.freeze_panes = "B3" if table.rows else None
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _excel_value(value):
    if isinstance(value, Percent):
        return float(value) / 100
    return neutralise(value)


def pdf_bytes(*, title: str, subtitle: str, tables: list[Table], charts: list[tuple[str, str]]) -> bytes:
    """The report as PDF: title, the charts (SVG, inline) and the tables."""
    shown = []
    for t in tables:
        shown.append({"table": t, "rows": t.rows[:PDF_MAX_ROWS], "cut": max(0, len(t.rows) - PDF_MAX_ROWS)})
    html = render_to_string(
        "dashboards/pdf/report.html",
        {
            "title": title,
            "subtitle": subtitle,
            "tables": shown,
            "charts": charts,
            "font": FONT_FAMILY,
            "made_at": timezone.localtime(),
        },
    )
    html = unicodedata.normalize("NFC", html)
    roots = local_roots()
    fetcher = LocalOnlyFetcher(roots)
    font_config, font_css = _fonts(font_dir(), LocalOnlyFetcher(roots))
    document = HTML(string=html, base_url=roots[0].as_uri() + "/", url_fetcher=fetcher).render(
        stylesheets=[font_css], font_config=font_config
    )
    return document.write_pdf()


def pdf_font() -> str:
    return FONT_FAMILY
