"""Notifying the members of units, through the one notification service."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.urls import reverse

from portal.notifications.services import notify
from portal.org.models import Membership
from reporting.models import Obligation


def unit_role_user_ids(*, unit_ids: Iterable[int], roles: Iterable[str] | None) -> list[int]:
    qs = Membership.objects.filter(unit_id__in=list(unit_ids), user__is_active=True)
    if roles:
        qs = qs.filter(role__in=list(roles))
    return sorted(set(qs.values_list("user_id", flat=True)))


def notify_unit_roles(
    *,
    unit_ids: Iterable[int],
    roles: Iterable[str] | None,
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    exclude_user_id: int | None = None,
) -> list[int]:
    """One notification per member (of the given roles) of the units; e-mailed after commit."""
    ids = [u for u in unit_role_user_ids(unit_ids=unit_ids, roles=roles) if u != exclude_user_id]
    return notify(user_ids=ids, kind=kind, title=title, body=body, url=url)


def reminder_message(
    items: Sequence[tuple[Obligation, str]], *, today: dt.date, signed: str = ""
) -> tuple[str, str, str]:
    """The wording of a reminder, for the chase's digests and the dashboard's «Nhắc nhở» alike: (title, body,
    url). `items` are the person's pending obligations, each with how it stands ("còn 3 ngày đến hạn", "quá
    hạn 5 ngày"); one line each, the title naming a single one or counting them; `signed` closes the body
    with who reminded (the dashboard's unit). Each obligation needs its unit and requirement loaded."""
    lines = [
        f"- {ob.unit.name}: {ob.requirement.title} — {ob.period_label}, hạn nộp {ob.due_date:%d/%m/%Y} "
        f"({state})"
        for ob, state in items
    ]
    if len(items) == 1:
        ob, state = items[0]
        title = f"Nhắc báo cáo: {ob.requirement.title} — {ob.period_label} ({state})"
        url = reverse("reporting:report_detail", args=[ob.pk])
    else:
        overdue = sum(1 for ob, _ in items if ob.due_date < today)
        title = f"Nhắc báo cáo: {len(items)} báo cáo đang chờ" + (f", {overdue} quá hạn" if overdue else "")
        url = reverse("reporting:obligations")
    return title, "\n".join([*lines, signed] if signed else lines), url
