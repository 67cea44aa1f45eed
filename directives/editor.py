"""The structured editor's form: flat indexed fields ⇄ DraftContent.

Body nodes travel as a flat list with a depth (1–4), so add / remove / move / indent /
outdent are list operations that work with or without JavaScript; the tree is rebuilt
from depths on save. Units are typed by their code (the picker fills "code — name").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.http import QueryDict

from directives.models import DocType, Document, Purpose, RelationKind, Selection
from directives.sanitize import html_to_text
from directives.services.compose import CitationLine, DraftContent, RecipientLine, RequirementLine, TaskLine
from portal.org.models import Unit
from reporting.models import Frequency

MAX_DEPTH = 4


@dataclass
class EditorState:
    content: DraftContent
    nodes: list[dict]          # flat: {"depth", "heading", "text", "footnotes", "tasks_here"}
    errors: list[str] = field(default_factory=list)


def flatten(nodes: list[dict], depth: int = 1) -> list[dict]:
    flat = []
    for n in nodes or []:
        flat.append({"depth": depth, "heading": n.get("heading", ""), "text": html_to_text(n.get("text", "")),
                     "footnotes": "\n".join(n.get("footnotes", [])), "tasks_here": n.get("tasks_here", False)})
        flat.extend(flatten(n.get("children") or [], depth + 1))
    return flat


def build_tree(flat: list[dict]) -> list[dict]:
    root: list[dict] = []
    stack: list[tuple[int, list]] = [(0, root)]
    for item in flat:
        depth = max(1, min(MAX_DEPTH, int(item.get("depth", 1))))
        while stack and stack[-1][0] >= depth:
            stack.pop()
        parent_depth, siblings = stack[-1]
        depth = min(depth, parent_depth + 1)
        node = {"heading": item.get("heading", ""), "text": item.get("text", ""),
                "footnotes": [f for f in str(item.get("footnotes", "")).splitlines() if f.strip()],
                "tasks_here": bool(item.get("tasks_here")), "children": []}
        siblings.append(node)
        stack.append((depth, node["children"]))
    return root


def _indices(post: QueryDict, prefix: str) -> list[int]:
    found = set()
    for key in post:
        if key.startswith(prefix + "-"):
            part = key[len(prefix) + 1:].split("-", 1)[0]
            if part.isdigit():
                found.add(int(part))
    return sorted(found)


def _date(value: str, errors: list[str], label: str) -> dt.date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        errors.append(f"{label}: ngày «{value}» không hợp lệ (dạng năm-tháng-ngày).")
        return None


def _unit_codes(value: str) -> list[str]:
    codes = []
    for part in (value or "").replace(";", ",").split(","):
        code = part.split("—")[0].strip()
        if code:
            codes.append(code)
    return codes


def parse(post: QueryDict) -> EditorState:
    errors: list[str] = []
    codes: set[str] = set()
    rcp_idx, task_idx, req_idx = _indices(post, "rcp"), _indices(post, "task"), _indices(post, "req")
    for i in rcp_idx:
        codes.update(_unit_codes(post.get(f"rcp-{i}-unit", "")))
    for i in task_idx:
        codes.update(_unit_codes(post.get(f"task-{i}-units", "")))
    for i in req_idx:
        codes.update(_unit_codes(post.get(f"req-{i}-to", "")) + _unit_codes(post.get(f"req-{i}-via", "")))
    units = dict(Unit.objects.filter(code__in=codes).values_list("code", "id"))

    def unit_id(code_text: str, label: str) -> int | None:
        found = _unit_codes(code_text)
        if not found:
            return None
        if found[0] not in units:
            errors.append(f"{label}: không có đơn vị mã «{found[0]}».")
            return None
        return units[found[0]]

    nodes = [{"depth": post.get(f"node-{i}-depth", "1"), "heading": post.get(f"node-{i}-heading", ""),
              "text": post.get(f"node-{i}-text", ""), "footnotes": post.get(f"node-{i}-footnotes", ""),
              "tasks_here": post.get(f"node-{i}-tasks_here") == "on"} for i in _indices(post, "node")]
    for n in nodes:
        n["depth"] = int(n["depth"]) if str(n["depth"]).isdigit() else 1
    recipients = []
    for i in rcp_idx:
        label = post.get(f"rcp-{i}-label", "").strip()
        selection = post.get(f"rcp-{i}-selection", Selection.UNIT)
        uid = unit_id(post.get(f"rcp-{i}-unit", ""), f"Nơi nhận dòng {i + 1}")
        if not label and not uid:
            continue
        if selection not in Selection.values:
            selection = Selection.UNIT
        if selection != Selection.NONE and not uid and post.get(f"rcp-{i}-purpose") != Purpose.LUU:
            errors.append(f"Nơi nhận dòng {i + 1} («{label}»): chọn đơn vị nhận, hoặc chọn «Chỉ ghi tên».")
        purpose = post.get(f"rcp-{i}-purpose", Purpose.THUC_HIEN)
        recipients.append(RecipientLine(
            label=label or Unit.objects.filter(pk=uid).values_list("name", flat=True).first() or "",
            purpose=purpose if purpose in Purpose.values else Purpose.THUC_HIEN, selection=selection, unit_id=uid,
            kind=post.get(f"rcp-{i}-kind", ""), in_kinh_gui=post.get(f"rcp-{i}-kinh_gui") == "on"))
    tasks = []
    for i in task_idx:
        ids = []
        for code in _unit_codes(post.get(f"task-{i}-units", "")):
            if code in units:
                ids.append(units[code])
            else:
                errors.append(f"Nhiệm vụ {i + 1}: không có đơn vị mã «{code}».")
        tasks.append(TaskLine(title=post.get(f"task-{i}-title", ""), text=post.get(f"task-{i}-text", ""),
                              unit_ids=ids, due_date=_date(post.get(f"task-{i}-due", ""), errors, f"Nhiệm vụ {i + 1}")))
    requirements = []
    for i in req_idx:
        freq = post.get(f"req-{i}-frequency", "")
        if freq not in Frequency.values:
            if post.get(f"req-{i}-title", "").strip():
                errors.append(f"Chế độ báo cáo {i + 1}: chọn kỳ báo cáo.")
            continue  # a line just added and not filled in yet
        due = _date(post.get(f"req-{i}-due", ""), errors, f"Chế độ báo cáo {i + 1}")
        if freq in (Frequency.ONCE, Frequency.ADHOC) and not due:
            errors.append(f"Chế độ báo cáo {i + 1}: báo cáo một lần hoặc đột xuất cần hạn nộp.")
        to_id = unit_id(post.get(f"req-{i}-to", ""), f"Chế độ báo cáo {i + 1} (gửi về)")
        if to_id is None:
            errors.append(f"Chế độ báo cáo {i + 1}: chọn đơn vị nhận báo cáo.")
            continue
        days = post.get(f"req-{i}-days", "").strip()
        requirements.append(RequirementLine(
            title=post.get(f"req-{i}-title", ""), frequency=freq, to_unit_id=to_id,
            via_unit_id=unit_id(post.get(f"req-{i}-via", ""), f"Chế độ báo cáo {i + 1} (qua)"), due_date=due,
            deadline_working_days=int(days) if days.isdigit() else None,
            as_written=post.get(f"req-{i}-as_written", ""),
            parent_id=int(post[f"req-{i}-parent"]) if post.get(f"req-{i}-parent", "").isdigit() else None,
            lead_days=int(post.get(f"req-{i}-lead", "0")) if post.get(f"req-{i}-lead", "0").isdigit() else 0,
            ends_on=_date(post.get(f"req-{i}-ends", ""), errors, f"Chế độ báo cáo {i + 1} (đến hết ngày)")))
    citations = [CitationLine(target_id=int(post[f"cite-{i}-target"]),
                              kind=post.get(f"cite-{i}-kind") if post.get(f"cite-{i}-kind") in RelationKind.values
                              else RelationKind.IMPLEMENTS)
                 for i in _indices(post, "cite") if post.get(f"cite-{i}-target", "").isdigit()]
    doc_type = post.get("doc_type", "")
    if doc_type not in DocType.values:
        errors.append("Chọn loại văn bản.")
        doc_type = "CV"
    content = DraftContent(
        doc_type=doc_type, subject=post.get("subject", ""), department=post.get("department", ""),
        place=post.get("place", ""), bases=[b for b in post.get("bases", "").splitlines() if b.strip()],
        opening=post.get("opening", ""), body=build_tree(nodes), body_numbering=post.get("body_numbering", "roman"),
        closing=post.get("closing", ""), signer_authority=post.get("signer_authority", ""),
        signer_authority_body=post.get("signer_authority_body", ""), signer_title=post.get("signer_title", ""),
        signer_name=post.get("signer_name", ""), recipients=recipients, tasks=tasks, requirements=requirements,
        citations=citations)
    return EditorState(content=content, nodes=nodes, errors=errors)


def apply_action(state: EditorState, action: str) -> None:
    """Structural edits named by the button pressed: add_node, del_node-3, up-3, indent-3 …"""
    name, _, arg = action.partition("-")
    i = int(arg) if arg.isdigit() else -1
    nodes, c = state.nodes, state.content
    if name == "add_node":
        nodes.append({"depth": 1, "heading": "", "text": "", "footnotes": "", "tasks_here": False})
    elif name == "add_item" and 0 <= i < len(nodes):
        nodes.insert(i + 1, {"depth": min(MAX_DEPTH, nodes[i]["depth"] + 1), "heading": "", "text": "",
                             "footnotes": "", "tasks_here": False})
    elif name == "del_node" and 0 <= i < len(nodes):
        nodes.pop(i)
    elif name == "up" and 0 < i < len(nodes):
        nodes[i - 1], nodes[i] = nodes[i], nodes[i - 1]
    elif name == "down" and 0 <= i < len(nodes) - 1:
        nodes[i + 1], nodes[i] = nodes[i], nodes[i + 1]
    elif name == "indent" and 0 < i < len(nodes):
        nodes[i]["depth"] = min(MAX_DEPTH, nodes[i]["depth"] + 1, nodes[i - 1]["depth"] + 1)
    elif name == "outdent" and 0 <= i < len(nodes):
        nodes[i]["depth"] = max(1, nodes[i]["depth"] - 1)
    elif name == "add_rcp":
        c.recipients.append(RecipientLine(label=""))
    elif name == "del_rcp" and 0 <= i < len(c.recipients):
        c.recipients.pop(i)
    elif name == "add_task":
        c.tasks.append(TaskLine(title="", text=""))
    elif name == "del_task" and 0 <= i < len(c.tasks):
        c.tasks.pop(i)
    elif name == "add_req":
        c.requirements.append(RequirementLine(title="", frequency="", to_unit_id=0))  # "gửi về" defaults to the issuer
    elif name == "del_req" and 0 <= i < len(c.requirements):
        c.requirements.pop(i)
    elif name == "del_cite" and 0 <= i < len(c.citations):
        c.citations.pop(i)
    c.body = build_tree(nodes)


def editor_context(document: Document, content: DraftContent, nodes: list[dict] | None = None) -> dict:
    """What the editor template needs, with unit codes resolved in one query."""
    ids = {r.unit_id for r in content.recipients if r.unit_id} | {u for t in content.tasks for u in t.unit_ids} \
        | {q.to_unit_id for q in content.requirements if q.to_unit_id} \
        | {q.via_unit_id for q in content.requirements if q.via_unit_id}
    units = {u.pk: u for u in Unit.objects.filter(pk__in=ids)}
    label = lambda pk: f"{units[pk].code} — {units[pk].name}" if pk in units else ""  # noqa: E731
    targets = {d.pk: d for d in Document.objects.filter(pk__in=[c.target_id for c in content.citations])
               .select_related("issuer")}
    return {
        "content": content,
        "nodes": nodes if nodes is not None else flatten(content.body),
        "recipients": [{"line": r, "unit_label": label(r.unit_id) if r.unit_id else ""} for r in content.recipients],
        "tasks": [{"line": t, "units_label": ", ".join(label(u) for u in t.unit_ids)} for t in content.tasks],
        "requirements": [{"line": q, "to_label": label(q.to_unit_id) if q.to_unit_id else "",
                          "via_label": label(q.via_unit_id) if q.via_unit_id else ""} for q in content.requirements],
        "citations": [{"line": c, "target": targets.get(c.target_id)} for c in content.citations],
        "bases_text": "\n".join(content.bases),
        "opening_text": html_to_text(content.opening),
        "closing_text": html_to_text(content.closing),
        "doc_types": DocType.choices, "purposes": Purpose.choices, "selections": Selection.choices,
        "frequencies": Frequency.choices, "relation_kinds": RelationKind.choices,
    }
