"""/api/v1/incoming/: Thu (clerk of LĐLĐ tỉnh) registers and routes over the API; Hùng (its leader) reads the
register; Mai (a drafter there) and Charlie (an outsider) are refused with the problem body, and nothing is
written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from directives.handling.models import IncomingEntry
from directives.handling.services import incoming
from tests.clients import token_client
from tests.handling.test_register import PDF, send

URL = "/api/v1/incoming/"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def test_the_clerk_registers_a_delivery_and_routes_it(cast):
    delivery = send(cast)
    api = token_client(cast.thu)
    waiting = api.get(f"{URL}awaiting/").json()
    assert [row["id"] for row in waiting["results"]] == [delivery.pk]
    assert waiting["results"][0]["number_symbol"] == delivery.document.number_symbol
    response = api.post(URL, {"delivery": delivery.pk}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["number"], body["number_label"], body["source"], body["state"]) == (
        1,
        "01",
        "portal",
        "registered",
    )
    assert body["document"] == delivery.document_id and body["sender_name"] == delivery.document.issuer_name
    assert api.get(f"{URL}awaiting/").json()["results"] == []
    routed = api.post(f"{URL}{body['id']}/route/", {"handler": cast.hung.pk}, format="json")
    assert routed.status_code == 200 and routed.json()["handler_name"] == "Nguyễn Mạnh Hùng"
    again = api.post(URL, {"delivery": delivery.pk}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "handling_already_registered"


def test_the_clerk_registers_a_paper_document_with_its_scan(cast):
    api = token_client(cast.thu)
    form = {
        "unit": cast.ldld.pk,
        "sender_name": "UBND tỉnh Bắc Giang",
        "subject": "V/v tổ chức Tháng Công nhân năm 2026",
        "arrived_at": (timezone.now() - dt.timedelta(hours=2)).isoformat(),
        "number_symbol": "12/UBND-KGVX",
        "doc_type": "Công văn",
        "pages": 2,
    }
    missing = api.post(URL, form, format="multipart")
    assert missing.status_code == 400 and missing.json()["fields"] == {
        "scan": ["Hãy đính kèm bản quét của văn bản giấy."]
    }
    bad = api.post(URL, {**form, "scan": SimpleUploadedFile("x.pdf", b"MZ")}, format="multipart")
    assert bad.status_code == 400 and bad.json()["code"] == "attachment_refused"
    assert not IncomingEntry.objects.exists()
    response = api.post(URL, {**form, "scan": SimpleUploadedFile("cv-12.pdf", PDF)}, format="multipart")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["source"], body["has_scan"], body["number"]) == ("paper", True, 1)
    scan = token_client(cast.hung).get(f"{URL}{body['id']}/scan/")
    assert scan.status_code == 200 and b"".join(scan.streaming_content) == PDF


def test_the_list_is_scoped_and_filtered(cast):
    incoming.entry_register_delivery(actor=cast.thu, delivery=send(cast))
    incoming.entry_register_delivery(actor=cast.thu, delivery=send(cast, subject="Kế hoạch tổ chức hội thi"))
    rows = token_client(cast.hung).get(URL).json()["results"]
    assert [r["number"] for r in rows] == [2, 1]
    assert [r["number"] for r in token_client(cast.thu).get(URL, {"q": "hoi thi"}).json()["results"]] == [2]
    assert token_client(cast.thu).get(URL, {"source": "paper"}).json()["results"] == []
    assert token_client(cast.charlie).get(URL).json()["results"] == []
    assert token_client(cast.mai).get(URL).json()["results"] == []
    assert token_client(cast.charlie).get(f"{URL}{rows[0]['id']}/").status_code == 404


@pytest.mark.parametrize(("who", "status"), [("mai", 403), ("charlie", 404)])
def test_others_are_refused_and_nothing_is_written(cast, who, status):
    delivery = send(cast)
    api = token_client(getattr(cast, who))
    response = api.post(URL, {"delivery": delivery.pk}, format="json")
    assert response.status_code == status
    assert set(response.json()) == {"code", "message", "fields"}
    paper = api.post(
        URL,
        {
            "unit": cast.ldld.pk,
            "sender_name": "UBND tỉnh",
            "subject": "Công văn",
            "arrived_at": timezone.now().isoformat(),
            "scan": SimpleUploadedFile("cv.pdf", PDF),
        },
        format="multipart",
    )
    assert paper.status_code == status
    assert not IncomingEntry.objects.exists()
    entry = incoming.entry_register_delivery(actor=cast.thu, delivery=delivery)
    assert api.post(f"{URL}{entry.pk}/route/", {"handler": cast.hung.pk}, format="json").status_code in (
        403,
        404,
    )
    entry.refresh_from_db()
    assert entry.handler is None


def test_the_sender_reads_the_incoming_number_over_the_api(cast):
    delivery = send(cast)
    before = token_client(cast.lan).get(f"/api/v1/documents/{delivery.document_id}/deliveries/").json()
    assert before["results"][0]["incoming_number"] is None
    entry = incoming.entry_register_delivery(actor=cast.thu, delivery=delivery)
    rows = (
        token_client(cast.lan).get(f"/api/v1/documents/{delivery.document_id}/deliveries/").json()["results"]
    )
    assert rows[0]["incoming_number"] == f"01/{entry.year}" and rows[0]["registered_at"]
    assert rows[0]["acknowledged_at"]
