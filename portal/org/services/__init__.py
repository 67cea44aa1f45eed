"""Writes to the organisation: each service is atomic and leaves an audit event.

- here         the unit tree (create, rename, update, move, close) and memberships (grant, title, revoke)
- people.py    people's accounts: add, update, the first-login or reset link, invitations after an import
- departments.py  a unit's departments (ban, phòng) and who works in which
- identifiers.py  a unit's electronic identifier codes (mã định danh điện tử) and their history
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import Signal

from portal.audit.services import event_record
from portal.lib.errors import Refused
from portal.lib.params import clean_name
from portal.org.access import administers
from portal.org.models import Department, Membership, Unit, UnitNameRecord
from portal.org.services.identifiers import identifiers_close_on_unit_closed

# Sent inside the closing transaction so other apps move open work to the successor
# (reporting moves open obligations). kwargs: unit, successor, on_date, actor.
unit_closed = Signal()


class UnitError(Refused):
    """A refused change to the organisation tree; the message is shown to the user."""

    code = "unit_refused"


@dataclass(frozen=True)
class UnitData:
    code: str
    name: str
    short_name: str
    kind: str
    regime: str
    parent_line: str = ""
    header_lines: str = ""
    place_name: str = ""
    email: str = ""
    active_from: dt.date | None = None
    active_to: dt.date | None = None


def _clean_names(name: str, short_name: str) -> tuple[str, str]:
    """NFC, trimmed, one space between words; bidi controls and control characters refused (UnitError)."""
    try:
        return clean_name(name, label="Tên đơn vị"), clean_name(short_name, label="Tên viết tắt")
    except ValidationError as exc:
        raise UnitError(exc.messages[0]) from None


def _check_sibling_name(*, parent: Unit | None, name: str, unit: Unit | None = None) -> None:
    """Two active units under one parent may not share a name (compared without regard to case): a unit
    renamed to its neighbour's exact name would pass for it in every picker, list and letter."""
    siblings = (
        Unit.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        if parent
        else Unit.objects.filter(depth=1)
    )
    clash = siblings.filter(name__iexact=name, active_to__isnull=True)
    if unit is not None:
        clash = clash.exclude(pk=unit.pk)
    if clash.exists():
        where = f"trong {parent.name}" if parent else "ở cấp cao nhất"
        raise UnitError(f"Đã có đơn vị tên «{name}» {where}; hãy đặt tên khác để không nhầm lẫn.")


def _apply(unit: Unit, data: UnitData) -> None:
    for field in (
        "code",
        "name",
        "short_name",
        "kind",
        "regime",
        "parent_line",
        "header_lines",
        "place_name",
        "email",
        "active_from",
        "active_to",
    ):
        setattr(unit, field, getattr(data, field))


@transaction.atomic
def unit_create(*, actor, data: UnitData, parent: Unit | None) -> Unit:
    """Add a unit under parent (or as a root). Refuses a duplicate code, a name another active unit under the
    same parent already has, and bidi or control characters in the names (which are stored NFC)."""
    name, short_name = _clean_names(data.name, data.short_name)
    data = replace(data, name=name, short_name=short_name)
    if Unit.objects.filter(code=data.code).exists():
        raise UnitError(f"Mã đơn vị «{data.code}» đã tồn tại.")
    _check_sibling_name(parent=parent, name=data.name)
    unit = Unit()
    _apply(unit, data)
    unit.full_clean(exclude=["path", "depth", "numchild"])
    unit = Unit.objects.add_child(parent, instance=unit) if parent else Unit.objects.add_root(instance=unit)
    event_record(
        actor=actor, action="unit.created", obj=unit, unit=unit, details={"parent": parent and parent.code}
    )
    return unit


@transaction.atomic
def unit_rename(*, actor, unit: Unit, name: str, short_name: str, on_date: dt.date) -> Unit:
    """Rename a unit, keeping the former name for the history of its documents.

    Refuses an empty name, bidi or control characters (names are stored NFC), and the name of another active
    unit under the same parent."""
    name, short_name = _clean_names(name, short_name)
    if not name or not short_name:
        raise UnitError("Tên và tên viết tắt không được để trống.")
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if (name, short_name) == (unit.name, unit.short_name):
        return unit
    _check_sibling_name(parent=unit.get_parent(), name=name, unit=unit)
    UnitNameRecord.objects.create(unit=unit, name=unit.name, short_name=unit.short_name, used_until=on_date)
    old = {"name": unit.name, "short_name": unit.short_name}
    unit.name, unit.short_name = name, short_name
    unit.save(update_fields=["name", "short_name"])
    event_record(
        actor=actor,
        action="unit.renamed",
        obj=unit,
        unit=unit,
        details={"from": old, "to": {"name": name, "short_name": short_name}, "on": on_date.isoformat()},
    )
    return unit


#: A letterhead holds a few short lines; more would not fit the header column anyway.
LETTERHEAD_MAX_LINES = 4


