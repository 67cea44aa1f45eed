"""Put back the two columns of a header and of a signature block that copying flattened.

An official document prints its header and its tail in two columns (issuer | national heading, Nơi
nhận | signature). Copied from a web portal, a PDF or a Word table, the columns arrive joined: by
"|" or a tab, by a run of spaces, or simply run together on one line ("ỦY BAN NHÂN DÂN TỈNH QUẢNG
NINH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Số: 08/CT-UBND …"). These
functions give the parser one item per line again; a text whose columns were already separate
comes back unchanged.
"""

from __future__ import annotations

import re

from directives.importing import patterns as p

#: What separates two printed columns in a copy: "|", a tab, or three spaces and more — but not the
#: blanks a draft leaves for its number and date ("Số:     /LĐLĐ", "ngày    tháng 02 năm 2024").
COLUMN_SEPARATOR_RE = re.compile(
    r"\s*\|\s*"
    r"|(?<!(?i:số))(?<!(?i:số:))(?<![.…_])"
    r"(?:[ ]*\t\s*|(?<=\S)\s{3,})(?=\S)(?!(?i:tháng|năm)\b)(?![.…_/-])"
)

#: Headings that a flattened line can carry after the issuer, folded; one folded character per
#: source character (see ``_fold_chars``), so a match position is a position in the line.
_INNER_HEADINGS_RE = re.compile(
    r"CONG HOA XA HOI CHU NGHIA VIET NAM|DOC LAP\s*[-–]?\s*TU DO\s*[-–]?\s*HANH PHUC|DANG CONG SAN VIET NAM"
)
#: "Số: 08/CT-UBND" starting inside a line (capital S: "Chỉ thị số 05" in running text is not one).
_INNER_NUMBER_RE = re.compile(r"\s(?=Số\s*:|Số\s+\d)")
#: A "*" or a rule of dashes/stars standing between two columns.
_STAR_RE = re.compile(r"(?:^|\s)(?:\*+|-{3,}|_{3,})(?=\s|$)")
#: A party or people's committee followed, on the same line, by one of its boards or departments
#: ("TỈNH ỦY THANH HÓA BAN DÂN VẬN", "UBND TỈNH BẮC GIANG SỞ GIÁO DỤC VÀ ĐÀO TẠO").
_PARENT_HEADS = r"TINH UY|THANH UY|HUYEN UY|QUAN UY|THI UY|DANG UY|UBND|UY BAN NHAN DAN"
_CHILD_HEADS = r"BAN|SO|PHONG|VAN PHONG|CUC|CHI CUC|TRUNG TAM|UY BAN KIEM TRA"
_PARENT_CHILD_RE = re.compile(rf"^(?:{_PARENT_HEADS})(?: \S+){{1,5}}? (?=(?:{_CHILD_HEADS}) \S)")


def _fold_chars(text: str) -> str:
    """``fold`` character by character, so the result has the length of ``text`` (NFC input)."""
    return "".join((p.fold(ch) or " ")[:1] for ch in text)


def split_header_line(line: str) -> list[str]:
    """One header line → the items it holds, in reading order (left column first)."""
    pieces = [piece for piece in COLUMN_SEPARATOR_RE.split(line) if piece.strip()]
    out: list[str] = []
    for piece in pieces:
        for part in _STAR_RE.split(piece):
            out.extend(_split_inner(part.strip()))
    return [item for item in out if item] or [""]


def _split_inner(text: str) -> list[str]:
    if not text:
        return []
    folded = _fold_chars(text)
    match = _INNER_HEADINGS_RE.search(folded)
    if match:
        before, heading, after = text[: match.start()], text[match.start() : match.end()], text[match.end() :]
        return [*_split_inner(before.strip()), heading.strip(), *_split_inner(after.strip())]
    parts = _INNER_NUMBER_RE.split(text, maxsplit=1)
    if len(parts) == 2 and parts[0].strip():
        return [*_split_inner(parts[0].strip()), *_split_inner(parts[1].strip())]
    if p.is_upper_line(text) and (child := _PARENT_CHILD_RE.match(_fold_chars(text))):
        return [text[: child.end()].strip(), text[child.end() :].strip()]
    if p.is_upper_line(text) and (again := _repeated_head(text)):
        return [text[:again].strip(), *_split_inner(text[again:].strip())]
    return [text]


