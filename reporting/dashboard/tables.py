"""A dashboard page as plain tables with Vietnamese headers: one Excel sheet each, and the PDF's body.

Cells keep their type — int, Percent, date, str — so the workbook holds numbers as numbers and the PDF
formats them the Vietnamese way."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from directives.cascade import DeliveryCounts
from portal.lib.dates import vn_short
from reporting.dashboard.charts import cell_text, short_label
from reporting.dashboard.figures import ReportCounts, Row


class Percent(float):
    """A rate in percent (0–100); written to Excel as a fraction with a percentage format."""


@dataclass
class Table:
    name: str  # the sheet name (≤ 31 characters)
    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)


def _pct(value: float | None):
    return None if value is None else Percent(round(value, 1))


def _name(row: Row) -> str:
    if row.is_self:
        return f"{row.unit.name} (bản thân đơn vị)" if row.unit else "(bản thân đơn vị)"
    return row.unit.name if row.unit else row.key


REPORT_HEADERS = [
    "Phải nộp",
    "Đã nộp",
    "Nộp đúng hạn",
    "Nộp muộn",
    "Chưa nộp, còn hạn",
    "Chưa nộp, quá hạn",
    "Được miễn",
    "Tỷ lệ đã nộp",
    "Tỷ lệ đúng hạn",
]


def _report_cells(c: ReportCounts) -> list:
    return [
        c.expected,
        c.submitted,
        c.on_time,
        c.late,
        c.open,
        c.overdue,
        c.excused,
        _pct(c.reporting_rate),
        _pct(c.on_time_rate),
    ]


DELIVERY_HEADERS = [
    "Đã nhận",
    "Đã xem",
    "Đã tiếp nhận",
    "Đã ban hành VB triển khai",
    "Đang soạn VB triển khai",
    "Chưa triển khai",
    "Chưa xử lý",
    "Tỷ lệ đã triển khai",
]


def _delivery_cells(c: DeliveryCounts) -> list:
    return [
        c.received,
        c.read,
        c.acknowledged,
        c.implemented,
        c.drafting,
        c.not_implemented,
        c.nothing,
        _pct(c.implemented_rate),
    ]


def _made_at() -> str:
    return timezone.localtime().strftime("%H:%M %d/%m/%Y")


def requirement_tables(view) -> list[Table]:
    req, period, t = view.requirement, view.period, view.total
    summary = Table(
        "Tổng hợp",
        f"{req.title} — {view.unit.name}",
        ["Chỉ tiêu", "Giá trị"],
        [
            ["Đơn vị (toàn bộ cấp dưới)", view.unit.name],
            ["Báo cáo", f"{req.title} ({req.get_frequency_display()})"],
            ["Theo văn bản", str(req.document) if req.document_id else "Yêu cầu đột xuất"],
            ["Kỳ báo cáo", period.label if period else "—"],
            ["Hạn nộp", period.due_date if period else None],
            *([h, v] for h, v in zip(REPORT_HEADERS, _report_cells(t), strict=True)),
            ["Nghĩa vụ của đơn vị đã giải thể, sáp nhập (không tính)", t.inactive],
            ["Lập lúc", _made_at()],
        ],
    )
    children = Table(
        "Đơn vị trực thuộc",
        "Theo đơn vị trực thuộc (mỗi dòng gồm toàn bộ cấp dưới của đơn vị)",
        ["Đơn vị", "Mã đơn vị", *REPORT_HEADERS],
        [[_name(r), r.unit.code if r.unit else "", *_report_cells(r.counts)] for r in view.rows],
    )
    levels = Table(
        "Theo cấp",
        "Theo cấp và loại đơn vị",
        ["Cấp", "Loại đơn vị", *REPORT_HEADERS],
        [[lv.depth, lv.label, *_report_cells(lv.counts)] for lv in view.levels],
    )
    heat = Table(
        "Bản đồ nhiệt",
        "Đơn vị × kỳ (đã nộp/phải nộp, hoặc tình trạng của đơn vị cơ sở)",
        ["Đơn vị", *(short_label(p) for p in view.columns)],
        [[_name(r), *(cell_text(r, c) for c in r.cells)] for r in view.rows],
    )
    trend = Table(
        "Xu hướng",
        "Tỷ lệ nộp báo cáo qua các kỳ",
        ["Kỳ", "Hạn nộp", *REPORT_HEADERS],
        [[p.label, p.due_date, *_report_cells(c)] for p, c in view.trend],
    )
    tables = [summary, children, levels, heat, trend]
    if view.listing is not None:
        tables.append(
            Table(
                "Danh sách",
                f"Danh sách: {view.listing_label}",
                ["Đơn vị", "Mã đơn vị", "Kỳ", "Hạn nộp", "Tình trạng", "Nộp lúc"],
                [
                    [
                        ob.unit.name,
                        ob.unit.code,
                        ob.period_label,
                        ob.due_date,
                        ob.get_status_display(),
                        _local(ob.submitted_at),
                    ]
                    for ob in view.listing.object_list
                ],
            )
        )
    if view.history:
        tables.append(
            Table(
                "Báo cáo của đơn vị",
                f"Các kỳ báo cáo của {view.unit.name}",
                ["Kỳ", "Hạn nộp", "Tình trạng", "Nộp lúc"],
                [
                    [ob.period_label, ob.due_date, ob.get_status_display(), _local(ob.submitted_at)]
                    for ob in view.history
                ],
            )
        )
    return tables


def _local(value: dt.datetime | None):
    return timezone.localtime(value).replace(tzinfo=None) if value else None


def directive_tables(view) -> list[Table]:
    doc, t = view.document, view.total
    summary = Table(
        "Tổng hợp",
        f"Triển khai {doc} — {view.unit.name}",
        ["Chỉ tiêu", "Giá trị"],
        [
            ["Văn bản", f"{doc} ngày {vn_short(doc.issue_date)} của {doc.issuer_name}"],
            ["Trích yếu", doc.subject],
            ["Đơn vị (toàn bộ cấp dưới)", view.unit.name],
            ["Số văn bản trong chuỗi triển khai", view.family_size],
            *([h, v] for h, v in zip(DELIVERY_HEADERS, _delivery_cells(t), strict=True)),
            ["Lập lúc", _made_at()],
        ],
    )
    children = Table(
        "Đơn vị trực thuộc",
        "Theo đơn vị trực thuộc (mỗi dòng gồm toàn bộ cấp dưới của đơn vị)",
        ["Đơn vị", "Mã đơn vị", *DELIVERY_HEADERS],
        [[_name(r), r.unit.code if r.unit else "", *_delivery_cells(r.counts)] for r in view.rows],
    )
    levels = Table(
        "Theo cấp",
        "Theo cấp và loại đơn vị",
        ["Cấp", "Loại đơn vị", *DELIVERY_HEADERS],
        [[lv.depth, lv.label, *_delivery_cells(lv.counts)] for lv in view.levels],
    )
    tables = [summary, children, levels]
    if view.listing is not None:
        tables.append(
            Table(
                "Danh sách",
                f"Danh sách: {view.listing_label}",
                ["Đơn vị", "Mã đơn vị", "Văn bản triển khai"],
                [[r["name"], r["code"], r.get("implemented_symbol") or ""] for r in view.listing.object_list],
            )
        )
    return tables


def emulation_tables(view) -> list[Table]:
    summary = Table(
        "Tổng hợp",
        f"Điểm thi đua năm {view.year} — {view.unit.name}",
        ["Chỉ tiêu", "Giá trị"],
        [
            ["Đơn vị", view.unit.name],
            ["Năm", view.year],
            ["Cách tính", view.formula],
            ["Lập lúc", _made_at()],
        ],
    )
    scores = Table(
        "Điểm thi đua",
        f"Điểm thi đua năm {view.year}",
        [
            "Hạng",
            "Đơn vị",
            "Mã đơn vị",
            "Báo cáo phải nộp",
            "Nộp đúng hạn",
            "Nộp muộn",
            "Tỷ lệ đúng hạn",
            "Văn bản phải triển khai",
            "Đã triển khai",
            "Tỷ lệ đã triển khai",
            "Điểm",
        ],
    )
    for r in view.rows:
        rep, dirs = r.counts["reports"], r.counts["directives"]
        scores.rows.append(
            [
                r.rank,
                _name(r),
                r.unit.code if r.unit else "",
                rep.expected,
                rep.on_time,
                rep.late,
                _pct(rep.on_time_rate),
                dirs.to_implement,
                dirs.implemented,
                _pct(dirs.implemented_rate),
                r.counts["score"],
            ]
        )
    return [summary, scores]
