"""From an :class:`OfficialLayout` to the template context: numbering, punctuation, footnotes.

The template only places what this module prepares, so every rule that depends on the regime is
readable here in one place.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from directives.pdf.conf import RegimeStyle, keep_together_max_lines
from directives.pdf.layout import BodyNode, OfficialLayout, TaskBlock
from directives.pdf.vn import format_vn_date

# Numbering by depth (Mục I., khoản 1., điểm a)); deeper items are not numbered.
_NUMBER_KINDS = {"roman": ("roman", "arabic", "alpha"), "arabic": ("arabic", "alpha")}
_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)
# Điểm follow the Vietnamese alphabet: a), b), c), d), đ), e) …
_ALPHA = "abcdđeghiklmnopqrstuvxy"
IMPLEMENTATION_HEADING = "TỔ CHỨC THỰC HIỆN"
_FOOTNOTE_CALL = re.compile(r"\[\^(\d+)\]")
_TRAILING = ";,. "


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def _alpha(n: int) -> str:
    return _ALPHA[n - 1] if n <= len(_ALPHA) else str(n)


def number_label(kind: str | None, n: int) -> str:
    if kind == "roman":
        return f"{_roman(n)}."
    if kind == "arabic":
        return f"{n}."
    if kind == "alpha":
        return f"{_alpha(n)})"
    return ""


def _kind(layout: OfficialLayout, depth: int) -> str | None:
    kinds = _NUMBER_KINDS[layout.body_numbering]
    return kinds[depth] if depth < len(kinds) else None


def punctuate(lines: list[str], *, sep: str, last: str, dash: bool) -> list[str]:
    """Official list punctuation: each line ends with ``sep``, the last with ``last``."""
    cleaned = [line.strip().rstrip(_TRAILING) for line in lines if line.strip()]
    cleaned = [line.removeprefix("- ").strip() if dash else line for line in cleaned]
    prefix = "- " if dash else ""
    return [f"{prefix}{line}{last if i == len(cleaned) - 1 else sep}" for i, line in enumerate(cleaned)]


def _attach_footnotes(html: str, footnotes: list[str]) -> str:
    """Put each footnote where its call ``[^n]`` stands (WeasyPrint floats it to the page foot)."""
    if not footnotes:
        return _FOOTNOTE_CALL.sub("", html)
    used: set[int] = set()

    def call(match: re.Match) -> str:
        index = int(match.group(1))
        if not 1 <= index <= len(footnotes) or index in used:
            return ""
        used.add(index)
        return f'<span class="fn">{escape(footnotes[index - 1])}</span>'

    html = _FOOTNOTE_CALL.sub(call, html)
    rest = "".join(
        f'<span class="fn">{escape(text)}</span>' for i, text in enumerate(footnotes, 1) if i not in used
    )
    if rest:
        end = html.rfind("</p>")
        html = html[:end] + rest + html[end:] if end >= 0 else html + rest
    return html


def _run_in(html: str, label: str) -> str:
    """Start the first paragraph of ``html`` with the item's number."""
    number = f'<span class="num">{escape(label)}</span> '
    match = re.match(r"\s*<p(\s[^>]*)?>", html)
    if match:
        return html[: match.end()] + number + html[match.end() :]
    return f"<p>{number}{html}</p>"


def _text_paragraphs(text: str) -> SafeString:
    return mark_safe("".join(f"<p>{escape(line.strip())}</p>" for line in text.splitlines() if line.strip()))


class _Blocks:
    """Flattens the body tree into a list of blocks the template prints in order."""

    def __init__(self, layout: OfficialLayout) -> None:
        self.layout = layout
        self.items: list[dict[str, Any]] = []
        self.tasks_placed = False

    def nodes(self, nodes: list[BodyNode], depth: int) -> int:
        n = 0
        for node in nodes:
            label = ""
            if node.numbered:
                n += 1
                label = number_label(_kind(self.layout, depth), n)
            self.node(node, depth, label)
        return n

    def node(self, node: BodyNode, depth: int, label: str) -> None:
        html = _attach_footnotes(node.html, node.footnotes)
        kind = _kind(self.layout, depth) or "plain"
        if node.heading.strip():
            self.items.append(
                {"type": "heading", "cls": f"h-{kind}", "number": label, "text": node.heading.strip()}
            )
        elif label and html:
            html = _run_in(html, label)
        if html.strip():
            self.items.append({"type": "html", "html": mark_safe(html)})
        count = self.nodes(node.children, depth + 1)
        if node.tasks_here and not self.tasks_placed:
            self.tasks(depth + 1, start=count)

    def tasks(self, depth: int, start: int = 0) -> None:
        """The tasks (Tổ chức thực hiện), then the reporting duties as one more item after them."""
        self.tasks_placed = True
        kind = _kind(self.layout, depth) or "plain"
        n = start
        for n, task in enumerate(self.layout.tasks, start + 1):
            self.task(task, kind, number_label(kind, n))
        if self.layout.reporting:
            label = number_label(kind, n + 1)
            self.items.append(
                {"type": "heading", "cls": f"h-{kind}", "number": label, "text": "Chế độ báo cáo"}
            )
            self.items.append({"type": "html", "html": _text_paragraphs("\n".join(self.layout.reporting))})

    def section(self, heading: str, depth: int, number: int) -> None:
        """A section the body did not write itself (Tổ chức thực hiện), numbered after the body's own."""
        kind = _kind(self.layout, depth) or "plain"
        self.items.append(
            {"type": "heading", "cls": f"h-{kind}", "number": number_label(kind, number), "text": heading}
        )

    def task(self, task: TaskBlock, kind: str, label: str) -> None:
        if task.run_in and task.text.strip():
            html = _text_paragraphs(task.text)
            self.items.append({"type": "html", "html": mark_safe(_run_in(html, label)) if label else html})
        else:
            self.items.append({"type": "heading", "cls": f"h-{kind}", "number": label, "text": task.title})
            if task.text.strip():
                self.items.append({"type": "html", "html": _text_paragraphs(task.text)})
        if task.due_date:
            self.items.append(
                {"type": "due", "text": f"Thời hạn hoàn thành: {format_vn_date(task.due_date)}."}
            )


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _signature_space_mm(layout: OfficialLayout, style: RegimeStyle) -> float:
    """The gap between the signer's title and name: room for pen and seal on paper; for a digital signature,
    the image's height with a margin above and below it."""
    if layout.signature_image_mm is None:
        return style.signature_space_mm
    return layout.signature_image_mm + 2 * style.signature_image_margin_mm


