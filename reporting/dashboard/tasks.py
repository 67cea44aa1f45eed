"""The «Nhiệm vụ» figures of the dashboards: the four buckets of tasks (directives.handling.selectors.buckets) over a
unit's subtree or over one directive's cascade, per child subtree and per assignee of the unit itself, and the list
behind each number. Like pages.py, one object feeds the HTML page, the Excel workbook and the PDF, and a page costs a
fixed number of queries whatever the number of tasks.

Which tasks a figure counts:
- a unit's dashboard: every task of the unit and of the units below it (from directives and from the incoming
  register alike);
- a directive's dashboard: the tasks of the directive's cascade (the document and the plans derived from it),
  over the unit's subtree — and wherever they went when the unit issued the directive (what the issuer assigned
  counts everywhere, as its delivery figures do).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.safestring import SafeString

from directives.cascade import document_family_ids
from directives.handling.access import assignments_visible_to
from directives.handling.models import Assignment
from directives.handling.selectors import buckets
from directives.handling.selectors.buckets import AssigneeRow, ChildRow, TaskCounts
from directives.models import Document
from portal.org.models import Unit
from portal.org.selectors import unit_ancestors
from reporting.dashboard import charts
from reporting.dashboard.tables import Percent, Table

PER_PAGE = 100
LIST_PER_PAGE = 50
ALL = "tat-ca"  # ?nhom=tat-ca: the list of every counted task of the page


def tasks_scope(unit: Unit, document: Document | None = None) -> QuerySet[Assignment]:
    """The tasks a dashboard of the unit (and of the document, when given) counts."""
    qs = Assignment.objects.all()
    if document is None:
        return qs.filter(buckets.in_subtree(unit))
    qs = qs.filter(document_id__in=document_family_ids(document))
    if document.issuer_id == unit.pk:
        return qs
    return qs.filter(buckets.in_subtree(unit))


def unit_task_counts(
    unit: Unit, document: Document | None = None, *, today: dt.date | None = None
) -> TaskCounts:
    """The «Nhiệm vụ» panel of a unit's dashboard, or of its page of a directive's cascade: one query."""
    return buckets.task_counts(tasks_scope(unit, document), today or timezone.localdate())


def document_task_counts(
    unit: Unit, documents: list[Document], *, today: dt.date | None = None
) -> dict[int, TaskCounts]:
    """{document id: its tasks' buckets} for the overview's documents, in one query: the unit's own documents
    everywhere they went, the documents it received over its subtree. A document's own tasks only (its cascade is
    on its page)."""
    today = today or timezone.localdate()
    own = [d.pk for d in documents if d.issuer_id == unit.pk]
    received = [d.pk for d in documents if d.issuer_id != unit.pk]
    if not documents:
        return {}
    which = Q(document_id__in=own) | (Q(document_id__in=received) & buckets.in_subtree(unit))
    return {
        row["document_id"]: TaskCounts.of(row)
        for row in buckets.counted(Assignment.objects.filter(which))
        .values("document_id")
        .annotate(**buckets.metrics(today))
        .order_by()
    }


@dataclass
class TaskListRow:
    assignment: Assignment
    bucket: str
    visible: bool  # the viewer may open the task's page
    late_days: int = 0  # days past the due date: until completion, or until today while open

    @property
    def bucket_label(self) -> str:
        return buckets.BUCKET_LABELS.get(self.bucket, "")

    @property
    def url(self) -> str:
        return self.assignment.get_absolute_url()

    @property
    def state(self) -> str:
        return next(s for key, _, _, s in buckets.BUCKETS if key == self.bucket) if self.bucket else "none"

    @property
    def assignee(self) -> str:
        a = self.assignment
        if a.person_id:
            return f"{a.person.get_full_name() or a.person.get_username()} ({a.unit.name})"
        if a.department_id:
            return f"{a.department.name} — {a.unit.name}"
        return a.unit.name

    @property
    def source(self) -> str:
        a = self.assignment
        if a.document_id and a.document.number_symbol:
            return a.document.number_symbol
        if a.entry_id:
            return f"Văn bản đến số {a.entry.number_label}/{a.entry.year}"
        return ""

    def days_late(self, today: dt.date) -> int:
        a = self.assignment
        if a.due_date is None:
            return 0
        end = timezone.localdate(a.completed_at) if a.completed_at else today
        return max(0, (end - a.due_date).days)


@dataclass
class TasksPage:
    unit: Unit
    ancestors: list[Unit]
    today: dt.date
    document: Document | None = None
    total: TaskCounts = field(default_factory=TaskCounts)
    page: Page | None = None  # of ChildRow
    assignees: list[AssigneeRow] = field(default_factory=list)
    bucket: str = ""
    child: Unit | None = None
    assignee: AssigneeRow | None = None  # the list limited to one assignee of the unit itself
    listing: Page | None = None  # of TaskListRow

    @property
    def rows(self) -> list[ChildRow]:
        return list(self.page.object_list) if self.page else []

    @property
    def bucket_label(self) -> str:
        return buckets.BUCKET_LABELS.get(self.bucket, "Tất cả nhiệm vụ")

    @property
    def listing_scope(self) -> str:
        """Whose tasks the list holds, when not the whole page's: a child unit, or an assignee of the unit."""
        if self.assignee is not None:
            return self.assignee.short_label
        return self.child.name if self.child is not None else ""

    @property
    def title(self) -> str:
        if self.document is not None:
            return f"Nhiệm vụ triển khai {self.document.number_symbol or self.document.subject}"
        return "Nhiệm vụ"


