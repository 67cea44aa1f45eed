"""«Ký ban hành» asks first (issue 13, blocker 9): issuing takes a register number, sends the document and cannot be
undone, so it happens only from the confirmation page — a page, not inline script. Hạnh signs at the Ban Tuyên giáo;
Lan drafts there; Charlie is the outsider."""

from django.urls import reverse

from directives.models import Delivery
from directives.services import signing
from portal.audit.models import Event
from tests.directives.test_issue import guidance


def _unchanged(doc) -> bool:
    doc.refresh_from_db()
    return (
        doc.status == "submitted"
        and doc.number is None
        and not Delivery.objects.filter(document=doc).exists()
    )


def test_it_issues_only_after_the_signer_confirms(cast, login):
    doc = signing.document_submit(actor=cast.lan, document=guidance(cast))
    client = login(cast.hanh)
    detail = client.get(reverse("directives:detail", args=[doc.pk])).content.decode()
    assert f'href="{reverse("directives:issue", args=[doc.pk])}"' in detail  # a link to the page, not a POST
    events = Event.objects.count()
    page = client.get(reverse("directives:issue", args=[doc.pk])).content.decode()
    assert (
        "Ký ban hành văn bản?" in page and "không sửa được nữa" in page and "Liên đoàn Lao động tỉnh" in page
    )
    assert 'name="xac_nhan" value="1"' in page and "<script" not in page.split("<main", 1)[1]
    # A POST without the confirmation (an old form, a double click on the detail page) shows the page again.
    response = client.post(reverse("directives:issue", args=[doc.pk]))
    assert response.status_code == 200 and "Xác nhận ký ban hành" in response.content.decode()
    assert _unchanged(doc) and Event.objects.count() == events
    response = client.post(reverse("directives:issue", args=[doc.pk]), {"xac_nhan": "1"}, follow=True)
    assert "Đã ký ban hành và gửi văn bản." in response.content.decode()
    doc.refresh_from_db()
    assert doc.status == "issued" and doc.number == 1 and Delivery.objects.filter(document=doc).exists()


def test_it_refuses_the_page_to_whoever_may_not_sign_and_writes_nothing(cast, login):
    doc = signing.document_submit(actor=cast.lan, document=guidance(cast))
    events = Event.objects.count()
    response = login(cast.lan).get(reverse("directives:issue", args=[doc.pk]), follow=True)
    assert "Chỉ lãnh đạo (người ký)" in response.content.decode() and "Xác nhận ký ban hành" not in (
        response.content.decode()
    )
    response = login(cast.lan).post(
        reverse("directives:issue", args=[doc.pk]), {"xac_nhan": "1"}, follow=True
    )
    assert "Chỉ lãnh đạo (người ký)" in response.content.decode()
    assert login(cast.charlie).get(reverse("directives:issue", args=[doc.pk])).status_code == 404
    assert (
        login(cast.charlie).post(reverse("directives:issue", args=[doc.pk]), {"xac_nhan": "1"}).status_code
        == 404
    )
    assert _unchanged(doc) and Event.objects.count() == events


def test_an_issued_document_is_not_offered_for_issue_again(cast, login):
    doc = signing.document_issue(
        actor=cast.hanh,
        document=signing.document_submit(actor=cast.lan, document=guidance(cast)),
        render=False,
    )
    response = login(cast.hanh).get(reverse("directives:issue", args=[doc.pk]), follow=True)
    assert "không thể ban hành lại" in response.content.decode()
    assert "Xác nhận ký ban hành" not in response.content.decode()
