"""Refusals of the exchange: subclasses of the portal's one ``Refused`` (``portal.lib.errors``). A refused inbound
packet is recorded with its reason (state "refused") and answered with a status packet "refused"; nothing of it is
registered. The API answers them 422 (a packet the portal could read but will not take), 409 for a duplicate."""

from __future__ import annotations

from portal.lib.errors import Conflict, NotAllowed, Refused

__all__ = [
    "ExchangeRefused",
    "NotAllowed",
    "PacketDuplicate",
    "PacketMalformed",
    "PacketRecipientUnknown",
    "PacketSchemaInvalid",
    "PacketSignatureInvalid",
    "PacketTooLarge",
    "PacketUnsupported",
]


class ExchangeRefused(Refused):
    code = "exchange_refused"
    status = 422


class PacketMalformed(ExchangeRefused):
    """Not well-formed XML, or XML that is not an edXML packet."""

    code = "packet_malformed"


class PacketTooLarge(ExchangeRefused):
    """Larger than settings.EXCHANGE_MAX_PACKET_BYTES: refused before it is parsed."""

    code = "packet_too_large"
    status = 413


class PacketSchemaInvalid(ExchangeRefused):
    """Does not validate against the project's XSD (directives/exchange/schema/edxml.xsd)."""

    code = "packet_schema_invalid"


class PacketSignatureInvalid(ExchangeRefused):
    """The XML signature is missing, does not verify, or was made with a certificate the portal does not trust."""

    code = "packet_signature_invalid"


class PacketRecipientUnknown(ExchangeRefused):
    """To/OrganId names no unit of this portal."""

    code = "packet_recipient_unknown"


class PacketUnsupported(ExchangeRefused):
    """Readable, but asks for something the portal cannot do (an attachment kind it does not keep, a recall of a
    document it never registered)."""

    code = "packet_unsupported"


class PacketDuplicate(ExchangeRefused, Conflict):
    """The same packet (same key) was already received: nothing is registered twice."""

    code = "packet_duplicate"
    status = 409
