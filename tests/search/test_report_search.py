"""Reports are found in the one search box without diacritics, only by those who may read them."""

import time_machine
from django.urls import reverse

from reporting.models import Obligation
from reporting.services import obligations_create_for_document, report_submit
from tests.reporting.conftest import add_requirement, local, make_document


def test_a_report_is_found_by_its_narrative_without_diacritics(cast, login):
    with time_machine.travel(local(2024, 2, 10), tick=False):
        plan = make_document(issuer=cast.yenthe, recipients=[cast.cdcs])
        add_requirement(plan, frequency="semiannual", to_unit=cast.yenthe)
        obligations_create_for_document(document=plan, actor=cast.binh)
    ob = Obligation.objects.get(unit=cast.cdcs, period_key="2024-S1")
    with time_machine.travel(local(2024, 6, 5), tick=False):
        report_submit(
            actor=cast.khanh,
            obligation=ob,
            data={
                "sections": {"ket_qua_tuyen_truyen": "Tổ chức hội thi tìm hiểu về biển đảo quê hương."},
                "indicators": {"so_buoi_tuyen_truyen": "2"},
            },
        )
    url = reverse("directives:search") + "?q=bien+dao+que+huong"
    body = login(cast.binh).get(url).content.decode()
    assert 'data-testid="reports-results"' in body and "6 tháng đầu năm 2024" in body
    assert 'data-testid="reports-results"' not in login(cast.charlie).get(url).content.decode()
    assert 'data-testid="reports-results"' not in login(cast.mai).get(url).content.decode()
