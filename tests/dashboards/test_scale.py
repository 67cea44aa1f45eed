"""A page costs the same number of queries for 100 and for 10,000 units (STYLE: set-based reads)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from directives.models import Delivery
from reporting.models import Obligation
from reporting.services import obligations_create_for_document
from tests.reporting.conftest import add_requirement, grow, make_document


def _cascade(cast, district_doc, unit_ids):
    """Deliver the district's plan to the new grassroots unions, give them their obligations, and a mix of
    answers: a third read it, a sixth reported on time, a sixth late."""
    now = timezone.now()
    Delivery.objects.bulk_create(
        [
            Delivery(
                document=district_doc,
                unit_id=u,
                purpose="thuc_hien",
                delivered_at=now,
                read_at=now if i % 3 == 0 else None,
            )
            for i, u in enumerate(unit_ids)
        ],
        batch_size=5000,
    )
    obligations_create_for_document(document=district_doc, actor=cast.binh)
    obs = Obligation.objects.filter(unit_id__in=unit_ids)
    obs.filter(id__regex=r"[05]$").update(status="submitted_on_time", submitted_at=now)
    obs.filter(id__regex=r"[27]$").update(status="submitted_late", submitted_at=now)


@pytest.fixture
def grown(cast):
    plan = make_document(issuer=cast.ldld, recipients=[cast.yenthe, cast.tanyen])
    upward = add_requirement(plan, frequency="semiannual", to_unit=cast.ldld)
    obligations_create_for_document(document=plan, actor=cast.hung)
    district = make_document(issuer=cast.yenthe, recipients=[])
    add_requirement(district, frequency="semiannual", to_unit=cast.yenthe, parent=upward, lead_days=5)
    Delivery.objects.filter(document=plan, unit=cast.yenthe).update(implemented_by=district)
    _cascade(cast, district, grow(cast.yenthe, 100))

    def grow_to_10000():
        _cascade(cast, district, grow(cast.yenthe, 9_900))
        assert Obligation.objects.filter(unit__path__startswith=cast.yenthe.path).count() >= 2 * 10_000
        # What autovacuum does within the minute after a bulk load: without statistics the planner takes the
        # 10,000 new rows for one and joins by nested loop (seconds a query instead of milliseconds).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE org_unit, reporting_obligation, directives_delivery")

    return plan, upward, grow_to_10000


def test_dashboard_pages_cost_the_same_queries_for_100_and_10000_units(cast, login, grown):
    """Every page, at the province (two districts) and at the district (its grassroots unions: one page of
    100 rows of 101), with the list behind a number open; the tree grows once between the two rounds."""
    plan, upward, grow_to_10000 = grown
    client = login(cast.hung)
    pages = []
    for unit in (cast.ldld, cast.yenthe):
        pages += [
            (reverse("dashboards:requirement", args=[upward.pk, unit.pk]), {"ds": "qua-han"}),
            (reverse("dashboards:directive", args=[plan.pk, unit.pk]), {"ds": "chua-xu-ly"}),
            (reverse("dashboards:unit", args=[unit.pk]), {}),
            (reverse("dashboards:emulation", args=[unit.pk]), {}),
            (reverse("dashboards:requirement_export", args=[upward.pk, unit.pk, "xlsx"]), {}),
            # the same figures over the API
            (f"/api/v1/dashboards/units/{unit.pk}/requirements/{upward.pk}/", {}),
            (f"/api/v1/dashboards/units/{unit.pk}/documents/{plan.pk}/", {}),
            (f"/api/v1/dashboards/units/{unit.pk}/", {}),
            (f"/api/v1/dashboards/units/{unit.pk}/emulation/", {}),
        ]
    pages.append((reverse("home"), {}))
    assert client.get(pages[0][0], pages[0][1]).status_code == 200  # warm: session, content types

    def count(url, query):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, query)
        assert response.status_code == 200, url
        return len(queries), response

    small = {url: count(url, query)[0] for url, query in pages}
    grow_to_10000()
    for url, query in pages:
        n, response = count(url, query)
        assert n == small[url], f"{url}: {small[url]} queries for 100 units, {n} for 10,000"
        if (
            f"/don-vi/{cast.yenthe.pk}/" in url
            and "/xuat/" not in url
            and ("bao-cao" in url or "van-ban" in url)
        ):
            assert "Trang 1/101" in response.content.decode()  # 10,000 unions and the district itself
    # 21: the menu's «Báo cáo chờ ký» count for a leader who signs (issue 17, helper A) is one query per page.
    assert max(small.values()) <= 21
