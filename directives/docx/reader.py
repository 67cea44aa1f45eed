"""An edited .docx read back into a draft's text: opening, body sections and closing (issue 17 item 6).

Reads what directives/docx/export.py writes, as Word or LibreOffice keeps it after a clerk's edits:

- "Heading 1–4" paragraphs open a section at that depth; "TS Item 1–4" paragraphs a run-in item (its number
  starts the paragraph's text). The number the export printed ("II.", "3.", "b)") is taken off: the layout numbers
  sections itself, so a section inserted in Word is numbered in its place. A heading typed without a number stays
  unnumbered.
- Paragraphs in the body's styles ("TS Body", "TS List", and Normal, which Word gives a new paragraph) belong to
  the open section; before the first section they are the opening ("TS Opening"), and "TS Closing" paragraphs
  are the closing. "TS List" paragraphs ("- …") and paragraphs Word bulleted or numbered itself become list items.
- Bold, italics, underline, superscript and subscript runs are kept; data tables (not the layout tables the export
  captions ``ts-…`` and whose paragraphs are "TS Layout") become HTML tables, their repeated header rows a <thead>; a footnote reference becomes a call
  ``[^n]`` in its section's text with the note's text in the section's ``footnotes``.
- The header, title, Kính gửi, căn cứ lines, tasks ("TS Task", kept as their own records) and the signature and
  Nơi nhận are not read: they are the draft's fields, never taken from the file.

Everything read is sanitised again by the draft save (directives/sanitize.py).
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass, field

from docx.oxml.ns import qn

from directives.content import Section
from directives.docx.export import (
    LAYOUT_CAPTIONS,
    MAX_DEPTH,
    STYLE_BASIS,
    STYLE_BODY,
    STYLE_CLOSING,
    STYLE_LAYOUT,
    STYLE_LIST,
    STYLE_OPENING,
    STYLE_TASK,
    STYLE_TITLE,
)
from directives.docx.footnotes import read_footnotes
from directives.errors import DocumentError
from directives.importing.extract import DOCX_LIMITS  # the importer's zip limits: one rule for every .docx
from portal.lib.uploads import ZIP_MAGIC, UnsafeArchive, inspect_zip

# The number the export (or a clerk) writes before a heading: I. II. … 1. 2.1. … a) đ) …
_LABEL = re.compile(r"^\s*(?:[IVXLC]+\.|\d+(?:\.\d+)*\.|[a-zđ]\))(?=\s)\s*", re.UNICODE)
_HEADING = re.compile(r"^(?:Heading|heading|Tiêu đề|Đề mục)\s*(\d)$")
_ITEM = re.compile(r"^TS Item (\d)$")


class DocxRefused(DocumentError):
    """The uploaded file is not a .docx the editor can read (broken, not Word, or not safe to open)."""

    code = "docx_refused"


@dataclass
class _Node:
    depth: int
    heading: str = ""
    numbered: bool = True
    parts: list[str] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)
    tasks_here: bool = False

    def section(self) -> Section:
        return Section(
            heading=self.heading,
            text="".join(self.parts),
            footnotes=tuple(self.footnotes),
            children=tuple(child.section() for child in self.children),
            numbered=self.numbered,
            tasks_here=self.tasks_here,
        )


@dataclass
class DocxText:
    opening: str
    body: list[Section]
    closing: str


def open_docx(data: bytes):
    """The python-docx Document of ``data``; refuses (DocxRefused, Vietnamese) anything that is not a sound .docx."""
    if not data.startswith(ZIP_MAGIC):
        raise DocxRefused(
            "Tệp tải lên không phải tệp Word (.docx). Hãy lưu văn bản dưới dạng .docx rồi thử lại."
        )
    try:
        entries = inspect_zip(data, label=".docx", limits=DOCX_LIMITS)
    except UnsafeArchive as exc:
        raise DocxRefused(exc.message) from exc
    if "word/document.xml" not in {info.filename for info in entries}:
        raise DocxRefused("Tệp .docx bị hỏng: không có phần nội dung văn bản.")
    try:
        import docx

        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types (KeyError, ValueError, lxml errors)
        raise DocxRefused("Tệp .docx bị hỏng, không mở được.") from exc


def read_docx_text(data: bytes) -> DocxText:
    document = open_docx(data)
    try:
        return _Reader(document).read()
    except DocxRefused:
        raise
    except Exception as exc:
        raise DocxRefused("Tệp .docx bị hỏng, không đọc được nội dung.") from exc


class _Reader:
    def __init__(self, document) -> None:
        self.document = document
        self.notes = read_footnotes(document)
        self.styles = {style.style_id: style.name for style in document.styles}
        self.opening: list[str] = []
        self.closing: list[str] = []
        self.roots: list[_Node] = []
        self.stack: list[_Node] = []
        self.list_items: list[str] = []  # the <li> of a "- " list being read, and its section
        self.list_node: _Node | None = None

    def read(self) -> DocxText:
        for child in _blocks(self.document.element.body):
            if child.tag == qn("w:p"):
                self.paragraph(child)
            elif child.tag == qn("w:tbl"):
                self.table(child)
        self.end_list()
        body = [node.section() for node in self.roots]
        return DocxText(opening="".join(self.opening), body=body, closing="".join(self.closing))

    # --- paragraphs --------------------------------------------------------------------------------------------

    def style_of(self, p) -> str:
        ppr = p.find(qn("w:pPr"))
        style = ppr.find(qn("w:pStyle")) if ppr is not None else None
        style_id = style.get(qn("w:val")) if style is not None else ""
        return self.styles.get(style_id, style_id or "Normal")

    def paragraph(self, p) -> None:
        style = self.style_of(p)
        if style in (STYLE_TASK, STYLE_BASIS, STYLE_TITLE):
            self.end_list()
            if style == STYLE_TASK and self.stack and not any(n.tasks_here for n in self.stack):
                self.stack[-1].tasks_here = True
            return
        heading = _HEADING.match(style)
        item = _ITEM.match(style)
        html_text, notes = self.runs(p)
        if heading or item:
            self.end_list()
            node = self.open(min(int((heading or item).group(1)), MAX_DEPTH))
            if heading:
                # A heading is plain text: its notes stay the section's, printed at the end of its text.
                text = html.unescape(re.sub(r"<[^>]+>|\[\^\?\d+\]", "", html_text)).strip()
                label = _LABEL.match(text)
                node.numbered = bool(label)
                node.heading = text[label.end() :].strip() if label else text
                node.footnotes.extend(notes)
            else:
                label = _LABEL.match(html_text)
                node.numbered = bool(label)
                rest = html_text[label.end() :] if label else html_text
                node.parts.append(f"<p>{self.calls(rest.strip(), notes, node)}</p>")
            return
        if not _visible(html_text) and not notes:
            return  # empty paragraphs (spacing) carry nothing
        if style == STYLE_CLOSING or self.closing:  # a paragraph after the closing began belongs to it
            self.end_list()
            self.closing.append(f"<p>{_no_calls(html_text)}</p>")
            return
        if style == STYLE_OPENING or (not self.stack and style not in (STYLE_BODY, STYLE_LIST)):
            self.end_list()
            self.opening.append(f"<p>{_no_calls(html_text)}</p>")
            return
        node = self.stack[-1] if self.stack else self.open(1, numbered=False)
        if style == STYLE_LIST or _bulleted(p, style):
            if self.list_node is not node:
                self.end_list()
            self.list_node = node
            item_html = re.sub(r"^\s*[-–•]\s*", "", html_text)
            self.list_items.append(f"<li>{self.calls(item_html, notes, node)}</li>")
            return
        self.end_list()
        node.parts.append(f"<p>{self.calls(html_text, notes, node)}</p>")

    def calls(self, text: str, notes: list[str], node: _Node) -> str:
        """The paragraph's note places ``[^?k]`` as calls ``[^n]`` numbered within the section's notes."""
        base = len(node.footnotes)
        node.footnotes.extend(notes)
        return re.sub(r"\[\^\?(\d+)\]", lambda m: f"[^{base + int(m.group(1))}]", text)

    def end_list(self) -> None:
        if self.list_items and self.list_node is not None:
            self.list_node.parts.append(f"<ul>{''.join(self.list_items)}</ul>")
        self.list_items = []
        self.list_node = None

    def open(self, depth: int, *, numbered: bool = True) -> _Node:
        """A new section at ``depth`` (1 = Mục), child of the nearest open section above it."""
        while self.stack and self.stack[-1].depth >= depth:
            self.stack.pop()
        node = _Node(depth=len(self.stack) + 1, numbered=numbered)
        (self.stack[-1].children if self.stack else self.roots).append(node)
        self.stack.append(node)
        return node

    def runs(self, p) -> tuple[str, list[str]]:
        """The paragraph's text as HTML (bold, italics, underline, super/subscript kept) and its notes' texts;
        each note's place is marked ``[^?n]`` (n from 1 within the paragraph)."""
        out: list[str] = []
        notes: list[str] = []
        for run in p.iter(qn("w:r")):
            rpr = run.find(qn("w:rPr"))
            text = []
            for child in run:
                if child.tag == qn("w:t"):
                    text.append(child.text or "")
                elif child.tag == qn("w:tab"):
                    text.append(" ")
                elif child.tag in (qn("w:br"), qn("w:cr")):
                    text.append("\n")
                elif child.tag == qn("w:footnoteReference"):
                    note = self.notes.get(int(child.get(qn("w:id"), "0") or 0))
                    if note:
                        notes.append(note)
                        text.append(f"\x00{len(notes)}\x00")
            joined = "".join(text)
            if not joined:
                continue
            escaped = html.escape(joined, quote=False).replace("\n", "<br>")
            escaped = re.sub(r"\x00(\d+)\x00", r"[^?\1]", escaped)
            out.append(_wrap(escaped, rpr))
        return _merge("".join(out)), notes

    # --- tables ------------------------------------------------------------------------------------------------

    def table(self, tbl) -> None:
        tbl_pr = tbl.find(qn("w:tblPr"))
        caption = tbl_pr.find(qn("w:tblCaption")) if tbl_pr is not None else None
        if caption is not None and caption.get(qn("w:val")) in LAYOUT_CAPTIONS:
            return
        if any(self.style_of(p) == STYLE_LAYOUT for p in tbl.iter(qn("w:p"))):
            return
        self.end_list()
        head: list[str] = []
        body: list[str] = []
        notes: list[str] = []
        for tr in tbl.findall(qn("w:tr")):
            tr_pr = tr.find(qn("w:trPr"))
            is_head = tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None
            cells = []
            for tc in tr.findall(qn("w:tc")):
                tc_pr = tc.find(qn("w:tcPr"))
                span = tc_pr.find(qn("w:gridSpan")) if tc_pr is not None else None
                merge = tc_pr.find(qn("w:vMerge")) if tc_pr is not None else None
                if merge is not None and merge.get(qn("w:val")) != "restart":
                    continue  # the continuation of a vertically merged cell
                parts = []
                for p in tc.findall(qn("w:p")):
                    text, cell_notes = self.runs(p)
                    base = len(notes)
                    notes.extend(cell_notes)
                    text = re.sub(r"\[\^\?(\d+)\]", lambda m, b=base: f"[^?{b + int(m.group(1))}]", text)
                    if text.strip():
                        parts.append(text)
                tag = "th" if is_head else "td"
                colspan = f' colspan="{span.get(qn("w:val"))}"' if span is not None else ""
                # Bold the export gave header cells is the cell's look, not the text's.
                content = "<br>".join(parts)
                if is_head:
                    content = re.sub(r"</?strong>", "", content)
                cells.append(f"<{tag}{colspan}>{content}</{tag}>")
            row = "<tr>" + "".join(cells) + "</tr>"
            (head if is_head and not body else body).append(row)
        table = (
            "<table>"
            + (f"<thead>{''.join(head)}</thead>" if head else "")
            + f"<tbody>{''.join(body)}</tbody></table>"
        )
        if self.closing:
            self.closing.append(_no_calls(table))
        elif not self.stack:
            self.opening.append(_no_calls(table))
        else:
            self.stack[-1].parts.append(self.calls(table, notes, self.stack[-1]))


