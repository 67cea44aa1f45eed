"""Charts as server-rendered SVG: the same markup is inlined in the page and in the PDF (WeasyPrint draws
inline SVG), so the chart a leader sees is the one printed for the meeting. Colours are presentation
attributes, not style attributes (the site's Content-Security-Policy forbids inline styles)."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

from django.utils.safestring import SafeString, mark_safe

from directives.cascade import DeliveryCounts
from portal.core.templatetags.vn import vn_number
from reporting.dashboard.figures import (
    STATE_COLOURS,
    STATE_LABELS,
    PeriodInfo,
    ReportCounts,
    Row,
)

PAGE_FONT = "Segoe UI, Roboto, Noto Sans, Arial, sans-serif"
INK, MUTED, GRID = "#1d2433", "#5b6474", "#d8dde6"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} %".replace(".", ",")


def _svg(width: int, height: int, body: list[str], *, label: str, font: str) -> SafeString:
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label="{escape(label)}" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="{escape(font)}" '
        f'font-size="12" fill="{INK}"><title>{escape(label)}</title>{"".join(body)}</svg>'
    )


def short_label(period: PeriodInfo) -> str:
    """'2024-Q3' → 'Q3/2024', '2024-S1' → '6T/2024', '2024-Y' → 'Năm 2024', '2024-M03' → 'T3/2024'."""
    m = re.fullmatch(r"(\d{4})-(?:(Q\d)|(S1)|(9M)|(Y)|M(\d\d))", period.key)
    if not m:
        return period.label[:14]
    year, quarter, half, nine, annual, month = m.groups()
    if quarter:
        return f"{quarter}/{year}"
    if half:
        return f"6T/{year}"
    if nine:
        return f"9T/{year}"
    if annual:
        return f"Năm {year}"
    return f"T{int(month)}/{year}"


def stacked_bar(
    segments: list[tuple[str, int, str]], *, label: str, width: int = 560, font: str = PAGE_FONT
) -> SafeString:
    """One stacked bar of (label, count, state) segments, with its legend two columns wide."""
    total = sum(count for _, count, _ in segments)
    body, x = [], 0.0
    for name, count, state in segments:
        w = width * count / total if total else 0
        if w:
            body.append(
                f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="22" fill="{STATE_COLOURS[state]}">'
                f"<title>{escape(name)}: {vn_number(count)}</title></rect>"
            )
        x += w
    if not total:
        body.append(f'<rect x="0" y="0" width="{width}" height="22" fill="{STATE_COLOURS["none"]}"/>')
    for i, (name, count, state) in enumerate(segments):
        lx, ly = (i % 2) * (width // 2), 40 + (i // 2) * 18
        body.append(
            f'<rect x="{lx}" y="{ly - 10}" width="11" height="11" fill="{STATE_COLOURS[state]}"/>'
            f'<text x="{lx + 16}" y="{ly}">{escape(name)}: {vn_number(count)}</text>'
        )
    return _svg(width, 44 + 18 * ((len(segments) + 1) // 2), body, label=label, font=font)


def buckets_bar(counts: ReportCounts, *, width: int = 560, font: str = PAGE_FONT) -> SafeString:
    """The four buckets leaders use, as one stacked bar."""
    return stacked_bar(
        [(b["label"], b["count"], b["state"]) for b in counts.buckets],
        label="Bốn nhóm tình trạng báo cáo",
        width=width,
        font=font,
    )


def cascade_bar(counts: DeliveryCounts, *, width: int = 560, font: str = PAGE_FONT) -> SafeString:
    """The units that received the document, by how far they went (each unit in one segment)."""
    implemented = counts.implemented
    drafting = min(counts.drafting, max(0, counts.received - implemented))
    acknowledged = max(0, counts.acknowledged - implemented - drafting)
    read_only = max(0, counts.touched - counts.acknowledged - drafting)
    return stacked_bar(
        [
            ("Đã ban hành văn bản triển khai", implemented, "ok"),
            ("Đang soạn", drafting, "open"),
            ("Đã tiếp nhận, chưa triển khai", acknowledged, "late"),
            ("Đã xem, chưa tiếp nhận", read_only, "excused"),
            ("Chưa xử lý", counts.nothing, "overdue"),
        ],
        label="Tình hình triển khai văn bản",
        width=width,
        font=font,
    )


def trend_chart(
    trend: list[tuple[PeriodInfo, ReportCounts]],
    *,
    width: int = 640,
    height: int = 230,
    font: str = PAGE_FONT,
) -> SafeString:
    """The on-time rate (solid) and the reporting rate (dashed) across periods, 0–100 %."""
    left, right, top, bottom = 48, 34, 16, 52
    plot_w, plot_h = width - left - right, height - top - bottom
    body = []
    for tick in (0, 25, 50, 75, 100):
        y = top + plot_h * (1 - tick / 100)
        body.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{GRID}"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{MUTED}">{tick} %</text>'
        )
    n = len(trend)
    step = plot_w / max(1, n - 1) if n > 1 else 0

    def xy(i: int, value: float) -> tuple[float, float]:
        x = left + (step * i if n > 1 else plot_w / 2)
        return x, top + plot_h * (1 - value / 100)

    for attr, colour, dash in (
        ("reporting_rate", "#2f6fb0", ' stroke-dasharray="5 4"'),
        ("on_time_rate", "#1b7a3d", ""),
    ):
        points = [(i, getattr(c, attr)) for i, (_, c) in enumerate(trend) if getattr(c, attr) is not None]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(i, v) for i, v in points))
            body.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>')
        for i, v in points:
            x, y = xy(i, v)
            body.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"><title>{_pct(v)}</title></circle>'
            )
            if attr == "on_time_rate":
                body.append(
                    f'<text x="{x:.1f}" y="{y - 8:.1f}" text-anchor="middle" font-size="11">{_pct(v)}</text>'
                )
    for i, (period, _) in enumerate(trend):
        x, _ = xy(i, 0)
        body.append(
            f'<text x="{x:.1f}" y="{top + plot_h + 16}" text-anchor="middle" fill="{MUTED}">'
            f"{escape(short_label(period))}</text>"
        )
    ly = height - 12
    body.append(
        f'<line x1="{left}" y1="{ly - 4}" x2="{left + 24}" y2="{ly - 4}" stroke="#1b7a3d" stroke-width="2"/>'
        f'<text x="{left + 30}" y="{ly}">Tỷ lệ nộp đúng hạn</text>'
        f'<line x1="{left + 190}" y1="{ly - 4}" x2="{left + 214}" y2="{ly - 4}" stroke="#2f6fb0" '
        f'stroke-width="2" stroke-dasharray="5 4"/><text x="{left + 220}" y="{ly}">Tỷ lệ đã nộp</text>'
    )
    return _svg(width, height, body, label="Xu hướng tỷ lệ nộp báo cáo đúng hạn qua các kỳ", font=font)


def _truncate(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def cell_text(row: Row, cell: ReportCounts) -> str:
    """A grassroots unit's cell names its status; a subtree's cell counts reports in over reports expected."""
    if not cell.total or not (cell.expected or cell.submitted or cell.excused):
        return "—"  # nothing owed, or only by units closed before the period ended
    if row.is_leaf and cell.total == 1:
        return STATE_LABELS[cell.state]
    return f"{cell.submitted}/{cell.expected}"


def heat_map(
    rows: list[Row],
    columns: list[PeriodInfo],
    *,
    link: Callable[[Row], str | None] | None = None,
    font: str = PAGE_FONT,
    label_width: int = 270,
    cell_width: int = 78,
) -> SafeString:
    """Rows: the unit itself and its children; columns: periods; each cell coloured by its worst status."""
    row_h, head = 24, 30
    width = label_width + cell_width * max(1, len(columns)) + 4
    height = head + row_h * len(rows) + 34
    body = []
    for j, period in enumerate(columns):
        x = label_width + cell_width * j + cell_width / 2
        body.append(
            f'<text x="{x:.0f}" y="18" text-anchor="middle" font-weight="bold">'
            f"{escape(short_label(period))}</text>"
        )
    for i, row in enumerate(rows):
        y = head + row_h * i
        name = "(Bản thân đơn vị)" if row.is_self else (row.unit.name if row.unit else row.key)
        text = f'<text x="0" y="{y + 16}">{escape(_truncate(name, 40))}</text>'
        href = link(row) if link and not row.is_self else None
        body.append(f'<a href="{escape(href)}">{text}</a>' if href else text)
        for j, cell in enumerate(row.cells):
            x = label_width + cell_width * j
            state = cell.state
            ink = INK if state == "none" else "#ffffff"
            body.append(
                f'<rect x="{x + 1}" y="{y + 1}" width="{cell_width - 2}" height="{row_h - 2}" rx="3" '
                f'fill="{STATE_COLOURS[state]}"><title>{escape(name)} — {escape(columns[j].label)}: '
                f"{escape(STATE_LABELS[state])}</title></rect>"
                f'<text x="{x + cell_width / 2:.0f}" y="{y + 16}" text-anchor="middle" fill="{ink}" '
                f'font-size="11">{escape(cell_text(row, cell))}</text>'
            )
    ly = head + row_h * len(rows) + 22
    x = 0
    for state in ("ok", "late", "open", "overdue", "excused", "none"):
        label = {"none": "Không phải nộp"}.get(state, STATE_LABELS[state])
        body.append(
            f'<rect x="{x}" y="{ly - 10}" width="11" height="11" fill="{STATE_COLOURS[state]}"/>'
            f'<text x="{x + 15}" y="{ly}" font-size="11">{escape(label)}</text>'
        )
        x += 22 + 7 * len(label)
    return _svg(width, height, body, label="Bản đồ nhiệt: đơn vị × kỳ báo cáo", font=font)


def score_bars(
    rows: list[Row], *, width: int = 640, font: str = PAGE_FONT, maximum: float = 100.0, limit: int = 40
) -> SafeString:
    """The emulation scores as horizontal bars, best first (the first `limit` rows)."""
    shown = [r for r in rows if r.counts["score"] is not None][:limit]
    label_w, row_h = 270, 20
    plot_w = width - label_w - 50
    body = []
    for i, r in enumerate(shown):
        y = i * row_h
        name = "(Bản thân đơn vị)" if r.is_self else (r.unit.name if r.unit else r.key)
        value = r.counts["score"]
        w = plot_w * value / maximum if maximum else 0
        colour = STATE_COLOURS[
            "ok" if value >= 0.8 * maximum else "late" if value >= 0.5 * maximum else "overdue"
        ]
        body.append(
            f'<text x="0" y="{y + 14}">{escape(_truncate(name, 40))}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 6}" fill="{colour}"/>'
            f'<text x="{label_w + w + 6:.1f}" y="{y + 14}">{f"{value:.1f}".replace(".", ",")}</text>'
        )
    return _svg(width, max(row_h, row_h * len(shown)) + 4, body, label="Điểm thi đua theo đơn vị", font=font)
