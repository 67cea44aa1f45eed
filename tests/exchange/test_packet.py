"""edXML packets (issue 18, helper D): what this instance builds validates against the project's XSD and its XML
signature verifies; every header field comes from the document; one changed byte, a packet too large, not XML,
against the schema, unsigned or signed by a stranger is refused with its reason."""

from __future__ import annotations

import datetime as dt

import pytest
from lxml import etree

from directives.exchange import packet
from directives.exchange.errors import (
    PacketMalformed,
    PacketSchemaInvalid,
    PacketSignatureInvalid,
    PacketTooLarge,
)

pytestmark = pytest.mark.django_db


def _valid(data: bytes) -> bool:
    return packet.schema().validate(etree.fromstring(data))


def test_the_document_packet_maps_every_header_field_and_verifies(issued, cast, organ_codes):
    data = packet.build_document_packet(issued, to_unit=cast.ldld)
    assert _valid(data)
    read = packet.parse_packet(data)
    assert isinstance(read, packet.DocumentPacket)
    assert read.document_id == f"{organ_codes['btgtu']},2024/02/06,97-HD/BTGTU"
    assert read.from_organ.organ_id == organ_codes["btgtu"] and read.from_organ.name == cast.btgtu.name
    assert [o.organ_id for o in read.to] == [organ_codes["ldld"]] and read.to[0].name == cast.ldld.name
    assert (read.code_number, read.code_notation, read.number_symbol) == ("97", "HD/BTGTU", "97-HD/BTGTU")
    assert (read.place, read.promulgation_date) == ("Bắc Giang", dt.date(2024, 2, 6))
    assert (read.type, read.type_detail, read.type_name) == ("2", "HD", "Hướng dẫn")
    assert read.subject == issued.subject
    assert (read.signer_competence, read.signer_position, read.signer_name) == (
        "KT. TRƯỞNG BAN",
        "Phó Trưởng ban",
        "Nguyễn Thị Hạnh",
    )
    assert read.due_date == dt.date(2024, 3, 15)
    assert read.to_places == ["LĐLĐ tỉnh Bắc Giang", "Lưu Văn phòng Ban"]
    assert (read.priority, read.typer_notation, read.page_amount, read.steering_type) == (
        "0",
        "BTGTU",
        "1",
        "1",
    )
    assert read.traces[0][0] == organ_codes["btgtu"]
    assert (read.business_type, read.paper) == ("new", "0")
    assert read.key_for(organ_codes["ldld"]) == f"{read.document_id}|new|{organ_codes['ldld']}"
    [pdf] = read.attachments
    with issued.pdf.open("rb") as handle:
        assert pdf.data == handle.read()
    assert (pdf.content_type, pdf.content_id, pdf.name) == ("application/pdf", "cid:1", "97-HD_BTGTU.pdf")
    assert "Thông Suốt" in read.signer_subject


def test_a_recall_and_a_status_packet_round_trip(issued, cast, organ_codes):
    recall = packet.parse_packet(
        packet.build_document_packet(
            issued, to_unit=cast.ldld, business_type="recall", reason="Ban hành nhầm"
        )
    )
    assert (recall.business_type, recall.business_reason) == ("recall", "Ban hành nhầm")
    ident = packet.document_ident(issued)
    at = dt.datetime(2024, 2, 7, 8, 30, tzinfo=dt.UTC)
    data = packet.build_status_packet(
        document_id=ident,
        from_unit=cast.ldld,
        to_organ=organ_codes["btgtu"],
        status="registered",
        at=at,
        staff="Thu",
    )
    assert _valid(data)
    status = packet.parse_packet(data)
    assert isinstance(status, packet.StatusPacket)
    assert (status.document_id, status.status, status.status_code) == (ident, "registered", "03")
    assert (status.response_organ, status.from_organ.organ_id) == (organ_codes["btgtu"], organ_codes["ldld"])
    assert status.at == at and status.staff["staff"] == "Thu" and status.code == "97-HD/BTGTU"
    assert status.key == f"{ident}|registered|{organ_codes['ldld']}|{at.isoformat()}"


def test_one_changed_byte_is_refused(issued, cast):
    data = packet.build_document_packet(issued, to_unit=cast.ldld)
    # In the header: the subject says something else.
    subject = "tuyên truyền".encode()
    changed = data.replace(subject, "tuyên truyền".encode().replace(b"y", b"z"), 1)
    assert changed != data
    with pytest.raises(PacketSignatureInvalid) as refused:
        packet.parse_packet(changed)
    assert "không hợp lệ" in refused.value.message
    # In the attachment: one byte of the PDF (base64 stays well-formed).
    start = data.index(b'AttachmentName="97-HD_BTGTU.pdf">') + len(b'AttachmentName="97-HD_BTGTU.pdf">') + 20
    flipped = b"B" if data[start : start + 1] == b"A" else b"A"
    with pytest.raises(PacketSignatureInvalid):
        packet.parse_packet(data[:start] + flipped + data[start + 1 :])


