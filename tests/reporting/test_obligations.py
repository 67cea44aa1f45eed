"""Obligations from reporting requirements: counts, dates, routing, idempotence, transfer, đột xuất."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.audit.models import Event
from portal.org.services import unit_close
from reporting.errors import NotAllowed, RequestInvalid
from reporting.models import Obligation, ObligationStatus, RequirementPeriod
from reporting.services import adhoc_request_create, obligations_create_for_document, obligations_open_periods
from tests.reporting.conftest import add_requirement, grow, local, make_document

D = dt.date


@pytest.fixture
def plan_2024(cast):
    """LĐLĐ tỉnh's plan of 29/01/2024: the districts carry it out and report every 6 months and every year."""
    with time_machine.travel(local(2024, 1, 29), tick=False):
        doc = make_document(
            issuer=cast.ldld, recipients=[cast.yenthe, cast.tanyen], issue_date=D(2024, 1, 29)
        )
        semi = add_requirement(doc, frequency="semiannual", to_unit=cast.ldld)
        annual = add_requirement(doc, frequency="annual", to_unit=cast.ldld)
        created = obligations_create_for_document(document=doc, actor=cast.hung)
    return doc, semi, annual, created


def test_it_creates_the_current_and_next_period_for_each_unit(cast, plan_2024):
    doc, semi, annual, created = plan_2024
    assert created == 2 * 2 * 2  # 2 units × 2 requirements × (current + next)
    rows = {(o.requirement_id, o.unit_id, o.period_key): o for o in Obligation.objects.all()}
    s1 = rows[(semi.pk, cast.yenthe.pk, "2024-S1")]
    assert (s1.window_start, s1.window_end, s1.period_label) == (
        D(2023, 12, 15),
        D(2024, 6, 14),
        "6 tháng đầu năm 2024",
    )
    assert s1.due_date == D(2024, 6, 17)  # 14/6/2024 is a Friday: one working day later is Monday
    assert s1.due_at == local(2024, 6, 17, 23, 59).replace(second=59)
    assert s1.status == ObligationStatus.OPEN and s1.to_unit_id == cast.ldld.pk and s1.via_unit_id is None
    assert s1.next_stage == "before_7" and s1.next_action_at == local(2024, 6, 10, 8, 0)
    nxt = rows[(semi.pk, cast.tanyen.pk, "2025-S1")]
    assert nxt.status == ObligationStatus.UPCOMING and nxt.opens_at == local(2024, 12, 15, 0, 0)
    year = rows[(annual.pk, cast.yenthe.pk, "2024-Y")]
    assert year.due_date == D(2024, 12, 16)  # 14/12/2024 is a Saturday
    assert set(RequirementPeriod.objects.values_list("period_key", flat=True)) == {
        "2024-S1",
        "2025-S1",
        "2024-Y",
        "2025-Y",
    }
    event = Event.objects.get(action="reporting.obligations_created")
    assert event.actor == cast.hung and event.details["count"] == 8


def test_it_is_idempotent(cast, plan_2024):
    doc, *_ = plan_2024
    with time_machine.travel(local(2024, 1, 29, 10), tick=False):
        assert obligations_create_for_document(document=doc, actor=cast.hung) == 0
    assert Obligation.objects.count() == 8


def test_only_units_that_carry_it_out_report(cast):
    doc = make_document(issuer=cast.ldld, recipients=[cast.yenthe])
    make_delivery = __import__("directives.models", fromlist=["Delivery"]).Delivery
    make_delivery.objects.create(document=doc, unit=cast.btgtu, purpose="bao_cao", delivered_at=doc.issued_at)
    make_delivery.objects.create(
        document=doc, unit=cast.ldld, purpose="thuc_hien", delivered_at=doc.issued_at
    )
    add_requirement(doc, frequency="annual", to_unit=cast.ldld)
    obligations_create_for_document(document=doc, actor=cast.hung)
    # btgtu receives to be informed ("để báo cáo"), ldld is the receiving unit itself.
    assert set(Obligation.objects.values_list("unit_id", flat=True)) == {cast.yenthe.pk}


