"""Server-side sanitising of the rich text a drafter types (nh3: an allow-list, not a deny-list)."""

from __future__ import annotations

import html
import re
import unicodedata

import nh3

from directives.content import Section

TABLE_TAGS = {"table", "thead", "tbody", "tr", "th", "td"}
ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "u", "sup", "sub", "ul", "ol", "li"} | TABLE_TAGS
ALLOWED_ATTRIBUTES = {"td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}
# Text that uses one of the allowed tags is read as HTML; anything else is plain text, escaped.
_HTML_TAG = re.compile(
    r"</?(?:p|br|strong|b|em|i|u|sup|sub|ul|ol|li|table|thead|tbody|tr|th|td)\b", re.IGNORECASE
)


def clean_html(value: str) -> str:
    value = unicodedata.normalize("NFC", value or "").strip()
    if not value:
        return ""
    if not _HTML_TAG.search(value):  # plain text from a textarea: one paragraph per line, tables kept
        return _plain_to_html(value)
    return nh3.clean(value, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, link_rel=None)


def _plain_to_html(value: str) -> str:
    """Plain text as paragraphs; a run of two or more lines with tabs in them is a table pasted from Word or a
    spreadsheet (cells separated by tabs, one row per line), and stays a table: its first row is the header."""
    lines = [line.strip(" ") for line in value.replace("\r\n", "\n").split("\n")]
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if len(run) >= 2:
            out.append(_table(run))
        else:
            out.extend(_paragraph(line) for line in run)
        run.clear()

    for line in lines:
        if "\t" in line.strip():
            run.append(line)
            continue
        flush()
        if line.strip():
            out.append(_paragraph(line))
    flush()
    return "".join(out)


def _paragraph(line: str) -> str:
    return f"<p>{html.escape(line.strip(), quote=False)}</p>"


def _table(rows: list[str]) -> str:
    cells = [
        [html.escape(" ".join(cell.split()), quote=False) for cell in row.strip("\n").split("\t")]
        for row in rows
    ]
    width = max(len(row) for row in cells)
    cells = [row + [""] * (width - len(row)) for row in cells]
    head = "".join(f"<th>{cell}</th>" for cell in cells[0])
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in cells[1:])
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


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
    """Plain text of sanitised HTML (for search and the editor's textareas). A table comes back as one line per
    row with its cells separated by tabs, which ``clean_html`` reads as a table again."""
    value = re.sub(r"</t[dh]>\s*<t[dh][^>]*>", "\t", value or "")
    value = re.sub(
        r"</tr>\s*<tr[^>]*>|</thead>\s*<tbody[^>]*>\s*|</tr>\s*</thead>\s*<tbody>\s*<tr>", "\n", value
    )
    value = re.sub(r"</p>\s*<p>|<br\s*/?>|</table>\s*<p>|</p>\s*<table>", "\n", value)
    return html.unescape(nh3.clean(value, tags=set())).strip()
