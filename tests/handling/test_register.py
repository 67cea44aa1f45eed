"""The incoming register (sổ văn bản đến): Thu, the clerk of LĐLĐ tỉnh Bắc Giang, registers what BTG Tỉnh ủy sent
and what arrived on paper; Hùng (its leader) is named to give the instruction; Mai (a drafter of the same unit) and
Charlie (an outsider in Lai Châu) are refused, and nothing is written then. The sender's page shows the receipt.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from directives.handling.errors import AlreadyDone, AttachmentRefused, Incomplete, NotAllowed
from directives.handling.models import EntryState, IncomingEntry
from directives.handling.services import incoming
from directives.models import Delivery, Purpose, Selection
from portal.audit.models import Event
from portal.notifications.models import Notification

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# Fixed days, far from any date a test runs on: 06/02/2026 08:15 (Asia/Ho_Chi_Minh).
ISSUED = dt.datetime(2026, 2, 6, 8, 15, tzinfo=dt.timezone(dt.timedelta(hours=7)))


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def send(cast, *, subject="Hướng dẫn tuyên truyền kỷ niệm 96 năm Ngày thành lập Đảng", to=None) -> Delivery:
    """Lan (BTGTU) drafts a guidance to LĐLĐ tỉnh, Hạnh issues it: the delivery Thu will register."""
    from directives.content import Signature
    from directives.services import compose, signing
    from directives.services.compose import DraftContent, RecipientLine

    to = to or cast.ldld
    cast.btgtu.addressees.add(to)
    doc = compose.document_create_draft(actor=cast.lan, issuer=cast.btgtu, doc_type="HD")
    content = DraftContent(
        doc_type="HD",
        subject=subject,
        opening="Thực hiện chương trình công tác năm 2026.",
        body=[{"heading": "MỤC ĐÍCH, YÊU CẦU", "text": "Nâng cao nhận thức."}],
        signature=Signature(authority="KT", authority_body="TRƯỞNG BAN", title="PHÓ TRƯỞNG BAN", name="Hạnh"),
        recipients=[
            RecipientLine(
                label="Liên đoàn Lao động tỉnh",
                purpose=Purpose.THUC_HIEN,
                selection=Selection.UNIT,
                unit_id=to.pk,
            )
        ],
    )
    doc = compose.document_save_draft(actor=cast.lan, document=doc, content=content)
    doc = signing.document_issue(actor=cast.hanh, document=doc, render=False)
    return Delivery.objects.select_related("document", "unit").get(document=doc, unit=to)


def paper(cast, **overrides):
    fields = dict(
        actor=cast.thu,
        unit=cast.ldld,
        sender_name="Sở Lao động - Thương binh và Xã hội tỉnh Bắc Giang",
        subject="V/v phối hợp tổ chức Tháng Công nhân năm 2026",
        arrived_at=timezone.now() - dt.timedelta(hours=1),
        number_symbol="215/SLĐTBXH-LĐVL",
        document_date=timezone.localdate() - dt.timedelta(days=2),
        doc_type="Công văn",
        scan=ContentFile(PDF, name="cong-van-215.pdf"),
        pages=2,
    )
    fields.update(overrides)
    return incoming.entry_register_paper(**fields)


# --- the services ------------------------------------------------------------------------------------------------


def test_thu_registers_a_delivery_and_the_sender_sees_the_receipt(cast):
    delivery = send(cast)
    entry = incoming.entry_register_delivery(actor=cast.thu, delivery=delivery, handler=cast.hung, pages=3)
    doc = delivery.document
    assert (entry.number, entry.year) == (1, timezone.localdate().year)
    assert entry.number_label == "01"
    assert entry.arrived_at == delivery.delivered_at
    assert (entry.sender_unit, entry.sender_name) == (cast.btgtu, doc.issuer_name)
    assert (entry.number_symbol, entry.document_date, entry.doc_type) == (
        doc.number_symbol,
        doc.issue_date,
        "Hướng dẫn",
    )
    assert entry.subject == doc.subject and entry.document == doc and entry.pages == 3
    assert entry.state == EntryState.REGISTERED and entry.handler == cast.hung
    delivery.refresh_from_db()
    assert delivery.acknowledged_at and delivery.acknowledged_by == cast.thu
    event = Event.objects.get(action="incoming.registered", object_id=str(entry.pk))
    assert event.actor == cast.thu and event.details["number"] == 1
    note = Notification.objects.get(recipient=cast.hung, kind="incoming.registered")
    assert note.title == "Văn bản đến số 01 chờ ý kiến chỉ đạo" and note.url == f"/van-ban-den/{entry.pk}/"
    # The second document of the year takes 02.
    second = incoming.entry_register_delivery(actor=cast.thu, delivery=send(cast, subject="Kế hoạch thứ hai"))
    assert second.number == 2
    # Nobody named: the unit's leaders are told.
    assert Notification.objects.filter(recipient=cast.hung, kind="incoming.registered").count() == 2


def test_the_sender_page_shows_the_receipt_with_the_incoming_number(cast, login):
    delivery = send(cast)
    entry = incoming.entry_register_delivery(actor=cast.thu, delivery=delivery)
    when = timezone.localtime(entry.registered_at)
    page = login(cast.lan).get(reverse("directives:detail", args=[delivery.document_id])).content.decode()
    assert f"Đã tiếp nhận — số đến 01, {when:%d/%m/%Y %H:%M}" in page
    # The recipient's page links its register entry.
    page = login(cast.thu).get(reverse("directives:detail", args=[delivery.document_id])).content.decode()
    assert "số đến 01/" in page and reverse("handling:entry", args=[entry.pk]) in page


@pytest.mark.parametrize("who", ["charlie", "mai", "hung", "lan"])
def test_only_the_receiving_units_clerk_registers_and_nothing_is_written(cast, who):
    delivery = send(cast)
    with pytest.raises(NotAllowed):
        incoming.entry_register_delivery(actor=getattr(cast, who), delivery=delivery)
    assert not IncomingEntry.objects.exists()
    delivery.refresh_from_db()
    assert delivery.acknowledged_at is None
    assert not Event.objects.filter(action="incoming.registered").exists()
    # The refusal took no number: the clerk's registration is still 01.
    assert incoming.entry_register_delivery(actor=cast.thu, delivery=delivery).number == 1


def test_a_second_registration_is_refused(cast):
    delivery = send(cast)
    incoming.entry_register_delivery(actor=cast.thu, delivery=delivery)
    with pytest.raises(AlreadyDone) as refused:
        incoming.entry_register_delivery(actor=cast.thu, delivery=delivery)
    assert refused.value.status == 409 and refused.value.code == "handling_already_registered"
    assert IncomingEntry.objects.count() == 1


def test_a_returned_delivery_and_a_recalled_document_are_refused(cast):
    from directives.services import signing

    returned = send(cast)
    Delivery.objects.filter(pk=returned.pk).update(
        returned_at=timezone.now(), returned_by=cast.thu, returned_reason="Chữ ký số không hợp lệ"
    )
    with pytest.raises(AlreadyDone) as refused:
        incoming.entry_register_delivery(actor=cast.thu, delivery=returned)
    assert refused.value.code == "handling_delivery_returned"
    recalled = send(cast, subject="Văn bản sẽ bị thu hồi")
    signing.document_revoke(actor=cast.hanh, document=recalled.document, reason="Ban hành nhầm")
    with pytest.raises(AlreadyDone) as refused:
        incoming.entry_register_delivery(actor=cast.thu, delivery=recalled)
    assert refused.value.code == "handling_document_revoked"
    assert not IncomingEntry.objects.exists()


def test_the_handler_must_lead_the_unit(cast):
    delivery = send(cast)
    for wrong in (
        cast.mai,
        cast.hanh,
        cast.binh,
    ):  # a drafter of the unit, a leader elsewhere, one of a unit below
        with pytest.raises(Incomplete) as refused:
            incoming.entry_register_delivery(actor=cast.thu, delivery=delivery, handler=wrong)
        assert refused.value.field == "handler"
    assert not IncomingEntry.objects.exists()


def test_a_paper_document_is_registered_with_its_scan(cast):
    entry = paper(cast, handler=cast.hung)
    assert entry.number == 1 and entry.delivery is None and entry.document is None
    assert entry.scan_name == "cong-van-215.pdf" and entry.scan_size == len(PDF)
    with entry.scan.open("rb") as f:
        assert f.read() == PDF
    assert entry.scan.name.startswith(f"incoming/{cast.ldld.pk}/{entry.year}/")
    event = Event.objects.get(action="incoming.registered", object_id=str(entry.pk))
    assert event.details["paper"] is True and len(event.details["sha256"]) == 64
    # Paper and portal documents share one series.
    assert incoming.entry_register_delivery(actor=cast.thu, delivery=send(cast)).number == 2


@pytest.mark.parametrize(
    ("scan", "message"),
    [
        (ContentFile(b"MZ\x90\x00", name="virus.exe"), "PDF, JPG hoặc PNG"),
        (ContentFile(b"not a pdf at all", name="gia-mao.pdf"), "không đúng định dạng"),
        (ContentFile(b"", name="rong.pdf"), "rỗng"),
        (None, "bản quét"),
    ],
)
def test_a_bad_scan_is_refused_beside_its_field(cast, scan, message):
    with pytest.raises((AttachmentRefused, Incomplete)) as refused:
        paper(cast, scan=scan)
    assert refused.value.errors.get("scan") and message in refused.value.errors["scan"]
    assert not IncomingEntry.objects.exists()


def test_a_paper_entry_needs_its_facts(cast):
    with pytest.raises(Incomplete) as refused:
        paper(
            cast,
            sender_name=" ",
            subject="",
            arrived_at=timezone.now() + dt.timedelta(days=1),
            document_date=timezone.localdate() + dt.timedelta(days=3),
        )
    assert set(refused.value.errors) == {"sender_name", "subject", "arrived_at", "document_date"}
    with pytest.raises(NotAllowed):
        paper(cast, actor=cast.charlie)
    with pytest.raises(NotAllowed):
        paper(cast, unit=cast.yenthe)  # Thu keeps LĐLĐ tỉnh's register, not Yên Thế's
    assert not IncomingEntry.objects.exists()


def test_a_type_code_is_written_by_its_name(cast):
    assert paper(cast, doc_type="CV").doc_type == "Công văn"
    assert paper(cast, doc_type="Giấy mời").doc_type == "Giấy mời"


def test_the_clerk_routes_an_entry_to_a_leader(cast):
    entry = paper(cast)
    entry = incoming.entry_route(actor=cast.thu, entry=entry, handler=cast.hung)
    assert entry.handler == cast.hung
    assert Event.objects.filter(action="incoming.routed", object_id=str(entry.pk), actor=cast.thu).exists()
    with pytest.raises(NotAllowed):
        incoming.entry_route(actor=cast.mai, entry=entry, handler=cast.hung)
    with pytest.raises(Incomplete):
        incoming.entry_route(actor=cast.thu, entry=entry, handler=cast.son)  # the unit admin is not a leader
    IncomingEntry.objects.filter(pk=entry.pk).update(state=EntryState.FILED)
    with pytest.raises(AlreadyDone):
        incoming.entry_route(actor=cast.thu, entry=entry, handler=cast.hung)


# --- the pages ---------------------------------------------------------------------------------------------------


def test_the_clerk_registers_from_the_waiting_list(cast, login):
    delivery = send(cast)
    client = login(cast.thu)
    page = client.get(reverse("handling:awaiting")).content.decode()
    assert delivery.document.number_symbol in page and "Vào sổ" in page and "Nguyễn Mạnh Hùng" in page
    response = client.post(
        reverse("handling:register_delivery", args=[delivery.pk]), {"handler": cast.hung.pk}
    )
    entry = IncomingEntry.objects.get(delivery=delivery)
    assert response.status_code == 302 and response.url == reverse("handling:entry", args=[entry.pk])
    assert entry.handler == cast.hung
    page = client.get(response.url).content.decode()
    assert "Văn bản đến số 01/" in page and delivery.document.subject in page
    # Registered: gone from the waiting list; a second click says so and changes nothing.
    assert delivery.document.number_symbol not in client.get(reverse("handling:awaiting")).content.decode()
    response = client.post(reverse("handling:register_delivery", args=[delivery.pk]), follow=True)
    assert "đã được vào sổ" in response.content.decode()
    assert IncomingEntry.objects.count() == 1


def test_the_inbox_offers_vao_so_to_the_clerk_only(cast, login):
    delivery = send(cast)
    button = f'aria-label="Vào sổ {delivery.document.number_symbol}"'
    assert button in login(cast.thu).get(reverse("directives:inbox")).content.decode()
    assert button not in login(cast.mai).get(reverse("directives:inbox")).content.decode()
    response = login(cast.thu).post(
        reverse("handling:register_delivery", args=[delivery.pk]), {"next": "inbox"}, follow=True
    )
    assert response.status_code == 200
    page = login(cast.thu).get(reverse("directives:inbox")).content.decode()
    assert button not in page and "Số đến 01" in page


@pytest.mark.parametrize("who", ["charlie", "mai"])
def test_others_cannot_register_through_the_pages(cast, login, who):
    delivery = send(cast)
    client = login(getattr(cast, who))
    assert client.post(reverse("handling:register_delivery", args=[delivery.pk])).status_code == 404
    assert client.get(reverse("handling:awaiting")).status_code == 403
    assert client.get(reverse("handling:register_paper")).status_code == 403
    assert client.get(reverse("handling:register")).status_code == 403
    assert not IncomingEntry.objects.exists()


def test_the_menu_counts_what_waits_for_the_clerk(cast, login):
    send(cast)
    send(cast, subject="Văn bản thứ hai")
    page = login(cast.thu).get(reverse("home")).content.decode()
    assert "Sổ văn bản đến" in page and 'data-testid="register-count"' in page
    assert "Sổ văn bản đến" in login(cast.hung).get(reverse("home")).content.decode()  # a leader reads it
    assert "Sổ văn bản đến" not in login(cast.mai).get(reverse("home")).content.decode()
    assert "Sổ văn bản đến" not in login(cast.charlie).get(reverse("home")).content.decode()


def test_the_paper_form_registers_and_shows_errors_beside_fields(cast, login):
    client = login(cast.thu)
    assert client.get(reverse("handling:register_paper")).status_code == 200
    today = timezone.localdate()
    form = {
        "unit": cast.ldld.pk,
        "sender_name": "UBND tỉnh Bắc Giang",
        "number_symbol": "12/UBND-KGVX",
        "document_date": (today - dt.timedelta(days=1)).strftime("%d/%m/%Y"),
        "doc_type": "Công văn",
        "subject": "V/v tổ chức các hoạt động chào mừng ngày Quốc tế Lao động",
        "arrived_date": today.strftime("%d/%m/%Y"),
        "arrived_time": "00:05",
        "pages": "2",
        "handler": cast.hung.pk,
    }
    bad = client.post(
        reverse("handling:register_paper"),
        {**form, "scan": SimpleUploadedFile("anh.png", b"not a png", content_type="image/png")},
    )
    assert bad.status_code == 200
    assert "Nội dung bản quét không đúng định dạng .png." in bad.content.decode()
    assert not IncomingEntry.objects.exists()
    good = client.post(
        reverse("handling:register_paper"),
        {**form, "scan": SimpleUploadedFile("cv-12.pdf", PDF, content_type="application/pdf")},
    )
    entry = IncomingEntry.objects.get()
    assert good.status_code == 302 and good.url == reverse("handling:entry", args=[entry.pk])
    assert (entry.number, entry.handler, entry.pages) == (1, cast.hung, 2)
    # The scan: to those who read the entry, not to an outsider.
    scan = client.get(reverse("handling:entry_scan", args=[entry.pk]))
    assert scan.status_code == 200 and b"".join(scan.streaming_content) == PDF
    assert login(cast.hung).get(reverse("handling:entry_scan", args=[entry.pk])).status_code == 200
    assert login(cast.charlie).get(reverse("handling:entry_scan", args=[entry.pk])).status_code == 404
    assert login(cast.charlie).get(reverse("handling:entry", args=[entry.pk])).status_code == 404
    assert login(cast.mai).get(reverse("handling:entry", args=[entry.pk])).status_code == 404


def test_the_entry_page_routes_to_a_leader(cast, login):
    entry = paper(cast)
    client = login(cast.thu)
    page = client.get(reverse("handling:entry", args=[entry.pk])).content.decode()
    assert "Trình lãnh đạo" in page
    response = client.post(reverse("handling:entry_route", args=[entry.pk]), {"handler": cast.hung.pk})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.handler == cast.hung
    # The leader reads the entry but does not route it.
    assert "Trình lãnh đạo</button>" not in login(cast.hung).get(response.url).content.decode()
    assert login(cast.hung).post(reverse("handling:entry_route", args=[entry.pk]), {}).status_code == 403


def test_the_register_page_filters_and_keeps_its_queries(cast, login, django_assert_max_num_queries):
    for i in range(3):
        paper(cast, subject=f"Công văn số {i} về an toàn vệ sinh lao động", handler=cast.hung)
    incoming.entry_register_delivery(actor=cast.thu, delivery=send(cast))
    client = login(cast.thu)
    url = reverse("handling:register")
    with django_assert_max_num_queries(30) as few:
        page = client.get(url).content.decode()
    assert page.count('href="/van-ban-den/') >= 4
    for i in range(3, 30):
        paper(cast, subject=f"Công văn số {i} về an toàn vệ sinh lao động", handler=cast.hung)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
    # Search without diacritics, by source, by year.
    page = client.get(url, {"q": "ve sinh lao dong 7"}).content.decode()
    assert "Công văn số 7 về" in page and "Công văn số 8 về" not in page
    page = client.get(url, {"nguon": "he-thong"}).content.decode()
    assert "Công văn số" not in page and "kỷ niệm 96 năm" in page
    page = client.get(url, {"nam": timezone.localdate().year - 1}).content.decode()
    assert "Chưa có văn bản đến nào" in page
    assert client.get(url, {"nam": "hai nghìn"}).status_code == 400
    # A leader above reads the unit's register through ?don-vi=; an outsider does not.
    assert login(cast.charlie).get(url, {"don-vi": cast.ldld.pk}).status_code == 404
    assert login(cast.binh).get(url, {"don-vi": cast.ldld.pk}).status_code == 404  # a leader below, not above


def test_the_yearly_books_print_in_the_official_layout(cast, login):
    entry = incoming.entry_register_delivery(actor=cast.thu, delivery=send(cast), handler=cast.hung)
    paper(cast)
    year = entry.year
    response = login(cast.thu).get(reverse("handling:register_pdf", args=[year]), {"don-vi": cast.ldld.pk})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    cover = " ".join((reader.pages[0].extract_text() or "").split())
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN" in cover and f"Năm {year}" in cover and "Từ số 01 đến số 02" in cover
    assert "LIÊN ĐOÀN LAO ĐỘNG TỈNH BẮC GIANG" in cover.upper()
    table = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages[1:])
    for heading in (
        "Số đến",
        "Ngày đến",
        "Tác giả",
        "Số, ký hiệu",
        "Tên loại và trích yếu",
        "Ký nhận",
        "Ghi chú",
    ):
        assert heading in table
    assert entry.number_symbol in table and "Nguyễn Mạnh Hùng" in table and "Văn bản giấy" in table
    # The outgoing book of BTG Tỉnh ủy, read by its leader.
    out = login(cast.hanh).get(
        reverse("handling:outgoing_register_pdf", args=[year]), {"don-vi": cast.btgtu.pk}
    )
    assert out.status_code == 200
    reader = PdfReader(io.BytesIO(out.content))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    assert (
        "SỔ ĐĂNG KÝ VĂN BẢN ĐI" in text and entry.number_symbol in text and "Liên đoàn Lao động tỉnh" in text
    )
    # Refused: another unit's books.
    assert (
        login(cast.charlie)
        .get(reverse("handling:register_pdf", args=[year]), {"don-vi": cast.ldld.pk})
        .status_code
        == 404
    )
    assert (
        login(cast.thu)
        .get(reverse("handling:outgoing_register_pdf", args=[year]), {"don-vi": cast.btgtu.pk})
        .status_code
        == 404
    )


@time_machine.travel(ISSUED, tick=False)
def test_dates_print_the_vietnamese_way(cast, login):
    entry = incoming.entry_register_delivery(actor=cast.thu, delivery=send(cast))
    page = login(cast.thu).get(reverse("handling:entry", args=[entry.pk])).content.decode()
    assert "08:15 ngày 06/02/2026" in page
    page = login(cast.thu).get(reverse("handling:register"), {"nam": 2026}).content.decode()
    assert "06/02/2026 08:15" in page


def test_the_waiting_list_and_the_entry_page_keep_their_queries(cast, login, django_assert_max_num_queries):
    from tests.handling.test_register_concurrency import arrivals

    arrivals(cast, 2)
    client = login(cast.thu)
    with django_assert_max_num_queries(40) as few:
        page = client.get(reverse("handling:awaiting")).content.decode()
    assert page.count("Vào sổ</button>") == 2
    arrivals(cast, 25, start=100)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("handling:awaiting")).content.decode()
    assert page.count("Vào sổ</button>") == 27
    # The register's state counts link to the filter.
    entry = incoming.entry_register_delivery(actor=cast.thu, delivery=Delivery.objects.order_by("id").first())
    page = client.get(reverse("handling:register")).content.decode()
    assert "chờ ý kiến chỉ đạo 1" in page
    with django_assert_max_num_queries(60):
        assert client.get(reverse("handling:entry", args=[entry.pk])).status_code == 200


def test_a_leader_walks_down_to_the_registers_below(cast, login):
    page = login(cast.hung).get(reverse("handling:register")).content.decode()
    assert "Liên đoàn Lao động huyện Yên Thế" in page and "Liên đoàn Lao động huyện Tân Yên" in page
    page = login(cast.hung).get(reverse("handling:register"), {"don-vi": cast.yenthe.pk}).content.decode()
    assert "Sổ văn bản đến" in page and "Liên đoàn Lao động huyện Yên Thế · năm" in page
    # The clerk keeps the own unit's register only: no unit below is offered or opened.
    page = login(cast.thu).get(reverse("handling:register")).content.decode()
    assert "Liên đoàn Lao động huyện Yên Thế" not in page
    assert login(cast.thu).get(reverse("handling:register"), {"don-vi": cast.yenthe.pk}).status_code == 404


def test_a_specialist_reads_the_entry_assigned_to_her_department_without_a_link_to_the_register(
    cast, make_task, login
):
    """Mai (Ban Tuyên giáo - Nữ công) reads the entry her department leads, but not the unit's register: the
    page offers her the way back to her tasks, never a link that would answer 404."""
    task = make_task(department=cast.tgnc, due=dt.date(2026, 3, 1))
    page = login(cast.mai).get(reverse("handling:entry", args=[task.entry_id]))
    assert page.status_code == 200
    html = page.content.decode()
    assert reverse("handling:register") + "?don-vi=" not in html
    assert "Văn bản đến của Liên đoàn Lao động tỉnh Bắc Giang" in html
    assert login(cast.mai).get(reverse("handling:register"), {"don-vi": cast.ldld.pk}).status_code == 404
    clerk_page = login(cast.thu).get(reverse("handling:entry", args=[task.entry_id])).content.decode()
    assert reverse("handling:register") + f"?don-vi={cast.ldld.pk}" in clerk_page
