"""Document pages: who may read and act, and the refusals."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from directives.models import Attachment
from directives.services import signing
from tests.directives.test_issue import guidance


def test_a_unit_that_neither_issued_nor_received_gets_404(cast, login):
    doc = signing.document_issue(actor=cast.hanh, document=guidance(cast), render=False)
    for user in (cast.charlie, cast.tuan):
        client = login(user)
        assert client.get(reverse("directives:detail", args=[doc.pk])).status_code == 404
        assert client.get(reverse("directives:pdf", args=[doc.pk])).status_code == 404
    assert login(cast.mai).get(reverse("directives:detail", args=[doc.pk])).status_code == 200


def test_a_draft_is_invisible_to_the_recipient_side(cast, login):
    doc = guidance(cast)
    assert login(cast.mai).get(reverse("directives:detail", args=[doc.pk])).status_code == 404
    assert login(cast.mai).get(reverse("directives:edit", args=[doc.pk])).status_code == 404


def test_issuing_without_the_signer_role_is_refused_with_a_message(cast, login):
    doc = guidance(cast)
    response = login(cast.lan).post(reverse("directives:issue", args=[doc.pk]), follow=True)
    assert "Chỉ lãnh đạo (người ký)" in response.content.decode()
    doc.refresh_from_db()
    assert doc.status == "draft" and doc.number is None


def test_editing_an_issued_document_is_refused(cast, login):
    doc = signing.document_issue(actor=cast.hanh, document=guidance(cast), render=False)
    response = login(cast.lan).post(
        reverse("directives:edit", args=[doc.pk]),
        {"doc_type": "HD", "subject": "Sửa trộm", "action": "save"},
        follow=True,
    )
    assert "không thể sửa" in response.content.decode()
    doc.refresh_from_db()
    assert doc.subject == "Hướng dẫn công tác thông tin đối ngoại năm 2024"


@override_settings(ATTACHMENT_MAX_BYTES=1024)
def test_an_attachment_too_large_or_of_a_forbidden_type_is_refused(cast, login):
    doc = guidance(cast)
    client = login(cast.lan)
    url = reverse("directives:attach", args=[doc.pk])
    big = client.post(url, {"file": SimpleUploadedFile("ke-hoach.pdf", b"%PDF" + b"x" * 2000)}, follow=True)
    assert "Tệp quá lớn" in big.content.decode()
    exe = client.post(url, {"file": SimpleUploadedFile("virus.exe", b"MZ")}, follow=True)
    assert "Không nhận tệp .exe" in exe.content.decode()
    ok = client.post(url, {"file": SimpleUploadedFile("phu-luc.pdf", b"%PDF-1.4 ok")}, follow=True)
    assert "Đã đính kèm phu-luc.pdf" in ok.content.decode()
    assert list(Attachment.objects.values_list("original_name", flat=True)) == ["phu-luc.pdf"]


def test_autosave_saves_the_draft_and_reports_the_time(cast, login):
    doc = guidance(cast)
    response = login(cast.lan).post(
        reverse("directives:autosave", args=[doc.pk]),
        {
            "doc_type": "HD",
            "subject": "Trích yếu mới",
            "version": doc.version,
            "node-0-depth": "1",
            "node-0-heading": "MỤC ĐÍCH",
            "node-0-text": "Nội dung",
        },
    )
    assert response.status_code == 200 and "Đã tự động lưu lúc" in response.content.decode()
    doc.refresh_from_db()
    assert doc.subject == "Trích yếu mới" and doc.body[0]["heading"] == "MỤC ĐÍCH"
    stale = login(cast.lan).post(
        reverse("directives:autosave", args=[doc.pk]), {"doc_type": "HD", "subject": "Cũ", "version": 1}
    )
    assert stale.status_code == 409 and "nơi khác" in stale.content.decode()


def test_the_inbox_lists_only_the_own_units_deliveries(cast, login, django_assert_max_num_queries):
    signing.document_issue(actor=cast.hanh, document=guidance(cast), render=False)
    response = login(cast.mai).get(reverse("directives:inbox"))
    assert "Hướng dẫn công tác thông tin đối ngoại năm 2024" in response.content.decode()
    assert "Hướng dẫn công tác" not in login(cast.tuan).get(reverse("directives:inbox")).content.decode()


def test_the_inbox_filters_by_the_bodies_that_sent_documents(cast, login):
    """Mai's inbox offers the senders she received from (BTGTU), nobody else's; the choice filters."""
    signing.document_issue(actor=cast.hanh, document=guidance(cast), render=False)
    client = login(cast.mai)
    html = client.get(reverse("directives:inbox")).content.decode()
    assert f'<option value="{cast.btgtu.pk}">{cast.btgtu.name}</option>' in html
    assert f'<option value="{cast.laichau.pk}">' not in html
    chosen = client.get(reverse("directives:inbox"), {"co_quan": cast.btgtu.pk}).content.decode()
    assert "Hướng dẫn công tác thông tin đối ngoại năm 2024" in chosen
    other = client.get(reverse("directives:inbox"), {"co_quan": cast.laichau.pk}).content.decode()
    assert "Hướng dẫn công tác thông tin đối ngoại năm 2024" not in other and "Không có văn bản đến." in other
    assert "(cơ quan đã chọn)" in other  # a link kept from elsewhere still shows what filters the list


def test_the_delivery_progress_is_shown_to_the_issuing_side_only(cast, login):
    """Lan drafts and Hạnh signs at the issuing Ban Tuyên giáo: they see how far the deliveries have got; Mai, at
    a receiving unit, reads the document without the other recipients' progress."""
    doc = signing.document_issue(actor=cast.hanh, document=guidance(cast), render=False)
    url = reverse("directives:detail", args=[doc.pk])
    for issuing in (cast.lan, cast.hanh):
        assert "Đã gửi " in login(issuing).get(url).content.decode(), issuing
    page = login(cast.mai).get(url)
    assert page.status_code == 200 and "Đã gửi " not in page.content.decode()


def test_a_new_draft_is_refused_to_someone_without_a_drafting_role(cast, login):
    assert login(cast.tuan).get(reverse("directives:new")).status_code == 403
    assert login(cast.mai).get(reverse("directives:new")).status_code == 200
