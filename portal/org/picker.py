"""Choosing units — and people — by name: the reads behind every picker (recipients, tasks, successor,
dashboards, requests; a person to add to a unit).

A picker is always given the queryset of units the person may choose *in that place* — the caller's
access helper decides it (the issuer's reach, the led subtree, the units the admin sees); nothing here
widens it. Names are matched without diacritics ("yen the" finds "Yên Thế"), every word of the query
must occur in the name or short name, or the query is part of the code. Each answer costs two queries
(the units, then their parents' names to tell apart units that share a name), whatever the size of the
tree.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.http import HttpResponse

from portal.lib.search import Folded, fold
from portal.org.models import Membership, Unit

OPTION_LIMIT = 20
TREE_LIMIT = 50
MAX_WORDS = 10


@dataclass(frozen=True)
class UnitOption:
    """One unit as a picker shows it: its name, and what tells it apart (kind, parent)."""

    id: int
    name: str
    detail: str
    has_children: bool
    depth: int = 0
    open: bool = False  # in a tree list: its children are listed under it already

    def as_json(self) -> dict:
        return {"id": self.id, "name": self.name, "detail": self.detail, "has_children": self.has_children}


class UnitNotFound(ValueError):
    """A typed name that matches no unit, or several: the message says which and what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def units_matching(units: QuerySet[Unit], query: str) -> QuerySet[Unit]:
    """Units of ``units`` whose folded name or short name holds every folded word of the query, or whose
    code contains it."""
    words = fold(query).split()[:MAX_WORDS]
    if not words:
        return units.none()
    by_name = Q()
    for word in words:
        by_name &= Q(picker_name__contains=word) | Q(picker_short__contains=word)
    code = query.strip().lower().replace(" ", "-")
    return units.alias(picker_name=Folded("name"), picker_short=Folded("short_name")).filter(
        by_name | Q(code__icontains=code)
    )


def unit_options_of(units: list[Unit], depth_from: int | None = None) -> list[UnitOption]:
    """The units as options, each with its kind and parent's name (one query for the parents)."""
    parent_paths = {u.parent_path for u in units if u.depth > 1}
    parents = (
        dict(Unit.objects.filter(path__in=parent_paths).values_list("path", "name")) if parent_paths else {}
    )
    options = []
    for u in units:
        detail = u.get_kind_display()
        if u.parent_path in parents:
            detail += f" · thuộc {parents[u.parent_path]}"
        if u.active_to is not None:
            detail += " · ngừng hoạt động"
        options.append(
            UnitOption(
                id=u.pk,
                name=u.name,
                detail=detail,
                has_children=u.numchild > 0,
                depth=(u.depth - depth_from) if depth_from is not None else 0,
            )
        )
    return options


def unit_options(
    units: QuerySet[Unit], *, query: str = "", parent: Unit | None = None, limit: int = OPTION_LIMIT
) -> tuple[list[UnitOption], bool]:
    """Options for a typed query, or the children of ``parent`` (browsing the tree), within ``units``;
    in tree order, at most ``limit``, and whether there were more."""
    if parent is not None:
        found = units.filter(path__startswith=parent.path, depth=parent.depth + 1)
    else:
        found = units_matching(units, query)
    rows = list(found.order_by("path")[: limit + 1])
    return unit_options_of(rows[:limit]), len(rows) > limit


def _describe(units: list[Unit]) -> str:
    options = unit_options_of(units)
    return "; ".join(f"{o.name} ({o.detail})" for o in options)


def unit_resolve(units: QuerySet[Unit], text: str) -> Unit:
    """The one unit of ``units`` a typed name (or code) means, or UnitNotFound saying why.

    An exact name (without diacritics) or code wins; otherwise the query must match exactly one unit.
    """
    text = re.sub(r"\s+", " ", text or "").strip()
    folded = fold(text)
    exact = list(
        units.alias(picker_name=Folded("name"))
        .filter(Q(picker_name=folded) | Q(code__iexact=text))
        .order_by("path")[:6]
    )
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        raise UnitNotFound(
            f"Có {len(exact) if len(exact) < 6 else 'nhiều'} đơn vị cùng tên «{text}»: "
            f"{_describe(exact[:5])}. Hãy chọn đúng đơn vị trong danh sách gợi ý."
        )
    found = list(units_matching(units, text).order_by("path")[:6])
    if len(found) == 1:
        return found[0]
    if not found:
        raise UnitNotFound(
            f"Không tìm thấy đơn vị «{text}» trong các đơn vị được chọn ở đây. "
            "Hãy gõ tên đơn vị (không cần dấu) rồi chọn trong danh sách gợi ý."
        )
    more = " và các đơn vị khác" if len(found) > 5 else ""
    raise UnitNotFound(
        f"«{text}» khớp với nhiều đơn vị: {_describe(found[:5])}{more}. "
        "Hãy gõ rõ hơn hoặc chọn trong danh sách gợi ý."
    )


