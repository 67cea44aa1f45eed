"""Two leaders of LĐLĐ tỉnh decide on the same entry at the same moment (PostgreSQL, threads with their own
connections): the entry's row lock serves them one after the other, so exactly one assignment is made and the other
leader is told the entry has moved on — never two sets of tasks for one document."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

from directives.handling.errors import AlreadyDone
from directives.handling.models import Assignment, EntryState, IncomingEntry, Instruction
from directives.handling.services.instruction import Assignee, entry_instruct
from portal.org.models import Department
from portal.org.services import membership_grant
from tests.conftest import PASSWORD


@pytest.mark.django_db(transaction=True)
def test_two_leaders_assigning_at_once_make_one_assignment(tcast):
    cast = tcast
    phong = get_user_model().objects.create_user(
        "phong", "phong@thongsuot.test", PASSWORD, first_name="Vũ Văn Phong"
    )
    membership_grant(actor=None, user=phong, unit=cast.ldld, role="signer")
    tgnc, _ = Department.objects.get_or_create(
        unit=cast.ldld, code="TG&NC", defaults={"name": "Ban Tuyên giáo - Nữ công"}
    )
    vp, _ = Department.objects.get_or_create(unit=cast.ldld, code="VP", defaults={"name": "Văn phòng"})
    entry = IncomingEntry.objects.create(
        unit=cast.ldld,
        year=timezone.localdate().year,
        number=1,
        arrived_at=timezone.now(),
        sender_name="Ban Tuyên giáo Tỉnh ủy Bắc Giang",
        number_symbol="97-HD/BTGTU",
        subject="Hướng dẫn công tác thông tin đối ngoại",
        registered_by=cast.thu,
    )
    due = timezone.localdate() + dt.timedelta(days=10)
    barrier = threading.Barrier(2)
    outcomes: list[object] = []

    def decide(leader, department):
        try:
            barrier.wait()
            outcomes.append(
                entry_instruct(
                    actor=leader,
                    entry=entry,
                    text=f"Giao {department.name} chủ trì.",
                    lead=Assignee(department=department),
                    due_date=due,
                )
            )
        except Exception as exc:  # noqa: BLE001 — collected and asserted below
            outcomes.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=(cast.hung, tgnc)),
        threading.Thread(target=decide, args=(phong, vp)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    refused = [o for o in outcomes if isinstance(o, Exception)]
    assert len(outcomes) == 2 and len(refused) == 1 and isinstance(refused[0], AlreadyDone), outcomes
    assert Instruction.objects.filter(entry=entry).count() == 1
    assert Assignment.objects.filter(entry=entry).count() == 1
    entry.refresh_from_db()
    assert entry.state == EntryState.HANDLING
