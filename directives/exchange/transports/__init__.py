"""Transports behind one interface (base.Transport): the folder drop and the HTTP client to the hub.

``get_transport()`` builds the one the settings name: EXCHANGE_TRANSPORT "folder" (EXCHANGE_FOLDER_OUT,
EXCHANGE_FOLDER_IN) or "http" (EXCHANGE_HUB_URL, EXCHANGE_HUB_TOKEN, EXCHANGE_HUB_TIMEOUT). The HTTP client asks
the hub for the packets of the organisations hosted here: EXCHANGE_ORGAN_IDS when set, else every open identifier
code of a unit that is not itself reached through the hub.
"""

from __future__ import annotations

from django.conf import settings

from directives.exchange.transports.base import Sent, Transport, TransportError, TransportRefused, key_name
from directives.exchange.transports.folder import FolderTransport
from directives.exchange.transports.http import HttpTransport
from portal.org import models as org_models

__all__ = [
    "FolderTransport",
    "HttpTransport",
    "Sent",
    "Transport",
    "TransportError",
    "TransportRefused",
    "get_transport",
    "hosted_organ_ids",
    "key_name",
]


def hosted_organ_ids() -> list[str]:
    """The OrganIds this instance answers for (the hub keeps their packets for us)."""
    configured = getattr(settings, "EXCHANGE_ORGAN_IDS", None)
    if configured:
        return list(configured)
    return sorted(
        set(
            org_models.UnitIdentifier.objects.filter(
                valid_to__isnull=True, unit__exchange_hub=False
            ).values_list("code", flat=True)
        )
    )


def get_transport() -> Transport:
    kind = getattr(settings, "EXCHANGE_TRANSPORT", "folder")
    if kind == "http":
        return HttpTransport(
            getattr(settings, "EXCHANGE_HUB_URL", ""),
            getattr(settings, "EXCHANGE_HUB_TOKEN", ""),
            organ_ids=hosted_organ_ids(),
            timeout=float(getattr(settings, "EXCHANGE_HUB_TIMEOUT", 10)),
        )
    if kind == "folder":
        return FolderTransport(settings.EXCHANGE_FOLDER_OUT, settings.EXCHANGE_FOLDER_IN)
    raise TransportError(f"EXCHANGE_TRANSPORT không hợp lệ: {kind!r} (folder hoặc http).")
