"""The công văn đôn đốc: a draft official letter to the units whose reports are overdue."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from reporting.errors import RequestInvalid
from reporting.models import Obligation
from reporting.services import chase_letter_create, obligations_create_for_document, report_submit
from tests.reporting.conftest import add_requirement, local, make_document


@pytest.fixture
def overdue(cast):
    with time_machine.travel(local(2024, 1, 29), tick=False):
        doc = make_document(issuer=cast.ldld, recipients=[cast.yenthe, cast.tanyen])
        add_requirement(doc, frequency="semiannual", to_unit=cast.ldld)
        obligations_create_for_document(document=doc, actor=cast.hung)
    with time_machine.travel(local(2024, 6, 10), tick=False):
        report_submit(
            actor=cast.binh,
            obligation=Obligation.objects.get(unit=cast.yenthe, period_key="2024-S1"),
            data={"indicators": {"so_buoi_tuyen_truyen": "1"}},
        )
    return doc


def test_it_drafts_a_letter_to_the_overdue_units_only(cast, overdue):
    with time_machine.travel(local(2024, 6, 24), tick=False):
        letter = chase_letter_create(actor=cast.mai, unit=cast.ldld)
    assert letter.status == "draft" and letter.doc_type == "CV" and letter.issuer == cast.ldld
    assert letter.subject == "đôn đốc gửi báo cáo kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2024"
    assert [r.unit_id for r in letter.recipients.filter(unit__isnull=False)] == [cast.tanyen.pk]
    text = " ".join(node["text"] for node in letter.body)
    assert "Liên đoàn Lao động huyện Tân Yên" in text and "quá hạn 7 ngày" in text
    assert "Yên Thế" not in text
    assert "đến ngày 24/06/2024" in letter.opening


def test_nothing_overdue_means_no_letter(cast, overdue):
    with time_machine.travel(local(2024, 6, 1), tick=False), pytest.raises(RequestInvalid):
        chase_letter_create(actor=cast.mai, unit=cast.ldld)


def test_the_button_is_for_members_of_the_receiving_unit(cast, overdue, login):
    url = reverse("reporting:chase_letter", args=[cast.ldld.pk])
    assert login(cast.charlie).post(url).status_code == 404
    assert login(cast.binh).post(url).status_code == 404  # Yên Thế's leader does not see the province
    with time_machine.travel(local(2024, 6, 24), tick=False):
        response = login(cast.mai).post(url)
    assert response.status_code == 302
    from directives.models import Document

    assert Document.objects.filter(doc_type="CV", status="draft", issuer=cast.ldld).count() == 1
    assert dt.date(2024, 6, 17) == Obligation.objects.get(unit=cast.tanyen, period_key="2024-S1").due_date
