"""A unit's electronic identifier codes (mã định danh điện tử): set a new one, close one (issue 18 item 1).

The code addresses the unit on the national exchange hub (edXML From/To OrganId). Its history is kept:
a unit that changes code closes the old one the day before the new one starts, and after the 2025
mergers (STANDARDS.md §7, §10) the unit that carries on keeps its code while the merged units' codes
close on the merge day (:func:`identifiers_close_on_unit_closed`, called by ``unit_close``).

Each service is atomic, writes one audit event and refuses (``IdentifierRefused``, ``IdentifierNotAllowed``)
with nothing written. ``actor=None`` is the system (the demo loader, the unit import, tests).
"""

from __future__ import annotations

import datetime as dt

from django.db import connection, transaction
from django.db.models import Q

from portal.audit.services import event_record
from portal.lib.errors import NotAllowed, Refused
from portal.org.access import administers
from portal.org.identifiers import organ_id_pattern
from portal.org.models import Unit, UnitIdentifier


class IdentifierRefused(Refused):
    """A refused change to a unit's identifier codes; the message is shown beside the field it names."""

    code = "identifier_refused"


class IdentifierNotAllowed(NotAllowed):
    code = "identifier_not_allowed"


def _check_admin(actor, unit: Unit) -> None:
    if actor is not None and not administers(actor, unit):
        raise IdentifierNotAllowed("Chỉ quản trị của đơn vị được đặt mã định danh điện tử của đơn vị.")


def clean_organ_id(code: str) -> str:
    """The code as stored (trimmed, upper case); refuses an empty or ill-formed one (settings.ORGAN_ID_PATTERN)."""
    code = (code or "").strip().upper()
    if not code:
        raise IdentifierRefused("Hãy nhập mã định danh điện tử của đơn vị.", field="code")
    if len(code) > 64 or not organ_id_pattern().match(code):
        raise IdentifierRefused(
            f"Mã định danh «{code[:64]}» không đúng dạng (ví dụ: 000.00.12.H10).",
            field="code",
        )
    return code


def _overlapping(code: str, start: dt.date, end: dt.date | None) -> Q:
    """Records of ``code`` whose validity meets [start, end] (end None: open)."""
    meets = Q(code=code) & (Q(valid_to__isnull=True) | Q(valid_to__gte=start))
    if end is not None:
        meets &= Q(valid_from__lte=end)
    return meets


@transaction.atomic
def unit_identifier_set(
    *, actor, unit: Unit, code: str, valid_from: dt.date, note: str = ""
) -> UnitIdentifier:
    """Give ``unit`` the code ``code`` from ``valid_from``; its open code closes the day before.

    Setting the code the unit already holds open is a no-op that returns that record. Refuses: an actor
    who does not administer the unit, an empty or ill-formed code, a start on or before the current code's
    start, a code held by another unit over an overlapping period.
    """
    _check_admin(actor, unit)
    code = clean_organ_id(code)
    if valid_from is None:
        raise IdentifierRefused("Hãy nhập ngày mã bắt đầu có hiệu lực.", field="valid_from")
    # One writer at a time per code and per unit: the overlap check and the write must see the same rows. Two
    # units given the same new code at once have no row to lock yet, hence the transaction lock on the code.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", ["organ-id:" + code])
    # SQLite (the embedded default) has one writer at a time: the transaction itself serialises them.
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    current = UnitIdentifier.objects.select_for_update().filter(unit=unit, valid_to__isnull=True).first()
    if current is not None and current.code == code:
        return current
    if current is not None and valid_from <= current.valid_from:
        raise IdentifierRefused(
            f"Ngày bắt đầu phải sau ngày mã hiện tại «{current.code}» có hiệu lực ({current.valid_from:%d/%m/%Y}).",
            field="valid_from",
        )
    clash = (
        UnitIdentifier.objects.select_for_update()
        .filter(_overlapping(code, valid_from, None))
        .exclude(unit=unit)
        .select_related("unit")
        .first()
    )
    if clash is not None:
        until = f"đến {clash.valid_to:%d/%m/%Y}" if clash.valid_to else "đến nay"
        raise IdentifierRefused(
            f"Mã «{code}» đang là mã của {clash.unit.name} (từ {clash.valid_from:%d/%m/%Y} {until}).",
            field="code",
        )
    closed = None
    if current is not None:
        current.valid_to = valid_from - dt.timedelta(days=1)
        current.save(update_fields=["valid_to"])
        closed = current.code
    record = UnitIdentifier(unit=unit, code=code, valid_from=valid_from, note=(note or "").strip()[:255])
    record.full_clean()
    record.save()
    event_record(
        actor=actor,
        action="unit.identifier_set",
        obj=unit,
        unit=unit,
        details={"code": code, "valid_from": valid_from.isoformat(), "closed": closed},
    )
    return record


@transaction.atomic
def unit_identifier_close(*, actor, identifier: UnitIdentifier, valid_to: dt.date) -> UnitIdentifier:
    """Close ``identifier`` on ``valid_to`` (its last valid day). Refuses a day before it started, or a record
    already closed earlier."""
    identifier = UnitIdentifier.objects.select_for_update().select_related("unit").get(pk=identifier.pk)
    _check_admin(actor, identifier.unit)
    return _close(actor=actor, identifier=identifier, valid_to=valid_to)


def _close(*, actor, identifier: UnitIdentifier, valid_to: dt.date) -> UnitIdentifier:
    if valid_to < identifier.valid_from:
        raise IdentifierRefused(
            f"Ngày hết hiệu lực không thể trước ngày mã có hiệu lực ({identifier.valid_from:%d/%m/%Y}).",
            field="valid_to",
        )
    if identifier.valid_to is not None and identifier.valid_to <= valid_to:
        return identifier
    identifier.valid_to = valid_to
    identifier.save(update_fields=["valid_to"])
    event_record(
        actor=actor,
        action="unit.identifier_closed",
        obj=identifier.unit,
        unit=identifier.unit,
        details={"code": identifier.code, "valid_to": valid_to.isoformat()},
    )
    return identifier


def identifiers_close_on_unit_closed(*, actor, unit: Unit, on_date: dt.date) -> None:
    """The closed (or merged) unit's open code closes on its last day; the successor keeps its own code.

    Called inside ``unit_close``'s transaction: the caller decided the actor may close the unit. A code that
    starts after the closing day closes on its first day (it never served).
    """
    open_codes = UnitIdentifier.objects.select_for_update().select_related("unit")
    for identifier in open_codes.filter(unit=unit, valid_to__isnull=True):
        _close(actor=actor, identifier=identifier, valid_to=max(on_date, identifier.valid_from))


@transaction.atomic
def unit_exchange_hub_set(*, actor, unit: Unit, reached: bool) -> bool:
    """Mark ``unit`` as reached through the national exchange hub (or hosted here again); True when it changed.

    A unit reached through the hub receives what is issued to it as an edXML packet addressed to its code.
    """
    _check_admin(actor, unit)
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if unit.exchange_hub == reached:
        return False
    unit.exchange_hub = reached
    unit.save(update_fields=["exchange_hub"])
    event_record(
        actor=actor, action="unit.exchange_hub_set", obj=unit, unit=unit, details={"reached": reached}
    )
    return True
