"""The four buckets of tasks at fixed dates: over a unit's subtree, per child, per document, per assignee, and the
drill-down filter — each one query."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from directives.handling.selectors import buckets

pytestmark = pytest.mark.django_db

D = dt.date


def at(y, m, d, h=10, mi=0):
    return timezone.make_aware(dt.datetime(y, m, d, h, mi))


@pytest.fixture
def tasks(cast, make_task):
    """LĐLĐ tỉnh: TG&NC lead due 10/03 (open), VP support due 05/03 done 04/03 (on time), Mai's task due 01/03 done
    02/03 (late), an undated open task, one for information (not counted), one cancelled (not counted); Yên Thế:
    one due 20/02 open, one done at 23:30 on its deadline day (on time); CĐCS under it: one open due 15/03;
    Tân Yên: nothing. Lai Châu (outside): one overdue."""
    return {
        "lead": make_task(department=cast.tgnc, due=D(2026, 3, 10)),
        "support": make_task(
            department=cast.vp, role="support", due=D(2026, 3, 5), state="done", completed_at=at(2026, 3, 4)
        ),
        "mai": make_task(person=cast.mai, due=D(2026, 3, 1), state="done", completed_at=at(2026, 3, 2, 9)),
        "undated": make_task(department=cast.vp),
        "inform": make_task(department=cast.vp, role="inform", due=D(2026, 1, 1)),
        "cancelled": make_task(department=cast.tgnc, state="cancelled", due=D(2026, 1, 1)),
        "yenthe": make_task(unit=cast.yenthe, due=D(2026, 2, 20)),
        "yenthe_done": make_task(
            unit=cast.yenthe, due=D(2026, 2, 20), state="done", completed_at=at(2026, 2, 20, 23, 30)
        ),
        "cdcs": make_task(unit=cast.cdcs, due=D(2026, 3, 15)),
        "laichau": make_task(unit=cast.laichau, due=D(2026, 1, 10)),
    }


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        # before any deadline: everything open is in time
        (D(2026, 2, 10), dict(on_time=2, late=1, open_in_time=4, open_overdue=0)),
        # the deadline day itself is still in time
        (D(2026, 2, 20), dict(on_time=2, late=1, open_in_time=4, open_overdue=0)),
        # the day after: Yên Thế's open task is overdue
        (D(2026, 2, 21), dict(on_time=2, late=1, open_in_time=3, open_overdue=1)),
        # 11/03: TG&NC's lead task too
        (D(2026, 3, 11), dict(on_time=2, late=1, open_in_time=2, open_overdue=2)),
        # 16/03: CĐCS's too; the undated one stays in time forever
        (D(2026, 3, 16), dict(on_time=2, late=1, open_in_time=1, open_overdue=3)),
    ],
)
def test_subtree_buckets_at_fixed_dates(cast, tasks, today, expected):
    with time_machine.travel(at(today.year, today.month, today.day), tick=False):
        counts = buckets.subtree_counts(cast.ldld, timezone.localdate())
    assert counts == buckets.TaskCounts(**expected)
    assert counts.total == 7  # inform, cancelled and Lai Châu's are not counted
    assert [b["label"] for b in counts.buckets] == [
        "Hoàn thành đúng hạn",
        "Hoàn thành quá hạn",
        "Đang thực hiện trong hạn",
        "Quá hạn chưa hoàn thành",
    ]


def test_completed_on_the_deadline_day_late_evening_is_on_time(cast, make_task):
    """Completed 20/02 23:30 local is 20/02 16:30 UTC — and 21/02 00:30 local is 20/02 17:30 UTC: late."""
    make_task(due=D(2026, 2, 20), state="done", completed_at=at(2026, 2, 20, 23, 30))
    make_task(due=D(2026, 2, 20), state="done", completed_at=at(2026, 2, 21, 0, 30))
    counts = buckets.subtree_counts(cast.ldld, D(2026, 3, 1))
    assert (counts.on_time, counts.late) == (1, 1)


def test_a_subtree_is_its_own_units_only(cast, tasks):
    today = D(2026, 3, 11)
    assert buckets.subtree_counts(cast.yenthe, today) == buckets.TaskCounts(
        on_time=1, late=0, open_in_time=1, open_overdue=1
    )
    assert buckets.subtree_counts(cast.tanyen, today).total == 0
    assert buckets.subtree_counts(cast.laichau, today) == buckets.TaskCounts(open_overdue=1)


def test_child_rows_group_each_child_subtree(cast, tasks):
    rows = buckets.child_rows(cast.ldld, D(2026, 3, 11))
    assert [(r.is_self, r.unit.code) for r in rows] == [
        (True, "bg-ldld"),
        (False, "bg-ldld-yenthe"),
        (False, "bg-ldld-tanyen"),
    ]
    by_code = {r.unit.code: r.counts for r in rows}
    assert by_code["bg-ldld"] == buckets.TaskCounts(on_time=1, late=1, open_in_time=1, open_overdue=1)
    # Yên Thế's row holds CĐCS below it
    assert by_code["bg-ldld-yenthe"] == buckets.TaskCounts(on_time=1, open_in_time=1, open_overdue=1)
    assert by_code["bg-ldld-tanyen"].total == 0
    assert sum((r.counts for r in rows), buckets.TaskCounts()) == buckets.subtree_counts(
        cast.ldld, D(2026, 3, 11)
    )


def test_assignee_rows_name_department_person_and_unit(cast, tasks):
    from directives.handling.models import Assignment

    rows = buckets.assignee_rows(Assignment.objects.filter(unit=cast.ldld), D(2026, 3, 11))
    labels = {r.label: r.counts for r in rows}
    assert labels["Ban Tuyên giáo - Nữ công — Liên đoàn Lao động tỉnh Bắc Giang"] == buckets.TaskCounts(
        open_overdue=1
    )
    assert labels["Văn phòng — Liên đoàn Lao động tỉnh Bắc Giang"] == buckets.TaskCounts(
        on_time=1, open_in_time=1
    )
    assert labels["Trần Thị Mai (Liên đoàn Lao động tỉnh Bắc Giang)"] == buckets.TaskCounts(late=1)
    assert rows[0].counts.open_overdue == 1  # the most overdue first


def test_drill_down_lists_exactly_the_bucket(cast, tasks):
    from directives.handling.models import Assignment

    today = D(2026, 3, 11)
    subtree = Assignment.objects.filter(buckets.in_subtree(cast.ldld))
    found = {
        key: set(buckets.in_bucket(subtree, key, today).values_list("pk", flat=True))
        for key, *_ in buckets.BUCKETS
    }
    assert found["dung-han"] == {tasks["support"].pk, tasks["yenthe_done"].pk}
    assert found["qua-han"] == {tasks["lead"].pk, tasks["yenthe"].pk}
    assert found["hoan-thanh-qua-han"] == {tasks["mai"].pk}
    assert found["trong-han"] == {tasks["undated"].pk, tasks["cdcs"].pk}
    counts = buckets.subtree_counts(cast.ldld, today)
    for key, attr in buckets.BUCKET_ATTRS.items():
        assert len(found[key]) == getattr(counts, attr)
    with pytest.raises(ValueError):
        buckets.bucket_q("khac", today)


def test_per_document_counts(cast, make_task):
    from tests.reporting.conftest import make_document

    doc = make_document(issuer=cast.btgtu, recipients=[cast.ldld], issue_date=D(2026, 2, 5))
    make_task(unit=cast.ldld, document=doc, due=D(2026, 3, 1))
    make_task(unit=cast.yenthe, document=doc, due=D(2026, 3, 20))
    make_task(unit=cast.laichau, document=doc, due=D(2026, 3, 1), state="done", completed_at=at(2026, 2, 27))
    make_task(unit=cast.ldld, due=D(2026, 3, 1))  # no document: not in the figures
    found = buckets.document_counts([doc.pk], D(2026, 3, 5))
    assert found[doc.pk] == buckets.TaskCounts(on_time=1, open_in_time=1, open_overdue=1)
    within = buckets.document_counts([doc.pk], D(2026, 3, 5), within=cast.ldld)
    assert within[doc.pk] == buckets.TaskCounts(open_in_time=1, open_overdue=1)
    assert found[doc.pk].as_dict() == {
        "on_time": 1,
        "late": 0,
        "open_in_time": 1,
        "open_overdue": 1,
        "total": 3,
    }


def test_each_aggregate_is_one_query_whatever_the_number_of_tasks(cast, make_task):
    def measure():
        with CaptureQueriesContext(connection) as ctx:
            buckets.subtree_counts(cast.ldld, D(2026, 3, 11))
            buckets.child_rows(cast.ldld, D(2026, 3, 11))
            buckets.assignee_rows(buckets.counted().filter(unit=cast.ldld), D(2026, 3, 11))
        return len(ctx.captured_queries)

    make_task(department=cast.tgnc, due=D(2026, 3, 1))
    few = measure()
    for i in range(30):
        make_task(unit=[cast.ldld, cast.yenthe, cast.cdcs, cast.tanyen][i % 4], due=D(2026, 3, 1 + i % 20))
    assert measure() == few == 4  # subtree 1, children 2 (figures + child units), assignees 1


def test_most_overdue_children_worst_first(cast, tasks, make_task):
    make_task(unit=cast.tanyen, due=D(2026, 3, 1))
    make_task(unit=cast.tanyen, due=D(2026, 3, 2))
    rows = buckets.most_overdue_children(cast.ldld, D(2026, 3, 11))
    assert [(r.unit.code, r.counts.open_overdue) for r in rows] == [
        ("bg-ldld-tanyen", 2),
        ("bg-ldld-yenthe", 1),
    ]
    assert buckets.most_overdue_children(cast.ldld, D(2026, 3, 11), limit=1)[0].unit == cast.tanyen
    assert buckets.most_overdue_children(cast.ldld, D(2026, 2, 1)) == []  # nothing overdue yet
