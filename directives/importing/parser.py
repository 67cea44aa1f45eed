"""Text of an official document → its metadata (type, number-symbol, date, issuer, citations…).

The parser reads a document the way a clerk does, by its layout (STANDARDS.md §3):

* the **header** — everything before the opening: body names in upper case, "Số …", the place and
  date line, the national/Party heading, the type title and the subject (trích yếu) or "V/v …";
* the **opening** — "Căn cứ …"/"Thực hiện …" up to the main clause ("…, Ban X hướng dẫn …"): the
  higher documents cited there are the parent documents;
* the **body** — paragraphs whose sentences may set reporting duties;
* the **tail** — "Nơi nhận:" with its list, and the signature block (authority, title, name).

Seeds come from OCR and Markdown conversions, so every step tolerates missing diacritics, stray
``**``, blank lines in odd places and header lines in any order. Nothing is tuned per document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from directives.content import Addressee, Citation, Signature
from directives.importing import flattened
from directives.importing import patterns as p
from directives.importing.body import (
    all_references,
    find_annex,
    paragraphs,
    parse_kinh_gui,
    parse_opening,
    reporting_sentences,
)
from directives.importing.header import header_end, parse_header
from directives.importing.tail import find_tail_start, parse_tail, split_authority

#: Kept for callers that join wrapped lines the parser's way (services/imported.py).
_paragraphs = paragraphs
__all__ = ["REQUIRED_KEYS", "ParsedDocument", "parse_document", "split_authority"]

REQUIRED_KEYS = (
    "doc_type",
    "number_symbol",
    "issue_date",
    "place",
    "issuer",
    "parent_issuer",
    "subject",
    "parent_refs",
    "recipients",
    "reporting",
    "signer",
)


@dataclass
class ParsedDocument:
    """The metadata of an imported document; ``to_json()`` gives the import draft.

    The higher documents cited in the opening are :class:`~directives.content.Citation`, the Kính gửi /
    Nơi nhận lines :class:`~directives.content.Addressee` and the signature block a
    :class:`~directives.content.Signature` (its authority split into mark and body, and kept as written),
    the parts the review form and the draft use.
    """

    doc_type: str | None = None
    number_symbol: str | None = None
    issue_date: date | None = None
    place: str | None = None
    issuer: str | None = None
    parent_issuer: str | None = None
    subject: str | None = None
    parent_refs: list[Citation] = field(default_factory=list)
    references: list[Citation] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    reporting: list[str] = field(default_factory=list)
    signer: Signature = field(default_factory=Signature)
    kinh_gui: list[Addressee] = field(default_factory=list)
    noi_nhan: list[Addressee] = field(default_factory=list)
    regime: str | None = None
    issuer_source: str | None = None  # "header", "opening" or None
    issue_date_parts: dict[str, int | None] | None = None
    attachment: str | None = None  # a decision's attached programme/plan, its body

    def to_json(self, *, extended: bool = False) -> dict[str, Any]:
        """Exactly ``REQUIRED_KEYS``; ``extended=True`` adds kinh_gui, noi_nhan and parsing hints."""
        data: dict[str, Any] = {
            "doc_type": self.doc_type,
            "number_symbol": self.number_symbol,
            "issue_date": self.issue_date.isoformat() if self.issue_date else None,
            "place": self.place,
            "issuer": self.issuer,
            "parent_issuer": self.parent_issuer,
            "subject": self.subject,
            "parent_refs": [
                {
                    "number_symbol": ref.number_symbol,
                    "date": _iso(ref.issue_date),
                    "issuer": ref.issuer or None,
                }
                for ref in self.parent_refs
            ],
            "recipients": list(self.recipients),
            "reporting": list(self.reporting),
            # As the text prints it, None for a part the block lacks (the parser's JSON shape).
            "signer": {
                "authority": self.signer.authority_as_written or None,
                "title": self.signer.title or None,
                "name": self.signer.name or None,
            },
        }
        if extended:
            data["kinh_gui"] = [{"label": item.label, "purpose": item.purpose} for item in self.kinh_gui]
            data["noi_nhan"] = [{"label": item.label, "purpose": item.purpose} for item in self.noi_nhan]
            data["parent_ref_details"] = [
                {
                    "number_symbol": ref.number_symbol,
                    "date": _iso(ref.issue_date),
                    "issuer": ref.issuer or None,
                    "doc_type": ref.doc_type or None,
                    "relation": ref.relation,
                }
                for ref in self.parent_refs
            ]
            data["regime"] = self.regime
            data["issuer_source"] = self.issuer_source
            data["issue_date_parts"] = self.issue_date_parts
            data["references"] = [
                {
                    "number_symbol": ref.number_symbol,
                    "date": _iso(ref.issue_date),
                    "doc_type": ref.doc_type or None,
                }
                for ref in self.references
            ]
            data["attachment"] = self.attachment
        return data


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


# --- the parser -------------------------------------------------------------------------------


def parse_document(text: str) -> ParsedDocument:
    """Extract the metadata of one official document from its plain text (never raises on content)."""
    lines = [p.strip_markup(line) for line in text.replace("\r\n", "\n").split("\n")]
    lines = ["" if p.FOOTNOTE_RE.match(line.strip()) else line for line in lines]
    lines = flattened.unflatten_header(lines, header_end(lines))
    doc = ParsedDocument()

    # A decision with its programme or plan attached: the decision's own parts come before the
    # attachment's title; the attachment is the body.
    annex_start = find_annex(lines)
    main = lines[:annex_start]
    annex = lines[annex_start:]
    tail_start = find_tail_start(main)
    body_start = parse_header(main[:tail_start], doc)
    body_lines = main[body_start:tail_start]
    body_lines = parse_kinh_gui(body_lines, doc)
    body_paragraphs = paragraphs(body_lines)
    parse_opening(body_paragraphs, doc)
    doc.reporting = reporting_sentences(body_paragraphs + paragraphs(annex))
    parse_tail(flattened.unflatten_tail(main[tail_start:]), doc)
    doc.attachment = "\n".join(annex).strip() or None
    doc.references = all_references(lines, doc)

    if doc.doc_type is None and doc.kinh_gui and doc.number_symbol is None:
        doc.doc_type = "CV"
    default_purpose = "bao_cao" if doc.doc_type in {"BC", "TTR"} else "thuc_hien"
    for item in doc.kinh_gui:
        item.purpose = item.purpose or default_purpose
    for item in doc.noi_nhan:
        if item.purpose is None and p.fold(item.label).startswith(("NHU KINH GUI", "NHU TREN")):
            item.purpose = default_purpose
    if doc.regime is None and doc.signer.authority_as_written:
        # Party prefixes use a slash ("T/M", "K/T"), state and union ones a dot ("TM.", "KT.").
        doc.regime = "party" if "/" in doc.signer.authority_as_written.split(" ")[0] else "state"
    # OCR drops diacritics in the big header type ("TỈNH ỦY HUNG YÊN"); the body spells names right.
    names = p.proper_names("\n".join(body_lines))
    doc.place = p.restore_marks(doc.place, names)
    doc.parent_issuer = p.restore_marks(doc.parent_issuer, names)
    if doc.issuer_source == "header":
        doc.issuer = p.restore_marks(doc.issuer, names)
    return doc