def _bucket_of(a: Assignment, today: dt.date) -> str:
    done = a.state == "done"
    if done:
        on_time = a.due_date is None or (
            a.completed_at is not None and timezone.localdate(a.completed_at) <= a.due_date
        )
        return "dung-han" if on_time else "hoan-thanh-qua-han"
    if a.state == "open":
        return "qua-han" if a.due_date is not None and a.due_date < today else "trong-han"
    return ""


def tasks_page(
    *,
    unit: Unit,
    user,
    document: Document | None = None,
    bucket: str = "",
    child_id: int | str | None = None,
    assignee_key: str = "",
    page: int | str = 1,
    listing_page: int | str = 1,
    per_page: int | None = PER_PAGE,
    today: dt.date | None = None,
) -> TasksPage:
    """The page: the total, the child subtrees (paged), the unit's own assignees and, when a bucket or a child is
    chosen, the tasks behind it. Queries: ancestors, family (directive), total, children (2), assignees, and the
    list (count + rows + which of them the viewer may open)."""
    today = today or timezone.localdate()
    view = TasksPage(unit=unit, ancestors=unit_ancestors(unit), today=today, document=document)
    scope = tasks_scope(unit, document)
    view.total = buckets.task_counts(scope, today)
    rows = buckets.child_rows(unit, today, scope, with_units=False)
    if document is not None and document.issuer_id == unit.pk:
        # what the issuer assigned outside its subtree counts in the total: shown as its own line
        inside = sum((r.counts for r in rows), TaskCounts())
        outside = TaskCounts(
            **{
                k: getattr(view.total, k) - getattr(inside, k)
                for k in ("on_time", "late", "open_in_time", "open_overdue")
            }
        )
        if outside.total:
            rows.append(ChildRow("", None, False, outside, outside=True))
    view.page = Paginator(rows, per_page or max(1, len(rows))).get_page(page)
    buckets.attach_units(list(view.page.object_list))
    view.assignees = buckets.assignee_rows(scope.filter(unit=unit), today)
    if str(child_id or "").isdigit():
        # the unit itself or one unit right below it; anything else lists nothing rather than telling it exists
        view.child = (
            unit
            if int(str(child_id)) == unit.pk
            else Unit.objects.filter(
                pk=int(str(child_id)), path__startswith=unit.path, depth=unit.depth + 1
            ).first()
        )
    view.assignee = next((a for a in view.assignees if a.key == assignee_key), None) if assignee_key else None
    if view.assignee is not None:
        view.child = None  # an assignee of the unit itself: the child filter does not apply
    wants_all = bucket == ALL  # every counted task, in any bucket
    if bucket in buckets.BUCKET_LABELS or wants_all or view.child is not None or view.assignee is not None:
        view.bucket = bucket if bucket in buckets.BUCKET_LABELS else ""
        listed = scope
        if view.assignee is not None:
            listed = listed.filter(unit=unit, **view.assignee.filter_kwargs)
        elif view.child is not None:
            listed = (
                listed.filter(unit=unit)
                if view.child.pk == unit.pk
                else listed.filter(buckets.in_subtree(view.child))
            )
        qs = buckets.in_bucket(listed, view.bucket, today) if view.bucket else buckets.counted(listed)
        qs = qs.select_related("unit", "department", "person", "document", "entry").order_by(
            "due_date", "unit__path", "id"
        )
        listing = Paginator(qs, LIST_PER_PAGE if per_page else 100_000).get_page(listing_page)
        items = list(listing.object_list)
        visible = (
            set(
                assignments_visible_to(user).filter(pk__in=[a.pk for a in items]).values_list("pk", flat=True)
            )
            if items
            else set()
        )
        rows_shown = [TaskListRow(a, _bucket_of(a, today), a.pk in visible) for a in items]
        for r in rows_shown:
            r.late_days = r.days_late(today)
        listing.object_list = rows_shown
        view.listing = listing
    return view


