"""Writing audit events. Every service that changes state calls one of these."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.db import models

from portal.audit.models import Event

# One model per call: details_of is handed the caller's own model type (an Obligation's due_date, say).
M = TypeVar("M", bound=models.Model)


def _row(*, actor, action: str, obj: models.Model, unit, details: dict[str, Any] | None) -> Event:
    return Event(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        unit=unit,
        unit_path=getattr(unit, "path", "") or "",
        details=details or {},
    )


def event_record(
    *, actor, action: str, obj: models.Model, unit=None, details: dict[str, Any] | None = None
) -> Event:
    """Record one state change. Call inside the service's transaction so both land or neither."""
    event = _row(actor=actor, action=action, obj=obj, unit=unit, details=details)
    event.save()
    return event


def events_record_bulk(
    *,
    actor,
    action: str,
    items: Iterable[tuple[M, Any]],
    details: dict[str, Any] | None = None,
    details_of: Callable[[M], dict[str, Any]] | None = None,
) -> int:
    """Record the same action on many objects in one INSERT (fan-out writes and set-based sweeps).

    details is shared by every row; details_of(obj), when given, gives each row its own (it wins over details)."""
    rows = [
        _row(actor=actor, action=action, obj=o, unit=u, details=details_of(o) if details_of else details)
        for (o, u) in items
    ]
    Event.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
