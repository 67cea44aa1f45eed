"""A seed document (directives/seeds/) with the demo's own facts, in the shape directives/demo/documents.py
describes: which demo unit issues it, whom each line of "Kính gửi" and "Nơi nhận" reaches, to whom each
task falls, the reporting duties, and the number and day the demo chooses where the seed leaves them blank.

The text is never written here: labels, tasks and paragraphs come from the seed, line by line in the seed's
order, so the demo and the PDF samples print the same words.
"""

from __future__ import annotations

import re

from directives.content import Section, plain_paragraphs
from directives.seeds.base import Seed


def route(
    purpose: str,
    select: str = "none",
    unit: str | None = None,
    kind: str | None = None,
    units: list[str] | None = None,
) -> dict:
    """Whom one recipient line reaches (``select`` as documents.py says), its label left to the seed."""
    line = {"purpose": purpose, "select": select, "unit": unit, "kind": kind}
    if units is not None:
        line["units"] = units
    return line


_FOOTNOTE_CALL = re.compile(r"\[\^\d+\]")


def _node(section: Section) -> dict:
    """A body node as the demo stores it: the footnotes hang on their node without a call in the text (the
    web rendition of a document prints no footnote calls; only the PDF places them)."""
    node = section.as_dict()
    node["text"] = _FOOTNOTE_CALL.sub("", node["text"])
    node["children"] = [_node(child) for child in section.children]
    return node


def _labelled(labels: tuple[str, ...], routes: list[dict], part: str) -> list[dict]:
    if len(labels) != len(routes):
        raise ValueError(f"{part}: the seed prints {len(labels)} lines, the demo routes {len(routes)}")
    return [{"label": label, **line} for label, line in zip(labels, routes, strict=True)]


def demo_document(
    seed: Seed,
    *,
    key: str,
    issuer: str,
    relations: list[dict],
    kinh_gui: list[dict],
    noi_nhan: list[dict],
    tasks: list[dict],
    reporting: list[dict],
    status: str = "issued",
    number: int | None = None,
    issue_date: str | None = None,
    emulation: str | None = None,
) -> dict:
    """The seed as the demo loads it. ``tasks``: the units (and due date) of each of the seed's tasks, in
    order; ``number`` / ``issue_date`` (ISO): the demo's choice where the seed prints none (then marked
    assumed)."""
    content = seed.content
    if len(tasks) != len(content.tasks):
        raise ValueError(f"{key}: the seed has {len(content.tasks)} tasks, the demo assigns {len(tasks)}")
    number_assumed = content.number is None and number is not None
    date_assumed = content.issue_date is None and issue_date is not None
    return {
        "key": key,
        "seed": seed.file,
        "issuer": issuer,
        "issuer_as_written": seed.issuer_as_written,
        "doc_type": content.doc_type,
        "number": number if number_assumed else content.number,
        "number_assumed": number_assumed,
        "number_symbol": content.number_symbol,
        "department": content.department or None,
        "status": status,
        "place": content.place,
        "issue_date": issue_date if date_assumed else content.issue_date and content.issue_date.isoformat(),
        "issue_date_assumed": date_assumed,
        "date_source": seed.date_source,
        "date_as_written": seed.date_as_written,
        "subject": content.subject_text,
        "opening": "\n".join(plain_paragraphs(content.opening)),
        "bases": list(content.bases),
        "relations": relations,
        "body_numbering": content.body_numbering,
        "body": [_node(section) for section in content.body],
        "closing": "\n".join(plain_paragraphs(content.closing)),
        "kinh_gui": _labelled(content.kinh_gui, kinh_gui, f"{key} kính gửi"),
        "noi_nhan": _labelled(content.noi_nhan, noi_nhan, f"{key} nơi nhận"),
        "tasks": [
            {"title": task.title, "title_inline": task.title_inline, "text": task.text, **facts}
            for task, facts in zip(content.tasks, tasks, strict=True)
        ],
        "reporting": reporting,
        "signer": content.signer.as_dict(),
        "emulation": emulation,
        "corrections": [list(pair) for pair in seed.corrections],
    }