def _repeated_head(text: str) -> int | None:
    """Where a body named by the same head word as the line's first body starts ("HỘI CHỮ THẬP ĐỎ VIỆT NAM
    HỘI CHỮ THẬP ĐỎ TỈNH PHÚ THỌ", "LĐLĐ TỈNH BẮC GIANG LĐLĐ HUYỆN LẠNG GIANG"), else None."""
    folded = _fold_chars(text)
    heads = [head for head in p.BODY_HEADS if folded == head or folded.startswith(head + " ")]
    if not heads:
        return None
    head = max(heads, key=len)
    again = re.search(rf"(?<=\s){re.escape(head)}(?=\s)", folded[len(head) :])
    if not again or len(text[: len(head) + again.start()].split()) < 3:
        return None  # "BỘ TRƯỞNG BỘ NỘI VỤ" is an office and its body, not two bodies
    return len(head) + again.start()


def unflatten_header(lines: list[str], end: int) -> list[str]:
    """``lines[:end]`` (the header) with every flattened line split into its items."""
    out: list[str] = []
    for line in lines[:end]:
        out.extend(split_header_line(line))
    return out + lines[end:]


# --- the tail: Nơi nhận | signature ------------------------------------------------------------

_NOI_NHAN_INLINE_ITEMS_RE = re.compile(r"(?:(?<=:)|(?<=[;,.]))\s*[-–]\s+(?=\S)")
_ITEM_END_RE = re.compile(r"[;.](?=\s+\S)")
_BULLETS = ("-", "–", "+", "•")


def _signature_like(text: str) -> bool:
    """An authority line, an upper-case title of two words or more, or a person's name."""
    text = p.squash(text)
    if p.parse_authority(text) or p.SIGNED_MARK_RE.match(text):
        return True
    words = text.split()
    if len(words) >= 2 and p.is_upper_line(text) and not any(ch.isdigit() for ch in text):
        return True
    return _leading_upper_then_name(text) is not None or _is_person_name(text)


def _is_person_name(text: str) -> bool:
    return p.looks_like_name(text) and not any(len(w) > 1 and w.isupper() for w in text.split())


def _leading_upper_then_name(text: str) -> tuple[str, str] | None:
    """ "THỦ TƯỚNG Nguyễn Xuân Phúc" → ("THỦ TƯỚNG", "Nguyễn Xuân Phúc")."""
    words = p.squash(text).split()
    cut = len(words)
    while cut > 0 and words[cut - 1][:1].isupper() and not words[cut - 1].isupper():
        cut -= 1
    name = " ".join(words[cut:])
    upper = " ".join(words[:cut])
    if cut and len(words) - cut >= 2 and p.is_upper_line(upper) and _is_person_name(name):
        return upper, name
    return None


def _split_item_and_signature(item: str) -> tuple[str, str | None]:
    """ "- Lưu: VT, KGVX (2). THỦ TƯỚNG Nguyễn Xuân Phúc" → the item and the signature text after it."""
    for match in _ITEM_END_RE.finditer(item):
        rest = item[match.end() :].strip()
        if _signature_like(rest):
            return item[: match.end()].strip(), rest
    return item, None


_AUTHORITY_START_RE = re.compile(r"\s(?=(?:T/M|K/T|T/L|TM\.|KT\.|TL\.|TUQ\.)\s?[A-ZĐ])")
_TITLE_STARTS = ("PHO ", "THU TRUONG")
_OTHER_TITLE_STARTS = (
    "TONG BI THU",
    "BI THU",
    "CHU TICH",
    "TRUONG BAN",
    "CHANH VAN PHONG",
    "GIAM DOC",
    "THU TUONG",
    "BO TRUONG",
    "UY VIEN",
)


