"""The structured editor's form: flat indexed fields ⇄ DraftContent.

Body nodes travel as a flat list with a depth (1–4), so add / remove / move / indent /
outdent are list operations that work with or without JavaScript; the tree is rebuilt
from depths on save. Each kind of row (sections "node-3-…", recipients "rcp-", tasks "task-", reporting duties
"req-", citations "cite-") is read by a formset of directives/editor_forms.py whose rows are the indices posted
(the page posts no management form, and a removed row leaves a gap). Units are chosen with the unit picker
(portal/org/picker.py): the chosen ids arrive as ``<field>`` values, a name typed and not chosen as
``<field>_q``, looked up here within the issuer's reach; a name that matches nothing (or several units)
is refused and kept in its box with the reason.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import QueryDict
from django.urls import reverse

from directives import access
from directives.content import Section, Signature, authority_of
from directives.editor_forms import CitationRows, RecipientRows, RequirementRows, SectionRows, TaskRows
from directives.models import DocType, Document, Frequency, Purpose, RelationKind, Selection
from directives.sanitize import html_to_text
from directives.services.compose import CitationLine, DraftContent, RecipientLine, RequirementLine, TaskLine
from portal.lib.datefields import parse_vn_date
from portal.lib.params import is_count
from portal.org.models import Unit, UnitKind
from portal.org.picker import (
    UnitNotFound,
    chosen_ids,
    picker_context,
    tree_options,
    unit_options_of,
    units_resolve_typed,
)

MAX_DEPTH = 4


class FieldError(str):
    """A refusal's message that knows the form field it is about ("node-3-text"), so the page can show it
    beside that field as well as in the summary; a plain ``str`` in ``errors`` concerns the whole form."""

    field: str

    def __new__(cls, message: str, field: str = ""):
        error = super().__new__(cls, message)
        error.field = field
        return error


@dataclass
class EditorState:
    content: DraftContent
    nodes: list[dict]  # flat: {"depth", "heading", "text", "footnotes", "tasks_here"}
    errors: list[str] = field(default_factory=list)
    #: The form's row index of each line of the content ("recipients": [0, 2] when row 1 was empty), so a
    #: refusal about "recipients.1.label" points at the field the person typed in; None once the rows were
    #: rearranged and the page is drawn again from the content (then rows and lines match one to one).
    rows: dict[str, list[int]] | None = None
    #: The row or button an add / remove / move button leaves the person at (an anchor of the page).
    focus: str = ""
    #: Names typed in a unit picker and not found, with the reason, shown again in their box: keyed by id() of
    #: the recipient / task / requirement line (lines move when one is added or removed above them) and the
    #: picker ("unit", "units", "to", "via").
    typed: dict[tuple[int, str], tuple[str, str]] = field(default_factory=dict)

    def field_name(self, path: str | None) -> str:
        """The form field of a service refusal's ``field`` ("body.2.text" → "node-2-text")."""
        parts = (path or "").split(".")
        if len(parts) != 3 or parts[0] not in ROW_PREFIX or not is_count(parts[1]):
            return path if path in TOP_FIELDS else ""
        position = int(parts[1])
        rows = (self.rows or {}).get(parts[0])
        row = rows[position] if rows is not None and position < len(rows) else position
        return f"{ROW_PREFIX[parts[0]]}-{row}-{parts[2]}"

    def refuse(self, message: str, path: str | None = None) -> None:
        self.errors.append(FieldError(message, self.field_name(path)))


#: The content's lists and the form's row prefixes; the form's top-level fields keep the content's names.
ROW_PREFIX = {"body": "node", "recipients": "rcp", "tasks": "task", "requirements": "req"}
TOP_FIELDS = {
    "subject",
    "department",
    "place",
    "opening",
    "closing",
    "signer_authority_body",
    "signer_title",
    "signer_name",
    "bases",
    "doc_type",
}
#: Anchors of the rows and add buttons, where a structural button leaves the person.
ANCHORS = {"node": "muc", "task": "nhiem-vu", "req": "bao-cao", "rcp": "noi-nhan"}
ADD_ANCHORS = {"node": "them-muc", "task": "them-nhiem-vu", "req": "them-bao-cao", "rcp": "them-noi-nhan"}


