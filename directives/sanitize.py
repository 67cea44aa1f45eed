"""Server-side sanitising of the rich text a drafter types (nh3: an allow-list, not a deny-list)."""

from __future__ import annotations

import html
import re
import unicodedata

import nh3

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
    """Validate and sanitise the body tree: only known keys survive, every text is cleaned."""
    out = []
    for node in nodes or []:
        if not isinstance(node, dict):
            continue
        children = clean_body(node.get("children") or [], depth=depth + 1, max_depth=max_depth) \
            if depth < max_depth else []
        out.append({
            "heading": clean_text(str(node.get("heading", "")))[:300],
            "text": clean_html(str(node.get("text", ""))),
            "footnotes": [clean_text(str(f)) for f in node.get("footnotes") or [] if str(f).strip()],
            "numbered": bool(node.get("numbered", True)),
            "tasks_here": bool(node.get("tasks_here", False)),
            "children": children,
        })
    return out


def html_to_text(value: str) -> str:
    """Plain text of sanitised HTML (for search and the editor's textareas)."""
    value = re.sub(r"</p>\s*<p>|<br\s*/?>", "\n", value or "")
    return html.unescape(nh3.clean(value, tags=set())).strip()