def split_signature_line(line: str) -> list[str]:
    """A signature block written on one line → its lines (authorities, title, name); else ``[line]``."""
    text = p.squash(line)
    name = None
    if pair := _leading_upper_then_name(text):
        text, name = pair
    segments = [s.strip() for s in _AUTHORITY_START_RE.split(text) if s.strip()]
    if name is None and len(segments) < 2:
        return [line]
    last = segments[-1]
    if authority := p.AUTHORITY_RE.match(last):
        rest = authority.group("rest")
        folded = _fold_chars(rest)
        starts = [m.start() for t in _TITLE_STARTS for m in re.finditer(rf"(?<=\s){t}", folded)]
        if not starts:
            starts = [m.start() for t in _OTHER_TITLE_STARTS for m in re.finditer(rf"(?<=\s){t}\b", folded)]
        if starts:
            cut = len(last) - len(rest) + min(starts)
            segments[-1:] = [last[:cut].strip(), last[cut:].strip()]
    return segments + ([name] if name else [])


def unflatten_tail(lines: list[str]) -> list[str]:
    """The tail with its two columns put one after the other: Nơi nhận first, then the signature.

    Lines are left as they are when nothing in the tail was flattened (the usual case).
    """
    left: list[str] = []
    right: list[str] = []
    flattened = False
    for raw in lines:
        pieces = [piece for piece in COLUMN_SEPARATOR_RE.split(raw) if piece.strip()]
        if len(pieces) > 1 and all(_is_left_line(x) or _signature_like(x) for x in pieces[1:]):
            flattened = True  # each column's piece goes where it reads, whichever side it was printed on
            for piece in pieces:
                if _is_left_line(piece) or (piece is pieces[0] and not _signature_like(piece)):
                    left_part, right_part = _left_and_right(piece)
                    left.extend(left_part)
                    right.extend(right_part)
                else:
                    right.append(piece)
            continue
        if len(pieces) > 1:
            pieces = [" ".join(pieces)]  # a gap inside one item ("- Lưu:<tab>VT"), not a second column
        elif pieces and "|" in raw and pieces[0].strip() != raw.strip():
            flattened = True  # "- Chính phủ; |": a column separator with the other column empty
        line = p.squash(pieces[0] if pieces else raw)
        left_part, right_part = _left_and_right(line)
        if right_part or len(left_part) > 1:
            flattened = True
            left.extend(left_part)
            right.extend(right_part)
        elif not line:
            left.append("")
        elif flattened and not _is_left_line(line):
            right.append(line)
        else:
            left.append(line)
    if not flattened:
        return lines
    signature: list[str] = []
    for line in right:
        signature.extend(split_signature_line(line))
    return [*left, "", *signature]


def _is_left_line(line: str) -> bool:
    return line.startswith(_BULLETS) or bool(p.NOI_NHAN_RE.match(line)) or p.starts_lower(line)


def _left_and_right(line: str) -> tuple[list[str], list[str]]:
    """A tail line → its Nơi nhận items and any signature text written after them."""
    line = p.squash(line)
    if not line:
        return [], []
    if match := p.NOI_NHAN_RE.match(line):
        rest = match.group("rest").strip()
        if not rest:
            return [line], []
        items = [item for item in _NOI_NHAN_INLINE_ITEMS_RE.split(rest) if item.strip()]
        if len(items) == 1 and not rest.startswith(_BULLETS):
            if _signature_like(rest) or len(split_signature_line(rest)) > 1:
                return ["Nơi nhận:"], [rest]
            return [line], []
        left = ["Nơi nhận:"]
        right: list[str] = []
        for item in items:
            item_text, signature = _split_item_and_signature(f"- {item.lstrip('-– ').strip()}")
            left.append(item_text)
            if signature:
                right.append(signature)
        return left, right
    if line.startswith(_BULLETS):
        item_text, signature = _split_item_and_signature(line)
        return [item_text], [signature] if signature else []
    return [line], []