def _css(layout: OfficialLayout, style: RegimeStyle) -> dict[str, str]:
    """Every measure as a ready CSS string (never a number the template could localise)."""
    s = style
    left_right = s.margin_left_mm - s.margin_right_mm
    return {
        "page_margin": f"{s.margin_top_mm}mm {s.margin_right_mm}mm {s.margin_bottom_mm}mm {s.margin_left_mm}mm",
        "body_size": f"{s.body_size_pt}pt",
        "line_height": s.line_height,
        "para_space": f"{s.paragraph_spacing_pt}pt",
        "indent": f"{s.indent_cm}cm",
        "footnote_size": f"{s.footnote_size_pt}pt",
        "pn_size": f"{s.page_number_size_pt}pt",
        # The margin box spans the text width; pad it so the number is centred on the sheet.
        "pn_padding": f"{s.page_number_top_mm}mm {max(left_right, 0)}mm 0 {max(-left_right, 0)}mm",
        "header_left": f"{s.header_left_percent}%",
        "header_right": f"{100 - s.header_left_percent}%",
        "signature_space": f"{_signature_space_mm(layout, s)}mm",
        "watermark_color": s.watermark_color,
        **{f"size_{key}": f"{value}pt" for key, value in s.sizes_pt.items()},
    }


def build_context(layout: OfficialLayout, style: RegimeStyle) -> dict[str, Any]:
    party = layout.is_party
    blocks = _Blocks(layout)
    sections = blocks.nodes(layout.body, 0)
    if (layout.tasks or layout.reporting) and not blocks.tasks_placed:
        if layout.is_cong_van:  # a letter has no sections: its tasks follow as items of its own
            blocks.tasks(1 if layout.body_numbering == "roman" else 0)
        else:  # no section of the body holds the tasks: they get the one the rules expect, after the body's
            blocks.section(IMPLEMENTATION_HEADING, 0, sections + 1)
            blocks.tasks(1)
    authority, title = layout.signature_lines()
    noi_nhan = punctuate(layout.noi_nhan, sep="," if party else ";", last=".", dash=True)
    # One addressee stays on the "Kính gửi:" line; several go on lines starting "- ".
    kinh_gui = punctuate(layout.kinh_gui, sep=";", last=".", dash=len(layout.kinh_gui) > 1)
    return {
        "regime": layout.regime,
        "is_party": party,
        "is_cong_van": layout.is_cong_van,
        "css": _css(layout, style),
        # The layout a person signs digitally: number and date left blank, the lines laid out on stand-ins.
        "for_signing": layout.for_signing,
        "number_label": layout.number_label(),
        "centred_number_symbol": layout.centred_number_symbol(),
        "widest_date_line": layout.widest_place_date_line(),
        "parent_lines": _lines(layout.parent_body.upper()),
        "issuer_lines": _lines(layout.issuer_name.upper()),
        "number_line": layout.number_line(),
        "date_line": layout.place_date_line(),
        "cv_subject_lines": _lines(layout.cong_van_subject()),
        "type_name": layout.doc_type_name.upper(),
        "subject_lines": _lines(layout.title_subject()),
        # Party documents cite their bases in the opening paragraph (Hướng dẫn 36).
        "bases": [] if party else punctuate(layout.bases, sep=";", last=".", dash=False),
        "kinh_gui": kinh_gui,
        "opening": mark_safe(layout.opening),
        "blocks": blocks.items,
        "closing": mark_safe(layout.closing),
        "authority_line": authority.upper(),
        "title_lines": _lines(title.upper()),
        "signer_name": layout.signer.name.strip(),
        "noi_nhan": noi_nhan,
        "keep_together": len(noi_nhan) <= keep_together_max_lines(),
        "watermark": layout.watermark or "",
        **document_metadata(layout),
    }


def _one_line(text: str) -> str:
    """Metadata is read on one line: line breaks and non-breaking spaces of the printed text become spaces."""
    return " ".join(text.split())


def document_metadata(layout: OfficialLayout) -> dict[str, str]:
    """The PDF's title, author and creation date (WeasyPrint writes them into the Info dictionary and the
    PDF/A XMP packet alike): "Kế hoạch số 76/KH-LĐLĐ thực hiện …", the issuing body, the issue date.

    A layout without a number (a draft, or the one a person signs digitally, numbered after the signature)
    names no number; one without a date has no creation date (signing records its own time)."""
    number = f" số {layout.number_symbol_text()}" if layout.number and not layout.for_signing else ""
    created = layout.issue_date.isoformat() if layout.issue_date and not layout.for_signing else ""
    return {
        "document_title": _one_line(f"{layout.doc_type_name}{number} {layout.subject}"),
        "document_author": _one_line(layout.issuer_name),
        "document_created": created,
    }
