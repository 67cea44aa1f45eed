"""The figures a dashboard shows, as small value objects: counts of obligations, and the rates and buckets
derived from them. Pure: no database here (selectors.py fills them). Counts of deliveries are the cascade's
own (directives.cascade.DeliveryCounts): one way of counting for the cascade page and the dashboards."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields

from portal.org.models import Unit, UnitKind


def rate(part: int, whole: int) -> float | None:
    """part ÷ whole as a percentage capped at 100 % (a unit that closed after reporting still counts as
    submitted but no longer as expected); None when nothing is expected."""
    if not whole:
        return None
    return min(100.0, 100.0 * part / whole)


# The four buckets leaders already use, in the order they are read, with their status colour.
BUCKETS = (
    ("dung-han", "Đã nộp đúng hạn", "on_time", "ok"),
    ("nop-muon", "Đã nộp muộn", "late", "late"),
    ("trong-han", "Chưa nộp, còn hạn", "open", "open"),
    ("qua-han", "Chưa nộp, quá hạn", "overdue", "overdue"),
)
STATE_LABELS = {
    "ok": "Đúng hạn",
    "late": "Muộn",
    "open": "Còn hạn",
    "overdue": "Quá hạn",
    "excused": "Miễn",
    "none": "—",
}
STATE_COLOURS = {
    "ok": "#1b7a3d",
    "late": "#b7791f",
    "open": "#2f6fb0",
    "overdue": "#b42318",
    "excused": "#7b8494",
    "none": "#e3e6eb",
}


@dataclass
class ReportCounts:
    """Obligations of one subtree (or one unit) for one period.

    expected counts the obligations of units active on the last day of the period's data window
    (a closed or merged unit is not expected), excused ones left out; submitted counts every report
    that came in, so rates are capped at 100 %. open/overdue count active units only.
    """

    total: int = 0
    expected: int = 0
    on_time: int = 0
    late: int = 0
    open: int = 0
    overdue: int = 0
    excused: int = 0
    pending: int = 0

    @classmethod
    def of(cls, row: dict) -> ReportCounts:
        return cls(*(int(row.get(name) or 0) for name in _REPORT_FIELDS))

    def __add__(self, other: ReportCounts) -> ReportCounts:
        # Spelled out: a page folds a thousand of these (dataclasses.fields() on each addition cost a province's
        # page 10 ms, a generator over the names still 7).
        return ReportCounts(
            self.total + other.total,
            self.expected + other.expected,
            self.on_time + other.on_time,
            self.late + other.late,
            self.open + other.open,
            self.overdue + other.overdue,
            self.excused + other.excused,
            self.pending + other.pending,
        )

    @property
    def submitted(self) -> int:
        return self.on_time + self.late

    @property
    def not_submitted(self) -> int:
        return self.open + self.overdue

    @property
    def inactive(self) -> int:
        """Pending obligations of units that were not active in the period (left out of every rate)."""
        return max(0, self.pending - self.open - self.overdue)

    @property
    def reporting_rate(self) -> float | None:
        return rate(self.submitted, self.expected)

    @property
    def on_time_rate(self) -> float | None:
        return rate(self.on_time, self.expected)

    @property
    def buckets(self) -> list[dict]:
        return [
            {"key": key, "label": label, "count": getattr(self, attr), "state": state}
            for key, label, attr, state in BUCKETS
        ]

    @property
    def state(self) -> str:
        """The heat-map colour: the worst thing in the cell wins."""
        if self.overdue:
            return "overdue"
        if self.open:
            return "open"
        if self.late:
            return "late"
        if self.on_time:
            return "ok"
        return "excused" if self.excused else "none"


_REPORT_FIELDS = tuple(f.name for f in fields(ReportCounts))


@dataclass
class PeriodInfo:
    key: str
    label: str
    due_date: dt.date | None = None
    window_start: dt.date | None = None
    window_end: dt.date | None = None


@dataclass
class Row:
    """One line of a dashboard table: the unit itself or one child subtree."""

    key: str  # the child's path (or the unit's own)
    unit: Unit | None
    is_self: bool
    counts: object
    cells: list = field(default_factory=list)  # heat map: one ReportCounts per period
    rank: int | None = None  # emulation: the place among the children

    @property
    def is_leaf(self) -> bool:
        return self.is_self or (self.unit is not None and not self.unit.numchild)


@dataclass
class Level:
    depth: int
    kind: str
    counts: object

    @property
    def label(self) -> str:
        try:
            return str(UnitKind(self.kind).label)
        except ValueError:
            return self.kind
