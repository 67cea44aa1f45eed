"""The signing step's pages (issue 17 item 2): «Trình ký» on the report form, «Báo cáo chờ ký» in the menu and its
list, «Ký và gửi» and «Trả lại» on the report's page, the PDF as sent.

Cast: tuan (reporter, CĐCS Bố Hạ) prepares; khanh (its chairman) signs; binh (Yên Thế) receives; charlie is refused.
"""

from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse

from reporting.models import Obligation, Report, ReportVersion
from reporting.services import obligations_create_for_document, report_sign_request
from tests.reporting.conftest import add_requirement, local, make_document

FORM = {
    "section_ket_qua_tuyen_truyen": "Tổ chức 3 buổi tuyên truyền.",
    "section_kho_khan": "",
    "indicator_so_buoi_tuyen_truyen": "3",
    "indicator_so_luot_nguoi_tham_gia": "120",
    "indicator_so_tin_bai": "",
    "indicator_so_hoi_nghi_quan_triet": "",
}


@pytest.fixture
def ob(cast):
    with time_machine.travel(local(2024, 2, 10), tick=False):
        plan = make_document(issuer=cast.yenthe, recipients=[cast.cdcs])
        add_requirement(plan, frequency="semiannual", to_unit=cast.yenthe)
        obligations_create_for_document(document=plan, actor=cast.binh)
    return Obligation.objects.get(unit=cast.cdcs, period_key="2024-S1")


def test_trinh_ky_from_the_form_then_ky_va_gui_from_the_list(cast, login, ob, django_assert_max_num_queries):
    edit = reverse("reporting:report_edit", args=[ob.pk])
    detail = reverse("reporting:report_detail", args=[ob.pk])
    with time_machine.travel(local(2024, 6, 3, 9), tick=False):
        client = login(cast.tuan)
        page = client.get(edit).content.decode()
        assert "Trình ký" in page and "Lương Văn Khánh" in page and "Ký và gửi" not in page
        # No leader chosen: refused beside the field, the text kept.
        refused = client.post(edit, {**FORM, "action": "trinh_ky", "leader": "", "version": 0})
        assert refused.status_code == 200 and "Hãy chọn lãnh đạo" in refused.content.decode()
        assert "Tổ chức 3 buổi tuyên truyền." in refused.content.decode()
        sent = client.post(edit, {**FORM, "action": "trinh_ky", "leader": cast.khanh.pk, "version": 0})
        assert sent.status_code == 302 and sent["Location"] == detail
        assert Report.objects.get().state == "signing"
        # Not editable meanwhile: the form sends back to the report's page.
        assert client.get(edit)["Location"] == detail
        # The list is the signers': the reporter and the outsider are refused.
        assert client.get(reverse("reporting:awaiting_signature")).status_code == 403
        assert login(cast.charlie).get(reverse("reporting:awaiting_signature")).status_code == 403

        leader = login(cast.khanh)
        with django_assert_max_num_queries(16):
            listing = leader.get(reverse("reporting:awaiting_signature"))
        body = listing.content.decode()
        assert 'data-testid="reports-to-sign-count">1<' in body and detail in body and "Đỗ Minh Tuấn" in body
        page = leader.get(detail).content.decode()
        assert "Chờ lãnh đạo ký" in page and "Ký và gửi" in page and "Trả lại" in page
        # The reporter may not sign it from the page: the refusal is a message, nothing changes.
        refused = login(cast.tuan).post(reverse("reporting:report_sign_send", args=[ob.pk]), follow=True)
        assert "Trình ký" in refused.content.decode() and Report.objects.get().state == "signing"
        assert (
            login(cast.charlie).post(reverse("reporting:report_sign_send", args=[ob.pk])).status_code == 404
        )
    with time_machine.travel(local(2024, 6, 5, 9), tick=False):
        done = login(cast.khanh).post(reverse("reporting:report_sign_send", args=[ob.pk]), follow=True)
    assert "Đã ký và gửi báo cáo số 01/BC-CĐCS" in done.content.decode()
    report = Report.objects.get()
    assert report.state == "submitted" and report.number_symbol == "01/BC-CĐCS"
    # The PDF as sent is the stored file, byte for byte, for the receiving unit too.
    stored = ReportVersion.objects.get(report=report).pdf.read()
    assert login(cast.binh).get(reverse("reporting:report_pdf", args=[ob.pk])).content == stored


def test_the_leader_hands_it_back_with_a_comment(cast, login, ob):
    with time_machine.travel(local(2024, 6, 3, 9), tick=False):
        report_sign_request(
            actor=cast.tuan,
            obligation=ob,
            leader=cast.khanh,
            data={"sections": {"ket_qua_tuyen_truyen": "Ba buổi."}, "indicators": {}},
        )
        url = reverse("reporting:report_sign_return", args=[ob.pk])
        leader = login(cast.khanh)
        empty = leader.post(url, {"sign_comment": ""}, follow=True)
        assert "Hãy ghi ý kiến" in empty.content.decode() and Report.objects.get().state == "signing"
        leader.post(url, {"sign_comment": "Bổ sung số liệu tháng 5."})
        assert Report.objects.get().state == "draft"
        page = login(cast.tuan).get(reverse("reporting:report_edit", args=[ob.pk])).content.decode()
        assert "Bổ sung số liệu tháng 5." in page and "Ba buổi." in page
        # Only the unit's signer hands back: the reporter is refused (a message), charlie does not see it.
        report_sign_request(actor=cast.tuan, obligation=ob, leader=cast.khanh)
        refused = login(cast.tuan).post(url, {"sign_comment": "Tự trả lại."}, follow=True)
        assert "Trình ký" in refused.content.decode() and Report.objects.get().state == "signing"
        assert login(cast.charlie).post(url, {"sign_comment": "x"}).status_code == 404