def test_too_large_malformed_and_off_schema_packets_are_refused(issued, cast, settings):
    data = packet.build_document_packet(issued, to_unit=cast.ldld)
    settings.EXCHANGE_MAX_PACKET_BYTES = len(data) - 1
    with pytest.raises(PacketTooLarge) as too_large:
        packet.parse_packet(data)
    assert too_large.value.status == 413 and "vượt quá giới hạn" in too_large.value.message
    settings.EXCHANGE_MAX_PACKET_BYTES = 10 * 1024 * 1024
    with pytest.raises(PacketMalformed):
        packet.parse_packet(data[: len(data) // 2])
    with pytest.raises(PacketMalformed):
        packet.parse_packet(b"%PDF-1.7 not a packet")
    bomb = b'<?xml version="1.0"?><!DOCTYPE edXML [<!ENTITY a "aaaaaaaaaa">]><edXML>&a;</edXML>'
    with pytest.raises(PacketMalformed) as entity:
        packet.parse_packet(bomb)
    assert "DOCTYPE" in entity.value.message
    with pytest.raises(PacketMalformed):
        packet.parse_packet(b"<other xmlns='urn:x'/>")
    # Signed, but without its Subject: the XSD refuses before the signature is looked at.
    root = etree.fromstring(data)
    subject = root.find(f".//{{{packet.NS}}}Subject")
    subject.getparent().remove(subject)
    with pytest.raises(PacketSchemaInvalid) as schema:
        packet.parse_packet(etree.tostring(root))
    assert "Subject" in schema.value.message


def test_an_attachment_beyond_the_safe_parsers_limit_is_refused_as_too_large(issued, cast):
    """The parser stays safe (no XML_PARSE_HUGE): one file's base64 must stay under libxml2's 10 MB text node."""
    data = packet.build_document_packet(issued, to_unit=cast.ldld)
    root = etree.fromstring(data)
    attachment = root.find(f".//{{{packet.NS}}}Attachment")
    attachment.text = "A" * 10_000_004
    with pytest.raises(PacketTooLarge) as refused:
        packet.parse_packet(etree.tostring(root))
    assert "7,5 MB" in refused.value.message
    with pytest.raises(PacketTooLarge):
        packet.sign_packet(etree.tostring(root))


def test_an_unsigned_or_strangers_packet_is_refused(issued, cast, tmp_path):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID
    from signxml import XMLSigner, methods

    data = packet.build_document_packet(issued, to_unit=cast.ldld)
    root = etree.fromstring(data)
    signature = root.find(f".//{{{packet.DS}}}Signature")
    signature.getparent().remove(signature)
    with pytest.raises(PacketSignatureInvalid) as unsigned:
        packet.parse_packet(etree.tostring(root))
    assert "không có chữ ký" in unsigned.value.message
    # A stranger's self-signed certificate: well signed, not trusted.
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Kẻ lạ")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    header = root.find(f"{{{packet.NS}}}edXMLEnvelope/{{{packet.NS}}}edXMLHeader")
    etree.SubElement(header, f"{{{packet.DS}}}Signature", Id="placeholder")
    signed = XMLSigner(method=methods.enveloped, c14n_algorithm=packet.EXC_C14N).sign(
        root,
        key=key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ),
        cert=[cert.public_bytes(serialization.Encoding.PEM).decode()],
    )
    with pytest.raises(PacketSignatureInvalid) as stranger:
        packet.parse_packet(etree.tostring(signed))
    assert "không thuộc danh sách tin cậy" in stranger.value.message
    # Trusted once its certificate is named in EXCHANGE_TRUSTED_CERTS.
    trusted = tmp_path / "trusted.pem"
    trusted.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    from django.test import override_settings

    with override_settings(EXCHANGE_TRUSTED_CERTS=[str(trusted)]):
        assert packet.parse_packet(etree.tostring(signed)).subject == issued.subject


def test_every_packet_of_the_demos_issued_documents_validates_and_verifies(
    db, exchange_key, settings, tmp_path
):
    """The demo's issued documents, each to one of its recipients (a stand-in PDF where the tests' demo renders
    none: its documents are rendered when first asked for)."""
    import time_machine
    from django.core.files.base import ContentFile

    from directives.models import Document, Status
    from reporting.demo import demo_build
    from tests.exchange.conftest import tiny_pdf

    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with time_machine.travel(dt.datetime(2025, 11, 20, 9, 0, tzinfo=dt.UTC), tick=False):
        demo_build()
    documents = list(
        Document.objects.filter(status=Status.ISSUED, is_external=False)
        .select_related("issuer")
        .prefetch_related("deliveries__unit")
    )
    assert len(documents) >= 5
    # Units the demo left without an identifier code get one here (the demo's own codes come with portal.org's).
    from portal.org.models import Unit, UnitIdentifier

    for unit in Unit.objects.all():
        if not packet.organ_id_for(unit):
            code = f"000.{unit.pk // 100:02d}.{unit.pk % 100:02d}.T99"
            UnitIdentifier.objects.create(unit=unit, code=code, valid_from=dt.date(2000, 1, 1))
    checked = 0
    for document in documents:
        delivery = next(iter(document.deliveries.all()), None)
        if delivery is None:
            continue
        if not document.pdf:
            document.pdf.save(f"{document.pk}.pdf", ContentFile(tiny_pdf(document.number_symbol)), save=True)
        data = packet.build_document_packet(document, to_unit=delivery.unit)
        assert _valid(data), document.number_symbol
        read = packet.parse_packet(data)
        assert read.number_symbol == document.number_symbol and read.subject == document.subject
        checked += 1
    assert checked >= 5
