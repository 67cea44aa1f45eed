"""Document types (STANDARDS.md §4): codes, abbreviations, title lines and names in running text."""

from __future__ import annotations

from directives.importing.patterns.text import fold, is_upper_line, squash

#: code → (Vietnamese name, abbreviations used in symbols). Codes are ASCII so they can be used in
#: URLs and choices; where two types share an ASCII skeleton the rarer one gets a longer code
#: (Đề án ĐA = "DA", Dự án DA = "DUAN"; Thông tri TT = "TT", Thông tư TT = "TTU").
DOC_TYPES: dict[str, tuple[str, tuple[str, ...]]] = {
    "NQ": ("Nghị quyết", ("NQ",)),
    "QD": ("Quyết định", ("QĐ",)),
    "QYD": ("Quy định", ("QyĐ", "QĐi")),
    "CT": ("Chỉ thị", ("CT",)),
    "KL": ("Kết luận", ("KL",)),
    "QC": ("Quy chế", ("QC",)),
    "TT": ("Thông tri", ("TT",)),
    "HD": ("Hướng dẫn", ("HD",)),
    "TB": ("Thông báo", ("TB",)),
    "TC": ("Thông cáo", ("TC",)),
    "BC": ("Báo cáo", ("BC",)),
    "KH": ("Kế hoạch", ("KH",)),
    "CTR": ("Chương trình", ("CTr",)),
    "TTR": ("Tờ trình", ("TTr",)),
    "CV": ("Công văn", ("CV",)),
    "BB": ("Biên bản", ("BB",)),
    "DA": ("Đề án", ("ĐA",)),
    "DUAN": ("Dự án", ("DA",)),
    "PA": ("Phương án", ("PA",)),
    "CD": ("Công điện", ("CĐ",)),
    "GM": ("Giấy mời", ("GM",)),
    "ND": ("Nghị định", ("NĐ",)),
    "TTU": ("Thông tư", ()),
    "LUAT": ("Luật", ()),
}

#: Title lines ("KẾ HOẠCH") compared by their folded form; longest first so "CHƯƠNG TRÌNH HÀNH ĐỘNG"
#: wins over "CHƯƠNG TRÌNH".
TYPE_TITLES: list[tuple[str, str]] = sorted(
    [(fold(name), code) for code, (name, _) in DOC_TYPES.items()] + [("CHUONG TRINH HANH DONG", "CTR")],
    key=lambda item: -len(item[0]),
)

_ABBREVIATIONS_EXACT = {abbr: code for code, (_, abbrs) in DOC_TYPES.items() for abbr in abbrs}
# Case-insensitive fallback; Party "QĐ" for Quy định is ambiguous and stays QD (decision).
_ABBREVIATIONS_FOLDED = {fold(abbr): code for abbr, code in reversed(list(_ABBREVIATIONS_EXACT.items()))}
_ABBREVIATIONS_FOLDED["QD"] = "QD"


def type_from_abbreviation(abbreviation: str) -> str | None:
    """ "CTr" → "CTR", "QĐ" → "QD", "HD" → "HD"; ``None`` when it is not a type (a công văn's issuer)."""
    return _ABBREVIATIONS_EXACT.get(abbreviation) or _ABBREVIATIONS_FOLDED.get(fold(abbreviation))


def type_from_title(line: str) -> tuple[str, str] | None:
    """("KH", rest) when ``line`` starts with an upper-case type title ("KẾ HOẠCH", "HƯỚNG DẪN")."""
    folded = fold(squash(line))
    for title, code in TYPE_TITLES:
        if folded == title or folded.startswith(title + " "):
            rest = squash(line)[len(title) :].strip(" :-")
            head = squash(line)[: len(title)]
            if is_upper_line(head):
                return code, rest
    return None


#: Names as they are written in running text ("Hướng dẫn số 97-HD/BTGTU").
DOC_NAME_PATTERN = (
    r"(?i:thông\s+tư\s+liên\s+tịch|nghị\s+quyết\s+liên\s+tịch|chương\s+trình\s+hành\s+động|chương\s+trình|hướng\s+dẫn|kế\s+hoạch|kết\s+luận|nghị\s+quyết"
    r"|nghị\s+định|quyết\s+định|chỉ\s+thị|thông\s+báo|thông\s+tri|thông\s+tư|công\s+văn|công\s+điện"
    r"|báo\s+cáo|quy\s+định|quy\s+chế|đề\s+án|phương\s+án|tờ\s+trình|luật|văn\s+bản)"
)


def type_from_name(name: str) -> str | None:
    """ "Hướng dẫn" → "HD" (running-text names, any case)."""
    folded = fold(squash(name))
    for title, code in TYPE_TITLES:
        if folded == title:
            return code
    return None
