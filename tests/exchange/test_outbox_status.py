"""The send hooks and the status trail, in one instance (helper E, issue 18).

Sender side: issuing to a unit reached through the hub queues one document packet for it (none for a unit in the
portal), a recall queues a "recall" packet and opens the recall step; status packets from the recipient move the
delivery as an in-portal recipient's own actions would and show as a trail on the tracking page — to the issuer,
not to an outsider. Recipient side: an entry registered from a hub packet answers received and registered, then its
instruction, first progress note and completion, each once; an entry of the portal answers nothing.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.db import transaction
from django.utils import timezone

from directives.content import Signature
from directives.exchange import outbox, status
from directives.exchange import packet as packets
from directives.exchange.errors import ExchangeRefused
from directives.exchange.models import Packet, StatusEvent
from directives.exchange.services import receive
from directives.exchange.transports import Sent, Transport
from directives.handling.models import Assignment, IncomingEntry
from directives.handling.services import instruction, tasks
from directives.handling.services.assigning import Assignee
from directives.models import Delivery, Purpose, Selection
from directives.numbering import register_past
from directives.services import compose, signing
from directives.services.compose import DraftContent, RecipientLine
from portal.notifications.models import Notification
from portal.org.models import Unit, UnitIdentifier


class Sink(Transport):
    name = "sink"

    def __init__(self):
        self.data: list[bytes] = []

    def send(self, key, data, *, to_organ=""):
        self.data.append(data)
        return Sent("created")


CODES = {"btgtu": "000.01.24.G01", "ldld": "000.02.24.H01", "yenthe": "000.03.24.H02"}


@pytest.fixture
def hubbed(cast, exchange_key, settings, tmp_path):
    """BTGTU and LĐLĐ tỉnh in the portal; LĐLĐ huyện Yên Thế reached through the hub; each with its code."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    day = timezone.localdate()
    for name, code in CODES.items():
        UnitIdentifier.objects.create(
            unit=getattr(cast, name), code=code, valid_from=day.replace(month=1, day=1)
        )
    Unit.objects.filter(pk=cast.yenthe.pk).update(exchange_hub=True)
    cast.yenthe.refresh_from_db()
    cast.btgtu.addressees.add(cast.ldld, cast.yenthe)
    with transaction.atomic():
        register_past(unit=cast.btgtu, doc_type="HD", year=day.year, number=96)
    return cast


def issue_97(cast):
    doc = compose.document_create_draft(actor=cast.lan, issuer=cast.btgtu, doc_type="HD")
    lines = [
        RecipientLine(label=u.name, purpose=Purpose.THUC_HIEN, selection=Selection.UNIT, unit_id=u.pk)
        for u in (cast.yenthe, cast.ldld)
    ]
    content = DraftContent(
        doc_type="HD",
        subject="Hướng dẫn công tác thông tin đối ngoại",
        opening="Thực hiện chương trình công tác năm của Ban Thường vụ Tỉnh ủy.",
        body=[{"heading": "MỤC ĐÍCH, YÊU CẦU", "text": "Nâng cao nhận thức về thông tin đối ngoại."}],
        signature=Signature(
            authority="KT", authority_body="TRƯỞNG BAN", title="PHÓ TRƯỞNG BAN", name="Nguyễn Văn Hạnh"
        ),
        recipients=lines,
    )
    doc = compose.document_save_draft(actor=cast.lan, document=doc, content=content)
    return signing.document_issue(actor=cast.hanh, document=doc, render=False)


def status_from_yenthe(doc, code: str, at: dt.datetime, description: str = ""):
    """Yên Thế's system answers with a signed status packet; it comes in through the receive service."""
    ident = Packet.objects.get(direction="out", document=doc, business_type="new").edxml_id
    data = packets.build_status_packet(
        document_id=ident,
        from_unit=Unit.objects.get(pk=doc.deliveries.get(unit__exchange_hub=True).unit_id),
        to_organ=CODES["btgtu"],
        status=code,
        at=at,
        staff="Hoàng Văn Bình",
        description=description,
    )
    return receive.packet_receive(data, via="http")


