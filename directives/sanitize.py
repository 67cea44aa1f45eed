"""Server-side sanitising of the rich text a drafter types (nh3: an allow-list, not a deny-list)."""

from __future__ import annotations

import html
import re
import unicodedata

import nh3

from directives.content import Section

ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "u", "sup", "sub", "ul", "ol", "li"}
# Text that uses one of the allowed tags is read as HTML; anything else is plain text, escaped.
_HTML_TAG = re.compile(r"</?(?:p|br|strong|b|em|i|u|sup|sub|ul|ol|li)\b", re.IGNORECASE)


def clean_html(value: str) -> str:
    value = unicodedata.normalize("NFC", value or "").strip()
    if not value:
        return ""
    if not _HTML_TAG.search(value):  # plain text from a textarea: one paragraph per line
        paras = [p.strip() for p in value.replace("\r\n", "\n").split("\n") if p.strip()]
        return "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paras)
    return nh3.clean(value, tags=ALLOWED_TAGS, attributes={}, link_rel=None)


def clean_text(value: str) -> str:
    return unicodedata.normalize("NFC", (value or "").strip())


def clean_body(nodes: list, *, depth: int = 1, max_depth: int = 4) -> list[dict]:
    """Validate and sanitise the body tree: only a section's parts survive (directives/content.py Section,
    stored as its ``as_dict``), every text is cleaned. A node is a Section (the editor, the importer, derived
    drafts) or a node as stored or posted to the API (a dict of any shape: anything else is dropped)."""
    return [
        _clean_section(node.as_dict() if isinstance(node, Section) else node, depth, max_depth).as_dict()
        for node in nodes or []
        if isinstance(node, Section | dict)
    ]


def _clean_section(node: dict, depth: int, max_depth: int) -> Section:
    children = (
        [child for child in node.get("children") or [] if isinstance(child, dict)]
        if depth < max_depth
        else []
    )
    return Section(
        heading=clean_text(str(node.get("heading", "")))[:300],
        text=clean_html(str(node.get("text", ""))),
        footnotes=tuple(clean_text(str(f)) for f in node.get("footnotes") or [] if str(f).strip()),
        children=tuple(_clean_section(child, depth + 1, max_depth) for child in children),
        numbered=bool(node.get("numbered", True)),
        tasks_here=bool(node.get("tasks_here", False)),
    )


def html_to_text(value: str) -> str:
    """Plain text of sanitised HTML (for search and the editor's textareas)."""
    value = re.sub(r"</p>\s*<p>|<br\s*/?>", "\n", value or "")
    return html.unescape(nh3.clean(value, tags=set())).strip()