def test_named_units_report_via_another_unit(cast):
    """Seed 004: member units report to the steering committee via Ban Tuyên giáo Tỉnh ủy — both see them."""
    doc = make_document(issuer=cast.tinhuy, recipients=[cast.btgtu, cast.ldld])
    add_requirement(
        doc, frequency="semiannual", to_unit=cast.tinhuy, via_unit=cast.btgtu, named=[cast.ldld, cast.btgtu]
    )
    obligations_create_for_document(document=doc, actor=None)
    rows = Obligation.objects.all()
    assert {o.unit_id for o in rows} == {cast.ldld.pk, cast.btgtu.pk}
    assert all(o.to_unit_id == cast.tinhuy.pk and o.via_unit_id == cast.btgtu.pk for o in rows)


def test_a_one_off_deadline_is_one_obligation(cast):
    """Seed 003: "gửi báo cáo … trước ngày 15/12/2014"."""
    with time_machine.travel(local(2014, 4, 2), tick=False):
        doc = make_document(issuer=cast.laichau, recipients=[cast.cdcs])
        add_requirement(doc, frequency="once", to_unit=cast.laichau, due_date=D(2014, 12, 15))
        add_requirement(
            doc, frequency="adhoc", to_unit=cast.laichau
        )  # đột xuất with no date: on request only
        assert obligations_create_for_document(document=doc, actor=None) == 1
    ob = Obligation.objects.get()
    assert (ob.period_key, ob.due_date, ob.window_start, ob.status) == (
        "H-20141215",
        D(2014, 12, 15),
        None,
        "open",
    )


def test_a_cascaded_requirement_is_due_earlier(cast):
    with time_machine.travel(local(2024, 2, 1), tick=False):
        doc = make_document(issuer=cast.yenthe, recipients=[cast.cdcs])
        add_requirement(
            doc, frequency="semiannual", to_unit=cast.yenthe, lead_days=5, deadline_working_days=2
        )
        obligations_create_for_document(document=doc, actor=None)
    s1 = Obligation.objects.get(period_key="2024-S1")
    # 14/6 + 2 working days = Tue 18/6; 5 days earlier = Thu 13/6.
    assert s1.due_date == D(2024, 6, 13)


def test_a_plan_for_one_year_stops_at_its_end(cast):
    with time_machine.travel(local(2024, 11, 1), tick=False):
        doc = make_document(issuer=cast.ldld, recipients=[cast.yenthe])
        add_requirement(doc, frequency="quarterly", to_unit=cast.ldld, ends_on=D(2024, 12, 31))
        obligations_create_for_document(document=doc, actor=None)
    assert list(Obligation.objects.values_list("period_key", flat=True)) == ["2024-Q4", "2025-Q1"]
    with time_machine.travel(local(2025, 2, 1), tick=False):
        doc2 = make_document(issuer=cast.ldld, recipients=[cast.yenthe])
        add_requirement(doc2, frequency="quarterly", to_unit=cast.ldld, ends_on=D(2025, 3, 10))
        obligations_create_for_document(document=doc2, actor=None)
    assert Obligation.objects.filter(requirement__document=doc2).count() == 1


def test_closed_units_get_no_obligation(cast):
    from portal.org.models import Unit

    Unit.objects.filter(pk=cast.tanyen.pk).update(active_to=D(2024, 1, 1))
    doc = make_document(issuer=cast.ldld, recipients=[cast.yenthe, cast.tanyen])
    add_requirement(doc, frequency="annual", to_unit=cast.ldld)
    obligations_create_for_document(document=doc, actor=None)
    assert set(Obligation.objects.values_list("unit_id", flat=True)) == {cast.yenthe.pk}


def test_creation_costs_the_same_queries_for_50_and_2000_units(cast):
    small_units = grow(cast.ldld, 50, prefix="s")
    big_units = grow(cast.tanyen, 2000, prefix="b")
    counts = []
    for units in (small_units, big_units):
        doc = make_document(issuer=cast.ldld, recipients=units)
        add_requirement(doc, frequency="semiannual", to_unit=cast.ldld)
        add_requirement(doc, frequency="annual", to_unit=cast.ldld)
        with CaptureQueriesContext(connection) as ctx:
            created = obligations_create_for_document(document=doc, actor=cast.hung)
        assert created == len(units) * 4
        counts.append(len(ctx))
    assert counts[0] == counts[1], counts


