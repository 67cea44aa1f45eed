"""The reporting pages: what each role sees and may do, refusals (outsider 404, wrong role 403,
anonymous → login), autosave, the calendar feed, and constant query counts on list pages."""

import datetime as dt
import re

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reporting.models import Obligation, Report, ReportAttachment
from reporting.services import obligations_create_for_document, report_submit
from tests.reporting.conftest import add_requirement, grow, local, make_document

D = dt.date


@pytest.fixture
def ob(cast):
    with time_machine.travel(local(2024, 2, 10), tick=False):
        doc = make_document(issuer=cast.yenthe, recipients=[cast.cdcs])
        add_requirement(doc, frequency="semiannual", to_unit=cast.yenthe)
        obligations_create_for_document(document=doc, actor=cast.binh)
    return Obligation.objects.get(unit=cast.cdcs, period_key="2024-S1")


def revision(ob) -> int:
    """The draft revision the report form would carry (0 before the first save)."""
    return Report.objects.filter(obligation=ob).values_list("revision", flat=True).first() or 0


FORM = {
    "section_ket_qua_tuyen_truyen": "Tổ chức 2 buổi tuyên truyền.",
    "indicator_so_buoi_tuyen_truyen": "2",
    "indicator_so_luot_nguoi_tham_gia": "150",
    "indicator_so_tin_bai": "",
    "indicator_so_hoi_nghi_quan_triet": "",
}


