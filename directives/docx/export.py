"""An :class:`OfficialLayout` as a Word file (.docx) in the official format, for a clerk to edit (issue 17 item 6).

The same description the PDF renders (directives/pdf/layout.py) and the same measures (directives/pdf/conf.py,
regime_style): A4, the regime's margins, Times New Roman at the regime's sizes; the header a borderless two-column
table at the PDF's column widths (parent line and issuer lines exactly as the layout gives them, the short rule
under the issuer or the Party's asterisk, the national heading with its motto ruled exactly as wide as the text, or
"ĐẢNG CỘNG SẢN VIỆT NAM"), the number-symbol and the place-and-date line, the title and trích yếu, the body with its
numbered headings and items, "-" list items, data tables, real Word footnotes (directives/docx/footnotes.py), the
Nơi nhận and the signature block side by side, page numbers in the header from page 2. The rules the PDF derives
(numbering, punctuation of the lists, the signing prefix) come from the same code (directives/pdf/context.py).

Paragraph styles carry the structure so an edited file can be read back (directives/docx/reader.py): the body's
headings are Word's "Heading 1–4" (depth), run-in items "TS Item 1–4", their text "TS Body", the opening and
closing "TS Opening" / "TS Closing", the title "TS Title", the tasks and reporting duties (their own records, not body text) "TS Task".
The layout tables (header, Kính gửi, signature) carry a table caption ``ts-…`` and their paragraphs the style
"TS Layout" (LibreOffice keeps styles, not captions), so they are told from data tables.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import docx
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from lxml import html as lxml_html

from directives.docx.footnotes import FootnoteWriter
from directives.pdf.conf import RegimeStyle, regime_style
from directives.pdf.context import IMPLEMENTATION_HEADING, build_context, number_label
from directives.pdf.layout import BodyNode, OfficialLayout, TaskBlock
from directives.pdf.letterhead import text_width_pt
from directives.pdf.vn import format_vn_date

FONT = "Times New Roman"
A4 = (Mm(210), Mm(297))
PT_PER_MM = 72 / 25.4

STYLE_BODY = "TS Body"
STYLE_OPENING = "TS Opening"
STYLE_CLOSING = "TS Closing"
STYLE_BASIS = "TS Basis"
STYLE_TASK = "TS Task"
STYLE_TITLE = "TS Title"
# The paragraphs of the layout tables (header, Kính gửi, signature): LibreOffice drops table captions on saving,
# a paragraph style survives.
STYLE_LAYOUT = "TS Layout"
STYLE_LIST = "TS List"
STYLE_ITEM = "TS Item {depth}"
STYLE_HEADING = "Heading {depth}"
MAX_DEPTH = 4
# Captions of the layout tables (w:tblCaption): the reader skips them.
CAPTION_HEADER = "ts-header"
CAPTION_KINH_GUI = "ts-kinh-gui"
CAPTION_SIGN = "ts-sign"
LAYOUT_CAPTIONS = (CAPTION_HEADER, CAPTION_KINH_GUI, CAPTION_SIGN)

_NUMBER_KINDS = {"roman": ("roman", "arabic", "alpha"), "arabic": ("arabic", "alpha")}
_FOOTNOTE_CALL = re.compile(r"\[\^(\d+)\]")


def docx_from_layout(layout: OfficialLayout) -> bytes:
    """The layout as .docx bytes (see the module's docstring)."""
    return _Writer(layout).write()


def _kind(layout: OfficialLayout, depth: int) -> str | None:
    kinds = _NUMBER_KINDS[layout.body_numbering]
    return kinds[depth] if depth < len(kinds) else None


@dataclass
class _Fmt:
    bold: bool = False
    italic: bool = False
    underline: bool = False
    sup: bool = False
    sub: bool = False


class _Writer:
    def __init__(self, layout: OfficialLayout) -> None:
        self.layout = layout
        self.style: RegimeStyle = regime_style(layout.regime)
        self.context = build_context(layout, self.style)
        self.doc = docx.Document()
        self.notes = FootnoteWriter(self.style.footnote_size_pt)
        self.sizes = self.style.sizes_pt
        s = self.style
        self.text_width_pt = (210 - s.margin_left_mm - s.margin_right_mm) * PT_PER_MM
        self.tasks_placed = False
        self.layout_tables: list = []

    # --- the whole ---------------------------------------------------------------------------------------------

    def write(self) -> bytes:
        self._page()
        self._styles()
        self._header()
        if not self.layout.is_cong_van:
            self._title()
        if self.context["kinh_gui"]:
            self._kinh_gui()
        self._content()
        self._signature()
        for table in self.layout_tables:
            for row in table.rows:
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        paragraph.style = self.doc.styles[STYLE_LAYOUT]
        self.notes.attach(self.doc)
        self._metadata()
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()

    def _metadata(self) -> None:
        props = self.doc.core_properties
        props.title = self.context["document_title"]
        props.author = self.context["document_author"]
        props.language = "vi-VN"
        props.comments = ""

    def _page(self) -> None:
        s = self.style
        section = self.doc.sections[0]
        section.start_type = WD_SECTION.NEW_PAGE
        section.page_width, section.page_height = A4
        section.top_margin = Mm(s.margin_top_mm)
        section.bottom_margin = Mm(s.margin_bottom_mm)
        section.left_margin = Mm(s.margin_left_mm)
        section.right_margin = Mm(s.margin_right_mm)
        section.header_distance = Mm(s.page_number_top_mm)
        section.footer_distance = Mm(10)
        # Page numbers centred in the top margin, none on page 1 (NĐ 30, HD 36).
        section.different_first_page_header_footer = True
        # An explicit, empty first-page header (a tiny line): without it LibreOffice gives page 1 a header of
        # its own height and moves the letterhead down.
        first = section.first_page_header
        first.is_linked_to_previous = False
        self._plain(first.paragraphs[0], size=1, line=1.0)
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._plain(paragraph)
        # Centred on the sheet as the PDF does: shift by the difference of the side margins.
        shift = Mm(s.margin_left_mm - s.margin_right_mm)
        paragraph.paragraph_format.right_indent = shift if shift > 0 else 0
        _field(paragraph, "PAGE", "2", self.style.page_number_size_pt)

    def _styles(self) -> None:
        s = self.style
        normal = self.doc.styles["Normal"]
        _font(normal, s.body_size_pt)
        fmt = normal.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt.first_line_indent = Mm(s.indent_cm * 10)
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(s.paragraph_spacing_pt)
        self._line(fmt, s.body_size_pt)
        fmt.widow_control = True
        for name in (
            STYLE_BODY,
            STYLE_OPENING,
            STYLE_CLOSING,
            STYLE_BASIS,
            STYLE_TASK,
            STYLE_LIST,
            STYLE_TITLE,
            STYLE_LAYOUT,
        ):
            style = self.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = normal
            style.quick_style = True
        self.doc.styles[STYLE_BASIS].font.italic = True
        for depth in range(1, MAX_DEPTH + 1):
            kind = _kind(self.layout, depth - 1) or "plain"
            heading = self.doc.styles[STYLE_HEADING.format(depth=depth)]
            heading.base_style = normal
            _font(heading, s.body_size_pt)
            heading.font.bold = kind in ("roman", "arabic")
            heading.font.italic = kind == "alpha"
            heading.font.all_caps = kind == "roman"
            heading.font.color.rgb = RGBColor(0, 0, 0)
            hfmt = heading.paragraph_format
            hfmt.space_before = Pt(0)
            hfmt.space_after = Pt(s.paragraph_spacing_pt)
            hfmt.keep_with_next = True
            hfmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            hfmt.first_line_indent = Mm(s.indent_cm * 10)
            item = self.doc.styles.add_style(STYLE_ITEM.format(depth=depth), WD_STYLE_TYPE.PARAGRAPH)
            item.base_style = normal
            item.quick_style = True
        # Footnote text as the PDF prints it (the notes' runs carry the size too, for other templates).
        table_style = self.doc.styles["Table Grid"]
        _font(table_style, s.body_size_pt * 0.9)

    def _line(self, fmt, size_pt: float, factor: float | None = None) -> None:
        """The CSS line height as an exact Word line height: '1.25' × size, or '18pt'."""
        line = self.style.line_height
        if factor is not None:
            height = size_pt * factor
        elif line.endswith("pt"):
            height = float(line[:-2])
        else:
            height = size_pt * float(line)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(height)

    def _plain(self, paragraph, *, align=WD_ALIGN_PARAGRAPH.CENTER, size: float | None = None, line=1.2):
        """A layout paragraph (header, title, signature): no indent, no spacing, centred, exact line height."""
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = Pt(0)
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(0)
        fmt.alignment = align
        if size:
            self._line(fmt, size, line)
        return paragraph

    def _run(
        self, paragraph, text: str, size: float, *, bold=False, italic=False, underline=False, caps=False
    ):
        run = paragraph.add_run(text)
        run.font.size = Pt(size)
        run.font.bold = bold or None
        run.font.italic = italic or None
        run.font.underline = underline or None
        if caps:
            run.font.all_caps = True
        return run

    # --- header ------------------------------------------------------------------------------------------------

    def _layout_table(self, caption: str, widths_pt: list[float]):
        table = self.doc.add_table(rows=1, cols=len(widths_pt))
        self.layout_tables.append(table)
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        _table_geometry(table, widths_pt, caption)
        return table

    def _header(self) -> None:
        c, sizes = self.context, self.sizes
        # A 1 pt empty paragraph before the header table: LibreOffice lays a document that starts with a table
        # and has footnotes 7–8 mm too low on its first page (LibreOffice 7.4/7.5); Word is unaffected.
        self._plain(
            self.doc.paragraphs[0] if self.doc.paragraphs else self.doc.add_paragraph(), size=1, line=1.0
        )
        left = self.text_width_pt * self.style.header_left_percent / 100
        right = self.text_width_pt - left
        table = self._layout_table(CAPTION_HEADER, [left, right])
        org, nation = table.rows[0].cells

        def paragraph(cell):
            p = cell.paragraphs[0] if not cell.paragraphs[0].text and not cell.paragraphs[0].runs else None
            return p or cell.add_paragraph()

        for line in c["parent_lines"]:
            p = self._plain(paragraph(org), size=sizes["parent"])
            self._run(p, line, sizes["parent"])
        issuer_width = max((text_width_pt(line, sizes["issuer"]) for line in c["issuer_lines"]), default=0)
        for line in c["issuer_lines"]:
            p = self._plain(paragraph(org), size=sizes["issuer"])
            self._run(p, line, sizes["issuer"], bold=True)
        if c["is_party"]:
            p = self._plain(paragraph(org), size=sizes["issuer"], line=1.1)
            self._run(p, "*", sizes["issuer"])
        else:  # the short rule: 40 % of the issuer's width, 2 pt below it
            rule = self._plain(paragraph(org), size=2, line=1.0)
            _rule(rule, "top", left, 0.4 * issuer_width)
            rule.paragraph_format.space_before = Pt(2)
        # The national heading's rule is exactly as wide as the text it underlines (the motto, or "ĐẢNG CỘNG SẢN
        # VIỆT NAM"): a rule paragraph of its own under the text, 1.5 pt below it.
        if c["is_party"]:
            heading, size = "ĐẢNG CỘNG SẢN VIỆT NAM", sizes["national"]
        else:
            p = self._plain(paragraph(nation), size=sizes["national"])
            self._run(p, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", sizes["national"], bold=True)
            heading, size = "Độc lập - Tự do - Hạnh phúc", sizes["motto"]
        p = self._plain(paragraph(nation), size=size)
        self._run(p, heading, size, bold=True)
        rule = self._plain(paragraph(nation), size=1.5, line=1.0)
        _rule(rule, "top", right, text_width_pt(heading, size))
        row = table.add_row()
        number, date = row.cells
        p = self._plain(number.paragraphs[0], size=sizes["number"])
        p.paragraph_format.space_before = Pt(6)
        self._run(p, c["number_line"], sizes["number"])
        if c["is_cong_van"]:
            for i, line in enumerate(c["cv_subject_lines"]):
                p = self._plain(number.add_paragraph(), size=sizes["cv_subject"])
                p.paragraph_format.left_indent = p.paragraph_format.right_indent = Pt(4)
                if i == 0:
                    p.paragraph_format.space_before = Pt(4)
                self._run(p, line, sizes["cv_subject"], italic=c["is_party"])
        p = self._plain(date.paragraphs[0], size=sizes["date"])
        p.paragraph_format.space_before = Pt(6)
        self._run(p, c["date_line"], sizes["date"], italic=True)

    def _title(self) -> None:
        c, sizes = self.context, self.sizes
        p = self._plain(self.doc.add_paragraph(style=STYLE_TITLE), size=sizes["type_name"])
        p.paragraph_format.space_before = Pt(18)
        p.paragraph_format.keep_with_next = True
        self._run(p, c["type_name"], sizes["type_name"], bold=True)
        width = 0.0
        for line in c["subject_lines"]:
            p = self._plain(self.doc.add_paragraph(style=STYLE_TITLE), size=sizes["subject"])
            p.paragraph_format.keep_with_next = True
            self._run(p, line, sizes["subject"], bold=True)
            width = max(width, text_width_pt(line, sizes["subject"]))
        width = min(width, self.text_width_pt)
        if c["is_party"]:
            p = self._plain(self.doc.add_paragraph(style=STYLE_TITLE), size=sizes["subject"])
            self._run(p, "-----", sizes["subject"])
        else:
            p = self._plain(self.doc.add_paragraph(style=STYLE_TITLE), size=3, line=1.0)
            p.paragraph_format.space_before = Pt(3)
            _rule(p, "top", self.text_width_pt, 0.4 * width)
        p.paragraph_format.space_after = Pt(12)

    def _kinh_gui(self) -> None:
        c, size = self.context, self.sizes["kinh_gui"]
        table = self._layout_table(CAPTION_KINH_GUI, [self.text_width_pt * 0.3, self.text_width_pt * 0.7])
        label, names = table.rows[0].cells
        p = self._plain(label.paragraphs[0], align=WD_ALIGN_PARAGRAPH.RIGHT, size=size, line=1.25)
        p.paragraph_format.right_indent = Pt(6)
        p.paragraph_format.space_before = Pt(18)
        self._run(p, "Kính gửi:", size, italic=c["is_party"])
        for i, line in enumerate(c["kinh_gui"]):
            p = self._plain(
                names.paragraphs[0] if i == 0 else names.add_paragraph(),
                align=WD_ALIGN_PARAGRAPH.LEFT,
                size=size,
                line=1.25,
            )
            p.paragraph_format.left_indent = Pt(size * 0.6)
            p.paragraph_format.first_line_indent = Pt(-size * 0.6)
            if i == 0:
                p.paragraph_format.space_before = Pt(18)
            self._run(p, line, size, italic=c["is_party"])
        spacer = self._plain(self.doc.add_paragraph(style=STYLE_TITLE), size=1, line=1.0)
        spacer.paragraph_format.space_after = Pt(11)

    # --- body --------------------------------------------------------------------------------------------------

    def _content(self) -> None:
        layout, c = self.layout, self.context
        for line in c["bases"]:
            self._html(f"<p>{_esc(line)}</p>", STYLE_BASIS)
        if layout.opening:
            self._html(layout.opening, STYLE_OPENING)
        sections = self._nodes(layout.body, 0)
        if (layout.tasks or layout.reporting) and not self.tasks_placed:
            if layout.is_cong_van:
                self._tasks(1 if layout.body_numbering == "roman" else 0)
            else:
                kind = _kind(layout, 0)
                self._task_heading(number_label(kind, sections + 1), IMPLEMENTATION_HEADING, 0)
                self._tasks(1)
        if layout.closing:
            self._html(layout.closing, STYLE_CLOSING)

    def _nodes(self, nodes: list[BodyNode], depth: int) -> int:
        n = 0
        for node in nodes:
            label = ""
            if node.numbered:
                n += 1
                label = number_label(_kind(self.layout, depth), n)
            self._node(node, depth, label)
        return n

    def _node(self, node: BodyNode, depth: int, label: str) -> None:
        level = min(depth, MAX_DEPTH - 1) + 1
        notes = list(node.footnotes)
        html = node.html
        if node.heading.strip():
            p = self.doc.add_paragraph(style=STYLE_HEADING.format(depth=level))
            if label:
                p.add_run(f"{label} ")
            p.add_run(node.heading.strip())
            self._html(html, STYLE_BODY, notes=notes)
        else:
            self._html(html, STYLE_BODY, notes=notes, run_in=(label, STYLE_ITEM.format(depth=level)))
        count = self._nodes(node.children, depth + 1)
        if node.tasks_here and not self.tasks_placed:
            self._tasks(depth + 1, start=count)

    def _task_heading(self, label: str, text: str, depth: int) -> None:
        kind = _kind(self.layout, depth) or "plain"
        p = self.doc.add_paragraph(style=STYLE_TASK)
        p.paragraph_format.keep_with_next = True
        run = p.add_run(f"{label} {text}" if label else text)
        run.font.bold = kind in ("roman", "arabic") or None
        run.font.italic = kind == "alpha" or None
        run.font.all_caps = kind == "roman" or None

    def _tasks(self, depth: int, start: int = 0) -> None:
        self.tasks_placed = True
        kind = _kind(self.layout, depth)
        n = start
        for n, task in enumerate(self.layout.tasks, start + 1):
            self._task(task, depth, number_label(kind, n))
        if self.layout.reporting:
            self._task_heading(number_label(kind, n + 1), "Chế độ báo cáo", depth)
            for line in self.layout.reporting:
                if line.strip():
                    self.doc.add_paragraph(line.strip(), style=STYLE_TASK)

    def _task(self, task: TaskBlock, depth: int, label: str) -> None:
        lines = [line.strip() for line in task.text.splitlines() if line.strip()]
        if task.run_in and lines:
            lines[0] = f"{label} {lines[0]}" if label else lines[0]
        else:
            self._task_heading(label, task.title, depth)
        for line in lines:
            self.doc.add_paragraph(line, style=STYLE_TASK)
        if task.due_date:
            p = self.doc.add_paragraph(style=STYLE_TASK)
            p.add_run(f"Thời hạn hoàn thành: {format_vn_date(task.due_date)}.").font.italic = True

    def _html(self, html: str, style: str, *, notes: list[str] | None = None, run_in=None) -> None:
        """Sanitised HTML (directives/sanitize.py tags) as paragraphs of ``style``; ``[^n]`` calls note n of
        ``notes``; notes not called go at the end of the last paragraph. ``run_in``: (label, style) starts the
        first paragraph with the item's number in the item's style."""
        emitter = _HtmlEmitter(self, style, notes or [], run_in)
        emitter.feed(html or "")
        emitter.finish()

    # --- signature ---------------------------------------------------------------------------------------------

    def _signature(self) -> None:
        c, sizes = self.context, self.sizes
        left = self.text_width_pt * 0.42
        table = self._layout_table(CAPTION_SIGN, [left, self.text_width_pt - left])
        nn, sign = table.rows[0].cells
        _keep_row(table.rows[0])
        first = True
        if c["noi_nhan"]:
            p = self._plain(nn.paragraphs[0], align=WD_ALIGN_PARAGRAPH.LEFT, size=sizes["noi_nhan_label"])
            p.paragraph_format.space_before = Pt(6)
            if c["is_party"]:
                self._run(p, "Nơi nhận:", sizes["noi_nhan_label"], underline=True)
            else:
                self._run(p, "Nơi nhận:", sizes["noi_nhan_label"], bold=True, italic=True)
            for line in c["noi_nhan"]:
                p = self._plain(nn.add_paragraph(), align=WD_ALIGN_PARAGRAPH.LEFT, size=sizes["noi_nhan"])
                p.paragraph_format.left_indent = Pt(sizes["noi_nhan"] * 0.6)
                p.paragraph_format.first_line_indent = Pt(-sizes["noi_nhan"] * 0.6)
                p.paragraph_format.right_indent = Pt(6)
                self._run(p, line, sizes["noi_nhan"])
        size = sizes["signature"]

        def line(text: str, *, bold: bool) -> None:
            nonlocal first
            p = self._plain(sign.paragraphs[0] if first else sign.add_paragraph(), size=size, line=1.25)
            if first:
                p.paragraph_format.space_before = Pt(6)
            first = False
            p.paragraph_format.keep_with_next = True
            self._run(p, text, size, bold=bold)

        if c["authority_line"]:
            line(c["authority_line"], bold=True)
        for title in c["title_lines"]:
            line(title, bold=not c["is_party"])
        space = self._plain(sign.add_paragraph(), size=1, line=1.0)
        space.paragraph_format.space_before = Mm(self.style.signature_space_mm) - Pt(1)
        space.paragraph_format.keep_with_next = True
        p = self._plain(sign.add_paragraph(), size=size, line=1.25)
        self._run(p, c["signer_name"], size, bold=True)


class _HtmlEmitter:
    """Walks sanitised HTML and writes Word paragraphs, runs, "-" list items, tables and footnote calls."""

    def __init__(self, writer: _Writer, style: str, notes: list[str], run_in) -> None:
        self.w = writer
        self.style = style
        self.notes = notes
        self.used: set[int] = set()
        self.run_in = run_in
        self.paragraph = None
        self.last_paragraph = None

    def feed(self, html: str) -> None:
        if not html.strip():
            if self.run_in and self.run_in[0]:
                self._start(self.style)
            return
        root = lxml_html.fragment_fromstring(html, create_parent="div")
        # Text directly in the fragment (no <p>) is one paragraph.
        self._block_children(root)

    def finish(self) -> None:
        rest = [i for i in range(1, len(self.notes) + 1) if i not in self.used]
        if rest:
            paragraph = self.last_paragraph or self._start(self.style)
            for i in rest:
                self.w.notes.call(paragraph, self.notes[i - 1])

    def _start(self, style: str, container=None):
        container = container or self.w.doc
        if self.run_in and container is self.w.doc:
            label, item_style = self.run_in
            self.run_in = None
            paragraph = container.add_paragraph(style=item_style)
            if label:
                paragraph.add_run(f"{label} ")
        else:
            paragraph = (
                container.add_paragraph(style=style)
                if container is self.w.doc
                else _cell_paragraph(container)
            )
        self.paragraph = paragraph
        self.last_paragraph = paragraph
        return paragraph

    def _block_children(self, element, container=None) -> None:
        loose: list = []  # inline content outside a block: gathered into one paragraph
        if element.text and element.text.strip():
            loose.append(element.text)
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in ("p", "ul", "ol", "table", "div"):
                self._flush_loose(loose, container)
                if tag == "p" or tag == "div":
                    self._start(self.style, container)
                    self._inline(child, _Fmt())
                elif tag in ("ul", "ol"):
                    self._list(child, ordered=tag == "ol", container=container)
                else:
                    self._table(child)
            else:
                loose.append(child)
            if child.tail and child.tail.strip():
                loose.append(child.tail)
        self._flush_loose(loose, container)

    def _flush_loose(self, loose: list, container) -> None:
        if not loose:
            return
        self._start(self.style, container)
        for piece in loose:
            if isinstance(piece, str):
                self._text(piece, _Fmt())
            else:
                self._inline(piece, _Fmt(), tail=True)
        loose.clear()

    def _list(self, element, *, ordered: bool, container) -> None:
        n = 0
        for li in element:
            if li.tag != "li":
                continue
            n += 1
            style = STYLE_LIST if container is None else self.style
            paragraph = self._start(style, container)
            paragraph.add_run(f"{n}. " if ordered else "- ")
            self._inline(li, _Fmt())

    def _inline(self, element, fmt: _Fmt, *, tail: bool = False) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        own = _Fmt(**fmt.__dict__)
        if tag in ("strong", "b", "th"):
            own.bold = True
        elif tag in ("em", "i"):
            own.italic = True
        elif tag == "u":
            own.underline = True
        elif tag == "sup":
            own.sup = True
        elif tag == "sub":
            own.sub = True
        if tag == "br":
            self.paragraph.add_run().add_break()
        elif tag in ("ul", "ol"):
            for li in element:
                self.paragraph.add_run().add_break()
                self.paragraph.add_run("- ")
                self._inline(li, own)
        else:
            if element.text:
                self._text(element.text, own)
            for child in element:
                self._inline(child, own, tail=True)
        if tail and element.tail:
            self._text(element.tail, fmt)

    def _text(self, text: str, fmt: _Fmt) -> None:
        text = " ".join(text.replace("\n", " ").split(" ")) if text else text
        pos = 0
        for match in _FOOTNOTE_CALL.finditer(text):
            self._run(text[pos : match.start()], fmt)
            index = int(match.group(1))
            if 1 <= index <= len(self.notes) and index not in self.used:
                self.used.add(index)
                self.w.notes.call(self.paragraph, self.notes[index - 1])
            pos = match.end()
        self._run(text[pos:], fmt)

    def _run(self, text: str, fmt: _Fmt) -> None:
        if not text:
            return
        run = self.paragraph.add_run(text)
        run.font.bold = fmt.bold or None
        run.font.italic = fmt.italic or None
        run.font.underline = fmt.underline or None
        run.font.superscript = fmt.sup or None
        run.font.subscript = fmt.sub or None

    def _table(self, element) -> None:
        rows = []
        for part in element:
            if part.tag in ("thead", "tbody"):
                rows.extend((row, part.tag == "thead") for row in part if row.tag == "tr")
            elif part.tag == "tr":
                rows.append((part, False))
        grid = [[cell for cell in row if cell.tag in ("td", "th")] for row, _ in rows]
        width = max((sum(int(c.get("colspan") or 1) for c in cells) for cells in grid), default=0)
        if not width:
            return
        table = self.w.doc.add_table(rows=len(rows), cols=width)
        table.style = self.w.doc.styles["Table Grid"]
        table.autofit = False
        _table_geometry(table, _column_widths(grid, width, self.w.text_width_pt), caption="", borders=False)
        size = self.w.style.body_size_pt * 0.9
        for r, ((_row, head), cells) in enumerate(zip(rows, grid, strict=True)):
            if head:
                _repeat_header(table.rows[r])
            c = 0
            for cell in cells:
                span = max(1, int(cell.get("colspan") or 1))
                target = table.cell(r, c)
                if span > 1 and c + span <= width:
                    target = target.merge(table.cell(r, c + span - 1))
                c += span
                paragraph = target.paragraphs[0]
                self.w._plain(
                    paragraph,
                    align=WD_ALIGN_PARAGRAPH.CENTER if cell.tag == "th" else WD_ALIGN_PARAGRAPH.LEFT,
                    size=size,
                    line=1.25,
                )
                self.paragraph = paragraph
                fmt = _Fmt(bold=cell.tag == "th")
                if cell.text:
                    self._text(cell.text, fmt)
                for child in cell:
                    if child.tag in ("p", "div") and paragraph.runs:
                        paragraph = self.w._plain(
                            target.add_paragraph(), align=paragraph.alignment, size=size
                        )
                        self.paragraph = paragraph
                    self._inline(child, fmt, tail=True)
                for run in paragraph.runs:
                    run.font.size = Pt(size)
        self.paragraph = None
        self.w.doc.add_paragraph(style=self.style).paragraph_format.space_after = Pt(0)


def _column_widths(grid: list[list], width: int, total_pt: float) -> list[float]:
    """Columns as wide as their longest text wants, as the PDF's automatic table layout sets them ("STT" narrow,
    the text column wide): shares of the text width by the longest cell (in characters, at most 60), each at least
    a twelfth. Cells spanning columns are left out of the measure."""
    longest = [1] * width
    for cells in grid:
        column = 0
        for cell in cells:
            span = max(1, int(cell.get("colspan") or 1))
            if span == 1 and column < width:
                longest[column] = max(longest[column], min(len(" ".join(cell.text_content().split())), 60))
            column += span
    shares = [max(n, sum(longest) / 12) for n in longest]
    return [total_pt * share / sum(shares) for share in shares]


def _cell_paragraph(cell):
    first = cell.paragraphs[0]
    return first if not first.runs else cell.add_paragraph()


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _font(style, size_pt: float) -> None:
    """Times New Roman for every script (Word picks the face by script; a theme font would win otherwise)."""
    style.font.name = FONT
    style.font.size = Pt(size_pt)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "vi-VN")


def _rule(paragraph, side: str, column_pt: float, length_pt: float) -> None:
    """A solid 0.75 pt rule of ``length_pt``, centred in a column ``column_pt`` wide: the paragraph's border,
    narrowed by equal indents (a paragraph border spans from indent to indent)."""
    length = min(max(length_pt, 1.0), column_pt)
    indent = max((column_pt - length) / 2, 0)
    fmt = paragraph.paragraph_format
    fmt.left_indent = Pt(indent)
    fmt.right_indent = Pt(indent)
    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        # pBdr follows pStyle, keepNext, keepLines, pageBreakBefore, framePr, widowControl, numPr, suppress*;
        # python-docx re-orders nothing, so insert it before spacing / ind / jc when present.
        anchor = next(
            (
                child
                for child in ppr
                if child.tag in (qn("w:shd"), qn("w:tabs"), qn("w:spacing"), qn("w:ind"), qn("w:jc"))
            ),
            None,
        )
        if anchor is not None:
            anchor.addprevious(borders)
        else:
            ppr.append(borders)
    edge = OxmlElement(f"w:{side}")
    edge.set(qn("w:val"), "single")
    edge.set(qn("w:sz"), "6")  # eighths of a point: 0.75 pt
    edge.set(qn("w:space"), "1")
    edge.set(qn("w:color"), "000000")
    borders.append(edge)


def _table_geometry(table, widths_pt: list[float], caption: str, *, borders: bool = False) -> None:
    """Fixed column widths (twentieths of a point), no cell padding for the layout tables, no borders unless
    asked, and the caption the reader tells layout tables by."""
    tbl = table._tbl
    tbl_pr = tbl.tblPr
    total = int(round(sum(widths_pt) * 20))
    width = tbl_pr.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        tbl_pr.append(width)
    width.set(qn("w:w"), str(total))
    width.set(qn("w:type"), "dxa")
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    if caption:
        margins = OxmlElement("w:tblCellMar")
        for side in ("top", "left", "bottom", "right"):
            edge = OxmlElement(f"w:{side}")
            edge.set(qn("w:w"), "0")
            edge.set(qn("w:type"), "dxa")
            margins.append(edge)
        tbl_pr.append(margins)
        look = tbl_pr.find(qn("w:tblLook"))
        if look is not None:
            tbl_pr.remove(look)
        cap = OxmlElement("w:tblCaption")
        cap.set(qn("w:val"), caption)
        tbl_pr.append(cap)
    else:
        indent = OxmlElement("w:tblInd")
        indent.set(qn("w:w"), "0")
        indent.set(qn("w:type"), "dxa")
        tbl_pr.append(indent)
    _order_tbl_pr(tbl_pr)
    grid = tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), widths_pt, strict=False):
        col.set(qn("w:w"), str(int(round(w * 20))))
    for row in table.rows:
        for cell, w in zip(row.cells, widths_pt, strict=False):
            cell.width = Pt(w)


_TBL_PR_ORDER = [
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
    "tblCaption",
    "tblDescription",
]


def _order_tbl_pr(tbl_pr) -> None:
    """Children of w:tblPr in the schema's order (Word refuses a file whose order is wrong)."""
    rank = {qn(f"w:{name}"): i for i, name in enumerate(_TBL_PR_ORDER)}
    children = sorted(tbl_pr, key=lambda child: rank.get(child.tag, len(rank)))
    for child in children:
        tbl_pr.remove(child)
        tbl_pr.append(child)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    tr_pr.append(header)


def _keep_row(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))


def _field(paragraph, code: str, placeholder: str, size_pt: float) -> None:
    """A Word field (PAGE) as begin / instruction / separate / result / end runs."""

    def run(child):
        r = paragraph.add_run()
        r.font.size = Pt(size_pt)
        r._r.append(child)
        return r

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {code} "
    run(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run(separate)
    result = paragraph.add_run(placeholder)
    result.font.size = Pt(size_pt)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run(end)
