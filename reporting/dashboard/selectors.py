"""Reads for the dashboards: every figure is an aggregate in the database, grouped by the child subtree.

A unit's children are the prefixes of length (depth + 1) × steplen of the materialised paths below it,
so "per child subtree" is one GROUP BY on SUBSTRING(path, 1, n) over the subtree's rows — the subtree
itself a range on the indexed path (path >= p AND path < next sibling). A page's figures come from one
pass grouped by child × level (× period), folded in Python into its tables; the units named on the page
are fetched for the page only. The number of queries never depends on the size of the tree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Case, CharField, Count, F, Max, Min, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, Substr

from directives.cascade import UNIT_METRICS, DeliveryCounts, cascade_q, delivery_metrics, drafting_relations
from directives.models import Delivery
from portal.org.models import Unit
from reporting.dashboard.figures import Level, PeriodInfo, ReportCounts, Row
from reporting.models import PENDING_STATUSES, FamilyPeriod, Obligation, ObligationStatus

STEP = Unit.steplen
HEAT_PERIODS = 8  # columns of the heat map and points of the trend, ending at the chosen period


def subtree_q(unit: Unit, prefix: str = "unit__") -> Q:
    """The unit and everything below it, as a range on the path index."""
    return Q(**{f"{prefix}path__gte": unit.path, f"{prefix}path__lt": unit._inc_path()})


def child_key(unit: Unit, field: str = "unit__path") -> Substr:
    """The path of the child of `unit` that a row lies under (the unit's own path for its own rows)."""
    return Substr(field, 1, len(unit.path) + STEP)


def attach_units(rows: list[Row], unit: Unit) -> list[Row]:
    """Name the rows' units: one query for the rows given (a page), none for the unit itself."""
    wanted = [r.key for r in rows if not r.is_self]
    units = {u.path: u for u in Unit.objects.filter(path__in=wanted)} if wanted else {}
    for r in rows:
        r.unit = unit if r.is_self else units.get(r.key)
    return rows


def rows_from(unit: Unit, grouped: list[dict], make) -> list[Row]:
    rows = [Row(key=g["key"], unit=None, is_self=g["key"] == unit.path, counts=make(g)) for g in grouped]
    rows.sort(key=lambda r: (not r.is_self, r.key))  # the unit's own line first, then tree order
    return rows


# --- obligations (a reporting requirement's family, one period) --------------------------------------------


def _active() -> Q:
    """A unit is active in a period when it was open on the last day of the period's data window (the due
    date for a one-off report): a unit closed or merged before then is not expected to report."""
    cutoff = Coalesce(F("window_end"), F("due_date"))
    return (Q(unit__active_from__isnull=True) | Q(unit__active_from__lte=cutoff)) & (
        Q(unit__active_to__isnull=True) | Q(unit__active_to__gte=cutoff)
    )


def _past_due(now: dt.datetime) -> Q:
    return Q(due_at__lt=now) | Q(status=ObligationStatus.OVERDUE)


def report_metrics(now: dt.datetime) -> dict:
    """The COUNT(… FILTER …) of ReportCounts."""
    active, pending, past_due = _active(), Q(status__in=PENDING_STATUSES), _past_due(now)
    return {
        "total": Count("id"),
        "expected": Count("id", filter=active & ~Q(status=ObligationStatus.EXCUSED)),
        "on_time": Count("id", filter=Q(status=ObligationStatus.SUBMITTED_ON_TIME)),
        "late": Count("id", filter=Q(status=ObligationStatus.SUBMITTED_LATE)),
        "open": Count("id", filter=active & pending & ~past_due),
        "overdue": Count("id", filter=active & pending & past_due),
        "excused": Count("id", filter=Q(status=ObligationStatus.EXCUSED)),
        "pending": Count("id", filter=pending),
    }


LISTINGS = {
    # the list behind each number of a requirement page: ?ds=<key>
    "phai-nop": "Phải nộp",
    "da-nop": "Đã nộp",
    "dung-han": "Đã nộp đúng hạn",
    "nop-muon": "Đã nộp muộn",
    "trong-han": "Chưa nộp, còn hạn",
    "qua-han": "Chưa nộp, quá hạn",
    "duoc-mien": "Được miễn",
    "chua-nop": "Chưa nộp",
}


def in_subtree(unit: Unit) -> Q:
    """The join's path range, and below the root the same range as a sub-select of unit ids: with it the
    planner can start from a province's few thousand units and the unit index instead of scanning the nation's
    rows. A root's subtree is nearly every unit: there the sub-select only hashes the whole unit table a
    second time (a fifth of the national page's time), so the range alone is kept."""
    if unit.depth <= 1:
        return subtree_q(unit)
    return subtree_q(unit) & Q(unit_id__in=Unit.objects.filter(subtree_q(unit, "")).values("id"))


def family_q(unit: Unit, family) -> Q:
    """requirement_id IN the family (the recursive walk as a sub-select, directives.cascade.requirement_family).

    Below the provinces the walk is tested as a hashed sub-plan on each of the subtree's rows. As a semi-join
    (PostgreSQL's own choice) a district's few dozen units, which the path statistics put at one row, got a
    nested loop that re-read the whole family for every obligation: 180 ms for 38 units instead of 12. The
    always-false OR is what keeps the sub-select out of the join search. For a province or the nation the
    semi-join is right (the planner knows the subtree is large; as a filter it would misjudge it and scan)."""
    if unit.depth >= 3:
        return Q(requirement_id__in=family) | Q(pk__lt=0)
    return Q(requirement_id__in=family)


def obligations_of(
    unit: Unit, family, period_keys: list[str] | None = None, also: Sequence[Unit] = ()
) -> QuerySet[Obligation]:
    """The family's obligations in the unit's subtree (and in the subtrees of `also`: reporters_outside)."""
    where = in_subtree(unit) | _also("unit__", also) if also else in_subtree(unit)
    qs = Obligation.objects.filter(where, family_q(unit, family))
    if period_keys is not None:
        qs = qs.filter(period_key__in=period_keys)
    return qs


def periods_of(requirement) -> list[PeriodInfo]:
    """The periods of the requirement's family, oldest first: a few rows kept as periods are marked
    (reporting.models.FamilyPeriod), not a walk of the family."""
    rows = FamilyPeriod.objects.filter(requirement=requirement).order_by("due_date", "period_key")
    return [PeriodInfo(r.period_key, r.period_label, r.due_date, r.window_start, r.window_end) for r in rows]


def pick_period(periods: list[PeriodInfo], key: str, today: dt.date) -> PeriodInfo | None:
    """The period asked for, else the latest one already due, else the first."""
    for p in periods:
        if p.key == key:
            return p
    due = [p for p in periods if p.due_date and p.due_date <= today]
    return due[-1] if due else (periods[0] if periods else None)


def window(
    periods: list[PeriodInfo], chosen: PeriodInfo | None, size: int = HEAT_PERIODS
) -> list[PeriodInfo]:
    """The heat map's columns: up to `size` periods ending at the chosen one."""
    if chosen is None:
        return []
    end = next(i for i, p in enumerate(periods) if p.key == chosen.key) + 1
    return periods[max(0, end - size) : end]


@dataclass
class ReportCube:
    """One pass over the subtree's obligations of the heat map's periods, grouped by child × level × kind ×
    period. Every table of the requirement page folds from it: the rows (chosen period, by child), the levels
    (chosen period, by depth and kind), the heat map's cells (child × period) and the trend (by period)."""

    cells: dict[tuple[str, int, str, str], ReportCounts]

    def rows(self, unit: Unit, period_key: str) -> list[Row]:
        by_key: dict[str, ReportCounts] = {}
        for (key, _, _, period), counts in self.cells.items():
            if period == period_key:
                by_key[key] = by_key.get(key, ReportCounts()) + counts
        return rows_from(unit, [{"key": k} for k in by_key], lambda g: by_key[g["key"]])

    def levels(self, period_key: str) -> list[Level]:
        by_level: dict[tuple[int, str], ReportCounts] = {}
        for (_, depth, kind, period), counts in self.cells.items():
            if period == period_key:
                by_level[(depth, kind)] = by_level.get((depth, kind), ReportCounts()) + counts
        return [Level(depth, kind, c) for (depth, kind), c in sorted(by_level.items())]

    def heat(self, rows: list[Row], columns: list[PeriodInfo]) -> list[Row]:
        wanted = {r.key for r in rows}
        by_cell: dict[tuple[str, str], ReportCounts] = {}
        for (key, _, _, period), counts in self.cells.items():
            if key in wanted:
                by_cell[(key, period)] = by_cell.get((key, period), ReportCounts()) + counts
        for r in rows:
            r.cells = [by_cell.get((r.key, p.key), ReportCounts()) for p in columns]
        return rows

    def trend(self, columns: list[PeriodInfo]) -> list[tuple[PeriodInfo, ReportCounts]]:
        by_period: dict[str, ReportCounts] = {}
        for (_, _, _, period), counts in self.cells.items():
            by_period[period] = by_period.get(period, ReportCounts()) + counts
        return [(p, by_period.get(p.key, ReportCounts())) for p in columns]


def report_cube(unit: Unit, family, columns: list[PeriodInfo], now: dt.datetime) -> ReportCube:
    """The requirement page's figures in one query, whatever the size of the subtree."""
    grouped = (
        obligations_of(unit, family, [p.key for p in columns])
        .annotate(key=child_key(unit))
        .values("key", "period_key", level=F("unit__depth"), level_kind=F("unit__kind"))
        .annotate(**report_metrics(now))
        .order_by()
    )
    return ReportCube(
        {(g["key"], g["level"], g["level_kind"], g["period_key"]): ReportCounts.of(g) for g in grouped}
    )


def report_listing(
    unit: Unit, family, period_key: str, key: str, now: dt.datetime, also: Sequence[Unit] = ()
) -> QuerySet[Obligation]:
    """The obligations behind one number of the page, in tree order."""
    active, pending, past_due = _active(), Q(status__in=PENDING_STATUSES), _past_due(now)
    done = Q(status__in=[ObligationStatus.SUBMITTED_ON_TIME, ObligationStatus.SUBMITTED_LATE])
    condition = {
        "phai-nop": active & ~Q(status=ObligationStatus.EXCUSED),
        "da-nop": done,
        "dung-han": Q(status=ObligationStatus.SUBMITTED_ON_TIME),
        "nop-muon": Q(status=ObligationStatus.SUBMITTED_LATE),
        "trong-han": active & pending & ~past_due,
        "qua-han": active & pending & past_due,
        "duoc-mien": Q(status=ObligationStatus.EXCUSED),
        "chua-nop": active & pending,
    }.get(key, Q())
    return (
        obligations_of(unit, family, [period_key], also)
        .filter(condition)
        .select_related("unit", "requirement", "report")
        .order_by("unit__path", "requirement_id")
    )


def _topmost(units: list[Unit]) -> list[Unit]:
    """Of units in tree order, those not inside another's subtree (each is counted with its subtree)."""
    top: list[Unit] = []
    for u in units:
        if not any(u.path.startswith(t.path) for t in top):
            top.append(u)
    return top


def _under(prefix: str, units: list[Unit]) -> Case:
    return Case(
        *[When(**{f"{prefix}path__startswith": u.path}, then=Value(u.path)) for u in units],
        output_field=CharField(),
    )


def reporters_outside(unit: Unit, requirement) -> list[Unit]:
    """The units that report this requirement to the unit (or through it) but are not below it — the provincial
    union federation reporting to the Party board that instructed it. The topmost of them; one query."""
    return _topmost(
        list(
            Unit.objects.filter(
                pk__in=Obligation.objects.filter(
                    Q(to_unit=unit) | Q(via_unit=unit), requirement=requirement
                ).values("unit_id")
            )
            .exclude(subtree_q(unit, ""))
            .order_by("path")
        )
    )


def outside_report_rows(units: list[Unit], family, period_key: str, now: dt.datetime) -> list[Row]:
    """The requirement page's rows for reporters_outside: each one's subtree over the family, one period."""
    if not units:
        return []
    counts = {
        g["key"]: ReportCounts.of(g)
        for g in (
            Obligation.objects.filter(
                _also("unit__", units), requirement_id__in=family, period_key=period_key
            )
            .annotate(key=_under("unit__", units))
            .values("key")
            .annotate(**report_metrics(now))
            .order_by()
        )
    }
    # A reporter that owed nothing in the period (its duty began later, or it was not asked this time) is left out.
    return [Row(key=u.path, unit=u, is_self=False, counts=counts[u.path]) for u in units if u.path in counts]


def unit_history(unit: Unit, family, *, limit: int = 50) -> list[Obligation]:
    """A unit's own obligations of the family across periods, with their reports (the grassroots view)."""
    return list(
        Obligation.objects.filter(unit=unit, requirement_id__in=family)
        .select_related("requirement", "report", "to_unit")
        .order_by("-due_at")[:limit]
    )


# --- deliveries (a document's cascade: which copies count and how is directives.cascade's rule) -----------------


def _also(prefix: str, also: Sequence[Unit]) -> Q:
    where = Q(pk__in=[])
    for r in also:
        where |= Q(**{f"{prefix}path__startswith": r.path})
    return where


def deliveries_of(unit: Unit, family, also: Sequence[Unit] = ()) -> QuerySet:
    """The cascade's deliveries in the unit's subtree (and in the subtrees of `also`: recipients_outside)."""
    where = in_subtree(unit) | _also("unit__", also) if also else in_subtree(unit)
    return Delivery.objects.filter(where, cascade_q(), document_id__in=family)


def _drafting(unit: Unit, family, also: Sequence[Unit] = ()) -> QuerySet:
    """The family's drafting answers (directives.cascade.drafting_relations) by the subtree's units."""
    where = subtree_q(unit, "source__issuer__")
    if also:
        where |= _also("source__issuer__", also)
    return drafting_relations(family).filter(where)


def delivery_cube(unit: Unit, family) -> tuple[list[Row], list[Level]]:
    """The directive page's rows (by child) and levels (by depth and kind) from one pass over the deliveries
    and one over the drafts, grouped by child × level × kind. A unit sits in one child and one level, so
    its distinct count adds up both ways."""
    cells: dict[tuple[str, int, str], dict] = {}
    for g in (
        deliveries_of(unit, family)
        .annotate(key=child_key(unit))
        .values("key", level=F("unit__depth"), level_kind=F("unit__kind"))
        .annotate(**delivery_metrics())
        .order_by()
    ):
        cells[(g["key"], g["level"], g["level_kind"])] = g
    for g in (
        _drafting(unit, family)
        .annotate(key=child_key(unit, "source__issuer__path"))
        .values("key", level=F("source__issuer__depth"), level_kind=F("source__issuer__kind"))
        .annotate(drafting=Count("source__issuer_id", distinct=True))
        .order_by()
    ):
        cells.setdefault((g["key"], g["level"], g["level_kind"]), {})["drafting"] = g["drafting"]
    by_key: dict[str, DeliveryCounts] = {}
    by_level: dict[tuple[int, str], DeliveryCounts] = {}
    for (key, depth, kind), g in cells.items():
        counts = DeliveryCounts.of(g)
        by_key[key] = by_key.get(key, DeliveryCounts()) + counts
        by_level[(depth, kind)] = by_level.get((depth, kind), DeliveryCounts()) + counts
    rows = rows_from(unit, [{"key": k} for k in by_key], lambda g: by_key[g["key"]])
    return rows, [Level(depth, kind, c) for (depth, kind), c in sorted(by_level.items())]


def recipients_outside(unit: Unit, document) -> list[Unit]:
    """The units the issuer sent the document to (to carry out or to coordinate) that are not below it — a
    Party board instructs the provincial union federation. Only the topmost of them: a recipient inside
    another's subtree is counted with it. One query."""
    return _topmost(
        list(
            Unit.objects.filter(
                pk__in=Delivery.objects.filter(cascade_q(), document=document).values("unit_id")
            )
            .exclude(subtree_q(unit, ""))
            .order_by("path")
        )
    )


def outside_cube(recipients: list[Unit], family) -> list[Row]:
    """The directive page's rows for recipients_outside: each one's subtree, counted like a child's (one pass
    over the deliveries, one over the drafts, each unit once)."""
    if not recipients:
        return []

    def under(prefix: str) -> tuple[Q, Case]:
        return _also(prefix, recipients), _under(prefix, recipients)

    where, key = under("unit__")
    cells = {
        g["key"]: g
        for g in (
            Delivery.objects.filter(where, cascade_q(), document_id__in=family)
            .annotate(key=key)
            .values("key")
            .annotate(**delivery_metrics())
            .order_by()
        )
    }
    where, key = under("source__issuer__")
    for g in (
        drafting_relations(family)
        .filter(where)
        .annotate(key=key)
        .values("key")
        .annotate(drafting=Count("source__issuer_id", distinct=True))
        .order_by()
    ):
        cells.setdefault(g["key"], {})["drafting"] = g["drafting"]
    return [
        Row(key=r.path, unit=r, is_self=False, counts=DeliveryCounts.of(cells.get(r.path, {})))
        for r in recipients
    ]


DELIVERY_LISTINGS = {
    # the list behind each number of a directive page: ?ds=<key>
    "da-nhan": "Đã nhận",
    "da-tiep-nhan": "Đã tiếp nhận",
    "da-trien-khai": "Đã ban hành văn bản triển khai",
    "chua-trien-khai": "Chưa ban hành văn bản triển khai",
    "chua-xu-ly": "Chưa xử lý (chưa mở văn bản)",
    "dang-soan": "Đang soạn văn bản triển khai",
}


def delivery_listing(unit: Unit, family, key: str, also: Sequence[Unit] = ()) -> QuerySet:
    """One row per unit behind a number of the directive page, in tree order (dicts: unit_id, name, code,
    path and what the unit did); `also`: the issuer's recipients outside its subtree, with theirs."""
    if key == "dang-soan":
        return (
            _drafting(unit, family, also)
            .values(
                unit_id=F("source__issuer_id"),
                name=F("source__issuer__name"),
                code=F("source__issuer__code"),
                path=F("source__issuer__path"),
            )
            .annotate(draft_id=Max("source_id"))
            .order_by("path")
        )
    having = {
        "da-tiep-nhan": Q(acknowledged__isnull=False),
        "da-trien-khai": Q(implemented__isnull=False),
        "chua-trien-khai": Q(to_implement__gt=0, implemented__isnull=True),
        "chua-xu-ly": Q(read__isnull=True, acknowledged__isnull=True, implemented__isnull=True),
    }.get(key, Q())
    return (
        deliveries_of(unit, family, also)
        .values("unit_id", name=F("unit__name"), code=F("unit__code"), path=F("unit__path"))
        .annotate(
            copies=Count("id"),
            delivered=Min("delivered_at"),
            read=Max("read_at"),
            acknowledged=Max("acknowledged_at"),
            implemented=Max("implemented_by_id"),
            implemented_symbol=Max("implemented_by__number_symbol"),
            to_implement=Count("id", filter=UNIT_METRICS["to_implement"]),
        )
        .filter(having)
        .order_by("path")
    )
