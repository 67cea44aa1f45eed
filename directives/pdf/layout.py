"""An official document ready for layout: plain data, no Django models.

The caller (the directives app, a report, a chase letter) fills an :class:`OfficialLayout`; the
renderer (:func:`directives.pdf.render.render_pdf`) turns it into the regime's official format.
Everything the format rules derive — the "Số:" line, the date line, the signing prefix, the
punctuation of lists — is derived here, so that the template only places text.

Conventions for the caller:

- Plain-text fields (names, lines, subject, footnotes, task text) are escaped by the template.
- HTML fields (``opening``, ``closing``, ``BodyNode.html``) must already be sanitised (nh3).
- A footnote call is written ``[^1]`` in ``BodyNode.html`` (1-based index into that node's
  ``footnotes``); footnotes without a call are attached to the end of the node's text.
- ``symbol`` is the ký hiệu exactly as it follows the number: ``KH-LĐLĐ``, ``LĐLĐ-TG&NC`` (a state
  or union công văn has no type), ``HD/BTGTU``, ``CV/BTGDVTU`` (Party công văn writes CV).
- Party documents have no separate căn cứ lines (Hướng dẫn 36): cite the higher documents in
  ``opening``; ``bases`` is printed for the state and union regimes only.
- Multi-line names (issuer, parent body, signer title) break where the text has "\\n".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from directives.pdf.vn import BLANK, format_place_date

Regime = Literal["party", "state", "union"]
Authority = Literal["TM", "KT", "TL", "TUQ", "Q", ""]

# Signing prefixes: state and union write a dot ("TM."), the Party a slash and no dot ("T/M").
_STATE_PREFIX = {"TM": "TM.", "KT": "KT.", "TL": "TL.", "TUQ": "TUQ.", "Q": "Q."}
_PARTY_PREFIX = {"TM": "T/M", "KT": "K/T", "TL": "T/L", "TUQ": "T/UQ", "Q": "Q."}


@dataclass
class BodyNode:
    """One numbered section or item of the body (Mục, khoản, điểm) with its nested items.

    An empty ``heading`` makes a run-in item: its number starts the first paragraph of ``html``
    ("1. Sở Thông tin và Truyền thông đẩy mạnh …"). ``tasks_here`` marks the section under which
    the document's tasks (Tổ chức thực hiện) are printed.
    """

    heading: str = ""
    html: str = ""
    footnotes: list[str] = field(default_factory=list)
    children: list[BodyNode] = field(default_factory=list)
    numbered: bool = True
    tasks_here: bool = False


@dataclass
class TaskBlock:
    """A task assigned to a unit: ``title`` is the unit, ``text`` plain lines (one paragraph each).

    ``run_in``: the text starts with the title ("Sở Ngoại vụ phối hợp …"), so the item's number starts the
    text and the title is not printed above it.
    """

    title: str
    text: str = ""
    due_date: dt.date | None = None
    run_in: bool = False


@dataclass
class Signer:
    """Thẩm quyền ký: ``authority`` + ``authority_body`` ("TM" + "BAN THƯỜNG VỤ"), title, name."""

    authority: Authority = ""
    authority_body: str = ""
    title: str = ""
    name: str = ""


@dataclass
class OfficialLayout:
    regime: Regime
    parent_body: str
    issuer_name: str
    number: int | None
    symbol: str
    doc_type_code: str
    doc_type_name: str
    is_cong_van: bool
    place: str
    issue_date: dt.date | None
    subject: str
    bases: list[str] = field(default_factory=list)
    kinh_gui: list[str] = field(default_factory=list)
    opening: str = ""
    body: list[BodyNode] = field(default_factory=list)
    body_numbering: Literal["roman", "arabic"] = "roman"
    tasks: list[TaskBlock] = field(default_factory=list)
    # Chế độ báo cáo: one plain sentence per reporting duty, printed after the tasks.
    reporting: list[str] = field(default_factory=list)
    closing: str = ""
    signer: Signer = field(default_factory=Signer)
    noi_nhan: list[str] = field(default_factory=list)
    watermark: str | None = None
    # Year printed on a blank date line (an undated draft); default: the current year.
    issue_year: int | None = None
    # Set for the layout a person signs digitally (issue 15): the height of their signature image, mm. The
    # number-symbol and the place-and-date line are then left blank (signing fills them in as form fields,
    # after the person's signature) and the gap between the title and the name is sized for the image.
    # None: the paper layout, with blanks a clerk fills in by hand.
    signature_image_mm: float | None = None

    @property
    def is_party(self) -> bool:
        return self.regime == "party"

    def number_line(self) -> str:
        """'Số: 76/KH-LĐLĐ' (state, union), 'Số 97-HD/BTGTU' (Party); blanks when unnumbered."""
        if self.is_party:
            # HD 36-HD/VPTW numbers from 01 too: "Số 05-CT/TW".
            number = BLANK if self.number is None else f"{self.number:02d}"
            return f"Số {number}-{self.symbol}"
        # NĐ 30: numbers below 10 are written with a leading zero.
        number = BLANK if self.number is None else f"{self.number:02d}"
        return f"Số: {number}/{self.symbol}"

    @property
    def for_signing(self) -> bool:
        return self.signature_image_mm is not None

    def number_label(self) -> str:
        """What precedes the number-symbol: 'Số:' (state, union), 'Số' (Party)."""
        return "Số" if self.is_party else "Số:"

    def number_symbol_text(self) -> str:
        """The number-symbol after the label: '76/KH-LĐLĐ', '97-HD/BTGTU' (blank number when unnumbered)."""
        return self.number_line().removeprefix(self.number_label()).lstrip()

    def centred_number_symbol(self) -> str:
        """The number-symbol the "Số:" line is centred on while the number is not known: three digits (a
        busy body's yearly series) before the symbol. Signing writes the real one from the same place, left
        aligned, so a shorter or longer number moves the line's centre by about a millimetre; the slot
        reaches to the end of the column, so even a five-digit number fits."""
        return f"000-{self.symbol}" if self.is_party else f"000/{self.symbol}"

    def place_date_line(self) -> str:
        return format_place_date(self.place, self.issue_date, year=self.issue_year)

    def widest_place_date_line(self) -> str:
        """The place-and-date line at its widest in this year (two-digit day and month; digits are all as
        wide in the bundled font): the blank left for the date when signing holds this text."""
        year = self.issue_year or (self.issue_date.year if self.issue_date else dt.date.today().year)
        return format_place_date(self.place, dt.date(year, 12, 28))

    def cong_van_subject(self) -> str:
        """'V/v …' as printed under the number of a công văn."""
        subject = self.subject.strip()
        return subject if subject[:4].lower() == "v/v " else f"V/v {subject}"

    def title_subject(self) -> str:
        """Trích yếu under the type name; the Party writes it from a lower-case letter ("về …")."""
        subject = self.subject.strip()
        if self.is_party and len(subject) > 1 and subject[1].islower():
            return subject[0].lower() + subject[1:]
        return subject

    def signature_lines(self) -> tuple[str, str]:
        """(authority line, title) — e.g. ('TM. BAN THƯỜNG VỤ', 'PHÓ CHỦ TỊCH').

        The acting form 'Q.' prefixes the title itself ('Q. CHỦ TỊCH') and has no second line.
        """
        signer = self.signer
        if not signer.authority:
            return "", signer.title
        prefix = (_PARTY_PREFIX if self.is_party else _STATE_PREFIX)[signer.authority]
        if signer.authority == "Q" and not signer.authority_body:
            return f"{prefix} {signer.title}", ""
        return f"{prefix} {signer.authority_body}".strip(), signer.title
