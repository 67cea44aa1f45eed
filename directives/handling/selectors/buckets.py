"""The four buckets of tasks (SPEC.md §12), the same four leaders read for reports:

- «Hoàn thành đúng hạn» — done, completed on a local date on or before the due date (or no due date);
- «Hoàn thành quá hạn» — done after the due date;
- «Đang thực hiện trong hạn» — open, due today or later (or no due date);
- «Quá hạn chưa hoàn thành» — open, due before today.

Tasks «để biết» (INFORM), cancelled ones and ones replaced by a reassignment are not counted. Every figure is one
aggregate query whatever the number of tasks: over a queryset, per document, over a unit's subtree (path prefix)
and per child subtree, per assignee (unit / department / person). ``today`` is passed in (``timezone.localdate()``
by the caller), so the figures of any day can be asked for; «completed on a local date» uses the current time zone
(Asia/Ho_Chi_Minh), so a task done at 23:30 on its deadline day is on time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Substr, TruncDate

from directives.handling.models import AssigneeRole, Assignment, AssignmentState
from portal.org.models import Unit

#: (key in URLs, label, attribute, colour state) in the order they are read — the report buckets' look.
BUCKETS = (
    ("dung-han", "Hoàn thành đúng hạn", "on_time", "ok"),
    ("hoan-thanh-qua-han", "Hoàn thành quá hạn", "late", "late"),
    ("trong-han", "Đang thực hiện trong hạn", "open_in_time", "open"),
    ("qua-han", "Quá hạn chưa hoàn thành", "open_overdue", "overdue"),
)
BUCKET_LABELS = {key: label for key, label, _, _ in BUCKETS}
BUCKET_ATTRS = {key: attr for key, _, attr, _ in BUCKETS}


@dataclass
class TaskCounts:
    on_time: int = 0
    late: int = 0
    open_in_time: int = 0
    open_overdue: int = 0

    @classmethod
    def of(cls, row: dict) -> TaskCounts:
        return cls(**{f.name: int(row.get(f.name) or 0) for f in fields(cls)})

    def __add__(self, other: TaskCounts) -> TaskCounts:
        return TaskCounts(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})

    @property
    def total(self) -> int:
        return self.on_time + self.late + self.open_in_time + self.open_overdue

    @property
    def done(self) -> int:
        return self.on_time + self.late

    @property
    def open(self) -> int:
        return self.open_in_time + self.open_overdue

    @property
    def done_rate(self) -> float | None:
        return 100.0 * self.done / self.total if self.total else None

    @property
    def on_time_rate(self) -> float | None:
        """Done on time ÷ every counted task (an open task overdue already failed its deadline)."""
        return 100.0 * self.on_time / self.total if self.total else None

    @property
    def buckets(self) -> list[dict]:
        return [
            {"key": key, "label": label, "count": getattr(self, attr), "state": state}
            for key, label, attr, state in BUCKETS
        ]

    @property
    def state(self) -> str:
        """The worst thing in it wins (the heat-map colour of the report figures)."""
        if self.open_overdue:
            return "overdue"
        if self.open_in_time:
            return "open"
        if self.late:
            return "late"
        return "ok" if self.on_time else "none"

    def as_dict(self) -> dict[str, int]:
        """The API's shape: {on_time, late, open_in_time, open_overdue, total}."""
        return {**{f.name: getattr(self, f.name) for f in fields(self)}, "total": self.total}


# --- the filters ----------------------------------------------------------------------------------------------------

COUNTED = Q(state__in=[AssignmentState.OPEN, AssignmentState.DONE], replaced_by__isnull=True) & ~Q(
    role=AssigneeRole.INFORM
)


def counted(qs: QuerySet[Assignment] | None = None) -> QuerySet[Assignment]:
    """The tasks the buckets count, with the local completion date annotated (``completed_on``)."""
    qs = Assignment.objects.all() if qs is None else qs
    return qs.filter(COUNTED).annotate(completed_on=TruncDate("completed_at"))