def test_issue_queues_a_packet_for_the_hub_recipient_only_and_recall_follows(
    hubbed, django_capture_on_commit_callbacks
):
    cast = hubbed
    with django_capture_on_commit_callbacks() as kicks:
        doc = issue_97(cast)
    [packet] = Packet.objects.filter(direction="out")
    to_yenthe = Delivery.objects.get(document=doc, unit=cast.yenthe)
    assert (packet.kind, packet.business_type, packet.to_organ, packet.state) == (
        "document",
        "new",
        CODES["yenthe"],
        "queued",
    )
    assert packet.delivery == to_yenthe and packet.document == doc
    assert packet.edxml_id == f"{CODES['btgtu']},{doc.issue_date:%Y/%m/%d},97-HD/BTGTU"
    assert packet.key == f"{packet.edxml_id}|new|{CODES['yenthe']}"
    assert not packet.payload  # built at the first send, once the issued PDF exists
    assert kicks  # the flush is published on commit
    signing.document_revoke(actor=cast.hanh, document=doc, reason="Ban hành nhầm đối tượng")
    recall = Packet.objects.get(direction="out", business_type="recall")
    assert recall.key == f"{packet.edxml_id}|recall|{CODES['yenthe']}"
    assert list(StatusEvent.objects.filter(delivery=to_yenthe).values_list("code", "direction")) == [
        ("recall_requested", "out")
    ]


def test_status_packets_move_the_delivery_and_show_as_a_trail(hubbed, client, django_assert_max_num_queries):
    cast = hubbed
    doc = issue_97(cast)
    to_yenthe = Delivery.objects.get(document=doc, unit=cast.yenthe)
    t0 = timezone.now().replace(microsecond=0)
    status_from_yenthe(doc, "received", t0)
    to_yenthe.refresh_from_db()
    assert to_yenthe.read_at == t0 and to_yenthe.acknowledged_at is None
    status_from_yenthe(doc, "registered", t0 + dt.timedelta(minutes=5), "số đến 12/2026")
    status_from_yenthe(doc, "assigned", t0 + dt.timedelta(hours=1))
    status_from_yenthe(doc, "done", t0 + dt.timedelta(days=2))
    to_yenthe.refresh_from_db()
    assert to_yenthe.acknowledged_at == t0 + dt.timedelta(minutes=5)
    assert [e.code for e in status.trails_for([to_yenthe.pk])[to_yenthe.pk]] == [
        "received",
        "registered",
        "assigned",
        "done",
    ]
    client.force_login(cast.hanh)
    with django_assert_max_num_queries(60):
        page = client.get(f"/van-ban/{doc.pk}/").content.decode()
    assert "Qua trục liên thông: Đã nhận" in page
    assert "Đã vào sổ (số đến 12/2026)" in page
    assert "Đã giao xử lý" in page and "Hoàn thành" in page
    client.force_login(cast.charlie)  # an outsider sees no tracking at all
    assert "Qua trục liên thông" not in client.get(f"/van-ban/{doc.pk}/").content.decode()


def test_a_refusal_returns_the_delivery_and_tells_the_signer(hubbed):
    cast = hubbed
    doc = issue_97(cast)
    status_from_yenthe(doc, "refused", timezone.now(), "Văn bản không đúng thẩm quyền tiếp nhận")
    delivery = Delivery.objects.get(document=doc, unit=cast.yenthe)
    assert delivery.returned_at is not None
    assert delivery.returned_reason == "Văn bản không đúng thẩm quyền tiếp nhận"
    told = Notification.objects.get(recipient=cast.hanh, kind="delivery.returned")
    assert "qua trục liên thông" in told.body


def test_a_status_for_nothing_we_sent_changes_nothing(hubbed):
    record = Packet.objects.create(direction="in", kind="status", key="x|done|y|z", state="accepted")
    assert (
        status.status_apply(SimpleNamespace(document_id="x", from_organ="y", status="done"), record) is None
    )
    assert not StatusEvent.objects.exists()


