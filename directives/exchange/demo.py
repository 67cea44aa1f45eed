"""The exchange in the demo (issue 18): a ministry's document arrives at LĐLĐ tỉnh Bắc Giang through the national
hub — a packet in the shape of the public samples (a .doc inside a zip), signed by this instance's demo exchange key
as the hub's stand-in, received as the hub's packets are (``packet_receive``). The entry appears in the unit's
incoming register with «Nhận qua trục liên thông» on its page.

Built where the demo signs its documents (signing required and the demo PKI on: the embedded default); the tests
turn signing off, so the demo they build stays as quick as before and has no packet.
"""

from __future__ import annotations

import base64
import io
import logging
import zipfile
from pathlib import Path

from directives.exchange import packet
from directives.exchange.demo_trail import demo_trail_build
from directives.exchange.errors import ExchangeRefused
from directives.exchange.models import Packet
from directives.exchange.services.receive import packet_receive
from portal.org.models import Unit
from portal.signing import conf as signing_conf

log = logging.getLogger(__name__)

SAMPLE = Path(__file__).resolve().parent / "demo_samples" / "bo-noi-vu-1234.xml"
#: What the ministry's .doc holds in the demo: an OLE2 header and a line of text (a stand-in, not a Word file).
DOC_BYTES = (
    bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 504 + "Công văn 1234/BNV-CCVC (bản minh họa)".encode()
)


def demo_packet(to_organ: str) -> bytes:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("1234-BNV-CCVC.doc", DOC_BYTES)
    text = SAMPLE.read_text(encoding="utf-8")
    text = text.replace("{TO_ORGAN}", to_organ).replace(
        "{ATTACHMENT}", base64.b64encode(archive.getvalue()).decode("ascii")
    )
    return packet.sign_packet(text.encode("utf-8"))


def demo_exchange_build(*, unit: Unit | None = None, force: bool = False) -> Packet | None:
    """Receive the ministry's packet into ``unit``'s register (default LĐLĐ tỉnh Bắc Giang, bg-ldld), then answer the
    demo's packets to hub units with their status trail; None when the demo signs nothing (the tests), the unit has
    no identifier code, or the packet was refused (logged)."""
    if not force and not (signing_conf.required() and signing_conf.demo_pki()):
        return None
    record = _ministry_packet_receive(unit)
    # The other way: the demo's document to a unit reached through the hub gets that unit's answers (helper E).
    demo_trail_build()
    return record


def _ministry_packet_receive(unit: Unit | None) -> Packet | None:
    unit = unit or Unit.objects.filter(code="bg-ldld").first()
    if unit is None:
        return None
    organ = packet.organ_id_for(unit)
    if not organ:
        return None
    try:
        return packet_receive(demo_packet(organ), via="folder")
    except ExchangeRefused as refusal:
        log.warning("the demo's hub packet was refused: %s", refusal.message)
        return None
