"""A submitted report renders as an official Báo cáo through the same PDF engine."""

import io

import pdfplumber
import pytest
import time_machine
from django.urls import reverse

from reporting.models import Obligation
from reporting.services import obligations_create_for_document, report_submit
from tests.reporting.conftest import add_requirement, local, make_document


def test_a_submitted_report_is_an_official_bao_cao(cast, login):
    with time_machine.travel(local(2024, 2, 10), tick=False):
        plan = make_document(issuer=cast.yenthe, recipients=[cast.cdcs])
        add_requirement(plan, frequency="semiannual", to_unit=cast.yenthe)
        obligations_create_for_document(document=plan, actor=cast.binh)
    ob = Obligation.objects.get(unit=cast.cdcs, period_key="2024-S1")
    url = reverse("reporting:report_pdf", args=[ob.pk])
    draft = login(cast.tuan).get(url)
    assert draft.status_code == 200
    with pdfplumber.open(io.BytesIO(draft.content)) as pdf:
        assert (
            "".join(c["text"] for c in pdf.pages[0].chars if c["size"] > 40 and c["text"].strip()) == "DỰTHẢO"
        )
    with time_machine.travel(local(2024, 6, 5), tick=False):
        report_submit(
            actor=cast.khanh,
            obligation=ob,
            data={
                "sections": {"ket_qua_tuyen_truyen": "Tổ chức 3 buổi tuyên truyền Kết luận 57-KL/TW."},
                "indicators": {"so_buoi_tuyen_truyen": "3", "so_luot_nguoi_tham_gia": "120"},
            },
        )
    response = login(cast.binh).get(url)
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
        assert "BÁO CÁO" in text and "Số: 01/BC-CĐCS" in text and "ngày 05 tháng 6 năm 2024" in text
        # The figures are a table now (tests/pdf/test_report_golden.py measures its rules): row by row.
        assert "Liên đoàn Lao động huyện Yên Thế" in text and "Số buổi tuyên truyền buổi 3" in text
        assert "Tổ chức 3 buổi tuyên truyền Kết luận 57-KL/TW." in text
        assert not [
            c for page in pdf.pages for c in page.chars if c["size"] > 40
        ]  # no watermark once submitted
    assert login(cast.charlie).get(url).status_code == 404


@pytest.mark.parametrize(
    ("title", "regime", "expected"),
    [
        (
            "Báo cáo kết quả công tác thông tin đối ngoại",
            "union",
            "Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2024",
        ),
        (
            "Báo cáo kết quả công tác thông tin đối ngoại",
            "state",
            "Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2024",
        ),
        (
            "Báo cáo kết quả công tác thông tin đối ngoại",
            "party",
            "kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2024",
        ),
        ("Tình hình tư tưởng công nhân", "union", "Tình hình tư tưởng công nhân 6 tháng đầu năm 2024"),
    ],
)
def test_the_subject_does_not_repeat_the_type_word_and_is_cased_by_the_regime(title, regime, expected):
    from reporting.rendering import report_subject

    assert report_subject(title, "6 tháng đầu năm 2024", regime=regime) == expected