def units_resolve_typed(units: QuerySet[Unit], text: str, *, multiple: bool) -> list[Unit]:
    """Units meant by a typed text. With ``multiple``, names may be separated by ";" or "," — the whole
    text is tried first, since a name may itself hold a comma. Refuses (UnitNotFound) naming every part
    that matched nothing or several units."""
    text = (text or "").strip()
    if not text:
        return []
    try:
        return [unit_resolve(units, text)]
    except UnitNotFound as whole:
        parts = [p.strip() for p in re.split(r"[;,\n]", text) if p.strip()]
        if not multiple or len(parts) < 2:
            raise whole
    found, errors = [], []
    for part in parts:
        try:
            found.append(unit_resolve(units, part))
        except UnitNotFound as exc:
            errors.append(exc.message)
    if errors:
        raise UnitNotFound(" ".join(errors))
    return found


# <, > and & as JSON escapes (as Django's json_script): the answer is still plain JSON, and a unit named with
# markup never appears as markup in it, whatever reads it.
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _json(data: dict) -> HttpResponse:
    return HttpResponse(
        json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES), content_type="application/json"
    )


def chosen_ids(values) -> list[int]:
    """The unit ids posted by a picker's boxes (anything else is ignored), in order, without repeats."""
    return list(dict.fromkeys(int(v) for v in values if str(v).strip().isdigit()))


def picker_json(units: QuerySet[Unit], params) -> HttpResponse:
    """The picker endpoint's answer: ``?q=`` a typed name, or ``?cha=<id>`` the children of a unit, both
    within ``units``. A parent outside ``units`` answers nothing, as if it had no children."""
    parent = None
    parent_id = str(params.get("cha", "")).strip()
    if parent_id.isdigit():
        parent = units.filter(pk=int(parent_id)).first()
        if parent is None:
            return _json({"results": [], "more": False, "message": "Không có đơn vị trực thuộc."})
    query = str(params.get("q", ""))[:200]
    if parent is None and len(fold(query)) < 2:
        return _json({"results": [], "more": False, "message": "Gõ ít nhất 2 chữ của tên đơn vị."})
    options, more = unit_options(units, query=query, parent=parent)
    message = ""
    if not options:
        message = (
            "Không có đơn vị trực thuộc."
            if parent
            else f"Không tìm thấy đơn vị nào có tên «{query.strip()}»."
        )
    elif more:
        message = f"Chỉ hiện {len(options)} đơn vị đầu tiên; gõ thêm chữ để thu hẹp."
    return _json({"results": [o.as_json() for o in options], "more": more, "message": message})


def tree_options(
    units: QuerySet[Unit], roots: list[Unit], *, limit: int = TREE_LIMIT
) -> tuple[list[UnitOption], int]:
    """The list a picker shows to choose from the tree (and without JavaScript): each root that may be chosen
    followed by its children, or — a root that may not be chosen, such as the requesting unit itself — its
    children alone; at most ``limit`` children per root, only units of ``units``; and how many were left out.
    Two queries plus one per root (the roots are few: an issuer and the units it addresses)."""
    chosen_roots = set(units.filter(pk__in=[r.pk for r in roots]).values_list("pk", flat=True))
    rows: list[tuple[Unit, int]] = []
    left_out = 0
    for root in roots:
        children = list(
            units.filter(path__startswith=root.path, depth=root.depth + 1).order_by("path")[: limit + 1]
        )
        if root.pk in chosen_roots:
            rows.append((root, 0))
        rows.extend((child, 1 if root.pk in chosen_roots else 0) for child in children[:limit])
        if len(children) > limit:
            left_out += root.numchild - limit
    options = unit_options_of([u for u, _ in rows])
    return [
        dataclasses.replace(o, depth=depth, open=o.id in chosen_roots)
        for o, (_, depth) in zip(options, rows, strict=True)
    ], left_out


# --- people ---------------------------------------------------------------------------------------------------


def people_matching(people: QuerySet, query: str) -> QuerySet:
    """People of ``people`` whose folded full name holds every folded word of the query, or whose user name
    contains it."""
    words = fold(query).split()[:MAX_WORDS]
    if not words:
        return people.none()
    by_name = Q()
    for word in words:
        by_name &= Q(picker_first__contains=word) | Q(picker_last__contains=word)
    return people.alias(picker_first=Folded("first_name"), picker_last=Folded("last_name")).filter(
        by_name | Q(username__icontains=query.strip())
    )


