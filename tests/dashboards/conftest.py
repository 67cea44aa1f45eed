"""A small hand-built scene for the dashboards, on the shared cast.

    ldld (province) ── yenthe (district) ── cdcs, g1, g2, g3 (grassroots)
                    └─ tanyen (district)

Directive: ldld issues a plan to yenthe and tanyen "để thực hiện" (and a copy straight to cdcs);
yenthe acknowledges it and issues its own plan to cdcs, g1, g2, g3; tanyen is drafting its plan;
cdcs opened the district plan, g1 acknowledged it, g2 and g3 did nothing.

Reporting, 6 tháng đầu năm 2024 (requirement family: ldld's requirement and yenthe's carried one):
yenthe on time, tanyen nothing, cdcs on time (through report_submit), g1 late, g2 excused, g3 nothing —
and g3 closed on 01/03/2024, before the period's data window ended, so it is not expected.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
import time_machine
from django.utils import timezone

from tests.reporting.conftest import add_requirement, grow, local, make_document

PERIOD = "2024-S1"
AFTER = local(2024, 7, 10)  # every deadline of the period has passed
BEFORE = local(2024, 6, 1)  # no deadline of the period has passed yet


@pytest.fixture(autouse=True)
def _dashboard_settings(eager_media):
    """Every dashboard test: eager tasks, own media folder (tests/conftest.py)."""


def settle(unit, status: str, *, at: dt.datetime | None = None, key: str = PERIOD) -> None:
    from reporting.models import Obligation

    Obligation.objects.filter(unit=unit, period_key=key).update(
        status=status, submitted_at=at, next_action_at=None
    )


def build_scene(cast) -> SimpleNamespace:
    from directives.models import Delivery, Document, DocumentRelation
    from portal.org.models import Unit
    from reporting.models import Obligation
    from reporting.services import obligations_create_for_document, report_submit

    g1, g2, g3 = (Unit.objects.get(pk=pk) for pk in grow(cast.yenthe, 3))
    with time_machine.travel(local(2024, 2, 10), tick=False):
        plan = make_document(issuer=cast.ldld, recipients=[cast.yenthe, cast.tanyen, cast.cdcs])
        upward = add_requirement(plan, frequency="semiannual", to_unit=cast.ldld)
        obligations_create_for_document(document=plan, actor=cast.hung)
        district = make_document(issuer=cast.yenthe, recipients=[cast.cdcs, g1, g2, g3])
        carried = add_requirement(
            district, frequency="semiannual", to_unit=cast.yenthe, parent=upward, lead_days=5
        )
        obligations_create_for_document(document=district, actor=cast.binh)
    now = timezone.now()
    Delivery.objects.filter(document=plan, unit=cast.yenthe).update(
        read_at=now, acknowledged_at=now, implemented_by=district
    )
    Delivery.objects.filter(document=district, unit=cast.cdcs).update(read_at=now)
    Delivery.objects.filter(document=district, unit=g1).update(read_at=now, acknowledged_at=now)
    draft = Document.objects.create(
        doc_type="KH", issuer=cast.tanyen, status="draft", subject="Kế hoạch triển khai"
    )
    DocumentRelation.objects.create(source=draft, target=plan, kind="implements")
    # Obligations of the cascade (the copy to cdcs is "để thực hiện" too, so cdcs owes ldld as well: drop it).
    Obligation.objects.filter(unit=cast.cdcs, requirement=upward).delete()
    with time_machine.travel(local(2024, 6, 3, 9), tick=False):
        report_submit(
            actor=cast.khanh,
            obligation=Obligation.objects.get(unit=cast.cdcs, period_key=PERIOD),
            data={"sections": {"ket_qua_tuyen_truyen": "Hai buổi tuyên truyền."}},
        )
    settle(cast.yenthe, "submitted_on_time", at=local(2024, 6, 10))
    settle(g1, "submitted_late", at=local(2024, 6, 20))
    settle(g2, "excused")
    Unit.objects.filter(pk=g3.pk).update(active_to=dt.date(2024, 3, 1))
    return SimpleNamespace(
        plan=plan,
        district=district,
        upward=upward,
        carried=carried,
        draft=draft,
        g1=g1,
        g2=Unit.objects.get(pk=g2.pk),
        g3=Unit.objects.get(pk=g3.pk),
    )


@pytest.fixture
def scene(cast):
    return build_scene(cast)
