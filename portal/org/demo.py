"""Building the demo organisation and accounts from portal/org/demo_tree.py."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from portal.org.demo_tree import ACCOUNTS, HUB_UNITS, ORGAN_IDS, ORGAN_IDS_FROM, SUPERUSER, UNITS
from portal.org.models import Department, Membership, Unit, UnitIdentifier
from portal.org.services import units_bulk_build


def _tree(nodes: list[dict]) -> list[dict]:
    return [
        {**n, "place_name": n.get("place", ""), "children": _tree(n.get("children") or [])} for n in nodes
    ]


@transaction.atomic
def demo_org_build() -> int:
    """Insert the demo tree, its closures and successors (2025 reorganisation) and the accounts."""
    count = units_bulk_build(roots=_tree(UNITS))
    by_code = {u.code: u for u in Unit.objects.all()}
    stack = list(UNITS)
    while stack:
        node = stack.pop()
        stack.extend(node.get("children") or [])
        if node.get("active_to"):
            unit = by_code[node["code"]]
            unit.active_to = dt.date.fromisoformat(node["active_to"])
            unit.successor = by_code.get(node.get("successor") or "")
            unit.save(update_fields=["active_to", "successor"])
    _demo_identifiers(by_code)
    User = get_user_model()
    users = {}
    departments = {
        (d.unit_id, d.code): d
        for d in Department.objects.filter(unit__code__in={a["unit"] for a in ACCOUNTS})
    }
    for acc in ACCOUNTS:
        user = users.get(acc["username"])
        if user is None:
            user = User.objects.create_user(
                acc["username"], acc.get("email", ""), settings.DEMO_PASSWORD, first_name=acc["full_name"]
            )
            users[acc["username"]] = user
        unit = by_code[acc["unit"]]
        department = departments[(unit.pk, acc["department"])] if acc.get("department") else None
        Membership.objects.get_or_create(
            user=user,
            unit=unit,
            role=acc["role"],
            defaults={"title": acc.get("title", ""), "department": department},
        )
    if not User.objects.filter(username=SUPERUSER["username"]).exists():
        User.objects.create_superuser(
            SUPERUSER["username"],
            SUPERUSER["email"],
            settings.DEMO_PASSWORD,
            first_name=SUPERUSER["full_name"],
        )
    return count


def _demo_identifiers(by_code: dict[str, Unit]) -> None:
    """The demo units' identifier codes (a closed unit's closes on its last day) and the hub-reached units."""
    start = dt.date.fromisoformat(ORGAN_IDS_FROM)
    UnitIdentifier.objects.bulk_create(
        UnitIdentifier(
            unit=by_code[code],
            code=organ_id,
            valid_from=start,
            valid_to=by_code[code].active_to,
            note="Mã minh họa của bản demo",
        )
        for code, organ_id in ORGAN_IDS.items()
        if code in by_code
    )
    Unit.objects.filter(code__in=HUB_UNITS).update(exchange_hub=True)


def demo_accounts_table() -> list[tuple[str, str, str]]:
    """One row per person who can log in — (username, full name, roles) — the roles as "role, unit" joined by
    "; ": a person with two roles (bg.tgnc drafts and reports) is listed once, not once per role."""
    people: dict[str, tuple[str, list[str]]] = {}
    memberships = (
        Membership.objects.filter(user__is_active=True)
        .select_related("user", "unit")
        .order_by("unit__path", "role", "user__username")
    )
    for m in memberships:
        name, roles = people.setdefault(m.user.username, (m.user.get_full_name(), []))
        roles.append(f"{m.get_role_display()}, {m.unit.name}")
    rows = [(username, name, "; ".join(roles)) for username, (name, roles) in people.items()]
    rows.append((SUPERUSER["username"], SUPERUSER["full_name"], "Quản trị hệ thống (toàn bộ)"))
    return rows