def flatten(nodes: Sequence[Section | dict], depth: int = 1) -> list[dict]:
    """The body's sections as the page's rows, in reading order, each with its depth (1 = Mục)."""
    flat = []
    for node in nodes or []:
        section = node if isinstance(node, Section) else Section.from_dict(node)
        flat.append(
            {
                "depth": depth,
                "heading": section.heading,
                "text": html_to_text(section.text),
                "footnotes": "\n".join(section.footnotes),
                "tasks_here": section.tasks_here,
            }
        )
        flat.extend(flatten(section.children, depth + 1))
    return flat


def build_tree(flat: list[dict]) -> list[Section | dict]:
    """The page's rows as the body's sections: a row deeper than the one before is its item (one level at a
    time, at most MAX_DEPTH)."""
    root: list[tuple[dict, list]] = []
    stack: list[tuple[int, list]] = [(0, root)]
    for item in flat:
        depth = max(1, min(MAX_DEPTH, int(item.get("depth", 1))))
        while stack and stack[-1][0] >= depth:
            stack.pop()
        parent_depth, siblings = stack[-1]
        depth = min(depth, parent_depth + 1)
        children: list = []
        siblings.append((item, children))
        stack.append((depth, children))
    return list(_sections(root))


def _sections(rows: list[tuple[dict, list]]) -> tuple[Section, ...]:
    return tuple(
        Section(
            heading=item.get("heading", ""),
            text=item.get("text", ""),
            footnotes=tuple(f for f in str(item.get("footnotes", "")).splitlines() if f.strip()),
            tasks_here=bool(item.get("tasks_here")),
            children=_sections(children),
        )
        for item, children in rows
    )


def _indices(post: QueryDict, prefix: str) -> list[int]:
    found = set()
    for key in post:
        if key.startswith(prefix + "-"):
            part = key[len(prefix) + 1 :].split("-", 1)[0]
            if is_count(part):
                found.add(int(part))
    return sorted(found)


def _date(value: str, errors: list[str], label: str, name: str = "") -> dt.date | None:
    try:
        return parse_vn_date(value)  # dd/mm/yyyy, whatever the browser's language (portal/lib/datefields.py)
    except ValueError as exc:
        errors.append(FieldError(f"{label}: {exc}", name))
        return None


class _UnitFields:
    """The unit pickers of one posted editor form, resolved within the issuer's reach: chosen ids in one
    query, typed names one by one (they are rare: a person without JavaScript, or a name not chosen)."""

    def __init__(self, post: QueryDict, reach: QuerySet[Unit], names: list[str], errors: list[str]):
        self.post, self.reach, self.errors = post, reach, errors
        wanted = {i for n in names for i in chosen_ids(post.getlist(n))}
        #: The chosen units within reach, with their names (a recipient line left without a label prints its
        #: unit's name): one query for the whole form.
        self.names: dict[int, str] = (
            dict(reach.filter(pk__in=wanted).values_list("pk", "name")) if wanted else {}
        )
        self.known = set(self.names)

    def get(self, name: str, where: str, *, multiple: bool) -> tuple[list[int], str, str]:
        """(unit ids, the typed text to show again, its error) of the picker posted as ``name``. A value that
        is not an id (an older form's unit code) is looked up like a typed name."""
        values = [v.strip() for v in self.post.getlist(name) if v.strip()]
        ids = chosen_ids(values)
        typed = "; ".join([v for v in values if not is_count(v)] + [self.post.get(f"{name}_q", "").strip()])
        typed = typed.strip("; ")
        error = ""
        if any(i not in self.known for i in ids):
            error = f"{where}: đơn vị đã chọn không thuộc phạm vi gửi văn bản của đơn vị ban hành."
            ids = [i for i in ids if i in self.known]
        if typed:
            try:
                found = units_resolve_typed(self.reach, typed, multiple=multiple)
            except UnitNotFound as exc:
                error = f"{where}: {exc.message}"
            else:
                self.names.update((u.pk, u.name) for u in found)
                ids, typed = list(dict.fromkeys([*ids, *(u.pk for u in found)])), ""
        if not multiple and len(ids) > 1:
            error = f"{where}: chỉ chọn một đơn vị (bỏ chọn đơn vị cũ trước)."
            ids = ids[-1:]
        if error:
            self.errors.append(FieldError(error, f"{name}_q"))
        return ids, typed, error


