"""The figures, computed in the database, on the small hand-built scene (conftest.py)."""

import datetime as dt

from directives.cascade import document_family_ids, requirement_family_ids
from reporting.dashboard import pages
from reporting.dashboard.figures import ReportCounts, rate
from reporting.models import Obligation
from tests.dashboards.conftest import AFTER, BEFORE, PERIOD, settle


def _row(view, unit):
    return next(r for r in view.rows if r.unit is not None and r.unit.pk == unit.pk)


def test_it_finds_the_cascade_of_a_document_and_of_a_requirement(cast, scene):
    assert document_family_ids(scene.plan) == sorted([scene.plan.pk, scene.district.pk])
    assert requirement_family_ids(scene.upward) == sorted([scene.upward.pk, scene.carried.pk])
    assert requirement_family_ids(scene.carried) == [scene.carried.pk]


def test_the_requirement_figures_of_the_province(cast, scene):
    view = pages.requirement_page(unit=cast.ldld, requirement=scene.upward, period_key=PERIOD, now=AFTER)
    t = view.total
    # expected: yenthe, tanyen, cdcs, g1 — g2 is excused, g3 closed before the period ended.
    assert (t.total, t.expected, t.submitted, t.on_time, t.late, t.open, t.overdue, t.excused) == (
        6,
        4,
        3,
        2,
        1,
        0,
        1,
        1,
    )
    assert t.inactive == 1
    assert t.reporting_rate == 75.0 and t.on_time_rate == 50.0
    assert [b["count"] for b in t.buckets] == [2, 1, 0, 1]
    yenthe, tanyen = _row(view, cast.yenthe), _row(view, cast.tanyen)
    assert (yenthe.counts.expected, yenthe.counts.on_time, yenthe.counts.late) == (3, 2, 1)
    assert yenthe.counts.reporting_rate == 100.0 and round(yenthe.counts.on_time_rate, 1) == 66.7
    assert (tanyen.counts.expected, tanyen.counts.overdue, tanyen.counts.state) == (1, 1, "overdue")
    assert not any(r.is_self for r in view.rows)  # the province owes nothing itself
    levels = {(lv.depth, lv.kind): lv.counts for lv in view.levels}
    assert levels[(3, "union_district")].expected == 2 and levels[(4, "union_grassroots")].expected == 2


def test_before_the_deadline_the_missing_reports_are_open_not_overdue(cast, scene):
    t = pages.requirement_page(unit=cast.ldld, requirement=scene.upward, period_key=PERIOD, now=BEFORE).total
    assert (t.open, t.overdue) == (1, 0)
    assert [b["key"] for b in t.buckets] == ["dung-han", "nop-muon", "trong-han", "qua-han"]


def test_drilling_down_shows_the_district_and_its_grassroots_unions(cast, scene):
    view = pages.requirement_page(unit=cast.yenthe, requirement=scene.upward, period_key=PERIOD, now=AFTER)
    assert view.rows[0].is_self and view.rows[0].counts.state == "ok"  # the district's own report first
    states = {r.unit.code: r.counts.state for r in view.rows if not r.is_self}
    assert states == {
        cast.cdcs.code: "ok",
        scene.g1.code: "late",
        scene.g2.code: "excused",
        scene.g3.code: "none",
    }
    assert [u.pk for u in view.ancestors] == [cast.tld.pk, cast.ldld.pk]
    leaf = pages.requirement_page(unit=cast.cdcs, requirement=scene.upward, period_key=PERIOD, now=AFTER)
    assert [ob.period_key for ob in leaf.history] == [
        "2025-S1",
        PERIOD,
    ]  # the grassroots unit and its reports
    assert leaf.history[1].report.state == "submitted"


def test_the_list_behind_a_number(cast, scene):
    view = pages.requirement_page(
        unit=cast.ldld, requirement=scene.upward, period_key=PERIOD, listing="qua-han", now=AFTER
    )
    assert [ob.unit_id for ob in view.listing] == [cast.tanyen.pk]
    view = pages.requirement_page(
        unit=cast.ldld, requirement=scene.upward, period_key=PERIOD, listing="phai-nop", now=AFTER
    )
    assert sorted(ob.unit_id for ob in view.listing) == sorted(
        [cast.yenthe.pk, cast.tanyen.pk, cast.cdcs.pk, scene.g1.pk]
    )


