"""The exchange through the API: a packet in, a document's packet out (issue 18).

- ``POST /api/v1/exchange/packets/`` — the raw packet as the body (``application/xml``): 201 with the entry it
  registered (or, for a status packet, the packet recorded); 409 ``packet_duplicate`` naming the entry that already
  holds it; 422 with the problem body for a packet refused (malformed, schema, signature, unknown recipient …),
  413 when too large. A clerk or unit administrator of the unit the packet is addressed to, or a system
  administrator.
- ``GET /api/v1/documents/<id>/edxml/?to=<OrganId>`` — the signed packet of an issued document for that
  recipient; a clerk or unit administrator of the issuing unit, or a system administrator.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, parsers
from rest_framework.response import Response
from rest_framework.views import APIView

from directives.exchange import access, conf, packet
from directives.exchange.errors import NotAllowed, PacketDuplicate, PacketTooLarge
from directives.exchange.models import Packet
from directives.exchange.services.receive import packet_receive
from directives.models import Document


class RawPacketParser(parsers.BaseParser):
    """The body as bytes, bounded by EXCHANGE_MAX_PACKET_BYTES (read one byte past it, no more)."""

    media_type = "*/*"

    def parse(self, stream, media_type=None, parser_context=None):
        limit = conf.max_packet_bytes()
        return stream.read(limit + 1) if stream is not None else b""


def _entry_json(record: Packet) -> dict | None:
    entry = record.entry
    if entry is None:
        return None
    return {
        "id": entry.pk,
        "unit": entry.unit_id,
        "number": entry.number,
        "year": entry.year,
        "number_symbol": entry.number_symbol,
        "state": entry.state,
        "url": entry.get_absolute_url(),
    }


def _packet_json(record: Packet) -> dict:
    return {
        "id": record.pk,
        "kind": record.kind,
        "state": record.state,
        "document_id": record.edxml_id,
        "from_organ": record.from_organ,
        "to_organ": record.to_organ,
        "business_type": record.business_type,
        "status_code": record.status_code,
        "refusal_reason": record.refusal_reason,
        "pdf_signatures_ok": record.pdf_signatures.get("ok") if record.pdf_signatures else None,
        "entry": _entry_json(record),
    }


class PacketReceiveView(APIView):
    parser_classes = [RawPacketParser]

    @extend_schema(
        request={"application/xml": OpenApiTypes.BINARY},
        responses={201: OpenApiTypes.OBJECT, 409: OpenApiTypes.OBJECT, 422: OpenApiTypes.OBJECT},
        summary="Nhận một gói tin edXML (văn bản hoặc trạng thái)",
    )
    def post(self, request):
        if not access.can_import_any(request.user):
            raise NotAllowed("Chỉ văn thư hoặc quản trị đơn vị được nhập gói tin liên thông.")
        media = (request.content_type or "").split(";")[0].strip().lower()
        if media in ("application/json", "multipart/form-data", "application/x-www-form-urlencoded"):
            # Not a packet at all: a request to send the packet as the body (400), not a packet refused (422).
            raise exceptions.ValidationError(
                {"packet": ["Hãy gửi gói tin edXML trong thân yêu cầu (Content-Type: application/xml)."]}
            )
        data = request.data
        if not isinstance(data, bytes | bytearray) or not data:
            raise exceptions.ValidationError({"packet": ["Hãy gửi gói tin edXML trong thân yêu cầu."]})
        if len(data) > conf.max_packet_bytes():
            raise PacketTooLarge(
                f"Gói tin vượt quá giới hạn {conf.max_packet_bytes():,} byte.".replace(",", ".")
            )
        try:
            record = packet_receive(bytes(data), via="api", actor=request.user)
        except PacketDuplicate as refusal:
            body = refusal.body()
            held = getattr(refusal, "held", None)
            body["entry"] = _entry_json(held) if held is not None else None
            return Response(body, status=refusal.status)
        return Response(_packet_json(record), status=201)


class DocumentPacketView(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("to", str, description="Mã định danh (OrganId) của nơi nhận", required=True)
        ],
        responses={(200, "application/xml"): OpenApiTypes.BINARY},
        summary="Gói tin edXML đã ký của một văn bản đã ban hành",
    )
    def get(self, request, document_id: int):
        document = Document.objects.filter(pk=document_id, is_external=False).select_related("issuer").first()
        if document is None or not document.is_issued:
            raise Http404
        if not access.can_export(request.user, document):
            # Only the issuing unit's clerks and administrators: nobody else learns more than «not found».
            raise Http404
        to = (request.query_params.get("to") or "").strip()
        if not to:
            raise exceptions.ValidationError({"to": ["Hãy ghi mã định danh của nơi nhận (?to=…)."]})
        to_unit = packet.unit_for_organ_id(to)
        if to_unit is None:
            raise exceptions.ValidationError({"to": [f"Không có đơn vị nào mang mã định danh «{to}»."]})
        data = packet.build_document_packet(document, to_unit=to_unit)
        name = f"{document.number_symbol.replace('/', '_')}-{to}.xml"
        response = HttpResponse(data, content_type="application/xml")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