def parse(post: QueryDict, *, reach: QuerySet[Unit] | None = None) -> EditorState:
    """The posted editor form as draft content. ``reach``: the units the issuer may name (the unit pickers'
    scope); all units when not given, for callers whose service checks the reach itself."""
    errors: list[str] = []
    typed: dict[tuple[int, str], tuple[str, str]] = {}
    rcp_idx, task_idx, req_idx = _indices(post, "rcp"), _indices(post, "task"), _indices(post, "req")
    units = _UnitFields(
        post,
        reach if reach is not None else Unit.objects.all(),
        [f"rcp-{i}-unit" for i in rcp_idx]
        + [f"task-{i}-units" for i in task_idx]
        + [f"req-{i}-{w}" for i in req_idx for w in ("to", "via")],
        errors,
    )

    # The row formsets' fields take any text (the draft save cleans it and refuses what it must, naming the
    # field), so is_valid() only runs the fields' cleaning and cannot fail.
    sections = SectionRows(post, prefix="node", indices=_indices(post, "node"))
    sections.is_valid()
    nodes = [form.row() for form in sections.forms]
    recipients, rcp_rows = [], []
    rcp_forms = RecipientRows(post, prefix="rcp", indices=rcp_idx)
    rcp_forms.is_valid()
    for i, form in zip(rcp_idx, rcp_forms.forms, strict=True):
        row = form.cleaned_data
        label = row["label"].strip()
        selection = row["selection"]
        ids, pending, pending_error = units.get(f"rcp-{i}-unit", f"Nơi nhận dòng {i + 1}", multiple=False)
        uid = ids[0] if ids else None
        if not label and not uid and not pending:
            continue
        if selection not in Selection.values:
            selection = Selection.UNIT
        if selection != Selection.NONE and not uid and not pending and row["purpose"] != Purpose.LUU:
            errors.append(
                FieldError(
                    f"Nơi nhận dòng {i + 1} («{label}»): chọn đơn vị nhận, hoặc chọn «Chỉ ghi tên».",
                    f"rcp-{i}-unit_q",
                )
            )
        kind = row["kind"].strip()
        if kind and kind not in UnitKind.values:
            errors.append(
                FieldError(
                    f"Nơi nhận dòng {i + 1}: không có loại đơn vị «{kind}»; hãy chọn một loại "
                    "trong danh sách.",
                    f"rcp-{i}-kind",
                )
            )
            kind = ""
        elif selection == Selection.KIND_BELOW and not kind:
            errors.append(
                FieldError(
                    f"Nơi nhận dòng {i + 1}: phạm vi «{Selection.KIND_BELOW.label}» cần chọn loại đơn vị.",
                    f"rcp-{i}-kind",
                )
            )
        purpose = row["purpose"]
        line = RecipientLine(
            label=label or (units.names.get(uid, "") if uid else ""),
            purpose=purpose if purpose in Purpose.values else Purpose.THUC_HIEN,
            selection=selection,
            unit_id=uid,
            kind=kind,
            in_kinh_gui=row["kinh_gui"],
        )
        if pending:
            typed[(id(line), "unit")] = (pending, pending_error)
        recipients.append(line)
        rcp_rows.append(i)
    tasks = []
    task_rows = TaskRows(post, prefix="task", indices=task_idx)
    task_rows.is_valid()
    for i, form in zip(task_idx, task_rows.forms, strict=True):
        ids, pending, pending_error = units.get(f"task-{i}-units", f"Nhiệm vụ {i + 1}", multiple=True)
        row = form.cleaned_data
        line = TaskLine(
            title=row["title"],
            text=row["text"],
            unit_ids=ids,
            due_date=_date(row["due"], errors, f"Nhiệm vụ {i + 1}", f"task-{i}-due"),
        )
        if pending:
            typed[(id(line), "units")] = (pending, pending_error)
        tasks.append(line)
    requirements, req_rows = [], []
    req_forms = RequirementRows(post, prefix="req", indices=req_idx)
    req_forms.is_valid()
    for i, form in zip(req_idx, req_forms.forms, strict=True):
        row = form.cleaned_data
        freq = row["frequency"]
        if freq not in Frequency.values:
            if row["title"].strip():
                errors.append(FieldError(f"Chế độ báo cáo {i + 1}: chọn kỳ báo cáo.", f"req-{i}-frequency"))
            continue  # a line just added and not filled in yet
        due = _date(row["due"], errors, f"Chế độ báo cáo {i + 1}", f"req-{i}-due")
        if freq in (Frequency.ONCE, Frequency.ADHOC) and not due:
            errors.append(
                FieldError(
                    f"Chế độ báo cáo {i + 1}: báo cáo một lần hoặc đột xuất cần hạn nộp.", f"req-{i}-due"
                )
            )
        to_ids, to_typed, to_error = units.get(
            f"req-{i}-to", f"Chế độ báo cáo {i + 1} (gửi về)", multiple=False
        )
        via_ids, via_typed, via_error = units.get(
            f"req-{i}-via", f"Chế độ báo cáo {i + 1} (qua)", multiple=False
        )
        if not to_ids and not to_typed:
            errors.append(FieldError(f"Chế độ báo cáo {i + 1}: chọn đơn vị nhận báo cáo.", f"req-{i}-to_q"))
        days = row["days"].strip()
        line = RequirementLine(
            title=row["title"],
            frequency=freq,
            to_unit_id=to_ids[0] if to_ids else 0,
            via_unit_id=via_ids[0] if via_ids else None,
            due_date=due,
            deadline_working_days=int(days) if is_count(days) else None,
            as_written=row["as_written"],
            parent_id=int(row["parent"]) if is_count(row["parent"]) else None,
            lead_days=int(row["lead"]) if is_count(row["lead"]) else 0,
            ends_on=_date(row["ends"], errors, f"Chế độ báo cáo {i + 1} (đến hết ngày)", f"req-{i}-ends"),
        )
        for key, text, error in (("to", to_typed, to_error), ("via", via_typed, via_error)):
            if text:
                typed[(id(line), key)] = (text, error)
        requirements.append(line)
        req_rows.append(i)
    cited = CitationRows(post, prefix="cite", indices=_indices(post, "cite"))
    cited.is_valid()
    citations = [
        CitationLine(target_id=target, kind=kind)
        for target, kind in filter(None, (form.line() for form in cited.forms))
    ]
    doc_type = post.get("doc_type", "")
    if doc_type not in DocType.values:
        errors.append(FieldError("Chọn loại văn bản.", "doc_type"))
        doc_type = "CV"
    content = DraftContent(
        doc_type=doc_type,
        subject=post.get("subject", ""),
        department=post.get("department", ""),
        place=post.get("place", ""),
        bases=[b for b in post.get("bases", "").splitlines() if b.strip()],
        opening=post.get("opening", ""),
        body=build_tree(nodes),
        body_numbering=post.get("body_numbering", "roman"),
        closing=post.get("closing", ""),
        signature=Signature(
            authority=authority_of(post.get("signer_authority", "")),
            authority_body=post.get("signer_authority_body", ""),
            title=post.get("signer_title", ""),
            name=post.get("signer_name", ""),
        ),
        recipients=recipients,
        tasks=tasks,
        requirements=requirements,
        citations=citations,
    )
    rows = {
        "body": _indices(post, "node"),
        "recipients": rcp_rows,
        "tasks": task_idx,
        "requirements": req_rows,
    }
    return EditorState(content=content, nodes=nodes, errors=errors, rows=rows, typed=typed)