@transaction.atomic
def unit_set_letterhead(*, actor, unit: Unit, parent_line: str, header_lines: str) -> Unit:
    """Set how the unit heads its documents: the line of the body above it and its own name's lines as printed
    (each stored NFC, trimmed, upper case; empty lines dropped). Empty ``header_lines``: derived from the name.
    Refuses bidi or control characters and more than LETTERHEAD_MAX_LINES lines. Documents already issued keep the
    letterhead they were issued under."""
    try:
        parent = clean_name(parent_line, label="Tên cơ quan chủ quản").upper()
        lines = [
            clean_name(line, label="Tên cơ quan ban hành").upper()
            for line in (header_lines or "").replace("\r\n", "\n").split("\n")
            if line.strip()
        ]
    except ValidationError as exc:
        raise UnitError(exc.messages[0], field="header_lines") from None
    if len(lines) > LETTERHEAD_MAX_LINES:
        raise UnitError(
            f"Tên cơ quan ban hành in tối đa {LETTERHEAD_MAX_LINES} dòng; hãy viết gọn lại.",
            field="header_lines",
        )
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    old = {"parent_line": unit.parent_line, "header_lines": unit.header_lines}
    unit.parent_line, unit.header_lines = parent, "\n".join(lines)
    if old == {"parent_line": unit.parent_line, "header_lines": unit.header_lines}:
        return unit
    unit.full_clean(exclude=["path", "depth", "numchild"], validate_unique=False)
    unit.save(update_fields=["parent_line", "header_lines"])
    event_record(
        actor=actor,
        action="unit.letterhead_changed",
        obj=unit,
        unit=unit,
        details={"from": old, "to": {"parent_line": unit.parent_line, "header_lines": unit.header_lines}},
    )
    return unit


#: The fields of a unit the import (and any caller holding a UnitData) may bring up to date besides the names.
UPDATABLE_FIELDS = ("kind", "regime", "parent_line", "place_name", "email")


