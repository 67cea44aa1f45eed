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

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from directives.content import Addressee, Authority, Citation, Signature, authority_of
from directives.importing import patterns as p

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
    recipients: list[str] = field(default_factory=list)
    reporting: list[str] = field(default_factory=list)
    signer: Signature = field(default_factory=Signature)
    kinh_gui: list[Addressee] = field(default_factory=list)
    noi_nhan: list[Addressee] = field(default_factory=list)
    regime: str | None = None
    issuer_source: str | None = None  # "header", "opening" or None
    issue_date_parts: dict[str, int | None] | None = None

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
        return data


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


# --- the parser -------------------------------------------------------------------------------


def parse_document(text: str) -> ParsedDocument:
    """Extract the metadata of one official document from its plain text (never raises on content)."""
    lines = [p.strip_markup(line) for line in text.replace("\r\n", "\n").split("\n")]
    lines = ["" if p.FOOTNOTE_RE.match(line.strip()) else line for line in lines]
    doc = ParsedDocument()

    tail_start = _find_tail_start(lines)
    body_start = _parse_header(lines[:tail_start], doc)
    body_lines = lines[body_start:tail_start]
    body_lines = _parse_kinh_gui(body_lines, doc)
    paragraphs = _paragraphs(body_lines)
    _parse_opening(paragraphs, doc)
    doc.reporting = _reporting_sentences(paragraphs)
    _parse_tail(lines[tail_start:], doc)

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


def _parse_header(lines: list[str], doc: ParsedDocument) -> int:
    """Read header lines in any order; return the index where the body starts.

    Upper-case lines seen before the type title are body names; a line that starts with a body
    word ("BAN", "TỈNH ỦY", "LIÊN ĐOÀN") opens a new body, any other continues the previous one. The
    last body is the issuer and the one before it the parent body (cơ quan chủ quản).
    """
    bodies: list[str] = []
    index = 0
    subject_mode = False
    blank_before = False
    subject: list[str] = []
    while index < len(lines):
        raw = lines[index]
        line = p.squash(raw)
        if not line:
            blank_before = True
            index += 1
            continue
        if subject_mode and _is_header_item(line):
            subject_mode = False  # header lines in any order: the date line may follow "V/v …"
        if subject_mode:
            ends = subject[-1].endswith((".", ":")) if subject else False
            continuation = not subject or (
                (p.starts_lower(line) or (not blank_before and len(line) < 100 and not ends))
                and not _starts_body(line)
                and not p.is_upper_line(line)
            )
            if continuation:
                subject.append(line)
                blank_before = False
                index += 1
                continue
            break
        if _starts_body(line) or (len(line) > 120 and not p.is_upper_line(line)):
            break  # header lines are short; a long running-text line is the body's first paragraph
        blank_before = False
        heading = p.national_heading(line)
        if heading:
            doc.regime = doc.regime or heading
        elif (match := p.NUMBER_LINE_RE.match(line)) and (symbol := p.parse_symbol(match.group("rest"))):
            doc.number_symbol = doc.number_symbol or symbol.text
            doc.regime = doc.regime or symbol.style
            if doc.doc_type is None:
                doc.doc_type = symbol.type_code
            rest = p.compact_symbol(match.group("rest"))[len(symbol.text) :].strip()
            if rest:  # a PDF can put the place-date line on the same text line
                lines = [*lines[:index], rest, *lines[index + 1 :]]
                continue
        elif (match := p.PLACE_DATE_RE.match(line)) and (parts := p.find_date(match.group("date"))):
            doc.place = doc.place or p.squash(match.group("place").strip(" -–"))
            doc.issue_date = parts.as_date()
            doc.issue_date_parts = {"day": parts.day, "month": parts.month, "year": parts.year}
        elif match := p.VV_RE.match(line):
            doc.doc_type = "CV" if doc.doc_type in (None, "CV") else doc.doc_type
            subject = [match.group("rest")] if match.group("rest") else []
            subject_mode = True
        elif title := p.type_from_title(line):
            doc.doc_type = title[0]
            subject = [title[1]] if title[1] else []
            subject_mode = True
        elif p.RULE_LINE_RE.match(line):
            pass
        elif p.is_upper_line(line):
            if bodies and not p.starts_with_body_head(line):
                bodies[-1] = f"{bodies[-1]} {line}"
            else:
                bodies.append(line)
        index += 1
    if subject:
        doc.subject = p.CLOSING_RE.sub("", p.squash(" ".join(subject))) or None
    if bodies:
        doc.issuer = bodies[-1]
        doc.parent_issuer = bodies[-2] if len(bodies) > 1 else None
        doc.issuer_source = "header"
    return min(index, len(lines))


def _is_header_item(line: str) -> bool:
    """A number line, a place-date line or a national heading."""
    if p.national_heading(line):
        return True
    if (match := p.NUMBER_LINE_RE.match(line)) and p.parse_symbol(match.group("rest")):
        return True
    return bool((match := p.PLACE_DATE_RE.match(line)) and p.find_date(match.group("date")))