def apply_action(state: EditorState, action: str) -> None:
    """Structural edits named by the button pressed: add_node, del_node-3, up-3, indent-3 …

    Sets ``state.focus`` to the anchor of the row the person is working on afterwards (the added or moved
    row; after a removal the row before it, or the add button), so the page comes back there.
    """
    name, _, arg = action.partition("-")
    i = int(arg) if is_count(arg) else -1
    nodes, c = state.nodes, state.content
    focus: tuple[str, int] | None = None
    if name == "add_node":
        nodes.append({"depth": 1, "heading": "", "text": "", "footnotes": "", "tasks_here": False})
        focus = ("node", len(nodes) - 1)
    elif name == "add_item" and 0 <= i < len(nodes):
        nodes.insert(
            i + 1,
            {
                "depth": min(MAX_DEPTH, nodes[i]["depth"] + 1),
                "heading": "",
                "text": "",
                "footnotes": "",
                "tasks_here": False,
            },
        )
        focus = ("node", i + 1)
    elif name == "del_node" and 0 <= i < len(nodes):
        nodes.pop(i)
        focus = ("node", i - 1)
    elif name == "up" and 0 < i < len(nodes):
        nodes[i - 1], nodes[i] = nodes[i], nodes[i - 1]
        focus = ("node", i - 1)
    elif name == "down" and 0 <= i < len(nodes) - 1:
        nodes[i + 1], nodes[i] = nodes[i], nodes[i + 1]
        focus = ("node", i + 1)
    elif name == "indent" and 0 < i < len(nodes):
        nodes[i]["depth"] = min(MAX_DEPTH, nodes[i]["depth"] + 1, nodes[i - 1]["depth"] + 1)
        focus = ("node", i)
    elif name == "outdent" and 0 <= i < len(nodes):
        nodes[i]["depth"] = max(1, nodes[i]["depth"] - 1)
        focus = ("node", i)
    elif name == "add_rcp":
        c.recipients.append(RecipientLine(label=""))
        focus = ("rcp", len(c.recipients) - 1)
    elif name == "del_rcp" and 0 <= i < len(c.recipients):
        c.recipients.pop(i)
        focus = ("rcp", i - 1)
    elif name == "add_task":
        c.tasks.append(TaskLine(title="", text=""))
        focus = ("task", len(c.tasks) - 1)
    elif name == "del_task" and 0 <= i < len(c.tasks):
        c.tasks.pop(i)
        focus = ("task", i - 1)
    elif name == "add_req":
        c.requirements.append(
            RequirementLine(title="", frequency="", to_unit_id=0)
        )  # "gửi về" defaults to the issuer
        focus = ("req", len(c.requirements) - 1)
    elif name == "del_req" and 0 <= i < len(c.requirements):
        c.requirements.pop(i)
        focus = ("req", i - 1)
    elif name == "del_cite" and 0 <= i < len(c.citations):
        c.citations.pop(i)
        state.focus = "trich-dan"
    c.body = build_tree(nodes)
    state.rows = None  # the page is drawn again from the content: rows and lines now match one to one
    if focus:
        kind, row = focus
        state.focus = f"{ANCHORS[kind]}-{row + 1}" if row >= 0 else ADD_ANCHORS[kind]


