"""A report's section over 50,000 characters is refused by the autosave and the form, naming the section and the
limit in Vietnamese; nothing is cut and nothing saved (issue 13, blocker 7).

Cast: Tuấn writes the report of Công đoàn Trường THCS Bố Hạ (cdcs) to LĐLĐ huyện Yên Thế; Charlie is an outsider.
"""

import time_machine
from django.urls import reverse

from reporting.models import Obligation, Report
from reporting.services import obligations_create_for_document
from reporting.services.form_template import SECTION_MAX_CHARS
from tests.reporting.conftest import add_requirement, local, make_document

FORM = {
    "section_ket_qua_tuyen_truyen": "Tổ chức 2 buổi tuyên truyền.",
    "indicator_so_buoi_tuyen_truyen": "2",
    "indicator_so_luot_nguoi_tham_gia": "",
    "indicator_so_tin_bai": "",
    "indicator_so_hoi_nghi_quan_triet": "",
}


def _obligation(cast):
    with time_machine.travel(local(2024, 2, 10), tick=False):
        doc = make_document(issuer=cast.yenthe, recipients=[cast.cdcs])
        add_requirement(doc, frequency="semiannual", to_unit=cast.yenthe)
        obligations_create_for_document(document=doc, actor=cast.binh)
    return Obligation.objects.get(unit=cast.cdcs, period_key="2024-S1")


def test_the_autosave_refuses_a_section_over_the_limit_and_keeps_the_saved_text(cast, login):
    ob = _obligation(cast)
    autosave = reverse("reporting:report_autosave", args=[ob.pk])
    with time_machine.travel(local(2024, 6, 3, 9, 41), tick=False):
        tuan = login(cast.tuan)  # on the day: a session from another day has expired
        assert tuan.post(autosave, {**FORM, "version": 0}, HTTP_HX_REQUEST="true").status_code == 200
        revision = Report.objects.get().revision
        long = {**FORM, "section_kho_khan": "k" * (SECTION_MAX_CHARS + 1), "version": revision}
        refused = tuan.post(autosave, long, HTTP_HX_REQUEST="true").content.decode()
        assert "Mục «Khó khăn, vướng mắc» dài 50.001 ký tự, quá giới hạn 50.000 ký tự" in refused
        assert "Đã lưu lúc" not in refused
        report = Report.objects.get()
        assert report.revision == revision and report.data["sections"].get("kho_khan", "") == ""
        # The outsider learns nothing, not even the limit.
        assert login(cast.charlie).post(autosave, long).status_code == 404