def test_a_unit_closed_after_reporting_does_not_push_the_rate_past_100(cast, scene):
    from portal.org.models import Unit

    settle(scene.g3, "submitted_on_time", at=dt.datetime(2024, 6, 1, tzinfo=dt.UTC))
    Unit.objects.filter(pk=cast.tanyen.pk).update(active_to=dt.date(2024, 1, 31))
    t = pages.requirement_page(unit=cast.ldld, requirement=scene.upward, period_key=PERIOD, now=AFTER).total
    assert (t.expected, t.submitted) == (3, 4)
    assert t.reporting_rate == 100.0
    assert rate(5, 4) == 100.0 and rate(0, 0) is None


def test_the_heat_map_and_the_trend_cover_the_periods(cast, scene):
    Obligation.objects.filter(unit=cast.tanyen, period_key="2025-S1").update(status="submitted_on_time")
    view = pages.requirement_page(
        unit=cast.ldld,
        requirement=scene.upward,
        period_key="2025-S1",
        now=dt.datetime(2025, 7, 30, tzinfo=dt.UTC),
    )
    assert [p.key for p in view.columns] == [PERIOD, "2025-S1"]
    tanyen = _row(view, cast.tanyen)
    assert [c.state for c in tanyen.cells] == ["overdue", "ok"]
    assert [(p.key, c.on_time) for p, c in view.trend] == [(PERIOD, 2), ("2025-S1", 1)]
    assert view.trend[0][1].on_time_rate == 50.0


def test_the_directive_figures_count_each_unit_once(cast, scene):
    view = pages.directive_page(unit=cast.ldld, document=scene.plan)
    t = view.total
    # received: yenthe, tanyen, cdcs (two copies: the plan and the district's plan), g1, g2, g3
    assert (t.received, t.acknowledged, t.implemented, t.drafting, t.nothing) == (6, 2, 1, 1, 3)
    assert t.to_implement == 6 and t.not_implemented == 5 and round(t.implemented_rate, 1) == 16.7
    assert view.family_size == 2
    yenthe, tanyen = _row(view, cast.yenthe), _row(view, cast.tanyen)
    assert (yenthe.counts.received, yenthe.counts.implemented, yenthe.counts.nothing) == (5, 1, 2)
    assert (tanyen.counts.received, tanyen.counts.drafting, tanyen.counts.nothing) == (1, 1, 1)
    levels = {(lv.depth, lv.kind): lv.counts for lv in view.levels}
    assert levels[(3, "union_district")].drafting == 1 and levels[(4, "union_grassroots")].received == 4


def test_the_directive_lists_behind_the_numbers(cast, scene):
    nothing = pages.directive_page(unit=cast.ldld, document=scene.plan, listing="chua-xu-ly")
    assert [r["unit_id"] for r in nothing.listing] == [scene.g2.pk, scene.g3.pk, cast.tanyen.pk]  # tree order
    drafting = pages.directive_page(unit=cast.ldld, document=scene.plan, listing="dang-soan")
    assert [(r["unit_id"], r["draft_id"]) for r in drafting.listing] == [(cast.tanyen.pk, scene.draft.pk)]
    done = pages.directive_page(unit=cast.yenthe, document=scene.plan, listing="da-trien-khai")
    assert [(r["unit_id"], r["implemented_symbol"]) for r in done.listing] == [
        (cast.yenthe.pk, scene.district.number_symbol)
    ]


def test_the_overview_of_a_unit(cast, scene):
    requirements, documents = pages.unit_overview(cast.ldld, now=AFTER)
    assert [s.requirement.pk for s in requirements] == [scene.upward.pk]  # the carried duty is in its family
    assert requirements[0].period.key == PERIOD and requirements[0].counts.expected == 4
    assert [(s.document.pk, s.counts.received, s.counts.implemented) for s in documents] == [
        (scene.plan.pk, 6, 1)
    ]
    district_reqs, district_docs = pages.unit_overview(cast.yenthe, now=AFTER)
    assert [s.requirement.pk for s in district_reqs] == [scene.upward.pk]
    assert [s.document.pk for s in district_docs] == [scene.plan.pk]  # its own plan is in the plan's cascade


def test_report_counts_add_up():
    a = ReportCounts(total=2, expected=2, on_time=1, overdue=1, pending=1)
    b = ReportCounts(total=1, expected=1, late=1)
    assert (a + b).submitted == 2 and (a + b).state == "overdue" and ReportCounts().state == "none"
