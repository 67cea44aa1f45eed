"""The periods of a requirement's family (reporting.models.FamilyPeriod), kept as periods are marked so the
requirement page reads them without walking the family: always what the walk over the family's marked periods
would give — after issuing, after the daily job opens later periods, rebuilt from scratch — and only ever
widened (issue 19).

Cast (tests/dashboards/conftest.py): LĐLĐ tỉnh's requirement (`upward`) carried down by LĐLĐ huyện Yên Thế
(`carried`, 5 days earlier).
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.db.models import Max, Min
from django.test.utils import CaptureQueriesContext

from directives.cascade import requirement_family_ids
from reporting.dashboard import selectors as sel
from reporting.models import FamilyPeriod, RequirementPeriod
from reporting.services import obligations_open_periods
from reporting.services.family_periods import family_periods_merge, family_periods_rebuild
from tests.dashboards.conftest import PERIOD
from tests.reporting.conftest import local

pytestmark = pytest.mark.django_db


def walked(requirement) -> list[tuple]:
    """What the family's marked periods say, by the walk (the definition the kept rows must match)."""
    rows = (
        RequirementPeriod.objects.filter(requirement_id__in=requirement_family_ids(requirement))
        .values("period_key")
        .annotate(
            label=Min("period_label"), start=Min("window_start"), end=Max("window_end"), due=Max("due_date")
        )
        .order_by("due", "period_key")
    )
    return [(r["period_key"], r["label"], r["start"], r["end"], r["due"]) for r in rows]


def kept(requirement) -> list[tuple]:
    return [(p.key, p.label, p.window_start, p.window_end, p.due_date) for p in sel.periods_of(requirement)]


def test_the_kept_periods_are_the_walks_for_every_requirement_of_the_family(scene):
    for requirement in (scene.upward, scene.carried):
        assert kept(requirement) == walked(requirement) != []
    # The top's row: its own due date (it reports last), the district's period folded in.
    first = kept(scene.upward)[0]
    own = RequirementPeriod.objects.get(requirement=scene.upward, period_key=first[0])
    assert first[0] == PERIOD and first[4] == own.due_date
    carried = RequirementPeriod.objects.get(requirement=scene.carried, period_key=PERIOD)
    assert carried.due_date < own.due_date


def test_a_period_opened_by_the_daily_job_reaches_the_top_of_the_family(scene):
    before = {p[0] for p in kept(scene.upward)}
    with time_machine.travel(local(2025, 1, 6, 6), tick=False):
        obligations_open_periods()
    after = kept(scene.upward)
    assert {p[0] for p in after} > before
    assert after == walked(scene.upward) and kept(scene.carried) == walked(scene.carried)


def test_rebuilding_gives_the_rows_kept_one_plan_at_a_time(scene):
    with time_machine.travel(local(2025, 1, 6, 6), tick=False):
        obligations_open_periods()
    one_at_a_time = sorted(
        FamilyPeriod.objects.values_list(
            "requirement_id", "period_key", "period_label", "window_start", "window_end", "due_date"
        )
    )
    assert family_periods_rebuild() == len(one_at_a_time)
    assert (
        sorted(
            FamilyPeriod.objects.values_list(
                "requirement_id", "period_key", "period_label", "window_start", "window_end", "due_date"
            )
        )
        == one_at_a_time
    )


def test_a_merge_only_widens_and_costs_two_statements(scene):
    row = FamilyPeriod.objects.get(requirement=scene.upward, period_key=PERIOD)
    narrower = RequirementPeriod(
        requirement=scene.carried,
        period_key=PERIOD,
        period_label="z",
        window_start=row.window_start + dt.timedelta(days=3),
        window_end=row.window_end - dt.timedelta(days=3),
        due_date=row.due_date - dt.timedelta(days=20),
    )
    with CaptureQueriesContext(connection) as ctx:
        family_periods_merge([narrower])
    assert len(ctx.captured_queries) == 2
    same = FamilyPeriod.objects.get(requirement=scene.upward, period_key=PERIOD)
    assert (same.period_label, same.window_start, same.window_end, same.due_date) == (
        row.period_label,
        row.window_start,
        row.window_end,
        row.due_date,
    )
    wider = RequirementPeriod(
        requirement=scene.carried,
        period_key=PERIOD,
        period_label=row.period_label,
        window_start=row.window_start - dt.timedelta(days=1),
        window_end=None,
        due_date=row.due_date + dt.timedelta(days=2),
    )
    family_periods_merge([wider])
    for requirement in (scene.upward, scene.carried):
        now = FamilyPeriod.objects.get(requirement=requirement, period_key=PERIOD)
        assert now.window_start <= wider.window_start and now.due_date >= wider.due_date
        assert now.window_end is not None  # a period without an end does not erase the known one


def test_the_page_reads_the_periods_in_one_query_whatever_the_family(scene):
    with CaptureQueriesContext(connection) as ctx:
        sel.periods_of(scene.upward)
    assert len(ctx.captured_queries) == 1 and "RECURSIVE" not in ctx.captured_queries[0]["sql"]
