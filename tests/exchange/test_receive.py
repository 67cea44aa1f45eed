"""Receiving packets (issue 18, helper D): a packet shaped like the public samples lands in the incoming register
with every header field mapped; ours too, with its PDF and the check of its signatures; a duplicate registers
nothing twice and names the entry that holds it; a refused packet (unknown recipient, bad signature, malformed) is
recorded with its reason and registers nothing; a recall marks the entry recalled; a status packet goes to the
status trail."""

from __future__ import annotations

import base64
import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest

from directives.exchange import packet
from directives.exchange.errors import (
    PacketDuplicate,
    PacketMalformed,
    PacketRecipientUnknown,
    PacketSignatureInvalid,
)
from directives.exchange.models import Direction, Packet, PacketFile, PacketState
from directives.exchange.services import receive
from directives.exchange.services.receive import packet_receive
from directives.handling.models import EntryState, IncomingEntry
from portal.audit.models import Event

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parent / "samples" / "sample-vnpt-shape.xml"
#: The first bytes of an OLE2 compound file: what a .doc starts with.
DOC_BYTES = bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 504 + "Công văn 1234/BNV-CCVC".encode()


def sample_packet(to_organ: str) -> bytes:
    """The sample's shape with a .doc zipped as the public samples carry it, signed with the run's key."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("1234-BNV-CCVC.doc", DOC_BYTES)
    text = SAMPLE.read_text(encoding="utf-8")
    text = text.replace("{TO_ORGAN}", to_organ).replace(
        "{ATTACHMENT}", base64.b64encode(archive.getvalue()).decode("ascii")
    )
    return packet.sign_packet(text.encode("utf-8"))


def test_a_packet_shaped_like_the_public_samples_lands_with_every_field_mapped(
    cast, organ_codes, exchange_key, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    record = packet_receive(sample_packet(organ_codes["ldld"]), via="folder")
    assert (record.direction, record.state, record.via) == (Direction.IN, PacketState.ACCEPTED, "folder")
    assert record.key == f"000.00.00.G22,2024/01/15,1234/BNV-CCVC|new|{organ_codes['ldld']}"
    assert (record.edxml_id, record.from_organ, record.to_organ) == (
        "000.00.00.G22,2024/01/15,1234/BNV-CCVC",
        "000.00.00.G22",
        organ_codes["ldld"],
    )
    entry = record.entry
    assert entry.unit == cast.ldld and entry.state == EntryState.REGISTERED
    assert (entry.year, entry.number) == (entry.arrived_at.astimezone().year, 1)
    assert entry.sender_name == "Bo Noi vu" and entry.sender_unit is None  # Latin-only field, kept as written
    assert entry.number_symbol == "1234/BNV-CCVC"
    assert entry.document_date == dt.date(2024, 1, 15)
    assert entry.doc_type == "Công văn"
    assert entry.subject == "V/v hướng dẫn đánh giá, xếp loại chất lượng công chức năm 2023"
    assert entry.handling_due == dt.date(2024, 2, 28)
    assert entry.pages == 3
    assert entry.registered_by.username == receive.HUB_USERNAME and not entry.registered_by.is_active
    assert not entry.scan  # no PDF came: the .doc is the entry's file
    header = record.header
    assert header["signer"] == {
        "competence": "KT. BỘ TRƯỞNG",
        "position": "Thứ trưởng",
        "full_name": "Nguyễn Văn A",
    }
    assert header["priority"] == "1" and header["sphere"] == "Toan quoc" and header["typer_notation"] == "NVB"
    assert header["promulgation_amount"] == "70" and header["appendixes"] == ["Phu luc I"]
    assert header["to_places"] == ["Như trên", "Lưu: VT, CCVC"] and header["steering_type"] == "0"
    assert header["from"]["in_charge"] == "Chinh phu" and header["from"]["email"] == "vanthu@moha.gov.vn"
    assert (
        header["from"]["address"] == "So 8 Ton That Thuyet, Ha Noi"
        and header["from"]["website"] == "moha.gov.vn"
    )
    assert header["place"] == "Hà Nội" and header["content"] == "Thuc hien Nghi dinh 48/2023/ND-CP"
    assert header["staff"] == {
        "department": "Van phong Bo",
        "staff": "Tran Thi B",
        "mobile": "0912000000",
        "email": "ttb@moha.gov.vn",
    }
    [doc] = PacketFile.objects.filter(entry=entry)
    assert (doc.name, doc.content_type, doc.packet_id) == (
        "1234-BNV-CCVC.doc",
        "application/msword",
        record.pk,
    )
    with doc.file.open("rb") as handle:
        assert handle.read() == DOC_BYTES
    with record.payload.open("rb") as handle:
        assert handle.read().startswith(b"<?xml")
    event = Event.objects.get(action="incoming.registered", object_id=str(entry.pk))
    assert event.details["exchange"] is True and event.details["packet"] == record.pk


def test_our_packet_registers_with_its_pdf_and_the_check_of_its_signatures(issued, cast, organ_codes):
    record = packet_receive(packet.build_document_packet(issued, to_unit=cast.ldld), via="api")
    entry = record.entry
    assert (entry.sender_name, entry.number_symbol, entry.doc_type) == (
        cast.btgtu.name,
        "97-HD/BTGTU",
        "Hướng dẫn",
    )
    assert entry.sender_unit == cast.btgtu and entry.handling_due == dt.date(2024, 3, 15)
    with entry.scan.open("rb") as got, issued.pdf.open("rb") as sent:
        assert got.read() == sent.read()
    assert entry.scan_name == "97-HD_BTGTU.pdf"
    assert PacketFile.objects.get(entry=entry).main
    # The stand-in PDF carries no signature: the check says so, the clerk decides.
    assert record.pdf_signatures and record.pdf_signatures.get("ok") is False


def test_a_duplicate_registers_nothing_twice_and_names_the_entry(issued, cast, organ_codes):
    data = packet.build_document_packet(issued, to_unit=cast.ldld)
    first = packet_receive(data, via="folder")
    again = packet.build_document_packet(issued, to_unit=cast.ldld)  # rebuilt: other bytes, same key
    with pytest.raises(PacketDuplicate) as duplicate:
        packet_receive(again, via="http")
    assert duplicate.value.status == 409
    assert f"số {first.entry.number_label}/{first.entry.year}" in duplicate.value.message
    assert duplicate.value.held == first
    assert (
        duplicate.value.packet.state == PacketState.DUPLICATE and duplicate.value.packet.entry == first.entry
    )
    assert IncomingEntry.objects.filter(unit=cast.ldld).count() == 1


def test_refusals_are_recorded_with_their_reason_and_register_nothing(issued, cast, organ_codes):
    data = packet.build_document_packet(issued, to_unit=cast.ldld)
    # To a code no unit here carries.
    foreign = packet.sign_packet(
        packet.etree.tostring(_unsigned(data)).replace(organ_codes["ldld"].encode(), b"000.99.99.Z99")
    )
    with pytest.raises(PacketRecipientUnknown) as unknown:
        packet_receive(foreign, via="folder")
    assert "000.99.99.Z99" in unknown.value.message and unknown.value.status == 422
    record = unknown.value.packet
    assert (record.state, record.edxml_id, record.from_organ) == (
        PacketState.REFUSED,
        packet.document_ident(issued),
        organ_codes["btgtu"],
    )
    assert "000.99.99.Z99" in record.refusal_reason
    # Addressed to nobody here: nobody here answers it.
    assert not Packet.objects.filter(direction=Direction.OUT).exists()
    # Changed after signing.
    with pytest.raises(PacketSignatureInvalid) as bad:
        packet_receive(data.replace("tuyên truyền".encode(), "tuyên truyên".encode(), 1), via="folder")
    assert bad.value.packet.state == PacketState.REFUSED and bad.value.packet.to_organ == organ_codes["ldld"]
    # Addressed to LĐLĐ tỉnh: the sender is answered «refused» with the reason (the exchange's receivers queue it).
    answer = Packet.objects.get(direction=Direction.OUT, kind="status", status_code="refused")
    assert answer.to_organ == organ_codes["btgtu"] and answer.edxml_id == packet.document_ident(issued)
    # Not XML.
    with pytest.raises(PacketMalformed) as malformed:
        packet_receive(b"\x00\x01 rubbish", via="folder")
    assert malformed.value.packet.refusal_reason.startswith("Gói tin không phải XML")
    # Offered again: the same refusal, not a second record.
    with pytest.raises(PacketMalformed) as again:
        packet_receive(b"\x00\x01 rubbish", via="folder")
    assert again.value.packet == malformed.value.packet
    assert not IncomingEntry.objects.exists()
    assert Packet.objects.filter(state=PacketState.REFUSED).count() == 3


def _unsigned(data: bytes):
    root = packet.etree.fromstring(data)
    signature = root.find(f".//{{{packet.DS}}}Signature")
    signature.getparent().remove(signature)
    return root


def test_a_recall_marks_the_entry_recalled_and_cancels_its_open_tasks(issued, cast, organ_codes):
    from django.utils import timezone

    from directives.handling.models import Assignment, AssignmentState, Decision, Instruction

    registered = packet_receive(packet.build_document_packet(issued, to_unit=cast.ldld), via="folder")
    instruction = Instruction.objects.create(
        entry=registered.entry, author=cast.hung, decision=Decision.ASSIGN, text="Giao Văn phòng"
    )
    task = Assignment.objects.create(
        instruction=instruction,
        entry=registered.entry,
        unit=cast.ldld,
        role="lead",
        title="Tuyên truyền",
        state=AssignmentState.OPEN,
        assigned_by=cast.hung,
        assigned_at=timezone.now(),
    )
    recall = packet.build_document_packet(
        issued, to_unit=cast.ldld, business_type="recall", reason="Ban hành nhầm"
    )
    record = packet_receive(recall, via="folder")
    entry = IncomingEntry.objects.get(pk=registered.entry_id)
    assert entry.state == EntryState.RECALLED and entry.recalled_at is not None
    assert record.business_type == "recall" and record.entry == entry
    assert Event.objects.filter(action="incoming.recalled", object_id=str(entry.pk)).exists()
    task.refresh_from_db()
    assert task.state == AssignmentState.CANCELLED and task.cancelled_reason == "Ban hành nhầm"
    # A recall of a document never registered here is refused.
    other = packet.build_document_packet(issued, to_unit=cast.yenthe, business_type="recall")
    with pytest.raises(packet.PacketUnsupported):
        packet_receive(other, via="folder")


def test_a_status_packet_goes_to_the_status_trail(issued, cast, organ_codes, monkeypatch):
    applied = []

    class Status:
        @staticmethod
        def status_apply(parsed, record):
            applied.append((parsed.status, record.pk))

    monkeypatch.setattr(receive, "status", Status)
    at = dt.datetime(2024, 2, 7, 8, 30, tzinfo=dt.UTC)
    data = packet.build_status_packet(
        document_id=packet.document_ident(issued),
        from_unit=cast.ldld,
        to_organ=organ_codes["btgtu"],
        status="done",
        at=at,
    )
    record = packet_receive(data, via="http")
    assert (record.kind, record.status_code, record.state) == ("status", "done", PacketState.ACCEPTED)
    assert applied == [("done", record.pk)]
    with pytest.raises(PacketDuplicate):
        packet_receive(data, via="http")
    assert len(applied) == 1


def test_the_entry_page_shows_what_the_packet_came_with(
    cast, organ_codes, exchange_key, settings, tmp_path, login
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    record = packet_receive(sample_packet(organ_codes["ldld"]), via="folder")
    entry, [doc] = record.entry, PacketFile.objects.filter(entry=record.entry)
    client = login(cast.thu)
    page = client.get(entry.get_absolute_url()).content.decode()
    assert "Nhận qua trục liên thông" in page and "000.00.00.G22,2024/01/15,1234/BNV-CCVC" in page
    assert "KT. BỘ TRƯỞNG — Thứ trưởng Nguyễn Văn A" in page and "<dd>Khẩn</dd>" in page
    assert "Như trên; Lưu: VT, CCVC" in page and "Gói tin không kèm tệp PDF" in page
    url = f"/lien-thong/van-ban-den/{entry.pk}/tep/?tep={doc.pk}"
    assert url.replace("&", "&amp;") in page or url in page
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == DOC_BYTES
    assert "1234-BNV-CCVC.doc" in response["Content-Disposition"]
    assert client.get(url.split("?")[0]).url == entry.get_absolute_url()
    assert client.get(url.split("?")[0] + "?tep=x").status_code == 404
    # In the register it is neither a portal delivery nor paper: its own tag and its own filter.
    register = client.get("/van-ban-den/", {"nam": entry.year}).content.decode()
    row = register[register.index(entry.number_symbol) :][:1500]
    assert "Qua trục liên thông" in row and "Văn bản giấy" not in row
    assert (
        entry.number_symbol
        in client.get("/van-ban-den/", {"nam": entry.year, "nguon": "truc"}).content.decode()
    )
    assert (
        entry.number_symbol
        not in client.get("/van-ban-den/", {"nam": entry.year, "nguon": "giay"}).content.decode()
    )
    # The outsider reads neither the entry nor its file.
    outsider = login(cast.charlie)
    assert outsider.get(url).status_code == 404
    assert outsider.get(entry.get_absolute_url()).status_code == 404


def test_the_demo_receives_a_ministrys_packet_where_it_signs(
    cast, organ_codes, exchange_key, settings, tmp_path
):
    from directives.exchange.demo import demo_exchange_build

    settings.MEDIA_ROOT = str(tmp_path / "media")
    assert demo_exchange_build(unit=cast.ldld) is None  # the tests' demo signs nothing: no packet either
    record = demo_exchange_build(unit=cast.ldld, force=True)
    assert record.state == PacketState.ACCEPTED and record.entry.unit == cast.ldld
    assert record.entry.number_symbol == "1234/BNV-CCVC" and record.entry.exchange_files.count() == 1
