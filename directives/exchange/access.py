"""Who may move packets in and out of the portal by hand (the commands need no person: they run as the operator).

- Exporting a document's packet (GET /api/v1/documents/<id>/edxml/): a clerk or unit administrator of the issuing
  unit, or a system administrator; the document must be issued.
- Importing a packet (POST /api/v1/exchange/packets/): a clerk or unit administrator of the unit the packet is
  addressed to (To/OrganId), or a system administrator. Who it is addressed to is only known once the packet is read,
  so the API asks ``can_import_any`` first (the person keeps some unit's register) and ``can_import_for`` after.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from portal.org.access import scope_for
from portal.org.models import Role, Unit

#: Roles of a unit that exchange packets on its behalf.
EXCHANGE_ROLES = (Role.CLERK, Role.UNIT_ADMIN)


def can_export(user, document) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    scope = scope_for(user)
    return scope.is_system_admin or scope.has_role(document.issuer_id, *EXCHANGE_ROLES)


def can_import_any(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    scope = scope_for(user)
    return scope.is_system_admin or bool(scope.unit_ids_with_role(*EXCHANGE_ROLES))


def can_import_for(user, unit: Unit) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    scope = scope_for(user)
    return scope.is_system_admin or scope.has_role(unit.pk, *EXCHANGE_ROLES)


def packet_unit_ids(user) -> list[int] | None:
    """The units whose packets the person reads on «Gói tin liên thông»: those where they are a clerk or the unit
    administrator; None for a system administrator (every unit). Anyone else is refused (403)."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied("Hãy đăng nhập.")
    scope = scope_for(user)
    if scope.is_system_admin:
        return None
    ids = scope.unit_ids_with_role(*EXCHANGE_ROLES)
    if not ids:
        raise PermissionDenied("Chỉ văn thư hoặc quản trị đơn vị xem được gói tin liên thông của đơn vị.")
    return list(ids)