def person_options_of(people: list) -> list[UnitOption]:
    """People as picker options: the name, and the user name with the first roles held (one query)."""
    roles: dict[int, list[str]] = {}
    for m in (
        Membership.objects.filter(user__in=[p.pk for p in people])
        .select_related("unit")
        .order_by("unit__path", "role")
    ):
        roles.setdefault(m.user_id, []).append(f"{m.get_role_display()}, {m.unit.name}")
    options = []
    for person in people:
        held = roles.get(person.pk, [])
        detail = " · ".join([person.get_username(), *held[:2]]) + (" …" if len(held) > 2 else "")
        options.append(
            UnitOption(
                id=person.pk,
                name=person.get_full_name() or person.get_username(),
                detail=detail,
                has_children=False,
            )
        )
    return options


def person_resolve(people: QuerySet, text: str):
    """The one person of ``people`` a typed name (or user name) means, or UnitNotFound saying why."""
    text = re.sub(r"\s+", " ", text or "").strip()
    exact = list(people.filter(username__iexact=text)[:2]) or list(
        people.alias(picker_full=Folded("first_name")).filter(picker_full=fold(text)).order_by("username")[:6]
    )
    found = exact or list(people_matching(people, text).order_by("username")[:6])
    if len(found) == 1:
        return found[0]
    if not found:
        raise UnitNotFound(
            f"Không tìm thấy người «{text}» trong những người được chọn ở đây. "
            "Hãy gõ họ tên (không cần dấu) hoặc tên đăng nhập rồi chọn trong danh sách gợi ý."
        )
    described = "; ".join(f"{o.name} ({o.detail})" for o in person_options_of(found[:5]))
    raise UnitNotFound(
        f"«{text}» khớp với nhiều người: {described}. Hãy chọn đúng người trong danh sách gợi ý."
    )


def people_picker_json(people: QuerySet, params) -> HttpResponse:
    """The person picker endpoint's answer to ``?q=`` within ``people``."""
    query = str(params.get("q", ""))[:200]
    if len(fold(query)) < 2:
        return _json({"results": [], "more": False, "message": "Gõ ít nhất 2 chữ của họ tên."})
    rows = list(people_matching(people, query).order_by("first_name", "username")[: OPTION_LIMIT + 1])
    options = person_options_of(rows[:OPTION_LIMIT])
    message = (
        f"Không tìm thấy ai có tên «{query.strip()}»."
        if not options
        else (
            f"Chỉ hiện {len(options)} người đầu tiên; gõ thêm chữ để thu hẹp."
            if len(rows) > OPTION_LIMIT
            else ""
        )
    )
    return _json(
        {"results": [o.as_json() for o in options], "more": len(rows) > OPTION_LIMIT, "message": message}
    )


def people_in_units(units: QuerySet[Unit]) -> QuerySet:
    """Active people holding a role in one of ``units`` (the scope of a person picker)."""
    return get_user_model().objects.filter(is_active=True, memberships__unit__in=units).distinct()


NOUNS = {
    "unit": {
        "noun": "đơn vị",
        "list": "Đơn vị phù hợp",
        "example": "Gõ tên đơn vị, ví dụ: Yên Thế",
        "help": "Gõ tên đơn vị (không cần dấu) rồi chọn trong danh sách.",
        "help_many": "Gõ tên đơn vị (không cần dấu) rồi chọn trong danh sách; có thể chọn nhiều đơn vị.",
    },
    "person": {
        "noun": "người",
        "list": "Người phù hợp",
        "example": "Gõ họ tên, ví dụ: Nguyễn Văn Hạnh",
        "help": "Gõ họ tên (không cần dấu) hoặc tên đăng nhập rồi chọn trong danh sách.",
        "help_many": "Gõ họ tên (không cần dấu) rồi chọn trong danh sách; có thể chọn nhiều người.",
    },
}


def picker_context(
    *,
    name: str,
    html_id: str,
    url: str,
    label: str = "",
    chosen: list[UnitOption] = (),
    typed: str = "",
    error: str = "",
    multiple: bool = False,
    tree: list[UnitOption] = (),
    tree_left_out: int = 0,
    help_text: str = "",
    placeholder: str = "",
    of: str = "unit",
) -> dict:
    """What ``org/_unit_picker.html`` needs. ``name`` carries the chosen ids, ``name + "_q"`` the typed text;
    ``of``: "unit" or "person", for the words the picker uses."""
    chosen = list(chosen)
    words = NOUNS[of]
    return {
        "name": name,
        "id": html_id,
        "url": url,
        "label": label,
        "multiple": multiple,
        "chosen": chosen,
        "chosen_ids": {u.id for u in chosen},
        "chosen_label": f"{label or words['noun'].capitalize()} — đã chọn",
        "typed": typed,
        "error": error,
        "noun": words["noun"],
        "list_label": words["list"],
        "help": help_text or (words["help_many"] if multiple else words["help"]),
        "placeholder": placeholder or words["example"],
        "tree": list(tree),
        "tree_left_out": tree_left_out,
        "tree_label": "Chọn trong danh sách đơn vị",
    }
