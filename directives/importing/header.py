"""The header of an official document: bodies, number-symbol, place and date, type title and subject.

Read the way a clerk reads it, in any order (STANDARDS.md §3); a headless web copy gives the same
facts in its title line ("Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về …").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from directives.importing import patterns as p
from directives.importing.flattened import COLUMN_SEPARATOR_RE

if TYPE_CHECKING:
    from directives.importing.parser import ParsedDocument


def parse_header(lines: list[str], doc: ParsedDocument) -> int:
    """Read header lines in any order; return the index where the body starts.

    Upper-case lines seen before the type title are body names; a line that starts with a body
    word ("BAN", "TỈNH ỦY", "LIÊN ĐOÀN") opens a new body, any other continues the previous one. The
    last body is the issuer and the one before it the parent body (cơ quan chủ quản).
    """
    bodies: list[str] = []
    index = parse_title_line(lines, doc)
    subject_mode = False
    resume_subject = False
    blank_before = False
    subject: list[str] = []
    while index < len(lines):
        raw = lines[index]
        line = p.squash(raw)
        if not line:
            blank_before = True
            index += 1
            continue
        if subject_mode and is_header_item(line):
            subject_mode = False  # header lines in any order: the date line may follow "V/v …"
            resume_subject = True  # … and a flattened left column may go on after it
        elif resume_subject and not subject_mode and _continues_subject(line):
            subject.append(line)
            index += 1
            continue
        elif not is_header_item(line):
            resume_subject = False
        if subject_mode:
            ends = subject[-1].endswith((".", ":")) if subject else False
            continuation = not subject or (
                (p.starts_lower(line) or (not blank_before and len(line) < 100 and not ends))
                and not starts_body(line)
                and not p.is_upper_line(line)
            )
            if continuation:
                subject.append(line)
                blank_before = False
                index += 1
                continue
            break
        if starts_body(line) or (len(line) > 120 and not p.is_upper_line(line)):
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
    elif doc.issuer is None and (issuer := _authority_line_issuer(lines, index)):
        doc.issuer = issuer
        doc.issuer_source = "authority_line"
    return min(index, len(lines))


#: Office titles that open the authority line of a decision ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI"), folded.
_OFFICE_TITLES = (
    "CHU TICH",
    "BO TRUONG",
    "GIAM DOC",
    "TRUONG BAN",
    "CHANH VAN PHONG",
    "CHU NHIEM",
    "VIEN TRUONG",
)


def _authority_line_issuer(lines: list[str], index: int) -> str | None:
    """A headless decision names its issuer in the upper-case line between its subject and "Căn cứ …":
    "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI" → "ỦY BAN NHÂN DÂN TỈNH LÀO CAI"; "THỦ TƯỚNG CHÍNH PHỦ" as is."""
    rest = [p.squash(line) for line in lines[index:] if line.strip()]
    if len(rest) < 2 or not p.is_upper_line(rest[0]) or len(rest[0]) > 120 or not starts_body(rest[1]):
        return None
    line = rest[0]
    words = line.split()
    for title in _OFFICE_TITLES:
        size = len(title.split())
        if p.fold(" ".join(words[:size])) == title and p.starts_with_body_head(" ".join(words[size:])):
            return " ".join(words[size:])
    return line if p.starts_with_body_head(line) or p.fold(line).startswith("THU TUONG") else None


def _continues_subject(line: str) -> bool:
    """A line that can only be the rest of a wrapped subject: it starts in lower case or with a number
    ("10/3/2024 của Ban Thường vụ Tỉnh ủy") and is no header item or body line."""
    starts_digit = line[:1].isdigit() and not p.SECTION_RE.match(line)
    return (p.starts_lower(line) or starts_digit) and not is_header_item(line) and not starts_body(line)


def header_end(lines: list[str]) -> int:
    """Where the header stops at the latest: the first line of the body or of the tail (a short text may
    have no body), within the first 30 lines."""
    for index, raw in enumerate(lines[:30]):
        line = p.squash(raw)
        if starts_body(line) or p.CLOSING_RE.search(line):
            return index
        pieces = [p.squash(piece) for piece in COLUMN_SEPARATOR_RE.split(raw)]
        if any(p.NOI_NHAN_RE.match(piece) or p.parse_authority(piece) for piece in pieces):
            return index
    return min(len(lines), 30)


def parse_title_line(lines: list[str], doc: ParsedDocument) -> int:
    """A headless copy's title line ("Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về …"): read
    type, number-symbol, date, issuer and subject from it; return the index after it (0 when absent)."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return 0
    line = p.squash(lines[first])
    match = p.HEADLESS_TITLE_RE.match(line)
    if not match or p.is_upper_line(line) or not (symbol := p.parse_symbol(match.group("sym"))):
        return 0
    doc.doc_type = p.type_from_name(match.group("name")) or symbol.type_code
    doc.number_symbol = symbol.text
    doc.regime = symbol.style
    rest = match.group("rest")
    parts = p.find_date(rest)
    if parts and parts.start <= 8:
        doc.issue_date = parts.as_date()
        doc.issue_date_parts = {"day": parts.day, "month": parts.month, "year": parts.year}
        rest = rest[parts.end :]
    elif year := _TITLE_YEAR_RE.match(rest):
        # A legal database's title: "Quyết định 1982/QĐ-TTg năm 2016 phê duyệt … do Thủ tướng Chính phủ ban hành".
        doc.issue_date_parts = {"day": None, "month": None, "year": int(year.group("year"))}
        rest = rest[year.end() :]
    if issuer := p.REF_ISSUER_RE.match(rest):
        doc.issuer = p.squash(issuer.group("issuer"))
        doc.issuer_source = "title"
        rest = rest[issuer.end() :]
    elif issued_by := _ISSUED_BY_RE.match(rest):
        doc.issuer = p.squash(issued_by.group("issuer"))
        doc.issuer_source = "title"
        rest = issued_by.group("subject")
    if subject := p.TITLE_SUBJECT_RE.match(rest):
        doc.subject = p.CLOSING_RE.sub("", p.squash(subject.group("subject"))) or None
    elif doc.issuer_source == "title" and rest.strip():
        doc.subject = p.CLOSING_RE.sub("", p.squash(rest)) or None
    return first + 1


_TITLE_YEAR_RE = re.compile(r"^\s+(?i:năm)\s+(?P<year>\d{4})\b")
_ISSUED_BY_RE = re.compile(
    rf"^\s*(?P<subject>.*?)\s+(?i:do)\s+(?P<issuer>[{p.UPPER}][^,;]*?)\s+(?i:ban\s+hành)\s*\.?\s*$"
)


def is_header_item(line: str) -> bool:
    """A number line, a place-date line or a national heading."""
    if p.national_heading(line):
        return True
    if (match := p.NUMBER_LINE_RE.match(line)) and p.parse_symbol(match.group("rest")):
        return True
    return bool((match := p.PLACE_DATE_RE.match(line)) and p.find_date(match.group("date")))


def starts_body(line: str) -> bool:
    return bool(p.OPENING_START_RE.match(line) or p.KINH_GUI_RE.match(line) or p.SECTION_RE.match(line))