def bucket_q(bucket: str, today: dt.date) -> Q:
    """The condition of one bucket over ``counted()`` rows (``completed_on`` annotated)."""
    done, open_ = Q(state=AssignmentState.DONE), Q(state=AssignmentState.OPEN)
    no_due = Q(due_date__isnull=True)
    if bucket == "dung-han":
        return done & (no_due | Q(completed_on__lte=F("due_date")))
    if bucket == "hoan-thanh-qua-han":
        return done & Q(completed_on__gt=F("due_date"))
    if bucket == "trong-han":
        return open_ & (no_due | Q(due_date__gte=today))
    if bucket == "qua-han":
        return open_ & Q(due_date__lt=today)
    raise ValueError(f"unknown bucket {bucket!r}")


def in_bucket(qs: QuerySet[Assignment], bucket: str, today: dt.date) -> QuerySet[Assignment]:
    """The drill-down: the counted tasks of ``qs`` in one bucket (``bucket`` a key of BUCKETS)."""
    return counted(qs).filter(bucket_q(bucket, today))


def metrics(today: dt.date) -> dict:
    """The four counts as aggregate expressions (over ``counted()`` rows)."""
    return {attr: Count("id", filter=bucket_q(key, today)) for key, _, attr, _ in BUCKETS}


def in_subtree(unit: Unit, prefix: str = "") -> Q:
    """Tasks of the unit and every unit below it (materialised path prefix: one range scan)."""
    return Q(**{f"{prefix}unit__path__startswith": unit.path})


# --- the aggregates -------------------------------------------------------------------------------------------------


def task_counts(qs: QuerySet[Assignment], today: dt.date) -> TaskCounts:
    """The four buckets over a queryset: one query."""
    return TaskCounts.of(counted(qs).aggregate(**metrics(today)))


def subtree_counts(unit: Unit, today: dt.date) -> TaskCounts:
    """The four buckets over the unit and its whole subtree: one query."""
    return task_counts(Assignment.objects.filter(in_subtree(unit)), today)


def document_counts(
    document_ids: list[int], today: dt.date, *, within: Unit | None = None
) -> dict[int, TaskCounts]:
    """{document id: the four buckets of its tasks} in one query; ``within`` limits them to a unit's subtree."""
    qs = Assignment.objects.filter(document_id__in=document_ids)
    if within is not None:
        qs = qs.filter(in_subtree(within))
    return {
        row["document_id"]: TaskCounts.of(row)
        for row in counted(qs).values("document_id").annotate(**metrics(today)).order_by()
    }


@dataclass
class ChildRow:
    """The unit's own tasks (is_self), one child subtree's, or — on an issuer's directive page — those outside its
    subtree (outside; no unit)."""

    path: str
    unit: Unit | None
    is_self: bool
    counts: TaskCounts
    outside: bool = False


def child_rows(
    unit: Unit, today: dt.date, qs: QuerySet[Assignment] | None = None, *, with_units: bool = True
) -> list[ChildRow]:
    """The four buckets of the unit itself and of each child subtree (grouped on the child's path prefix): two
    queries — the figures and the children — whatever the depth and size of the tree. Children with no counted task
    are listed too (zeros), the unit's own row first. ``with_units=False`` reads only the children's paths (a district
    with thousands of unions): name the rows of one page with ``attach_units``."""
    base = Assignment.objects.all() if qs is None else qs
    child_len = len(unit.path) + Unit.steplen
    grouped = {
        row["branch"]: TaskCounts.of(row)
        for row in counted(base.filter(in_subtree(unit)))
        .annotate(branch=Substr("unit__path", 1, child_len))
        .values("branch")
        .annotate(**metrics(today))
        .order_by()
    }
    rows = [ChildRow(unit.path, unit, True, grouped.pop(unit.path, TaskCounts()))]
    children = Unit.objects.filter(path__startswith=unit.path, depth=unit.depth + 1).order_by("path")
    if with_units:
        rows += [ChildRow(c.path, c, False, grouped.get(c.path, TaskCounts())) for c in children]
    else:
        rows += [
            ChildRow(path, None, False, grouped.get(path, TaskCounts()))
            for path in children.values_list("path", flat=True)
        ]
    return rows