@transaction.atomic
def unit_update(*, actor, unit: Unit, data: UnitData, on_date: dt.date) -> list[str]:
    """Bring a unit's names and descriptive fields to data; returns the fields changed ([] when none).

    A new name or short name goes through unit_rename, so the former name is kept for the history of the unit's
    documents (and refused as unit_rename refuses); the other fields (UPDATABLE_FIELDS) are set together with one
    'unit.updated' event naming them. The code and the unit's place in the tree are not changed here."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    name, short_name = _clean_names(data.name, data.short_name)
    changed = [f for f, new in (("name", name), ("short_name", short_name)) if getattr(unit, f) != new]
    if changed:
        unit = unit_rename(actor=actor, unit=unit, name=name, short_name=short_name, on_date=on_date)
    fields = [f for f in UPDATABLE_FIELDS if getattr(unit, f) != getattr(data, f)]
    if fields:
        for f in fields:
            setattr(unit, f, getattr(data, f))
        try:
            unit.full_clean(exclude=["path", "depth", "numchild"])
        except ValidationError as exc:
            raise UnitError(" ".join(exc.messages)) from None
        unit.save(update_fields=fields)
        event_record(actor=actor, action="unit.updated", obj=unit, unit=unit, details={"fields": fields})
    return changed + fields


@transaction.atomic
def unit_move(*, actor, unit: Unit, parent: Unit) -> Unit:
    """Put unit (with its subtree) under parent and return it as it now is (its path changes); nothing happens
    when it is there already. Refuses parent being the unit itself or below it (a cycle in the tree)."""
    # Both read afresh: a path held by the caller may be stale after an earlier move in the same transaction.
    unit = Unit.objects.get(pk=unit.pk)
    parent = Unit.objects.get(pk=parent.pk)
    if unit.parent_path == parent.path:
        return unit
    if parent.path.startswith(unit.path):
        raise UnitError("Không thể chuyển một đơn vị vào dưới chính nó hoặc đơn vị cấp dưới của nó.")
    Unit.objects.move(unit, parent, pos="last-child")
    unit.refresh_from_db()
    event_record(actor=actor, action="unit.moved", obj=unit, unit=unit, details={"to": parent.code})
    return unit


@transaction.atomic
def unit_close(*, actor, unit: Unit, on_date: dt.date, successor: Unit | None = None) -> Unit:
    """End a unit on on_date. With a successor (a merger) its open obligations move there.

    Refuses a successor outside the actor's administration (portal.org.access.administers), the unit
    itself or one below it, and a successor closed on that day.

    The unit stays in the tree so everything it issued or reported stays readable.
    """
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if unit.active_to is not None and unit.active_to < on_date:
        raise UnitError(f"Đơn vị đã ngừng hoạt động từ {unit.active_to:%d/%m/%Y}.")
    if successor is not None:
        successor = Unit.objects.get(pk=successor.pk)
        # The closed unit's open obligations move to the successor: only a unit the actor administers
        # (its reach) may take them, never another province's grassroots union.
        if actor is not None and not administers(actor, successor):
            raise UnitError("Đơn vị kế thừa phải là một đơn vị thuộc phạm vi bạn quản trị.")
        if successor.pk == unit.pk:
            raise UnitError("Đơn vị kế thừa phải khác đơn vị bị sáp nhập.")
        if successor.path.startswith(unit.path):
            raise UnitError("Đơn vị kế thừa không thể là đơn vị cấp dưới của đơn vị bị sáp nhập.")
        if not successor.active_on(on_date):
            raise UnitError("Đơn vị kế thừa không còn hoạt động vào ngày sáp nhập.")
    unit.active_to = on_date
    unit.successor = successor
    unit.save(update_fields=["active_to", "successor"])
    # 2025 mergers: the merged unit's code closes on its last day; the successor keeps its own.
    identifiers_close_on_unit_closed(actor=actor, unit=unit, on_date=on_date)
    event_record(
        actor=actor,
        action="unit.merged" if successor else "unit.closed",
        obj=unit,
        unit=unit,
        details={"on": on_date.isoformat(), "successor": successor and successor.code},
    )
    unit_closed.send(sender=Unit, unit=unit, successor=successor, on_date=on_date, actor=actor)
    return unit


@transaction.atomic
def unit_move_children(*, actor, unit: Unit, new_parent: Unit) -> int:
    """Move every child of unit under new_parent (grassroots unions after a district federation ends)."""
    children = list(Unit.objects.get_children(unit))
    for child in children:
        child.refresh_from_db()
        Unit.objects.move(child, Unit.objects.get(pk=new_parent.pk), pos="last-child")
    if children:
        event_record(
            actor=actor,
            action="unit.children_moved",
            obj=unit,
            unit=unit,
            details={"to": new_parent.code, "count": len(children)},
        )
    return len(children)


@transaction.atomic
def membership_grant(*, actor, user, unit: Unit, role: str, title: str = "") -> Membership:
    membership, created = Membership.objects.get_or_create(
        user=user, unit=unit, role=role, defaults={"title": title}
    )
    if created:
        event_record(
            actor=actor,
            action="membership.granted",
            obj=membership,
            unit=unit,
            details={"user": user.get_username(), "role": role},
        )
    elif title:
        membership_title_set(actor=actor, membership=membership, title=title)
    return membership


@transaction.atomic
def membership_title_set(*, actor, membership: Membership, title: str) -> bool:
    """Set the title (chức vụ) the person holds with this role in the unit — printed under a signature and in
    letters — with a 'membership.title_changed' event holding before and after; False when it is already so."""
    title = title.strip()
    if membership.title == title:
        return False
    try:
        Membership._meta.get_field("title").clean(title, membership)  # its length, without a query
    except ValidationError as exc:
        raise UnitError(f"Chức vụ: {' '.join(exc.messages)}") from None
    old = membership.title
    membership.title = title
    membership.save(update_fields=["title"])
    event_record(
        actor=actor,
        action="membership.title_changed",
        obj=membership,
        unit=membership.unit,
        details={"user": membership.user.get_username(), "role": membership.role, "from": old, "to": title},
    )
    return True


@transaction.atomic
def membership_revoke(*, actor, membership: Membership) -> None:
    event_record(
        actor=actor,
        action="membership.revoked",
        obj=membership,
        unit=membership.unit,
        details={"user": membership.user.get_username(), "role": membership.role},
    )
    membership.delete()


def units_bulk_build(*, roots: Sequence[dict], batch_size: int = 5000) -> int:
    """Insert a whole forest with bulk INSERTs (national-scale demo and benchmark trees).

    Each node: UnitData fields plus "children" and optionally "departments", (code, name) pairs that become the
    unit's Department rows in that order. Paths are computed here with treebeard's
    own encoding, so the result is the same tree add_child() would have made, in
    O(n / batch_size) statements instead of O(n).
    """
    rows: list[Unit] = []
    departments: list[tuple[str, int, str, str]] = []  # (unit code, order, code, name)
    existing_roots = Unit.objects.get_root_nodes().count()

    def walk(nodes: Iterable[dict], parent_path: str, depth: int, start: int) -> int:
        count = 0
        for i, node in enumerate(nodes, start=start):
            path = Unit._get_path(parent_path, depth, i)
            children = node.get("children") or []
            rows.append(
                Unit(
                    path=path,
                    depth=depth,
                    numchild=len(children),
                    code=node["code"],
                    name=node["name"],
                    short_name=node["short_name"],
                    kind=node["kind"],
                    regime=node["regime"],
                    parent_line=node.get("parent_line", ""),
                    header_lines=node.get("header_lines", ""),
                    place_name=node.get("place_name", ""),
                    email=node.get("email", ""),
                )
            )
            for order, (dept_code, dept_name) in enumerate(node.get("departments") or (), start=1):
                departments.append((node["code"], order, dept_code, dept_name))
            count += 1
            count += walk(children, path, depth + 1, 1)
        return count

    total = walk(roots, "", 1, existing_roots + 1)
    with transaction.atomic():
        Unit.objects.bulk_create(rows, batch_size=batch_size)
        if departments:
            ids = dict(Unit.objects.filter(code__in={d[0] for d in departments}).values_list("code", "id"))
            Department.objects.bulk_create(
                [Department(unit_id=ids[u], code=c, name=n, order=o) for u, o, c, n in departments],
                batch_size=batch_size,
            )
    return total
