"""An issued directive prints its reporting regime (chế độ báo cáo) and the section its tasks stand in.

A composer sets reporting duties as data; the official text must say them, read back from the PDF. The
seeds already state theirs in the body: the author's words are not printed twice.
"""

from __future__ import annotations

import datetime as dt

import pytest

from directives.models import Document, Task
from directives.rendering import document_pdf_bytes, reporting_regime_lines
from tests.pdf.pdftext import open_pdf
from tests.reporting.conftest import add_requirement

pytestmark = pytest.mark.django_db


def _guidance(cast, **fields):
    doc = Document.objects.create(
        doc_type="HD",
        issuer=cast.ldld,
        status="issued",
        number=7,
        number_symbol="07/HD-LĐLĐ",
        issue_date=dt.date(2024, 2, 6),
        place="Bắc Giang",
        subject="Hướng dẫn công tác thông tin đối ngoại năm 2024",
        body=[{"heading": "MỤC ĐÍCH, YÊU CẦU", "text": "<p>Nâng cao nhận thức.</p>", "children": []}],
        signer_name="Nguyễn Mạnh Hùng",
        signer_title="Chủ tịch",
        **fields,
    )
    Task.objects.create(
        document=doc, order=1, title="Liên đoàn Lao động huyện Yên Thế", text="Tuyên truyền đến đoàn viên."
    )
    return doc


def _text(doc) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in open_pdf(document_pdf_bytes(doc)).pages)


def test_it_prints_the_tasks_section_and_the_reporting_duty(cast):
    doc = _guidance(cast)
    add_requirement(
        doc,
        frequency="semiannual",
        title="Báo cáo kết quả công tác thông tin đối ngoại",
        to_unit=cast.ldld,
        via_unit=cast.yenthe,
        deadline_working_days=3,
    )
    text = _text(doc)
    assert "II. TỔ CHỨC THỰC HIỆN 1. Liên đoàn Lao động huyện Yên Thế" in text
    assert (
        "2. Chế độ báo cáo Các đơn vị được giao thực hiện báo cáo kết quả công tác thông tin đối ngoại "
        "định kỳ 6 tháng, chậm nhất 3 ngày làm việc sau khi kết thúc kỳ báo cáo, gửi về Liên đoàn Lao động "
        "tỉnh Bắc Giang (qua Liên đoàn Lao động huyện Yên Thế)."
    ) in text


def test_it_prints_a_one_off_duty_with_its_date_in_words(cast):
    doc = _guidance(cast)
    add_requirement(doc, frequency="once", title="Báo cáo sơ kết", due_date=dt.date(2024, 6, 5))
    assert reporting_regime_lines(doc) == [
        "Các đơn vị được giao thực hiện báo cáo sơ kết một lần, trước ngày 05 tháng 6 năm 2024, gửi về "
        "Liên đoàn Lao động tỉnh Bắc Giang."
    ]


def test_it_does_not_repeat_a_duty_the_body_already_states(cast):
    doc = _guidance(cast)
    doc.body[0]["text"] += "<p>Định kỳ báo cáo kết quả thực hiện về LĐLĐ tỉnh trong báo cáo quý.</p>"
    doc.save()
    add_requirement(
        doc,
        frequency="quarterly",
        as_written="định kỳ báo cáo kết quả thực hiện về LĐLĐ tỉnh trong báo cáo quý",
    )
    assert reporting_regime_lines(doc) == []
    assert "Chế độ báo cáo" not in _text(doc)


def test_a_document_without_duties_or_tasks_gets_no_extra_section(cast):
    doc = _guidance(cast)
    doc.tasks.all().delete()
    assert "TỔ CHỨC THỰC HIỆN" not in _text(doc)