def test_the_daily_job_opens_periods_once(cast, plan_2024):
    doc, semi, annual, _ = plan_2024
    with time_machine.travel(local(2024, 12, 15, 0, 5), tick=False):
        first = obligations_open_periods()
        again = obligations_open_periods()
    # 2025-S1 and 2025-Y opened (upcoming → open); 2026-S1 and 2026-Y created for both units.
    assert first["opened"] == 4 and first["periods"] == 2 and first["created"] == 4
    assert again == {"opened": 0, "periods": 0, "created": 0}
    assert Obligation.objects.filter(period_key="2025-S1", status="open").count() == 2
    assert Obligation.objects.filter(period_key="2026-S1", status="upcoming").count() == 2


def test_closing_a_unit_moves_its_open_obligations_to_the_successor(cast, plan_2024):
    with time_machine.travel(local(2024, 3, 1), tick=False):
        unit_close(actor=cast.son, unit=cast.tanyen, on_date=D(2024, 3, 1), successor=cast.yenthe)
    # yenthe already owes the same periods: tanyen's are excused, not duplicated.
    assert Obligation.objects.filter(unit=cast.yenthe).count() == 4
    assert set(Obligation.objects.filter(unit=cast.tanyen).values_list("status", flat=True)) == {"excused"}
    event = Event.objects.get(action="reporting.obligations_transferred")
    assert event.details["excused"] == 4 and event.details["moved"] == 0


def test_closing_moves_obligations_the_successor_does_not_owe(cast):
    doc = make_document(issuer=cast.ldld, recipients=[cast.tanyen])
    add_requirement(doc, frequency="annual", to_unit=cast.ldld)
    obligations_create_for_document(document=doc, actor=None)
    unit_close(actor=cast.son, unit=cast.tanyen, on_date=D(2025, 7, 1), successor=cast.yenthe)
    moved = Obligation.objects.filter(unit=cast.yenthe)
    assert moved.count() == 2 and all(o.transferred_from_id == cast.tanyen.pk for o in moved)
    # …and the next periods are generated for the successor too.
    with time_machine.travel(local(2030, 1, 1), tick=False):
        obligations_open_periods()
    assert Obligation.objects.filter(unit=cast.yenthe, period_key="2030-Y").exists()
    assert not Obligation.objects.filter(unit=cast.tanyen, period_key="2030-Y").exists()


# --- đột xuất -------------------------------------------------------------------------------------------


def test_a_leader_asks_subordinate_units_for_a_report(cast):
    with time_machine.travel(local(2024, 10, 1), tick=False):
        req = adhoc_request_create(
            actor=cast.hung,
            from_unit=cast.ldld,
            to_units=[cast.yenthe, cast.cdcs],
            title="Báo cáo nhanh tình hình dư luận",
            due_date=D(2024, 10, 4),
        )
    obs = Obligation.objects.filter(requirement=req)
    assert obs.count() == 2 and {o.due_date for o in obs} == {D(2024, 10, 4)}
    assert req.document is None and req.requested_by == cast.hung
    assert Event.objects.filter(action="reporting.adhoc_requested").exists()


def test_an_adhoc_request_due_in_the_past_is_refused(cast):
    with time_machine.travel(local(2024, 10, 1), tick=False), pytest.raises(RequestInvalid) as exc:
        adhoc_request_create(
            actor=cast.hung,
            from_unit=cast.ldld,
            to_units=[cast.yenthe],
            title="Báo cáo nhanh",
            due_date=D(2024, 9, 30),
        )
    assert exc.value.field == "due_date" and "đã qua" in exc.value.message
    assert not Obligation.objects.exists()


def test_an_adhoc_request_outside_the_subtree_or_by_a_non_leader_is_refused(cast):
    with pytest.raises(NotAllowed):
        adhoc_request_create(
            actor=cast.hung, from_unit=cast.ldld, to_units=[cast.laichau], title="X", due_date=D(2099, 1, 1)
        )
    with pytest.raises(NotAllowed):
        adhoc_request_create(
            actor=cast.mai, from_unit=cast.ldld, to_units=[cast.yenthe], title="X", due_date=D(2099, 1, 1)
        )
    assert not Obligation.objects.exists()
