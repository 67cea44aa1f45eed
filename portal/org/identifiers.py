"""Reads of units' electronic identifier codes (mã định danh điện tử, issue 18; STANDARDS.md §7, §10).

A code is valid over [valid_from, valid_to]; a unit has at most one open code. After the 2025 mergers
the merged units' codes closed on the merge day: a packet still addressed to one of them reaches the unit
that carries on (``Unit.successor``, followed to the end of the chain).
"""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from portal.org.models import Unit, UnitIdentifier

# Followed successor links at most (a merged unit's successor merged again, …); guards a cycle in bad data.
MAX_SUCCESSOR_HOPS = 16


def organ_id_pattern() -> re.Pattern[str]:
    """The accepted form of a code: settings.ORGAN_ID_PATTERN (the exact national format is unconfirmed)."""
    return re.compile(settings.ORGAN_ID_PATTERN)


def _valid_on(day: dt.date) -> Q:
    return Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))


def organ_id_for(unit: Unit, on: dt.date | None = None) -> str:
    """The unit's code valid on ``on`` (today by default); "" when it has none then."""
    day = on or timezone.localdate()
    code = (
        UnitIdentifier.objects.filter(_valid_on(day), unit=unit)
        .order_by("-valid_from")
        .values_list("code", flat=True)
        .first()
    )
    return code or ""


def unit_for_organ_id(code: str, on: dt.date | None = None) -> Unit | None:
    """The unit addressed by ``code`` on ``on`` (today by default), None when the code is unknown.

    The code's holder on that day, else its latest holder before it; a closed or merged holder resolves
    through ``Unit.successor`` to the unit that carries on. A code never valid by ``on`` is unknown.
    """
    day = on or timezone.localdate()
    code = (code or "").strip()
    if not code:
        return None
    records = list(UnitIdentifier.objects.filter(code=code, valid_from__lte=day).select_related("unit"))
    if not records:
        return None
    current = [record for record in records if record.valid_on(day)]
    # Not valid that day: the holder whose code closed last (NULLs sort differently per database: in Python).
    record = current[0] if current else max(records, key=lambda r: (r.valid_to or dt.date.max, r.valid_from))
    unit = record.unit
    follow = not current  # a closed code: its holder merged (or closed) into its successor
    for _ in range(MAX_SUCCESSOR_HOPS):
        if unit.successor_id is None or not (follow or not unit.active_on(day)):
            break
        unit = Unit.objects.get(pk=unit.successor_id)
        follow = False
    return unit


def unit_identifiers(unit: Unit) -> QuerySet[UnitIdentifier]:
    """The unit's codes, the newest first (the history shown on its administration page)."""
    return UnitIdentifier.objects.filter(unit=unit).order_by("-valid_from", "-id")


def current_organ_ids(units) -> dict[int, str]:
    """unit id → code valid today, for a page or API listing several units (one query)."""
    day = timezone.localdate()
    rows = UnitIdentifier.objects.filter(_valid_on(day), unit__in=units).values_list("unit_id", "code")
    return dict(rows)


def with_current_organ_id(units: QuerySet[Unit]) -> QuerySet[Unit]:
    """``units`` with each unit's code valid today prefetched (``unit.current_identifiers``): one more query for
    the whole list, read by :func:`current_organ_id`."""
    today = timezone.localdate()
    return units.prefetch_related(
        Prefetch(
            "identifiers",
            queryset=UnitIdentifier.objects.filter(_valid_on(today)).order_by("-valid_from"),
            to_attr="current_identifiers",
        )
    )


def current_organ_id(unit: Unit) -> str:
    """The unit's code valid today, from :func:`with_current_organ_id`'s prefetch when there is one."""
    rows = getattr(unit, "current_identifiers", None)
    if rows is None:
        return organ_id_for(unit)
    return rows[0].code if rows else ""