def savable(content: DraftContent) -> DraftContent:
    """The content without the lines just added and not filled in yet (a reporting duty needs its period
    and receiver before it can be kept); the page still shows them for the person to fill in."""
    return dataclasses.replace(
        content, requirements=[q for q in content.requirements if q.frequency and q.to_unit_id]
    )


def unit_pickers(
    document: Document, content: DraftContent, typed: dict[tuple[int, str], tuple[str, str]] | None = None
) -> dict:
    """The unit pickers of the editor (org/_unit_picker.html), one per recipient, task and requirement line:
    the chosen units by name, a name typed and not found with its reason, and the list of units below the
    issuer and the units it addresses. A fixed number of queries, whatever the number of lines."""
    typed = typed or {}
    issuer = document.issuer
    reach = access.units_in_reach(issuer)
    url = reverse("directives:unit_lookup", args=[document.pk])
    ids = (
        {r.unit_id for r in content.recipients if r.unit_id}
        | {u for t in content.tasks for u in t.unit_ids}
        | {q.to_unit_id for q in content.requirements if q.to_unit_id}
        | {q.via_unit_id for q in content.requirements if q.via_unit_id}
        | {issuer.pk}
    )
    options = {o.id: o for o in unit_options_of(list(Unit.objects.filter(pk__in=ids).order_by("path")))}
    tree, left_out = tree_options(reach, [issuer, *issuer.addressees.order_by("path")])

    def picker(
        line,
        key: str,
        name: str,
        html_id: str,
        label: str,
        chosen: list[int],
        *,
        multiple=False,
        with_tree=False,
    ) -> dict:
        text, error = typed.get((id(line), key), ("", ""))
        return picker_context(
            name=name,
            html_id=html_id,
            url=url,
            label=label,
            typed=text,
            error=error,
            chosen=[options[u] for u in chosen if u in options],
            multiple=multiple,
            tree=tree if with_tree else [],
            tree_left_out=left_out if with_tree else 0,
        )

    return {
        "recipients": [
            picker(
                r,
                "unit",
                f"rcp-{i}-unit",
                f"r{i}unit",
                "Đơn vị nhận",
                [r.unit_id] if r.unit_id else [],
                with_tree=True,
            )
            for i, r in enumerate(content.recipients)
        ],
        "tasks": [
            picker(
                t,
                "units",
                f"task-{i}-units",
                f"t{i}units",
                "Giao cho đơn vị",
                t.unit_ids,
                multiple=True,
                with_tree=True,
            )
            for i, t in enumerate(content.tasks)
        ],
        "to": [
            picker(
                q, "to", f"req-{i}-to", f"q{i}to", "Gửi về (đơn vị nhận báo cáo)", [q.to_unit_id or issuer.pk]
            )
            for i, q in enumerate(content.requirements)
        ],
        "via": [
            picker(
                q, "via", f"req-{i}-via", f"q{i}via", "Qua (nếu có)", [q.via_unit_id] if q.via_unit_id else []
            )
            for i, q in enumerate(content.requirements)
        ],
    }


