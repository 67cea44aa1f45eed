"""The annual emulation score (điểm thi đua) of each unit of a subtree.

Seed 002 asks that compliance "đưa vào tiêu chí thi đua khen thưởng, đánh giá tổ chức và cán bộ công đoàn
hàng năm". The score of a unit for a year is, with the weights of settings.EMULATION_SCORE_WEIGHTS
(explained to the reader in Vietnamese by weights_explained, never by the setting's name):

    on_time × (reports on time ÷ reports expected) + late × (reports late ÷ reports expected)
    + implemented × (directives implemented ÷ directives received to carry out)

— reports are the obligations due in the year (expected as on the requirement page: units active in
the period, excused ones left out); directives are the deliveries "để thực hiện" of the year. A unit
with nothing expected under one criterion is scored on the other, scaled to the same maximum. Each
figure is the child's whole subtree, so a district federation answers for its grassroots unions too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count, Q
from django.utils import timezone

from directives.models import Delivery
from portal.org.models import Unit
from reporting.dashboard.figures import ReportCounts, Row, rate
from reporting.dashboard.selectors import child_key, in_subtree, report_metrics, rows_from
from reporting.models import Obligation

DEFAULT_WEIGHTS = {"on_time": 60, "late": 30, "implemented": 40}


def weights() -> dict[str, float]:
    """The weights from settings, checked: the three keys, non-negative numbers, late ≤ on time."""
    raw = getattr(settings, "EMULATION_SCORE_WEIGHTS", DEFAULT_WEIGHTS)
    try:
        out = {key: float(raw[key]) for key in DEFAULT_WEIGHTS}
    except (KeyError, TypeError, ValueError) as exc:
        raise ImproperlyConfigured(
            "EMULATION_SCORE_WEIGHTS cần đủ ba hệ số on_time, late, implemented."
        ) from exc
    if (
        any(v < 0 for v in out.values())
        or out["late"] > out["on_time"]
        or out["on_time"] + out["implemented"] <= 0
    ):
        raise ImproperlyConfigured("EMULATION_SCORE_WEIGHTS: hệ số không âm, late không vượt on_time.")
    return out


def formula_text(w: dict[str, float] | None = None) -> str:
    w = w or weights()

    def n(v: float) -> str:
        return f"{v:g}".replace(".", ",")

    return (
        f"Điểm thi đua = {n(w['on_time'])} × tỷ lệ báo cáo nộp đúng hạn + {n(w['late'])} × tỷ lệ báo cáo nộp "
        f"muộn + {n(w['implemented'])} × tỷ lệ văn bản chỉ đạo đã triển khai (tối đa "
        f"{n(w['on_time'] + w['implemented'])} điểm)"
    )


def weights_explained(w: dict[str, float] | None = None) -> list[str]:
    """The weights in plain Vietnamese for the emulation page: what each part is worth and why a late report
    still earns something — never the setting's name."""
    w = w or weights()

    def n(v: float) -> str:
        return f"{v:g}".replace(".", ",")

    top = w["on_time"] + w["implemented"]
    out = [
        f"Thang điểm {n(top)}: phần báo cáo tối đa {n(w['on_time'])} điểm, phần văn bản chỉ đạo tối đa "
        f"{n(w['implemented'])} điểm."
    ]
    if w["on_time"]:
        if w["late"]:
            share = round(100 * w["late"] / w["on_time"])
            out.append(
                f"Báo cáo nộp đúng hạn được trọn phần; báo cáo nộp muộn vẫn được tính, bằng {share} % "
                "số điểm của báo cáo đúng hạn; báo cáo chưa nộp không được điểm."
            )
        else:
            out.append("Chỉ báo cáo nộp đúng hạn được tính điểm; nộp muộn và chưa nộp không được điểm.")
    if w["implemented"]:
        out.append("Văn bản chỉ đạo được tính theo tỷ lệ văn bản đơn vị đã ban hành văn bản triển khai.")
    out.append(
        "Các hệ số này do quản trị hệ thống đặt chung cho toàn hệ thống, mọi đơn vị được chấm như nhau."
    )
    return out


@dataclass
class DirectiveTally:
    to_implement: int = 0
    implemented: int = 0

    @property
    def implemented_rate(self) -> float | None:
        return rate(self.implemented, self.to_implement)


def score(reports: ReportCounts, directives: DirectiveTally, w: dict[str, float]) -> float | None:
    """The score of one unit (None when nothing was expected of it in the year)."""
    got, most = 0.0, 0.0
    if reports.expected:
        got += w["on_time"] * min(1.0, reports.on_time / reports.expected) + w["late"] * min(
            1.0, reports.late / reports.expected
        )
        most += w["on_time"]
    if directives.to_implement:
        got += w["implemented"] * min(1.0, directives.implemented / directives.to_implement)
        most += w["implemented"]
    if not most:
        return None
    return round(min(got, most) * (w["on_time"] + w["implemented"]) / most, 1)


def year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    return (dt.datetime(year, 1, 1, tzinfo=tz), dt.datetime(year + 1, 1, 1, tzinfo=tz))


def emulation_rows(unit: Unit, year: int, now: dt.datetime) -> list[Row]:
    """Every child (and the unit itself) with its year's figures and score, best score first. Two queries."""
    w = weights()
    reports = {
        g["key"]: ReportCounts.of(g)
        for g in (
            Obligation.objects.filter(in_subtree(unit), due_date__year=year)
            .annotate(key=child_key(unit))
            .values("key")
            .annotate(**report_metrics(now))
            .order_by()
        )
    }
    start, end = year_bounds(year)
    directives = {
        g["key"]: DirectiveTally(g["to_implement"], g["implemented"])
        for g in (
            Delivery.objects.filter(
                in_subtree(unit), purpose="thuc_hien", delivered_at__gte=start, delivered_at__lt=end
            )
            .annotate(key=child_key(unit))
            .values("key")
            .annotate(
                to_implement=Count("id"), implemented=Count("id", filter=Q(implemented_by__isnull=False))
            )
            .order_by()
        )
    }
    keys = sorted(set(reports) | set(directives))
    rows = rows_from(unit, [{"key": k} for k in keys], lambda g: None)
    for r in rows:
        rep, dirs = reports.get(r.key, ReportCounts()), directives.get(r.key, DirectiveTally())
        r.counts = {"reports": rep, "directives": dirs, "score": score(rep, dirs, w)}
    rows.sort(
        key=lambda r: (not r.is_self, -(r.counts["score"] if r.counts["score"] is not None else -1), r.key)
    )
    return rows