def _blocks(container):
    """The paragraphs and tables of the body in order, also those Word wraps in a content control (w:sdt) or
    a tracked insertion."""
    for child in container:
        if child.tag in (qn("w:sdt"), qn("w:sdtContent"), qn("w:ins"), qn("w:customXml")):
            yield from _blocks(child)
        else:
            yield child


def _bulleted(p, style: str) -> bool:
    """A list item a clerk made in Word: the bullet button (numbering properties) or a list style."""
    ppr = p.find(qn("w:pPr"))
    return (ppr is not None and ppr.find(qn("w:numPr")) is not None) or style.startswith(
        ("List Bullet", "List Paragraph")
    )


def _no_calls(text: str) -> str:
    """The opening and closing carry no footnotes: their note places are dropped."""
    return re.sub(r"\[\^\?\d+\]", "", text)


def _visible(text: str) -> bool:
    return bool(re.sub(r"<[^>]+>", "", text).strip())


def _on(rpr, tag: str) -> bool:
    if rpr is None:
        return False
    element = rpr.find(qn(tag))
    if element is None:
        return False
    return element.get(qn("w:val"), "true") not in ("0", "false", "none")


def _wrap(text: str, rpr) -> str:
    if rpr is None:
        return text
    vert = rpr.find(qn("w:vertAlign"))
    position = vert.get(qn("w:val")) if vert is not None else ""
    if position == "superscript" and not text.startswith("[^?"):
        text = f"<sup>{text}</sup>"
    elif position == "subscript":
        text = f"<sub>{text}</sub>"
    if _on(rpr, "w:u"):
        text = f"<u>{text}</u>"
    if _on(rpr, "w:i"):
        text = f"<em>{text}</em>"
    if _on(rpr, "w:b"):
        text = f"<strong>{text}</strong>"
    return text


def _merge(text: str) -> str:
    """Adjacent runs with the same formatting as one: "<strong>a</strong><strong>b</strong>" → "<strong>ab</strong>"."""
    for tag in ("sup", "sub", "u", "em", "strong"):
        text = text.replace(f"</{tag}><{tag}>", "")
    return text.strip()
