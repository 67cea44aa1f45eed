"""The yearly registers printed as books (sổ đăng ký văn bản đến / đi, Nghị định 30/2020 Phụ lục IV): a cover
page with the bodies' names, the year, the span of dates and numbers, then the register's table on landscape A4
pages with its headings repeated, ready to be printed and bound at the end of the year (STANDARDS.md §9).

Rendered by WeasyPrint with the bundled Liberation Serif and the local-only fetcher of directives/pdf/render.py:
nothing is fetched from anywhere else."""

from __future__ import annotations

import unicodedata

from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from directives.handling.selectors import incoming as selectors
from directives.pdf.conf import font_dir, local_roots
from directives.pdf.render import FONT_FAMILY, LocalOnlyFetcher, _fonts
from portal.org.models import Unit


def _pdf(template: str, context: dict) -> bytes:
    html = unicodedata.normalize("NFC", render_to_string(template, {**context, "font": FONT_FAMILY}))
    roots = local_roots()
    fetcher = LocalOnlyFetcher(roots)
    font_config, font_css = _fonts(font_dir(), LocalOnlyFetcher(roots))
    document = HTML(string=html, base_url=roots[0].as_uri() + "/", url_fetcher=fetcher).render(
        stylesheets=[font_css], font_config=font_config
    )
    return document.write_pdf()


def _bodies(unit: Unit) -> dict:
    """The two lines above the title: the governing body (the unit's «dòng trên», else its parent's name) and
    the unit itself, in capitals as on its documents."""
    upper = unit.parent_line or (unit.get_parent().name if not unit.is_root() else "")
    return {"upper_body": upper.upper(), "body": unit.name.upper()}


def incoming_book_pdf(*, unit: Unit, year: int) -> bytes:
    """Sổ đăng ký văn bản đến of ``unit`` for ``year``: Số đến, Ngày đến, Tác giả, Số ký hiệu, Ngày tháng, Tên
    loại và trích yếu, Đơn vị hoặc người nhận, Ký nhận, Ghi chú."""
    rows = selectors.incoming_book_rows(unit=unit, year=year)
    return _pdf(
        "handling/pdf/incoming_book.html",
        {
            **_bodies(unit),
            "unit": unit,
            "year": year,
            "rows": rows,
            "span": selectors.incoming_book_span(rows),
            "made_at": timezone.localtime(),
        },
    )


def outgoing_book_pdf(*, unit: Unit, year: int) -> bytes:
    """Sổ đăng ký văn bản đi of ``unit`` for ``year``: Số ký hiệu, Ngày tháng, Tên loại và trích yếu, Người ký,
    Nơi nhận, Đơn vị lưu hồ sơ, Số lượng bản, Ghi chú."""
    documents = selectors.outgoing_book_rows(unit=unit, year=year)
    rows = []
    for d in documents:
        sent, kept = selectors.outgoing_recipients(d)
        rows.append({"document": d, "sent": sent, "kept": kept})
    return _pdf(
        "handling/pdf/outgoing_book.html",
        {
            **_bodies(unit),
            "unit": unit,
            "year": year,
            "rows": rows,
            "span": selectors.outgoing_book_span(documents),
            "made_at": timezone.localtime(),
        },
    )