# --- chart and tables (the page, the workbook and the PDF) ----------------------------------------------------------


def buckets_bar(counts: TaskCounts, *, width: int = 560, font: str = charts.PAGE_FONT) -> SafeString:
    """The four buckets of tasks as one stacked bar, in the report buckets' colours."""
    return charts.stacked_bar(
        [(b["label"], b["count"], b["state"]) for b in counts.buckets],
        label="Bốn nhóm tình trạng nhiệm vụ",
        width=width,
        font=font,
    )


TASK_HEADERS = [
    "Tổng số nhiệm vụ",
    "Hoàn thành đúng hạn",
    "Hoàn thành quá hạn",
    "Đang thực hiện trong hạn",
    "Quá hạn chưa hoàn thành",
    "Tỷ lệ hoàn thành",
    "Tỷ lệ đúng hạn",
]


def _pct(value: float | None):
    return None if value is None else Percent(round(value, 1))


def task_cells(c: TaskCounts) -> list:
    return [
        c.total,
        c.on_time,
        c.late,
        c.open_in_time,
        c.open_overdue,
        _pct(c.done_rate),
        _pct(c.on_time_rate),
    ]


def _child_name(row: ChildRow) -> str:
    if row.outside:
        return "Nơi nhận ngoài đơn vị trực thuộc"
    if row.unit is None:
        return row.path
    return f"{row.unit.name} (bản thân đơn vị)" if row.is_self else row.unit.name


def task_tables(view: TasksPage) -> list[Table]:
    made = timezone.localtime().strftime("%H:%M %d/%m/%Y")
    summary = Table(
        "Tổng hợp",
        f"{view.title} — {view.unit.name}",
        ["Chỉ tiêu", "Giá trị"],
        [
            ["Đơn vị (toàn bộ cấp dưới)", view.unit.name],
            *([["Văn bản", str(view.document)]] if view.document is not None else []),
            ["Tính đến ngày", view.today],
            *([h, v] for h, v in zip(TASK_HEADERS, task_cells(view.total), strict=True)),
            ["Lập lúc", made],
        ],
    )
    children = Table(
        "Đơn vị trực thuộc",
        "Theo đơn vị trực thuộc (mỗi dòng gồm toàn bộ cấp dưới của đơn vị)",
        ["Đơn vị", "Mã đơn vị", *TASK_HEADERS],
        [[_child_name(r), r.unit.code if r.unit else "", *task_cells(r.counts)] for r in view.rows],
    )
    assignees = Table(
        "Người, ban thực hiện",
        f"Theo người, ban, phòng thực hiện của {view.unit.name}",
        ["Thực hiện", *TASK_HEADERS],
        [[r.label, *task_cells(r.counts)] for r in view.assignees],
    )
    tables = [summary, children, assignees]
    if view.listing is not None:
        tables.append(
            Table(
                "Danh sách nhiệm vụ",
                f"Danh sách: {view.bucket_label}"
                + (f" — {view.listing_scope}" if view.listing_scope else ""),
                [
                    "Nhiệm vụ",
                    "Theo văn bản",
                    "Đơn vị, người thực hiện",
                    "Vai trò",
                    "Hạn xử lý",
                    "Tình trạng",
                    "Hoàn thành lúc",
                    "Số ngày quá hạn",
                ],
                [
                    [
                        r.assignment.title,
                        r.source,
                        r.assignee,
                        r.assignment.get_role_display(),
                        r.assignment.due_date,
                        r.bucket_label,
                        # Local time without its zone: a spreadsheet cell holds no time zone.
                        timezone.localtime(r.assignment.completed_at).replace(tzinfo=None)
                        if r.assignment.completed_at
                        else None,
                        r.late_days,
                    ]
                    for r in view.listing.object_list
                ],
            )
        )
    return tables