def _starts_body(line: str) -> bool:
    return bool(p.OPENING_START_RE.match(line) or p.KINH_GUI_RE.match(line) or p.SECTION_RE.match(line))


def _parse_kinh_gui(lines: list[str], doc: ParsedDocument) -> list[str]:
    """Consume a "Kính gửi" block at the start of the body; return the remaining lines.

    Items are "- …" lines; a line without a dash continues the previous item when that item did not
    end with ";" or "." ("Các công đoàn ngành, Công đoàn Viên chức," + "Công đoàn Các khu …").
    """
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or not (match := p.KINH_GUI_RE.match(lines[first].strip())):
        return lines
    items: list[str] = []
    rest = match.group("rest").strip()
    if rest:
        items.append(rest)
    index = first + 1
    while index < len(lines):
        line = lines[index].strip()
        index += 1
        if not line:
            continue
        last_open = bool(items) and not items[-1].rstrip().endswith((";", "."))
        if line.startswith(("-", "–", "+", "•")):
            items.append(line)
        elif last_open and not _starts_body(line) and len(line) < 200:
            items[-1] = f"{items[-1]} {line}"
        else:
            index -= 1
            break
    for item in items:
        if cleaned := p.clean_recipient(item):
            doc.recipients.append(cleaned)
            label, purpose = p.recipient_purpose(cleaned)
            doc.kinh_gui.append(Addressee(label, purpose, in_kinh_gui=True))
    return lines[index:]


# --- body paragraphs --------------------------------------------------------------------------


def _paragraphs(lines: list[str]) -> list[str]:
    """Join wrapped and page-broken lines back into paragraphs.

    A line continues the previous one when it starts in lower case (a page break or soft wrap), or —
    for PDF text, where every visual line is a line — when the previous line is long, is not a
    heading and has no closing punctuation, and this one does not start a list item.
    """
    paragraphs: list[str] = []
    blank = False
    for raw in lines:
        line = p.squash(raw)
        if not line:
            blank = True
            continue
        if paragraphs and _continues(paragraphs[-1], line, blank):
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
        blank = False
    return paragraphs


def _continues(previous: str, line: str, blank: bool) -> bool:
    if (
        previous.endswith((".", ";", ":", "!", "?", "/."))
        or p.LIST_ITEM_RE.match(line)
        or p.SECTION_RE.match(line)
    ):
        return False
    if p.starts_lower(line):
        return True
    if blank or p.is_upper_line(previous) or p.SECTION_RE.match(previous):
        return False
    return len(previous) >= 50


# --- the opening: cited higher documents ------------------------------------------------------


def _find_main_clause(paragraph: str) -> re.Match[str] | None:
    """The last "<body> <verb>" clause after a separator: where the document starts speaking."""
    found = None
    for start in [0, *(m.end() for m in re.finditer(r"[,;.]\s+", paragraph))]:
        match = p.MAIN_CLAUSE_RE.match(paragraph, start)
        if not match or not p.starts_with_body_head(match.group("issuer")):
            continue
        issuer_folded = f" {p.fold(match.group('issuer'))} "
        if any(word in issuer_folded for word in (" CUA ", " VE ", " SO ", " NGAY ", " THEO ")):
            continue
        found = match
    return found


def _parse_opening(paragraphs: list[str], doc: ParsedDocument) -> None:
    """Parent documents are those cited in the opening, before the main clause; not in quotes (a
    cited plan's own subject) and not nested ("…của BTV Tỉnh ủy thực hiện Kết luận số 57…")."""
    for position, paragraph in enumerate(paragraphs[:6]):
        if p.SECTION_RE.match(paragraph) or (position and not p.OPENING_START_RE.match(paragraph)):
            break
        main = _find_main_clause(paragraph)
        cited = paragraph[: main.start()] if main else paragraph
        if position == 0 and not (p.OPENING_START_RE.match(paragraph) or p.REF_RE.search(cited)):
            break
        relation = "based_on" if p.fold(paragraph).startswith("CAN CU") else "implements"
        _collect_refs(cited, relation, doc)
        if main:
            if doc.issuer is None:
                doc.issuer = p.squash(main.group("issuer"))
                doc.issuer_source = "opening"
            break


