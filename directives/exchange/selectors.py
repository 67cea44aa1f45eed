"""Reads of the exchange for the pages: what an entry registered from a hub packet came with."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from directives.exchange import conf
from directives.exchange.models import Direction, Kind, Packet, PacketFile, PacketState
from portal.org.models import UnitIdentifier


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


#: «Gói tin liên thông»'s filters: direction and state, by the words in the page's address.
DIRECTIONS = {"di": Direction.OUT, "den": Direction.IN}


def packets_of_units(unit_ids: list[int] | None, *, direction: str = "", state: str = ""):
    """The packets that concern the units (None: all): sent for their documents or as their answers, received for
    them (registered, refused or repeated — a refused packet is matched by the codes the units hold or held),
    and the status packets about their deliveries; newest first, with what a row shows (one query)."""
    qs = Packet.objects.select_related("document", "entry", "delivery__unit", "delivery__document")
    if unit_ids is not None:
        codes = UnitIdentifier.objects.filter(unit_id__in=unit_ids).values("code")
        qs = qs.filter(
            Q(document__issuer_id__in=unit_ids)
            | Q(entry__unit_id__in=unit_ids)
            | Q(delivery__document__issuer_id__in=unit_ids)
            | Q(direction=Direction.IN, entry__isnull=True, to_organ__in=codes)
        )
    if direction in DIRECTIONS:
        qs = qs.filter(direction=DIRECTIONS[direction])
    if state in PacketState.values:
        qs = qs.filter(state=state)
    return qs.order_by("-created_at", "-id")