def editor_context(
    document: Document,
    content: DraftContent,
    nodes: list[dict] | None = None,
    focus: str = "",
    typed: dict[tuple[int, str], tuple[str, str]] | None = None,
) -> dict:
    """What the editor template needs, with the unit pickers' units resolved in a fixed number of queries.

    ``focus`` ("muc-3", "them-nhiem-vu") becomes ``focus_anchor`` and ``focus_row`` (1-based, 0 for a button):
    the template puts ``autofocus`` on that row's first field or on that button.
    """
    anchor, _, row = focus.rpartition("-")
    focus_anchor, focus_row = (anchor, int(row)) if is_count(row) else (focus, 0)
    pickers = unit_pickers(document, content, typed)
    targets = {
        d.pk: d
        for d in Document.objects.filter(pk__in=[c.target_id for c in content.citations]).select_related(
            "issuer"
        )
    }
    return {
        "content": content,
        "nodes": nodes if nodes is not None else flatten(content.body),
        "recipients": [
            {"line": r, "picker": p} for r, p in zip(content.recipients, pickers["recipients"], strict=True)
        ],
        "tasks": [{"line": t, "picker": p} for t, p in zip(content.tasks, pickers["tasks"], strict=True)],
        "requirements": [
            {"line": q, "to_picker": to, "via_picker": via}
            for q, to, via in zip(content.requirements, pickers["to"], pickers["via"], strict=True)
        ],
        "unit_kinds": UnitKind.choices,
        "citations": [{"line": c, "target": targets.get(c.target_id)} for c in content.citations],
        "bases_text": "\n".join(content.bases),
        "opening_text": html_to_text(content.opening),
        "closing_text": html_to_text(content.closing),
        "doc_types": DocType.choices,
        "purposes": Purpose.choices,
        "selections": Selection.choices,
        "frequencies": Frequency.choices,
        "relation_kinds": RelationKind.choices,
        "focus_anchor": focus_anchor,
        "focus_row": focus_row,
    }
