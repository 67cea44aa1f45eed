"""The body of an official document: Kính gửi, paragraphs, the opening and its cited documents,
every citation in running text, reporting duties, and a decision's attachment."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from directives.content import Addressee, Citation
from directives.importing import patterns as p
from directives.importing.header import starts_body

if TYPE_CHECKING:
    from directives.importing.parser import ParsedDocument


def find_annex(lines: list[str]) -> int:
    """Where a decision's attachment starts (the title block above "(Ban hành kèm theo …)"), else len(lines).

    Only after the decision's own tail (a Nơi nhận or signing-authority line): a copy of the
    attachment alone keeps its title as its own header.
    """
    for index, line in enumerate(lines):
        if not p.ANNEX_MARK_RE.match(p.squash(line)):
            continue
        start = index
        while start > 0 and index - start < 8 and lines[start - 1].strip():
            start -= 1  # the title block: the attachment's type or name, its subject, then the mark
        if start < index and p.is_upper_line(lines[start]):
            before = lines[:start]
            if any(p.NOI_NHAN_RE.match(p.squash(x)) or p.parse_authority(x) for x in before):
                return start
    return len(lines)


def parse_kinh_gui(lines: list[str], doc: ParsedDocument) -> list[str]:
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
        elif last_open and not starts_body(line) and len(line) < 200:
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


def paragraphs(lines: list[str]) -> list[str]:
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


def find_main_clause(paragraph: str) -> re.Match[str] | None:
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


def parse_opening(paragraphs: list[str], doc: ParsedDocument) -> None:
    """Parent documents are those cited in the opening, before the main clause; not in quotes (a
    cited plan's own subject) and not nested ("…của BTV Tỉnh ủy thực hiện Kết luận số 57…")."""
    # A decision names its authority on a line of its own above "Căn cứ …" ("CHỦ TỊCH ỦY BAN NHÂN DÂN
    # TỈNH"); the Party writes its grounds as a list ("- Căn cứ Điều lệ Đảng;").
    paragraphs = [re.sub(r"^[-–+•]\s*(?=(?i:căn\s+cứ|xét|theo)\b)", "", par) for par in paragraphs]
    authority = next((i for i, par in enumerate(paragraphs[:3]) if not p.is_upper_line(par)), 0)
    if authority and p.OPENING_START_RE.match(paragraphs[authority]):
        paragraphs = paragraphs[authority:]
    for position, paragraph in enumerate(paragraphs[:8]):
        if p.SECTION_RE.match(paragraph) or (position and not p.OPENING_START_RE.match(paragraph)):
            break
        main = find_main_clause(paragraph)
        cited = paragraph[: main.start()] if main else paragraph
        if position == 0 and not (p.OPENING_START_RE.match(paragraph) or p.REF_RE.search(cited)):
            break
        relation = "based_on" if p.fold(paragraph).startswith("CAN CU") else "implements"
        if not p.fold(paragraph).startswith(("THEO DE NGHI", "XET DE NGHI")):
            _collect_refs(
                cited, relation, doc
            )  # a proposal (Tờ trình) asked for it; it is no higher document
        if main:
            if doc.issuer is None:
                doc.issuer = p.squash(main.group("issuer"))
                doc.issuer_source = "opening"
            if doc.issue_date is None:
                _opening_date(paragraph[: main.start()], doc)
            break


def _opening_date(before_main: str, doc: ParsedDocument) -> None:
    """ "…, ngày 05/01/2024, Ban Thường vụ Tỉnh đoàn ban hành …": the date just before the main clause."""
    match = re.search(r"(?:^|,\s*)((?i:ngày)\s[^,;]{3,30}?)\s*,\s*$", before_main)
    if match and (parts := p.find_date(match.group(1))):
        written = match.group(1)
        if p.fold(written[: parts.start]).strip() in ("", "NGAY") and not written[parts.end :].strip():
            doc.issue_date = parts.as_date()
            doc.issue_date_parts = {"day": parts.day, "month": parts.month, "year": parts.year}


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


def all_references(lines: list[str], doc: ParsedDocument) -> list[Citation]:
    """Every document cited anywhere in the text (opening, body, annex), the document's own number excluded."""
    own = doc.number_symbol
    found: list[Citation] = []
    seen = {own} if own else set()
    for paragraph in paragraphs(lines):
        cited: list[tuple[int, str, str]] = []
        for match in p.REF_RE.finditer(paragraph):
            cited.append((match.start(), match.group("sym"), match.group("name")))
            end = match.end()
            while more := p.REF_MORE_RE.match(paragraph, end):
                cited.append((more.start("sym"), more.group("sym"), match.group("name")))
                end = more.end()
        for m in p.SO_SYMBOL_REF_RE.finditer(paragraph):
            symbol = p.parse_symbol(m.group("sym"))
            if symbol and (symbol.type_code not in (None, "CV") or re.match(r"\d+/\d{4}/", symbol.text)):
                cited.append((m.start(), m.group("sym"), ""))
        for start, raw, name in sorted(cited):
            symbol = p.parse_symbol(raw)
            if symbol is None or symbol.text in seen:
                continue
            seen.add(symbol.text)
            after = paragraph[start:].split(raw, 1)[-1]
            parts = p.find_date(after[:60])
            found.append(
                Citation(
                    number_symbol=symbol.text,
                    issue_date=parts.as_date() if parts and parts.start <= 8 else None,
                    issuer="",
                    doc_type=p.type_from_name(name) or symbol.type_code or "",
                    relation="cites",
                )
            )
    return found


# --- reporting duties -------------------------------------------------------------------------


def reporting_sentences(paragraphs: list[str]) -> list[str]:
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
