"""The exchange by hand (issue 18, helper D): `manage.py edxml export/import` and the same through the API —
POST /api/v1/exchange/packets/ (201 with the entry, 409 duplicate naming it, 422 refused with the problem body) and
GET /api/v1/documents/<id>/edxml/?to=<organ> (the signed packet) — each with who may and who may not."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from directives.exchange import packet
from directives.exchange.models import PacketState
from directives.handling.models import IncomingEntry
from portal.org.models import Role
from portal.org.services import membership_grant
from tests.clients import token_client

pytestmark = pytest.mark.django_db


def test_export_then_import_through_the_commands(issued, cast, organ_codes, tmp_path, capsys):
    out = tmp_path / "97-HD.xml"
    call_command("edxml", "export", "97-HD/BTGTU", "--to", organ_codes["ldld"], "--out", str(out))
    assert "Đã ghi gói tin" in capsys.readouterr().out
    assert isinstance(packet.parse_packet(out.read_bytes()), packet.DocumentPacket)
    call_command("edxml", "import", str(out))
    printed = capsys.readouterr().out
    entry = IncomingEntry.objects.get(unit=cast.ldld)
    assert f"số đến {entry.number_label}/{entry.year}" in printed and "97-HD/BTGTU" in printed
    assert entry.packets.get(direction="in").via == "command"
    with pytest.raises(CommandError, match="đã được tiếp nhận trước đó"):
        call_command("edxml", "import", str(out))
    with pytest.raises(CommandError, match="Không có văn bản đã ban hành số 1-HD/XX"):
        call_command("edxml", "export", "1-HD/XX", "--to", organ_codes["ldld"], "--out", str(out))
    with pytest.raises(CommandError, match="Không có đơn vị nào mang mã định danh"):
        call_command("edxml", "export", "97-HD/BTGTU", "--to", "000.99.99.Z99", "--out", str(out))
    broken = tmp_path / "broken.xml"
    broken.write_bytes(b"<edXML")
    with pytest.raises(CommandError, match="Gói tin bị từ chối: Gói tin không phải XML"):
        call_command("edxml", "import", str(broken))


def test_the_api_takes_a_packet_from_the_recipients_clerk(issued, cast, organ_codes):
    data = packet.build_document_packet(issued, to_unit=cast.ldld)
    url = "/api/v1/exchange/packets/"
    # The outsider, and a leader who keeps no register: 403, nothing recorded.
    for person in (cast.charlie, cast.hung):
        response = token_client(person).post(url, data=data, content_type="application/xml")
        assert response.status_code == 403 and response.json()["code"] == "not_allowed"
    # A clerk of another unit: may import, but not for LĐLĐ tỉnh.
    membership_grant(actor=None, user=cast.binh, unit=cast.yenthe, role=Role.CLERK)
    response = token_client(cast.binh).post(url, data=data, content_type="application/xml")
    assert response.status_code == 403
    assert not IncomingEntry.objects.exists()
    clerk = token_client(cast.thu)
    response = clerk.post(url, data=data, content_type="application/xml")
    assert response.status_code == 201, response.content
    body = response.json()
    entry = IncomingEntry.objects.get(unit=cast.ldld)
    assert body["state"] == PacketState.ACCEPTED and body["entry"]["id"] == entry.pk
    assert (
        body["entry"]["number_symbol"] == "97-HD/BTGTU" and body["entry"]["url"] == entry.get_absolute_url()
    )
    assert entry.registered_by == cast.thu
    response = clerk.post(url, data=data, content_type="application/xml")
    assert response.status_code == 409
    assert response.json()["code"] == "packet_duplicate" and response.json()["entry"]["id"] == entry.pk
    changed = data.replace("tuyên truyền".encode(), "tuyên truyên".encode(), 1)
    response = clerk.post(url, data=changed, content_type="application/xml")
    assert response.status_code == 422
    problem = response.json()
    assert problem["code"] == "packet_signature_invalid" and "không hợp lệ" in problem["message"]
    response = clerk.post(url, data=b"", content_type="application/xml")
    assert response.status_code == 400 and response.json()["code"] == "invalid"
    response = clerk.post(url, data={"packet": "x"}, format="json")
    assert response.status_code == 400 and "application/xml" in response.json()["message"]
    response = clerk.post(url, data=b"<edXML", content_type="application/xml")
    assert response.status_code == 422 and response.json()["code"] == "packet_malformed"
    assert IncomingEntry.objects.count() == 1


def test_the_api_answers_a_documents_packet_to_the_issuers_clerk(issued, cast, organ_codes):
    url = f"/api/v1/documents/{issued.pk}/edxml/?to={organ_codes['ldld']}"
    for person in (cast.charlie, cast.lan, cast.thu):  # outsider, the issuer's drafter, another unit's clerk
        assert token_client(person).get(url).status_code == 404
    membership_grant(actor=None, user=cast.lan, unit=cast.btgtu, role=Role.CLERK)
    response = token_client(cast.lan).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/xml"
    read = packet.parse_packet(response.content)
    assert read.number_symbol == "97-HD/BTGTU" and read.to[0].organ_id == organ_codes["ldld"]
    admin = token_client(cast.admin)
    assert admin.get(f"/api/v1/documents/{issued.pk}/edxml/").status_code == 400
    assert admin.get(f"/api/v1/documents/{issued.pk}/edxml/?to=000.99.99.Z99").status_code == 400
    assert admin.get(f"/api/v1/documents/{issued.pk + 1000}/edxml/?to=x").status_code == 404


def test_the_demo_exchange_key_is_made_once(exchange_key, settings, tmp_path, capsys):
    settings.EXCHANGE_SIGNING_KEY = str(tmp_path / "k.pem")
    settings.EXCHANGE_SIGNING_CERT = str(tmp_path / "c.pem")
    call_command("exchange_demo_key")
    assert "Đã tạo khóa liên thông" in capsys.readouterr().out
    assert (tmp_path / "k.pem").stat().st_mode & 0o077 == 0  # the key is the owner's only
    call_command("exchange_demo_key")
    assert "bỏ qua" in capsys.readouterr().out