def test_a_hub_entry_answers_each_step_once(hubbed):
    cast = hubbed
    # This side hosts Yên Thế, reached from BTGTU's system through the hub.
    Unit.objects.filter(pk=cast.yenthe.pk).update(exchange_hub=False)
    Unit.objects.filter(pk=cast.btgtu.pk).update(exchange_hub=True)
    ident = f"{CODES['btgtu']},2026/02/06,97-HD/BTGTU"
    entry = IncomingEntry.objects.create(
        unit=cast.yenthe,
        year=2026,
        number=12,
        arrived_at=timezone.now(),
        sender_name="Ban Tuyên giáo Tỉnh ủy Bắc Giang",
        number_symbol="97-HD/BTGTU",
        subject="Hướng dẫn công tác thông tin đối ngoại",
        registered_by=cast.binh,
        handler=cast.binh,
    )
    Packet.objects.create(
        direction="in",
        kind="document",
        key=f"{ident}|new|{CODES['yenthe']}",
        edxml_id=ident,
        from_organ=CODES["btgtu"],
        to_organ=CODES["yenthe"],
        business_type="new",
        state="accepted",
        entry=entry,
    )

    def answered():
        return list(
            Packet.objects.filter(direction="out", kind="status")
            .order_by("id")
            .values_list("status_code", flat=True)
        )

    assert answered() == ["received", "registered"]
    assert all(
        p.to_organ == CODES["btgtu"] and p.edxml_id == ident for p in Packet.objects.filter(direction="out")
    )
    instruction.entry_instruct(
        actor=cast.binh,
        entry=entry,
        text="Đồng chí chủ trì triển khai.",
        lead=Assignee(person=cast.binh),
        due_date=timezone.localdate() + dt.timedelta(days=10),
    )
    task = Assignment.objects.get(entry=entry)
    tasks.assignment_note(actor=cast.binh, assignment=task, text="Đã phổ biến.")
    tasks.assignment_note(actor=cast.binh, assignment=task, text="Đã tổ chức hội nghị.")  # no second packet
    tasks.assignment_complete(actor=cast.binh, assignment=task, result="Đã hoàn thành.")
    assert answered() == ["received", "registered", "assigned", "in_progress", "done"]
    assert (
        list(StatusEvent.objects.filter(entry=entry, direction="out").values_list("code", flat=True))
        == answered()
    )
    # Built and signed at the first send: each is a status packet of Yên Thế answering BTGTU's document.
    sent = Sink()
    assert outbox.outbox_flush_run(transport=sent).sent == 5
    read = [packets.parse_packet(data) for data in sent.data]
    assert [(p.status, p.document_id, p.from_organ.organ_id, p.response_organ) for p in read] == [
        (code, ident, CODES["yenthe"], CODES["btgtu"]) for code in answered()
    ]
    assert read[1].description == "số đến 12/2026"
    # An entry of the portal (no hub packet) answers nothing.
    own = IncomingEntry.objects.create(
        unit=cast.yenthe,
        year=2026,
        number=13,
        arrived_at=timezone.now(),
        sender_name="Tỉnh ủy Bắc Giang",
        subject="Công văn về việc tổ chức hội nghị",
        registered_by=cast.binh,
        handler=cast.binh,
    )
    instruction.entry_instruct(
        actor=cast.binh,
        entry=own,
        text="Chủ trì.",
        lead=Assignee(person=cast.binh),
        due_date=timezone.localdate() + dt.timedelta(days=5),
    )
    assert len(answered()) == 5


def test_the_demo_answers_its_hub_deliveries_once(hubbed):
    from directives.exchange.demo_trail import demo_trail_build

    doc = issue_97(hubbed)
    assert demo_trail_build() == 3
    assert demo_trail_build() == 0  # a delivery with a trail is left alone
    delivery = Delivery.objects.get(document=doc, unit=hubbed.yenthe)
    assert [e.code for e in status.trails_for([delivery.pk])[delivery.pk]] == [
        "received",
        "registered",
        "assigned",
    ]
    delivery.refresh_from_db()
    assert delivery.acknowledged_at == delivery.delivered_at.replace(microsecond=0) + dt.timedelta(minutes=47)


def test_a_refused_recall_is_answered_recall_refused(hubbed):
    """A recall of a document this side never registered is refused by the receive service; the sender is told."""
    cast = hubbed
    doc = issue_97(cast)
    signing.issued_pdf_store(doc)
    data = packets.build_document_packet(
        doc, to_unit=cast.yenthe, business_type="recall", reason="Nhầm đối tượng"
    )
    Unit.objects.filter(pk=cast.yenthe.pk).update(exchange_hub=False)  # now this side hosts Yên Thế
    with pytest.raises(ExchangeRefused):
        receive.packet_receive(data, via="http")
    [answer] = Packet.objects.filter(direction="out", kind="status")
    assert (answer.status_code, answer.to_organ, answer.from_organ) == (
        "recall_refused",
        CODES["btgtu"],
        CODES["yenthe"],
    )
    sent = Sink()
    outbox.outbox_flush_run(transport=sent)
    [read] = [p for p in map(packets.parse_packet, sent.data) if isinstance(p, packets.StatusPacket)]
    assert read.status == "recall_refused" and "thu hồi" in read.description