def _collect_refs(text: str, relation: str, doc: ParsedDocument) -> None:
    quoted = [(m.start(), m.end()) for m in re.finditer(r"“[^”]*”|\"[^\"]*\"", text)]
    matches = [m for m in p.REF_RE.finditer(text) if not any(a <= m.start() < b for a, b in quoted)]
    seen = {ref.number_symbol for ref in doc.parent_refs}
    previous_end = 0
    for position, match in enumerate(matches):
        connector = text[previous_end : match.start()]
        previous_end = match.end()
        if position and p.NESTING_WORDS_RE.search(connector):
            continue
        symbol = p.parse_symbol(match.group("sym"))
        if symbol is None or symbol.text in seen:
            continue
        following = text[
            match.end() : matches[position + 1].start() if position + 1 < len(matches) else len(text)
        ]
        parts = p.find_date(following)
        ref_date = parts.as_date() if parts and parts.start <= 40 else None
        after = following[parts.end :] if parts and parts.start <= 40 else following
        issuer = None
        if issuer_match := p.REF_ISSUER_RE.match(after):
            issuer = p.squash(issuer_match.group("issuer"))
        elif trailing := p.TRAILING_NAME_RE.match(following):
            # "Kế hoạch số 76/KH-LĐLĐ Bình Phước, ngày …": the issuer is the symbol's body + place.
            issuer = f"{symbol.issuer_part.split('-')[0]} {p.squash(trailing.group('words'))}"
        seen.add(symbol.text)
        doc.parent_refs.append(
            Citation(
                number_symbol=symbol.text,
                issue_date=ref_date,
                issuer=issuer or "",
                doc_type=p.type_from_name(match.group("name")) or symbol.type_code or "",
                relation=relation,
            )
        )


# --- reporting duties -------------------------------------------------------------------------


def _reporting_sentences(paragraphs: list[str]) -> list[str]:
    """Whole sentences that set a reporting duty: "báo cáo" with a period, a deadline or an addressee
    ("báo cáo … về Ban …"); "báo cáo viên", "Báo cáo số …" and "không báo cáo" are not duties."""
    found: list[str] = []
    for paragraph in paragraphs:
        paragraph = p.LIST_ITEM_RE.sub("", p.SUPERSCRIPTS_RE.sub("", paragraph), count=1)
        for sentence in p.split_sentences(paragraph):
            if p.REPORT_WORD_RE.search(sentence) and p.REPORT_CONTEXT_RE.search(sentence):
                sentence = p.CLOSING_RE.sub(".", sentence)
                if sentence not in found:
                    found.append(sentence)
    return found


# --- tail: Nơi nhận and signature -------------------------------------------------------------


def _find_tail_start(lines: list[str]) -> int:
    """Where "Nơi nhận" or the signature block begins, searching only after the closing "./."."""
    closing = max((i for i, line in enumerate(lines) if p.CLOSING_RE.search(line.strip())), default=-1)
    # Without a closing mark (or with one typed inside the distribution list) fall back to the
    # last lines of the document, where the tail always is.
    for search_from in (closing + 1 if closing >= 0 else len(lines), max(0, len(lines) - 60)):
        for index in range(search_from, len(lines)):
            line = p.squash(lines[index])
            if p.NOI_NHAN_RE.match(line) or p.parse_authority(line):
                return index
    return closing + 1 if closing >= 0 else len(lines)


def _parse_tail(lines: list[str], doc: ParsedDocument) -> None:
    """Split the tail into the "Nơi nhận" list and the signature lines, in either order."""
    signature: list[str] = []
    index = 0
    while index < len(lines):
        line = p.squash(lines[index])
        index += 1
        if not line:
            continue
        if match := p.NOI_NHAN_RE.match(line):
            items, index = _noi_nhan_items(match.group("rest"), lines, index)
            for item in items:
                if cleaned := p.clean_recipient(item):
                    doc.recipients.append(cleaned)
                    doc.noi_nhan.append(Addressee(*p.recipient_purpose(cleaned)))
            continue
        if not p.SIGNED_MARK_RE.match(line) and not p.RULE_LINE_RE.match(line):
            signature.append(line)
    authority, title, name = p.split_signature(signature)
    mark, authority_body = split_authority(authority or "")
    doc.signer = Signature(
        authority=mark,
        authority_body=authority_body,
        title=title or "",
        name=name or "",
        authority_as_written=authority or "",
    )


def split_authority(text: str) -> tuple[Authority, str]:
    """ "TM. BAN THƯỜNG VỤ" → ("TM", "BAN THƯỜNG VỤ"); "K/T TRƯỞNG BAN" → ("KT", "TRƯỞNG BAN")."""
    match = re.match(
        r"^\s*(T\s*/\s*M|K\s*/\s*T|T\s*/\s*L|T\s*/\s*UQ|TUQ|TM|KT|TL|Q)\s*\.?\s+(.*)$", text or ""
    )
    if not match:
        return "", ""
    code = re.sub(r"[\s/]", "", match.group(1))
    return authority_of(code), match.group(2).strip()


def _noi_nhan_items(first: str, lines: list[str], index: int) -> tuple[list[str], int]:
    items = [first] if first.strip() else []
    blank = False
    while index < len(lines):
        line = p.squash(lines[index])
        if not line:
            blank = True
            index += 1
            continue
        open_item = bool(items) and not items[-1].endswith((";", ".", ","))
        if line.startswith(("-", "–", "+", "•")):
            items.append(line)
        elif open_item and not blank and not p.is_upper_line(line) and not p.parse_authority(line):
            items[-1] = f"{items[-1]} {line}"
        else:
            break
        blank = False
        index += 1
    return items, index
