"""A document's content as one typed structure: what a directive says, whoever reads or writes it.

Pure Python (no Django, no models), so the seed transcriptions (directives/seeds/), the PDF samples and
the demo loader can use it without settings or a database. The parts, as an official document prints
them (NĐ 30 for the state and the unions, Hướng dẫn 36 for the Party):

- :class:`Letterhead` — the issuer's head: the line of the body above ("TỈNH ỦY BẮC GIANG") and the
  issuer's own lines ("BAN TUYÊN GIÁO"), and the regime whose format applies;
- the number-symbol (``number`` and ``symbol``), place and date, type and trích yếu (``subject``);
- căn cứ (``bases``) and the opening paragraph (``opening``);
- the body: :class:`Section` trees (Mục, khoản, điểm), with the tasks (:class:`TaskItem`, Tổ chức thực
  hiện) printed under the section marked ``tasks_here``;
- the closing paragraphs, the signature block (:class:`Signature`: TM./KT., title, name), "Kính gửi" and
  "Nơi nhận".

The lines an imported text is read into before they map to units and documents — :class:`Citation` (a
cited higher document) and :class:`Addressee` (a Kính gửi / Nơi nhận line with its purpose) — live here
too, so the parser, the review form and the draft speak the same parts.

Prose fields (``opening``, ``closing``, ``Section.text``) are HTML fragments of paragraphs, as the model
stores them; task texts and footnotes are plain text, one paragraph per line. A section's footnotes hang on
the section (the printed call goes at the end of its text).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from typing import Literal

from directives.pdf.layout import BodyNode, OfficialLayout, Signer, TaskBlock

Regime = Literal["party", "state", "union"]
Authority = Literal["TM", "KT", "TL", "TUQ", "Q", ""]
#: The marks of thẩm quyền ký the formats know (TM., KT., TL., TUQ., Q.) and "" for none.
AUTHORITIES: tuple[Authority, ...] = ("TM", "KT", "TL", "TUQ", "Q", "")

_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
_FIRST_P = re.compile(r"\s*<p(\s[^>]*)?>")


def paragraphs(*texts: str) -> str:
    """Plain paragraphs as the HTML of a prose field: one ``<p>`` each, text escaped."""
    return "".join(f"<p>{html.escape(text, quote=False)}</p>" for text in texts)


def plain_paragraphs(fragment: str) -> list[str]:
    """The paragraphs of a prose field as plain text (tags of emphasis dropped, entities decoded)."""
    return [html.unescape(re.sub(r"<[^>]+>", "", p)) for p in _PARAGRAPH.findall(fragment or "")]


@dataclass(frozen=True)
class Letterhead:
    """How the issuer heads its documents: the regime's format, the body above it, its own name's lines."""

    regime: Regime
    parent_line: str
    issuer_lines: tuple[str, ...]


def authority_of(mark: str) -> Authority:
    """``mark`` if it is one of the AUTHORITIES, else "" (a mark the formats do not know is not printed)."""
    for authority in AUTHORITIES:
        if mark == authority:
            return authority
    return ""


@dataclass(frozen=True)
class Signature:
    """Thẩm quyền ký: ``authority`` + ``authority_body`` ("TM" + "BAN THƯỜNG VỤ"), the title (several lines
    where the document breaks it, "\\n"), the name; an empty string where the block has no such part.

    ``authority_as_written``: the authority line(s) as an imported text prints them ("T/M BAN THƯỜNG VỤ",
    the Party's slash kept), which the parser reports and reads the regime from; empty for a signature
    composed here. The PDF layout does not print it (``layout_of`` takes the four parts above).
    """

    authority: Authority = ""
    authority_body: str = ""
    title: str = ""
    name: str = ""
    authority_as_written: str = ""

    def as_dict(self) -> dict:
        return {
            "authority": self.authority,
            "authority_body": self.authority_body,
            "title": self.title,
            "name": self.name,
        }


@dataclass(frozen=True)
class Section:
    """One section or item of the body (Mục, khoản, điểm) with its items.

    Headings carry no number: the layout numbers sections from their depth (I., 1., a)) unless ``numbered``
    is False; ``child_numbering`` "decimal" numbers the items under the section "2.1.", "2.2." as the
    document writes them (seed 001). ``tasks_here`` marks the section under which the tasks are printed.
    """

    heading: str = ""
    text: str = ""
    footnotes: tuple[str, ...] = ()
    children: tuple[Section, ...] = ()
    numbered: bool = True
    tasks_here: bool = False
    child_numbering: Literal["", "decimal"] = ""

    def as_dict(self) -> dict:
        """The node as Document.body stores it (directives/sanitize.py clean_body keeps these keys)."""
        node = {
            "heading": self.heading,
            "text": self.text,
            "footnotes": list(self.footnotes),
            "numbered": self.numbered,
            "tasks_here": self.tasks_here,
            "children": [child.as_dict() for child in self.children],
        }
        if self.child_numbering:
            node["child_numbering"] = self.child_numbering
        return node

    @classmethod
    def from_dict(cls, node: dict) -> Section:
        return cls(
            heading=node.get("heading", ""),
            text=node.get("text", ""),
            footnotes=tuple(node.get("footnotes") or ()),
            children=tuple(cls.from_dict(child) for child in node.get("children") or ()),
            numbered=bool(node.get("numbered", True)),
            tasks_here=bool(node.get("tasks_here", False)),
            child_numbering=node.get("child_numbering", ""),
        )


@dataclass(frozen=True)
class TaskItem:
    """A task of Tổ chức thực hiện: ``title`` names who carries it out; ``text`` is plain, one paragraph or
    dash item per line. ``title_inline``: the text starts with the title ("Sở Ngoại vụ phối hợp …"), so
    the title is not printed above it."""

    title: str
    text: str
    title_inline: bool = False
    due_date: dt.date | None = None


@dataclass
class Citation:
    """A higher document the text cites ("Thực hiện Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị"):
    the importer reads it from the opening, the review form corrects it, the draft links it. ``relation``
    is "implements" (thực hiện) or "based_on" (căn cứ); empty strings where the text does not say."""

    number_symbol: str
    issue_date: dt.date | None = None
    issuer: str = ""
    doc_type: str = ""
    relation: str = "implements"


@dataclass
class Addressee:
    """One Kính gửi / Nơi nhận line as written ("Các huyện ủy (t/h)" without its mark) with its purpose
    ("thuc_hien", "bao_cao", "phoi_hop", "de_biet", "luu"; None where the line has no mark)."""

    label: str
    purpose: str | None = None
    in_kinh_gui: bool = False


@dataclass(frozen=True)
class DocumentContent:
    """Everything a directive says, as printed (see the module's docstring for the parts)."""

    doc_type: str
    type_name: str
    letterhead: Letterhead
    subject: str
    symbol: str
    place: str
    signer: Signature
    number: int | None = None
    issue_date: dt.date | None = None
    #: The year of a date line left blank ("ngày … tháng 02 năm 2024").
    issue_year: int | None = None
    department: str = ""
    bases: tuple[str, ...] = ()
    opening: str = ""
    body: tuple[Section, ...] = ()
    body_numbering: Literal["roman", "arabic"] = "roman"
    tasks: tuple[TaskItem, ...] = ()
    #: Chế độ báo cáo: one sentence per reporting duty the text does not already state, printed after the tasks.
    reporting: tuple[str, ...] = ()
    closing: str = ""
    kinh_gui: tuple[str, ...] = ()
    noi_nhan: tuple[str, ...] = ()

    @property
    def is_party(self) -> bool:
        return self.letterhead.regime == "party"

    @property
    def number_symbol(self) -> str | None:
        """ "97-HD/BTGTU" (Party), "05/KH-LĐLĐ" (state, union); None while the number is blank."""
        if self.number is None:
            return None
        return f"{self.number}-{self.symbol}" if self.is_party else f"{self.number:02d}/{self.symbol}"

    @property
    def subject_text(self) -> str:
        """The trích yếu on one line (``subject`` breaks where the printed heading breaks)."""
        return " ".join(self.subject.split())


def _numbered_items(section: Section, number: str) -> tuple[str, list[str]]:
    """The items of a section numbered "2.1.", "2.2." … folded into its text, with their footnotes (the
    layout numbers only by depth: I., 1., a))."""
    parts, footnotes = [section.text], list(section.footnotes)
    for i, child in enumerate(section.children, start=1):
        text = child.text
        match = _FIRST_P.match(text)
        label = f"{number}{i}. "
        text = text[: match.end()] + label + text[match.end() :] if match else f"<p>{label}{text}</p>"
        for note in child.footnotes:
            footnotes.append(note)
            end = text.rfind("</p>")
            call = f"[^{len(footnotes)}]"
            text = text[:end] + call + text[end:] if end >= 0 else text + call
        parts.append(text)
    return "".join(parts), footnotes


def body_nodes(sections: tuple[Section, ...], numbering: str, depth: int = 0) -> list[BodyNode]:
    """The body as the PDF engine numbers it (I., 1., a) by depth), "2.1." items folded into their section."""
    nodes, n = [], 0
    for section in sections:
        n += section.numbered
        if section.child_numbering == "decimal":
            # Under a roman body the first level is I., II.; its items are 1., 2. and theirs 1.1., 1.2.
            label = f"{n}." if (numbering == "roman") == (depth == 1) else ""
            text, footnotes = _numbered_items(section, label)
            children: list[BodyNode] = []
        else:
            text, footnotes = section.text, list(section.footnotes)
            children = body_nodes(section.children, numbering, depth + 1)
        nodes.append(
            BodyNode(
                section.heading,
                text,
                footnotes,
                children,
                numbered=section.numbered,
                tasks_here=section.tasks_here,
            )
        )
    return nodes


def layout_of(content: DocumentContent, *, watermark: str | None = None) -> OfficialLayout:
    """The content as the PDF engine lays it out (directives/pdf/layout.py): the issued document, a draft
    (with its ``watermark``) and the seed samples all go through here."""
    return OfficialLayout(
        regime=content.letterhead.regime,
        parent_body=content.letterhead.parent_line,
        issuer_name="\n".join(content.letterhead.issuer_lines),
        number=content.number,
        symbol=content.symbol,
        doc_type_code=content.doc_type,
        doc_type_name=content.type_name,
        is_cong_van=content.doc_type == "CV",
        place=content.place,
        issue_date=content.issue_date,
        issue_year=content.issue_year,
        subject=content.subject,
        bases=list(content.bases),
        kinh_gui=list(content.kinh_gui),
        opening=content.opening,
        body=body_nodes(content.body, content.body_numbering),
        body_numbering=content.body_numbering,
        tasks=[
            TaskBlock(title=task.title, text=task.text, due_date=task.due_date, run_in=task.title_inline)
            for task in content.tasks
        ],
        reporting=list(content.reporting),
        closing=content.closing,
        signer=Signer(
            authority=content.signer.authority,
            authority_body=content.signer.authority_body,
            title=content.signer.title,
            name=content.signer.name,
        ),
        noi_nhan=list(content.noi_nhan),
        watermark=watermark,
    )
