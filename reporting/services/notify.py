"""Notifying the members of units, through the one notification service."""

from __future__ import annotations

from collections.abc import Iterable

from portal.notifications.services import notify
from portal.org.models import Membership


def unit_role_user_ids(*, unit_ids: Iterable[int], roles: Iterable[str] | None) -> list[int]:
    qs = Membership.objects.filter(unit_id__in=list(unit_ids), user__is_active=True)
    if roles:
        qs = qs.filter(role__in=list(roles))
    return sorted(set(qs.values_list("user_id", flat=True)))


def notify_unit_roles(*, unit_ids: Iterable[int], roles: Iterable[str] | None, kind: str, title: str,
                      body: str = "", url: str = "", exclude_user_id: int | None = None) -> list[int]:
    """One notification per member (of the given roles) of the units; e-mailed after commit."""
    ids = [u for u in unit_role_user_ids(unit_ids=unit_ids, roles=roles) if u != exclude_user_id]
    return notify(user_ids=ids, kind=kind, title=title, body=body, url=url)
