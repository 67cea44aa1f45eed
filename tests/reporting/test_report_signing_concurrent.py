"""Two leaders of CĐCS Bố Hạ press «Ký và gửi» on the same report at the same moment (issue 17 item 2): the
obligation's row lock orders them, one sends it with number 01, the other is told it was sent already, and the
register gave one number (a refused send gives its number back).

Cast: tuan prepares and asks khanh; khanh and a deputy chairman (made here) both sign at once.
"""

from __future__ import annotations

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from directives.numbering import next_number
from portal.org.services import membership_grant
from reporting.errors import ReportNotEditable
from reporting.models import Obligation, Report, ReportVersion
from reporting.services import obligations_create_for_document, report_sign_request, report_submit
from tests.reporting.conftest import add_requirement, make_document


@pytest.mark.django_db(transaction=True)
def test_two_leaders_sign_at_once_and_the_report_gets_one_number(tcast, settings, tmp_path):
    cast = tcast
    settings.MEDIA_ROOT = str(tmp_path / "media")
    deputy = get_user_model().objects.create_user("phuong", first_name="Vũ Thị Phương")
    membership_grant(actor=None, user=deputy, unit=cast.cdcs, role="signer", title="Phó Chủ tịch")
    plan = make_document(issuer=cast.yenthe, recipients=[cast.cdcs])
    add_requirement(plan, frequency="semiannual", to_unit=cast.yenthe)
    obligations_create_for_document(document=plan, actor=cast.binh)
    ob = Obligation.objects.filter(unit=cast.cdcs).order_by("due_at").first()
    Obligation.objects.filter(pk=ob.pk).update(status="open", opens_at=ob.opens_at.replace(year=2000))
    report_sign_request(
        actor=cast.tuan,
        obligation=ob,
        leader=cast.khanh,
        data={"sections": {"ket_qua_tuyen_truyen": "Ba buổi."}, "indicators": {}},
    )
    barrier = threading.Barrier(2)
    outcomes: list = []

    def sign(user):
        try:
            barrier.wait()
            outcomes.append(report_submit(actor=user, obligation=ob).number_symbol)
        except ReportNotEditable as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign, args=(u,)) for u in (cast.khanh, deputy)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    year = Report.objects.get(obligation=ob).submitted_at.year
    assert sorted(outcomes) == ["01/BC-CĐCS", "report_not_editable"]
    assert ReportVersion.objects.filter(report__obligation=ob).count() == 1
    assert next_number(unit=cast.cdcs, doc_type="BC", year=year) == 2
