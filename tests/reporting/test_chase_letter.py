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


def test_it_is_composed_like_any_cong_van(cast, overdue):
    """The cited document in the derive step's phrase, the drafting department in the symbol, the request as the
    unnumbered closing paragraph, the regime's own Lưu line (issue 17, item 3)."""
    from directives.models import Document
    from directives.rendering import document_pdf_bytes, noi_nhan_lines
    from tests.pdf.pdftext import open_pdf, page_text

    with time_machine.travel(local(2024, 6, 24), tick=False):
        letter = chase_letter_create(actor=cast.mai, unit=cast.ldld)
    letter = Document.objects.get(pk=letter.pk)
    assert letter.department == "TG&NC"
    assert letter.opening.startswith(
        f"<p>Thực hiện Kế hoạch số {overdue.number_symbol.replace('&', '&amp;')} ngày "
    )
    assert f"của {overdue.issuer_name} về kế hoạch hoạt động thông tin đối ngoại năm 2024; đến ngày" in (
        letter.opening
    )
    assert all("Đề nghị" not in node["text"] for node in letter.body)
    assert letter.closing.startswith("<p>Đề nghị các đơn vị khẩn trương hoàn thành")
    assert not letter.recipients.filter(purpose="luu").exists()
    assert noi_nhan_lines(letter, "union")[-1] == "Lưu: VT, TG&NC"
    text = " ".join(page_text(p) for p in open_pdf(document_pdf_bytes(letter)).pages)
    assert "/LĐLĐ-TG&NC" in text
    assert "1. Liên đoàn Lao động huyện Tân Yên" in text
    assert "2. Đề nghị" not in text and "Đề nghị các đơn vị khẩn trương" in text
    assert "Nơi nhận: - Như kính gửi; - Lưu: VT, TG&N" in text  # the signature column interleaves the rest


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
