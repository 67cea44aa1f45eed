"""Reads of the exchange for the pages: what an entry registered from a hub packet came with."""

from __future__ import annotations

from dataclasses import dataclass, field

from directives.exchange import conf
from directives.exchange.models import Direction, Kind, Packet, PacketFile, PacketState


@dataclass
class EntryExchange:
    packet: Packet
    header: dict
    files: list[PacketFile] = field(default_factory=list)
    priority_label: str = ""
    pdf_ok: bool | None = None
    pdf_summary: str = ""


def entry_exchange(entry) -> EntryExchange | None:
    """The accepted document packet that registered ``entry`` with its header and files; None for an entry that did
    not come through the hub. Two queries."""
    record = (
        Packet.objects.filter(
            entry=entry, direction=Direction.IN, kind=Kind.DOCUMENT, state=PacketState.ACCEPTED
        )
        .exclude(business_type="recall")
        .order_by("created_at", "id")
        .first()
    )
    if record is None:
        return None
    header = record.header or {}
    signatures = record.pdf_signatures or {}
    return EntryExchange(
        packet=record,
        header=header,
        files=list(PacketFile.objects.filter(packet=record)),
        priority_label=conf.priority_labels().get(
            str(header.get("priority", "")), str(header.get("priority", ""))
        ),
        pdf_ok=signatures.get("ok") if signatures else None,
        pdf_summary=str(signatures.get("summary") or signatures.get("error") or ""),
    )


def entry_packet_file(entry, file_id: str) -> PacketFile | None:
    """One of the files ``entry`` came with; None for another entry's file or an id that is not a number."""
    if not str(file_id).isdigit():
        return None
    return PacketFile.objects.filter(pk=int(file_id), entry=entry).first()