def attach_units(rows: list[ChildRow]) -> list[ChildRow]:
    """Name the rows' child units: one query for the rows given (a page)."""
    wanted = [r.path for r in rows if r.unit is None and not r.outside]
    units = {u.path: u for u in Unit.objects.filter(path__in=wanted)} if wanted else {}
    for r in rows:
        if r.unit is None and not r.outside:
            r.unit = units.get(r.path)
    return rows


@dataclass
class AssigneeRow:
    """One assignee: a unit as a whole, a department of it, or a person in it."""

    unit_id: int
    unit_name: str
    department_id: int | None
    department_name: str
    person_id: int | None
    person_name: str
    counts: TaskCounts

    @property
    def label(self) -> str:
        if self.person_id:
            return f"{self.person_name} ({self.unit_name})"
        if self.department_id:
            return f"{self.department_name} — {self.unit_name}"
        return self.unit_name

    @property
    def short_label(self) -> str:
        """Within the unit's own page: the person, the department, or «Cả đơn vị»."""
        return self.person_name or self.department_name or "Cả đơn vị"

    @property
    def key(self) -> str:
        """The assignee in a URL (?thuc_hien=): p<person id>, d<department id>, or u<unit id> for the whole unit."""
        if self.person_id:
            return f"p{self.person_id}"
        if self.department_id:
            return f"d{self.department_id}"
        return f"u{self.unit_id}"

    @property
    def filter_kwargs(self) -> dict:
        """The tasks of this assignee (within its unit)."""
        if self.person_id:
            return {"person_id": self.person_id}
        if self.department_id:
            return {"department_id": self.department_id, "person__isnull": True}
        return {"department__isnull": True, "person__isnull": True}


def assignee_rows(qs: QuerySet[Assignment], today: dt.date) -> list[AssigneeRow]:
    """The four buckets per assignee (unit / department / person), the most overdue first: one query."""
    rows = []
    for row in (
        counted(qs)
        .values(
            "unit_id",
            "unit__name",
            "department_id",
            "department__name",
            "person_id",
            "person__first_name",
            "person__last_name",
            "person__username",
        )
        .annotate(**metrics(today))
        .order_by()
    ):
        person = " ".join(x for x in (row["person__first_name"], row["person__last_name"]) if x)
        rows.append(
            AssigneeRow(
                unit_id=row["unit_id"],
                unit_name=row["unit__name"],
                department_id=row["department_id"],
                department_name=row["department__name"] or "",
                person_id=row["person_id"],
                person_name=person or (row["person__username"] or ""),
                counts=TaskCounts.of(row),
            )
        )
    rows.sort(key=lambda r: (-r.counts.open_overdue, -r.counts.open_in_time, r.unit_name, r.label))
    return rows


def most_overdue_children(
    unit: Unit, today: dt.date, qs: QuerySet[Assignment] | None = None, *, limit: int = 5
) -> list[ChildRow]:
    """The child subtrees with the most tasks overdue, worst first (at most ``limit``): two queries whatever the
    number of children — the grouped figures sorted and cut in the database, then those children's names."""
    base = Assignment.objects.all() if qs is None else qs
    child_len = len(unit.path) + Unit.steplen
    grouped = list(
        counted(base.filter(in_subtree(unit)).exclude(unit_id=unit.pk))
        .annotate(branch=Substr("unit__path", 1, child_len))
        .values("branch")
        .annotate(**metrics(today))
        .filter(
            Q(open_overdue__gt=0)
        )  # (a Q: the annotation is built from a dict the type checker cannot see)
        .order_by("-open_overdue", "branch")[:limit]
    )
    if not grouped:
        return []
    units = {u.path: u for u in Unit.objects.filter(path__in=[g["branch"] for g in grouped])}
    return [ChildRow(g["branch"], units.get(g["branch"]), False, TaskCounts.of(g)) for g in grouped]