def test_the_signing_step_over_the_api(cast, ob):
    from tests.clients import token_client

    url = f"/api/v1/obligations/{ob.pk}/"
    body = {"data": {"sections": {"ket_qua_tuyen_truyen": "Ba buổi."}, "indicators": {}}, "version": 0}
    with time_machine.travel(local(2024, 6, 3, 9), tick=False):
        reporter, leader = token_client(cast.tuan), token_client(cast.khanh)
        refused = reporter.post(url + "submit/", body, format="json")
        assert refused.status_code == 403 and refused.json()["code"] == "report_not_signer"
        wrong = reporter.post(url + "sign-request/", {**body, "leader": cast.binh.pk}, format="json")
        assert wrong.status_code == 400 and "leader" in wrong.json()["fields"]
        asked = reporter.post(url + "sign-request/", {**body, "leader": cast.khanh.pk}, format="json")
        assert asked.status_code == 200 and asked.json()["report"]["state"] == "signing"
        assert reporter.post(url + "sign-return/", {"comment": "x"}, format="json").status_code == 403
        sent = leader.post(url + "submit/", {}, format="json")
    assert sent.status_code == 200, sent.content
    assert sent.json()["report"]["number_symbol"] == "01/BC-CĐCS"
    assert sent.json()["report"]["signature"]["authority_body"] == "BAN CHẤP HÀNH"
    assert token_client(cast.charlie).post(url + "sign-request/", body, format="json").status_code == 404


def test_a_unit_without_a_signer_is_told_what_to_do_not_offered_an_empty_list(cast, login, ob):
    """The chairman (khanh) leaves CĐCS Bố Hạ: nobody there signs. Its reporter still keeps a draft, is told the
    unit has no leader on the portal and who can give the role, and is offered no «Trình ký» to an empty list; the
    API's sign-request says the same, and nothing changes."""
    from portal.org.models import Membership, Role

    Membership.objects.filter(unit=cast.cdcs, role=Role.SIGNER).delete()
    edit = reverse("reporting:report_edit", args=[ob.pk])
    with time_machine.travel(local(2024, 6, 3, 9), tick=False):
        client = login(cast.tuan)
        page = client.get(edit).content.decode()
        assert "chưa có lãnh đạo (người ký) trên Thông Suốt" in page
        assert 'value="trinh_ky"' not in page and "Lưu nháp" in page
        response = client.post(edit, {**FORM, "action": "trinh_ky", "leader": cast.binh.pk, "version": 0})
        assert "đề nghị quản trị đơn vị cấp vai trò «Lãnh đạo (người ký)»" in response.content.decode()
        assert not Report.objects.filter(obligation=ob, state="signing").exists()


def test_a_report_handed_to_the_leader_waits_as_the_leaders_move_not_as_due(cast, login, ob):
    """After «Trình ký» the reporter's home and the unit's report list show it as «Chờ lãnh đạo ký» (linking to
    the report's page), no longer among the reports still to prepare; the leader's «Trả lại» puts it back."""
    from reporting.selectors import obligation_counts, obligations_of_unit
    from reporting.services import report_sign_return

    with time_machine.travel(local(2024, 6, 3, 9), tick=False):
        before = obligation_counts(cast.cdcs)
        report_sign_request(
            actor=cast.tuan,
            obligation=ob,
            leader=cast.khanh,
            data={"sections": {"ket_qua_tuyen_truyen": "Ba buổi."}},
        )
        counts = obligation_counts(cast.cdcs)
        assert counts["signing"] == 1 and counts["due"] == before["due"] - 1
        assert counts["overdue"] == before["overdue"] == 0
        lists = obligations_of_unit(cast.cdcs)
        assert lists["signing"] == [ob] and ob not in lists["due"] and len(lists["due"]) == counts["due"]
        client = login(cast.tuan)
        home = client.get("/").content.decode()
        panel = home[home.index('data-testid="home-reporter"') :]
        assert "Chờ lãnh đạo ký: <strong>1</strong>" in panel
        assert reverse("reporting:report_detail", args=[ob.pk]) in panel
        listing = client.get(reverse("reporting:unit_obligations", args=[cast.cdcs.pk])).content.decode()
        assert "Chờ lãnh đạo ký — đã trình" in listing
        report_sign_return(actor=cast.khanh, obligation=ob, comment="Bổ sung số liệu.")
        counts = obligation_counts(cast.cdcs)
        assert counts["signing"] == 0 and counts["returned"] + counts["due"] >= 1