def test_the_reporter_sees_the_units_obligations(cast, login, ob):
    with time_machine.travel(local(2024, 6, 1), tick=False):
        response = login(cast.tuan).get(reverse("reporting:obligations"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "6 tháng đầu năm 2024" in body and "17/06/2024" in body and "Soạn báo cáo" in body
    assert "Liên đoàn Lao động huyện Yên Thế" in body


def test_the_report_form_saves_and_submits(cast, login, ob):
    url = reverse("reporting:report_edit", args=[ob.pk])
    with time_machine.travel(
        local(2024, 6, 3, 9, 41), tick=False
    ):  # log in on the day, or the session has expired
        client = login(cast.khanh)  # the chairman, who signs and sends
        page = client.get(url)
        assert page.status_code == 200
        html = page.content.decode()
        assert "Số buổi tuyên truyền" in html and "(buổi)" in html and "(tin, bài)" in html
        assert 'hx-trigger="input changed delay:1500ms"' in html and 'inputmode="numeric"' in html
        saved = client.post(
            reverse("reporting:report_autosave", args=[ob.pk]), {**FORM, "version": 0}, HTTP_HX_REQUEST="true"
        )
        assert saved.status_code == 200 and saved.content.decode().startswith("Đã lưu lúc 09:41")
        assert Report.objects.get().state == "draft"
        response = client.post(url, {**FORM, "action": "nop", "version": revision(ob)})
    assert response.status_code == 302 and response["Location"] == reverse(
        "reporting:report_detail", args=[ob.pk]
    )
    assert Report.objects.get().state == "submitted"


def test_a_bad_indicator_is_shown_beside_its_field(cast, login, ob):
    with time_machine.travel(local(2024, 6, 3), tick=False):
        response = login(cast.khanh).post(
            reverse("reporting:report_edit", args=[ob.pk]),
            {**FORM, "indicator_so_tin_bai": "-3", "action": "nop", "version": 0},
        )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Chỉ tiêu «Số tin, bài đăng tải» không được là số âm." in body and 'value="-3"' in body
    assert not Report.objects.exists()


def test_the_receiving_leader_returns_then_accepts(cast, login, ob):
    with time_machine.travel(local(2024, 6, 3), tick=False):
        report_submit(actor=cast.khanh, obligation=ob, data={"indicators": {"so_buoi_tuyen_truyen": "2"}})
    client = login(cast.binh)
    listing = client.get(reverse("reporting:received_reports_unit", args=[cast.yenthe.pk]))
    assert listing.status_code == 200 and "Công đoàn Trường THCS Bố Hạ" in listing.content.decode()
    detail = client.get(reverse("reporting:report_detail", args=[ob.pk])).content.decode()
    assert "Tiếp nhận" in detail and "Trả lại để chỉnh sửa" in detail and "Lần nộp 1" in detail
    response = client.post(reverse("reporting:report_return", args=[ob.pk]), {"comment": ""}, follow=True)
    assert "Hãy ghi ý kiến" in response.content.decode() and Report.objects.get().state == "submitted"
    client.post(reverse("reporting:report_return", args=[ob.pk]), {"comment": "Bổ sung số liệu."})
    assert Report.objects.get().state == "returned"
    with time_machine.travel(local(2024, 6, 4), tick=False):
        login(cast.khanh).post(
            reverse("reporting:report_edit", args=[ob.pk]), {**FORM, "action": "nop", "version": revision(ob)}
        )
    client = login(cast.binh)
    client.post(reverse("reporting:report_accept", args=[ob.pk]))
    report = Report.objects.get()
    assert report.state == "accepted" and report.versions.count() == 2


def test_attachments_upload_and_refusals(cast, login, ob, settings):
    settings.ATTACHMENT_MAX_BYTES = 2048
    client = login(cast.tuan)
    url = reverse("reporting:attachment_upload", args=[ob.pk])
    response = client.post(url, {"file": SimpleUploadedFile("ke-hoach.exe", b"MZ")}, follow=True)
    assert "thuộc loại không được phép" in response.content.decode()
    response = client.post(url, {"file": SimpleUploadedFile("lon.pdf", b"%PDF" + b"0" * 4096)}, follow=True)
    assert "quá lớn" in response.content.decode()
    assert not ReportAttachment.objects.exists()
    client.post(url, {"file": SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n....")})
    attachment = ReportAttachment.objects.get()
    download = client.get(reverse("reporting:attachment_download", args=[attachment.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"\x89PNG")
    assert (
        login(cast.charlie).get(reverse("reporting:attachment_download", args=[attachment.pk])).status_code
        == 404
    )


def test_refusals(cast, login, ob, client):
    edit = reverse("reporting:report_edit", args=[ob.pk])
    detail = reverse("reporting:report_detail", args=[ob.pk])
    accept = reverse("reporting:report_accept", args=[ob.pk])
    autosave = reverse("reporting:report_autosave", args=[ob.pk])
    # anonymous → login
    for url in (edit, detail, reverse("reporting:obligations"), reverse("reporting:received_reports")):
        response = client.get(url)
        assert response.status_code == 302 and "/dang-nhap/" in response["Location"], url
    # the outsider: not even a hint the obligation exists
    charlie = login(cast.charlie)
    for url in (edit, detail):
        assert charlie.get(url).status_code == 404
    assert charlie.post(accept).status_code == 404 and charlie.post(autosave, FORM).status_code == 404
    assert charlie.get(reverse("reporting:unit_obligations", args=[cast.cdcs.pk])).status_code == 404
    assert charlie.get(reverse("reporting:adhoc_request", args=[cast.ldld.pk])).status_code == 404
    # the leader above sees the report but may not write it; the reporter may not review it
    binh = login(cast.binh)
    assert binh.get(detail).status_code == 200
    assert binh.get(edit).status_code == 403 and binh.post(autosave, FORM).status_code == 403
    tuan = login(cast.tuan)
    assert tuan.post(accept).status_code == 403
    assert tuan.post(reverse("reporting:report_return", args=[ob.pk]), {"comment": "x"}).status_code == 403
    # a drafter is not a leader: no đột xuất requests; a clerk cannot see another unit's received list
    assert login(cast.mai).get(reverse("reporting:adhoc_request", args=[cast.ldld.pk])).status_code == 403
    assert (
        login(cast.hung).get(reverse("reporting:received_reports_unit", args=[cast.yenthe.pk])).status_code
        == 403
    )
    assert not Report.objects.exists()


def test_a_leader_sends_an_adhoc_request(cast, login):
    url = reverse("reporting:adhoc_request", args=[cast.ldld.pk])
    with time_machine.travel(local(2024, 10, 1), tick=False):
        client = login(cast.hung)
        assert client.get(url).status_code == 200
        refused = client.post(url, {"title": "Báo cáo nhanh", "due_date": "2024-09-30", "target": "children"})
        assert refused.status_code == 200 and "đã qua" in refused.content.decode()
        assert not Obligation.objects.exists()
        done = client.post(url, {"title": "Báo cáo nhanh", "due_date": "2024-10-04", "target": "subtree"})
    assert done.status_code == 302
    assert set(Obligation.objects.values_list("unit_id", flat=True)) == {
        cast.yenthe.pk,
        cast.tanyen.pk,
        cast.cdcs.pk,
    }


def test_the_calendar_feed(cast, login, ob, client):
    url = reverse("reporting:unit_calendar", args=[cast.cdcs.pk])
    assert client.get(url).status_code == 302
    response = login(cast.tuan).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and "DTSTART;VALUE=DATE:20240617" in text
    assert (
        "SUMMARY:Hạn nộp: Báo cáo kết quả công tác thông tin đối ngoại — 6 tháng đầu năm 2024"
        in text.replace("\r\n ", "")
    )
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    # a calendar app uses the secret token instead of a session
    shown = login(cast.tuan).post(reverse("reporting:calendar_token")).content.decode()
    token = re.search(r"\?token=([\w-]+)", shown).group(1)  # shown once, on the page that made it
    client.logout()
    assert client.get(url, {"token": token}).status_code == 200
    assert client.get(url, {"token": "x" * 40}).status_code == 404
    assert (
        client.get(reverse("reporting:unit_calendar", args=[cast.ldld.pk]), {"token": token}).status_code
        == 404
    )


@pytest.mark.parametrize("page", ["obligations", "received"])
def test_list_pages_cost_the_same_queries_for_few_and_many_units(
    cast, login, page, django_assert_num_queries
):
    with time_machine.travel(local(2024, 2, 10), tick=False):

        def issue(units):
            doc = make_document(issuer=cast.yenthe, recipients=units)
            add_requirement(doc, frequency="semiannual", to_unit=cast.yenthe)
            add_requirement(doc, frequency="quarterly", to_unit=cast.yenthe)
            obligations_create_for_document(document=doc, actor=cast.binh)

        issue([cast.cdcs.pk, *grow(cast.yenthe, 3)])
    with time_machine.travel(local(2024, 6, 1), tick=False):
        if page == "obligations":
            client, url = login(cast.tuan), reverse("reporting:unit_obligations", args=[cast.cdcs.pk])
        else:
            client, url = login(cast.binh), reverse("reporting:received_reports_unit", args=[cast.yenthe.pk])
        with CaptureQueriesContext(connection) as small:
            assert client.get(url).status_code == 200
        for _ in range(4):
            issue([cast.cdcs.pk, *grow(cast.yenthe, 150)])
        with django_assert_num_queries(len(small)):
            assert client.get(url).status_code == 200


def test_no_reporting_view_answers_an_anonymous_visitor(db, client):
    """The URL walk of tests/core, over the reporting URLs."""
    from django.urls import get_resolver

    from tests.core.test_url_walk import _concrete, _walk

    checked = 0
    for route, name in _walk(get_resolver()):
        if not route.startswith("bao-cao/"):
            continue
        for method in ("get", "post"):
            response = getattr(client, method)(_concrete(route))
            assert response.status_code in (302, 401, 403, 404, 405), f"{method} {route} ({name})"
            if response.status_code == 302:
                assert "/dang-nhap/" in response["Location"]
        checked += 1
    assert checked >= 14


@pytest.mark.parametrize(
    "name, args, who, status",
    [
        ("reporting:attachment_upload", "ob", "charlie", 404),
        ("reporting:attachment_upload", "ob", "binh", 403),
        ("reporting:attachment_remove", "ob+1", "charlie", 404),
        ("reporting:attachment_remove", "ob+1", "binh", 403),
        ("reporting:obligation_excuse", "ob", "charlie", 404),
        ("reporting:obligation_excuse", "ob", "tuan", 403),
        ("reporting:report_return", "ob", "charlie", 404),
        (
            "reporting:report_accept",
            "ob",
            "hung",
            403,
        ),  # the province leader sees it, but Yên Thế receives it
    ],
)
def test_every_action_refuses_the_wrong_people(cast, login, ob, name, args, who, status):
    url_args = [ob.pk] + ([1] if args == "ob+1" else [])
    assert (
        login(getattr(cast, who))
        .post(reverse(name, args=url_args), {"reason": "x", "comment": "x"})
        .status_code
        == status
    )
    ob.refresh_from_db()
    assert ob.status == "open" and not Report.objects.exists()


# --- roll-up: offered only with something to roll up, never overwriting a draft unasked (issue 13) --------


@pytest.fixture
def district(cast):
    """Yên Thế owes the province its 6-month report and receives the CĐCS's; the CĐCS's report is accepted."""
    with time_machine.travel(local(2024, 2, 10), tick=False):
        province = make_document(issuer=cast.ldld, recipients=[cast.yenthe])
        upward = add_requirement(province, frequency="semiannual", to_unit=cast.ldld)
        obligations_create_for_document(document=province, actor=cast.hung)
        plan = make_document(issuer=cast.yenthe, recipients=[cast.cdcs])
        add_requirement(plan, frequency="semiannual", to_unit=cast.yenthe, parent=upward, lead_days=3)
        obligations_create_for_document(document=plan, actor=cast.binh)
    below = Obligation.objects.get(unit=cast.cdcs, period_key="2024-S1")
    return below, Obligation.objects.get(unit=cast.yenthe, period_key="2024-S1")


def _accept_grassroots_report(cast, below):
    from reporting.services import report_accept

    with time_machine.travel(local(2024, 6, 3), tick=False):
        report_submit(
            actor=cast.khanh,
            obligation=below,
            data={
                "sections": {
                    "ket_qua_tuyen_truyen": "Tổ chức 3 buổi tuyên truyền.",
                    "kho_khan": "Thiếu tài liệu.",
                },
                "indicators": {"so_buoi_tuyen_truyen": "3", "so_tin_bai": "4"},
            },
        )
        report_accept(actor=cast.binh, obligation=below)


def test_the_roll_up_is_not_offered_where_there_is_nothing_to_roll_up(cast, login, district):
    below, upward = district
    with time_machine.travel(local(2024, 6, 3), tick=False):
        tuan = login(cast.tuan)
        tuan.post(
            reverse("reporting:report_autosave", args=[below.pk]),
            {**FORM, "version": 0},
            HTTP_HX_REQUEST="true",
        )
        page = tuan.get(reverse("reporting:report_edit", args=[below.pk])).content.decode()
        # A grassroots union receives no report: no button, no hint of one.
        assert "Điền từ báo cáo cấp dưới" not in page and "cấp dưới được tiếp nhận" not in page
        # Pressing it anyway (an old page) is refused in Vietnamese and changes nothing.
        before = Report.objects.get(obligation=below).data
        refused = tuan.post(
            reverse("reporting:report_edit", args=[below.pk]),
            {
                **FORM,
                "section_ket_qua_tuyen_truyen": "Sửa đổi chưa lưu",
                "action": "tong_hop",
                "version": revision(below),
            },
        )
        assert refused.status_code == 200
        body = refused.content.decode()
        assert "Chưa có báo cáo nào của đơn vị cấp dưới được tiếp nhận" in body and "Sửa đổi chưa lưu" in body
        assert "Đã điền" not in body and Report.objects.get(obligation=below).data == before
        assert (
            tuan.get(reverse("reporting:report_rollup", args=[below.pk]))
            .content.decode()
            .count("không có gì để điền")
            == 1
        )
    # The district, whose grassroots report is submitted but not yet accepted, is told why there is nothing yet.
    with time_machine.travel(local(2024, 6, 3), tick=False):
        report_submit(actor=cast.khanh, obligation=below, data={"indicators": {"so_buoi_tuyen_truyen": "1"}})
        page = login(cast.binh).get(reverse("reporting:report_edit", args=[upward.pk])).content.decode()
    assert "Điền từ báo cáo cấp dưới" not in page
    assert "Chưa có báo cáo nào trong 1 báo cáo của đơn vị cấp dưới được tiếp nhận" in page


def test_the_roll_up_never_overwrites_the_district_draft_without_asking(cast, login, district):
    below, upward = district
    _accept_grassroots_report(cast, below)
    edit = reverse("reporting:report_edit", args=[upward.pk])
    rollup = reverse("reporting:report_rollup", args=[upward.pk])
    typed = {
        "section_ket_qua_tuyen_truyen": "Huyện tổ chức hội nghị cho 40 cán bộ.",
        "section_kho_khan": "",
        "indicator_so_buoi_tuyen_truyen": "7",
        "indicator_so_luot_nguoi_tham_gia": "",
        "indicator_so_tin_bai": "",
        "indicator_so_hoi_nghi_quan_triet": "",
    }
    with time_machine.travel(local(2024, 6, 10), tick=False):
        binh = login(cast.binh)
        binh.post(
            reverse("reporting:report_autosave", args=[upward.pk]),
            {**typed, "version": 0},
            HTTP_HX_REQUEST="true",
        )
        page = binh.get(edit).content.decode()
        assert "Điền từ báo cáo cấp dưới…" in page and "Đã tiếp nhận 1/1 báo cáo" in page
        # The button keeps what was typed since the last autosave, then shows the roll-up — it fills nothing.
        more = {
            **typed,
            "section_ket_qua_tuyen_truyen": typed["section_ket_qua_tuyen_truyen"] + " Treo 5 băng rôn.",
        }
        response = binh.post(edit, {**more, "action": "tong_hop", "version": revision(upward)})
        assert response.status_code == 302 and response["Location"] == rollup
        draft = Report.objects.get(obligation=upward).data
        assert draft["sections"]["ket_qua_tuyen_truyen"].endswith("Treo 5 băng rôn.")
        preview = binh.get(rollup).content.decode()
        assert "Huyện tổ chức hội nghị cho 40 cán bộ. Treo 5 băng rôn." in preview  # what the draft holds
        assert (
            "Công đoàn Trường THCS Bố Hạ: Tổ chức 3 buổi tuyên truyền." in preview
        )  # what the roll-up proposes
        assert preview.count(" checked") == 2  # kho_khan and so_tin_bai, left empty; the two written are not
        assert (
            'value="section_ket_qua_tuyen_truyen">' in preview
            and 'value="indicator_so_buoi_tuyen_truyen">' in preview
        )
        fingerprint = preview.split('name="ban_nhap" value="')[1].split('"')[0]
        # Confirming nothing is refused; the draft is untouched.
        refused = binh.post(rollup, {"ban_nhap": fingerprint})
        assert refused.status_code == 200 and "Hãy chọn ít nhất một mục" in refused.content.decode()
        assert Report.objects.get(obligation=upward).data == draft
        done = binh.post(
            rollup,
            {"ban_nhap": fingerprint, "muc": ["section_kho_khan", "indicator_so_tin_bai"]},
            follow=True,
        )
    body = done.content.decode()
    assert "Đã điền 2 mục từ báo cáo của đơn vị cấp dưới" in body
    data = Report.objects.get(obligation=upward).data
    assert data["sections"]["ket_qua_tuyen_truyen"] == draft["sections"]["ket_qua_tuyen_truyen"]
    assert data["indicators"]["so_buoi_tuyen_truyen"] == "7"
    assert data["sections"]["kho_khan"] == "Công đoàn Trường THCS Bố Hạ: Thiếu tài liệu."
    assert data["indicators"]["so_tin_bai"] == 4
    # A preview of an older draft (changed since in another tab) is refused rather than applied.
    stale = login(cast.binh).post(
        rollup, {"ban_nhap": fingerprint, "muc": ["indicator_so_buoi_tuyen_truyen"]}
    )
    assert stale.status_code == 200 and "Bản nháp vừa được sửa" in stale.content.decode()
    assert Report.objects.get(obligation=upward).data == data


def test_the_roll_up_page_refuses_the_wrong_people(cast, login, district):
    below, upward = district
    _accept_grassroots_report(cast, below)
    rollup = reverse("reporting:report_rollup", args=[upward.pk])
    assert login(cast.charlie).get(rollup).status_code == 404
    assert (
        login(cast.tuan).post(rollup, {"muc": ["indicator_so_tin_bai"]}).status_code == 404
    )  # unseen from below
    assert (
        login(cast.hung).post(rollup, {"muc": ["indicator_so_tin_bai"]}).status_code == 403
    )  # sees, may not write
    assert not Report.objects.filter(obligation=upward).exists()


# --- the receiving side and the phone flow (issue 13) -----------------------------------------------------


def test_a_report_whose_submitter_is_gone_still_opens(cast, login, ob):
    with time_machine.travel(local(2024, 6, 3), tick=False):
        report_submit(actor=cast.khanh, obligation=ob, data={"indicators": {"so_buoi_tuyen_truyen": "2"}})
    cast.khanh.delete()  # the account is deleted; the submitted version stays, without a submitter
    assert Report.objects.get().versions.get().submitted_by is None
    client = login(cast.binh)
    listing = client.get(reverse("reporting:received_reports_unit", args=[cast.yenthe.pk])).content.decode()
    assert reverse("reporting:report_detail", args=[ob.pk]) in listing
    response = client.get(reverse("reporting:report_detail", args=[ob.pk]))
    assert response.status_code == 200
    assert "Người nộp: không ghi nhận" in response.content.decode()
    assert login(cast.charlie).get(reverse("reporting:report_detail", args=[ob.pk])).status_code == 404


def test_a_refused_submission_lists_its_errors_at_the_top_and_keeps_the_text(cast, login, ob):
    with time_machine.travel(local(2024, 6, 3), tick=False):
        response = login(cast.khanh).post(
            reverse("reporting:report_edit", args=[ob.pk]),
            {
                **FORM,
                "section_ket_qua_tuyen_truyen": "Ba buổi nói chuyện chuyên đề.",
                "indicator_so_tin_bai": "-3",
                "indicator_so_buoi_tuyen_truyen": "hai",
                "action": "nop",
                "version": 0,
            },
        )
    body = response.content.decode()
    assert response.status_code == 200 and not Report.objects.exists()
    summary = body.split("data-error-summary>")[1].split("</div>")[0]
    assert "Chưa gửi được báo cáo — 2 chỗ cần sửa" in summary
    assert (
        'href="#id_indicator_so_tin_bai"' in summary
        and 'href="#id_indicator_so_buoi_tuyen_truyen"' in summary
    )
    assert body.index("data-error-summary") < body.index("Đơn vị báo cáo")  # above everything else
    assert "Ba buổi nói chuyện chuyên đề." in body and 'value="hai"' in body


def test_a_returned_report_is_work_to_do_not_done(cast, login, ob):
    from reporting.services import report_return

    with time_machine.travel(local(2024, 6, 3), tick=False):
        report_submit(actor=cast.khanh, obligation=ob, data={"indicators": {"so_buoi_tuyen_truyen": "2"}})
        report_return(actor=cast.binh, obligation=ob, comment="Bổ sung số tin, bài đã đăng.")
        tuan = login(cast.tuan)
        page = tuan.get(reverse("reporting:obligations")).content.decode()
        home = tuan.get(reverse("home")).content.decode()
    returned = page.split("Bị trả lại — cần sửa và nộp lại")[1].split("</section>")[0]
    done = page.split("<h2>Đã nộp hoặc được miễn</h2>")[1].split("</section>")[0]
    assert (
        "6 tháng đầu năm 2024" in returned and "Sửa và nộp lại" in returned and "Bổ sung số tin" in returned
    )
    assert "6 tháng đầu năm 2024" not in done and "Chưa có báo cáo nào." in done
    assert '<dd data-testid="count-returned">1</dd>' in page and '<dd data-testid="count-done">0</dd>' in page
    panel = home.split('data-testid="home-reporter"')[1].split("</section>")[0]
    assert "Bị trả lại: <strong>1</strong>" in panel and "sửa và nộp lại" in panel
    assert "Không có báo cáo nào đang chờ nộp" not in panel


def test_a_district_chair_who_writes_the_report_is_told_it_came_back(cast, login, district):
    """Yên Thế has no reporter: its chair writes its report, and the home page says when it is returned."""
    from reporting.services import report_return

    below, upward = district
    with time_machine.travel(local(2024, 6, 20), tick=False):
        report_submit(actor=cast.binh, obligation=upward, data={"indicators": {"so_buoi_tuyen_truyen": "5"}})
        report_return(actor=cast.hung, obligation=upward, comment="Thiếu số liệu của các công đoàn cơ sở.")
        home = login(cast.binh).get(reverse("home")).content.decode()
        outsider = login(cast.charlie).get(reverse("home")).content.decode()
    panel = home.split('data-testid="home-reporter"')[1].split("</section>")[0]
    assert (
        "Báo cáo phải nộp: Liên đoàn Lao động huyện Yên Thế" in panel
        and "Bị trả lại: <strong>1</strong>" in panel
    )
    assert reverse("reporting:report_edit", args=[upward.pk]) in panel
    assert "Liên đoàn Lao động huyện Yên Thế" not in outsider


def test_pages_link_only_where_the_link_works(cast, login, ob):
    """Each link and button follows the access rule of the page it leads to (the crawler found them dead):
    «Soạn báo cáo» only for the reporting unit's writers, «Báo cáo gửi về đơn vị» only for the unit's own
    members, «Báo cáo của <unit>» only for whoever may open that unit's page."""
    cdcs_page = reverse("reporting:unit_obligations", args=[cast.cdcs.pk])
    edit, detail = (
        reverse("reporting:report_edit", args=[ob.pk]),
        reverse("reporting:report_detail", args=[ob.pk]),
    )
    received = reverse("reporting:received_reports_unit", args=[cast.cdcs.pk])
    with time_machine.travel(local(2024, 6, 1), tick=False):
        # Tuấn writes CĐCS's report and belongs to it: both offered, both work.
        tuan = login(cast.tuan)
        page = tuan.get(cdcs_page).content.decode()
        assert edit in page and received in page
        assert tuan.get(edit).status_code == 200 and tuan.get(received).status_code == 200
        # Bình leads Yên Thế above it: reads CĐCS's list and its report, may neither write it nor list what
        # was sent to CĐCS — so neither is offered, the report is linked to read instead.
        binh = login(cast.binh)
        page = binh.get(cdcs_page).content.decode()
        assert edit not in page and received not in page and detail in page
        assert binh.get(edit).status_code == 403 and binh.get(received).status_code == 403
        assert (
            reverse("reporting:received_reports_unit", args=[cast.yenthe.pk])
            in binh.get(reverse("reporting:unit_obligations", args=[cast.yenthe.pk])).content.decode()
        )
        assert f'href="{cdcs_page}"' in binh.get(detail).content.decode()
        # A reporter of Yên Thế, which receives the report, reads it but does not see CĐCS's unit page.
        from portal.org.services import membership_grant

        reporter = type(cast.tuan).objects.create_user("yenthe.baocao", "yt@thongsuot.test", "x")
        membership_grant(actor=None, user=reporter, unit=cast.yenthe, role="reporter")
        reader = login(reporter)
        response = reader.get(detail)
        assert response.status_code == 200
        body = response.content.decode()
        assert "Báo cáo của Công đoàn Trường THCS Bố Hạ" in body and f'href="{cdcs_page}"' not in body
        assert reader.get(cdcs_page).status_code == 404


def test_an_excuse_reason_too_long_for_its_field_is_refused_by_the_form_naming_the_field(cast, login, ob):
    """The form is validated before the service is called: a reason over 255 characters is refused with the
    field's own message (not as if it were empty), and the obligation stays owed."""
    from portal.audit.models import Event

    response = login(cast.binh).post(
        reverse("reporting:obligation_excuse", args=[ob.pk]), {"reason": "x" * 300}, follow=True
    )

    body = response.content.decode()
    assert response.status_code == 200 and "Lý do miễn báo cáo: " in body and "255" in body
    assert "Hãy ghi lý do miễn báo cáo." not in body
    ob.refresh_from_db()
    assert ob.status == "open" and not ob.excused_reason
    assert not Event.objects.filter(action="obligation.excused").exists()


def test_the_chase_letter_is_refused_to_a_leader_above_the_receiving_unit(cast, login, ob):
    """Hùng (the province) sees Yên Thế but is not its member: he writes chase letters under the province's
    name, not Yên Thế's (403); the outsider is not told the unit exists (404)."""
    from directives.models import Document

    url = reverse("reporting:chase_letter", args=[cast.yenthe.pk])
    assert login(cast.hung).post(url, {"ky": ""}).status_code == 403
    assert login(cast.charlie).post(url, {"ky": ""}).status_code == 404
    assert not Document.objects.filter(doc_type="CV").exists()
