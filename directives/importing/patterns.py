"""Vocabulary, recognisers and layout helpers for Vietnamese official documents.

Everything here is a general rule taken from the format regimes (STANDARDS.md §3–§4): the
number-symbol styles, the type abbreviations, the date line, the signing-authority prefixes.
Nothing is tuned to one document; the parser composes these pieces with layout heuristics.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

# --- text helpers -----------------------------------------------------------------------------


def fold(text: str) -> str:
    """Upper-case ASCII skeleton ("Tỉnh uỷ Hưng Yên" → "TINH UY HUNG YEN").

    Used only for *comparisons*, so OCR that drops a diacritic ("HUNG YÊN", "ĐẢNG CÔNG SẢN")
    or places it differently ("ỦY"/"UỶ") still matches the words we look for.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).upper()


_ASCII_UPPER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")

#: Every upper-case letter of Vietnamese (Latin Extended Additional interleaves upper and lower
#: case, so a range like "À-Ỹ" would silently include lower-case letters).
UPPER = "".join(
    sorted({ch for ch in map(chr, range(0x41, 0x1F00)) if ch.isupper() and fold(ch) in _ASCII_UPPER})
)


def squash(text: str) -> str:
    """Collapse runs of whitespace to one space and trim."""
    return re.sub(r"\s+", " ", text).strip()


def is_upper_line(text: str) -> bool:
    """True when the letters of ``text`` are (almost all) upper case — header and title lines.

    One lower-case letter in a long line is tolerated: OCR gives "PHÓ Bí THƯ".
    """
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 2:
        return False
    lower = sum(1 for ch in letters if ch.islower())
    return lower == 0 or (len(letters) >= 6 and lower <= 1)


def starts_lower(text: str) -> bool:
    """True when the first letter of ``text`` is lower case (a wrapped or page-broken line)."""
    for ch in text:
        if ch.isalpha():
            return ch.islower()
        if ch.isdigit():
            return False
    return False


# --- document types (STANDARDS.md §4) ---------------------------------------------------------

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


# --- number and symbol (STANDARDS.md §3) ------------------------------------------------------

# One group of a symbol: upper case, digits and "&", with at most one lower-case letter
# ("TTg", "CTr", "QyĐ", "QĐi", "TG&NC", "QH15"), and not running on into a word ("Ban").
_GROUP = r"(?=[A-ZĐ0-9&]*[A-ZĐ])[A-ZĐ0-9&]+(?:[a-zđ][A-ZĐ0-9&]*)?(?![\w&])"
_TYPE_GROUP = r"[A-ZĐ]+(?:[a-zđ][A-ZĐ]*)?(?![\w&])"

#: A compact symbol (spaces around separators already removed): Party "97-HD/BTGTU", state
#: "76/KH-LĐLĐ", "30/2020/NĐ-CP", công văn "05/LĐLĐ-TG&NC", blank number "/LĐLĐ-TG&NC".
SYMBOL_RE = re.compile(
    rf"(?P<num>\d{{1,6}})?(?:-(?P<ptype>{_TYPE_GROUP})/(?P<pissuer>(?:{_GROUP})(?:-(?:{_GROUP}))*)"
    rf"|(?:/(?P<year>\d{{4}}))?/(?P<sgroups>(?:{_GROUP})(?:-(?:{_GROUP}))*))"
)

#: A symbol inside running text, where OCR and typists leave spaces: "84 - KH/BCĐTTĐN", "97- HD/…".
LOOSE_SYMBOL = (
    rf"\d{{1,6}}\s?[-–]\s?(?:{_TYPE_GROUP})\s?/\s?(?:{_GROUP})(?:-(?:{_GROUP}))*"
    rf"|\d{{1,6}}(?:/\d{{4}})?\s?/\s?(?:{_GROUP})(?:\s?-\s?(?:{_GROUP}))*"
)


@dataclass(frozen=True)
class Symbol:
    """A parsed number-symbol: ``text`` is the normalised form, ``type_code`` may be None (công văn)."""

    text: str
    number: str | None
    type_code: str | None
    issuer_part: str
    style: str  # "party" or "state"


def compact_symbol(raw: str) -> str:
    """Remove the "Số"/"Số:" label, placeholder dots and the spaces around "-" and "/"."""
    text = squash(raw.replace("–", "-").replace("—", "-").replace("‐", "-"))
    text = re.sub(r"^\W*(?i:số)\b\s*:?\s*", "", text)
    text = re.sub(r"\s*([-/])\s*", r"\1", text)
    # A blank number is typed as dots, an ellipsis or underscores before the slash/dash.
    return re.sub(r"^[.…_ ]+(?=[-/])", "", text)


def parse_symbol(raw: str) -> Symbol | None:
    """Parse the first number-symbol at the start of ``raw`` (after "Số"/"Số:")."""
    text = compact_symbol(raw)
    match = SYMBOL_RE.match(text)
    if not match:
        return None
    number = match.group("num")
    if match.group("ptype"):
        type_code = type_from_abbreviation(match.group("ptype"))
        return Symbol(match.group(0), number, type_code, match.group("pissuer"), "party")
    groups = match.group("sgroups").split("-")
    type_code = type_from_abbreviation(groups[0]) if len(groups) > 1 else None
    if type_code is None and not match.group("year"):
        # No type abbreviation: a state/union công văn, "05/LĐLĐ-TG&NC" (issuer-department).
        return Symbol(match.group(0), number, "CV", "-".join(groups), "state")
    issuer_part = "-".join(groups[1:]) if type_code else "-".join(groups)
    return Symbol(match.group(0), number, type_code, issuer_part, "state")


def normalize_number_symbol(raw: str) -> str | None:
    """ "Số 97- HD/BTGTU" → "97-HD/BTGTU"; "Số: …/LĐLĐ-TG&NC" → "/LĐLĐ-TG&NC"; junk → None."""
    symbol = parse_symbol(raw)
    return symbol.text if symbol else None


# --- dates ------------------------------------------------------------------------------------

DATE_WORDS_RE = re.compile(
    r"(?i:ngày)\s*(?P<d>\d{1,2})?[\s.…_]*(?i:tháng)\s*(?P<m>\d{1,2})?[\s.…_]*(?i:năm)\s*(?P<y>\d{4})"
)
DATE_NUMERIC_RE = re.compile(
    r"(?<![\d/.-])(?P<d>\d{1,2})\s?(?P<sep>[/.-])\s?(?P<m>\d{1,2})\s?(?P=sep)\s?(?P<y>\d{4})(?!\d)"
)


@dataclass(frozen=True)
class DateParts:
    """A date as written; the day (or month) may be blank in a draft ("ngày   tháng 02 năm 2024")."""

    day: int | None
    month: int | None
    year: int
    start: int
    end: int

    def as_date(self) -> date | None:
        if self.day is None or self.month is None:
            return None
        try:
            return date(self.year, self.month, self.day)
        except ValueError:
            return None


def find_date(text: str) -> DateParts | None:
    """The first date in ``text``: "ngày 29 tháng 01 năm 2024", "29/12/2023", "ngày 6/2/2024"."""
    found = [m for m in (DATE_WORDS_RE.search(text), DATE_NUMERIC_RE.search(text)) if m]
    if not found:
        return None
    match = min(found, key=lambda m: m.start())
    day = int(match.group("d")) if match.group("d") else None
    month = int(match.group("m")) if match.group("m") else None
    return DateParts(day, month, int(match.group("y")), match.start(), match.end())


def parse_vn_date(text: str) -> date | None:
    """The first complete, valid date in ``text``; ``None`` when absent, blank-dayed or impossible."""
    parts = find_date(text)
    return parts.as_date() if parts else None


# --- headings, bodies, signatures -------------------------------------------------------------

#: Folded national/Party headings; "ĐẢNG CÔNG SẢN" without the last words still counts.
STATE_HEADINGS = (
    "CONG HOA XA HOI CHU NGHIA VIET NAM",
    "DOC LAP - TU DO - HANH PHUC",
    "DOC LAP TU DO HANH PHUC",
)
PARTY_HEADINGS = ("DANG CONG SAN VIET NAM", "DANG CONG SAN")
#: The Youth Union prints its own name where the Party prints "ĐẢNG CỘNG SẢN VIỆT NAM" (a whole line).
YOUTH_HEADINGS = ("DOAN TNCS HO CHI MINH", "DOAN THANH NIEN CONG SAN HO CHI MINH")

#: Words that open the name of a body ("TỈNH ỦY …", "BAN …", "LIÊN ĐOÀN LAO ĐỘNG …"), folded.
#: In a header a line starting with one of these starts a new body; other lines continue the
#: previous one ("BAN CHỈ ĐẠO CÔNG TÁC" + "THÔNG TIN ĐỐI NGOẠI").
_BODY_HEAD_WORDS = (
    "Tỉnh ủy|Thành ủy|Huyện ủy|Thị ủy|Quận ủy|Đảng ủy|Đảng bộ|Đảng đoàn|Chi bộ|Ban|BTV|BCH|BCĐ|Bộ|Sở|Cục"
    "|Tổng cục|Chi cục|Vụ|Viện|Văn phòng|Phòng|Ủy ban|UBND|UBKT|HĐND|Hội đồng|Tổng Liên đoàn|Liên đoàn"
    "|LĐLĐ|Công đoàn|CĐCS|Mặt trận|MTTQ|Hội|Đoàn|Trường|Bệnh viện|Trung tâm|Công ty|Chính phủ|Quốc hội"
    "|Thường trực|Thường vụ|Nhà Văn hóa|Báo|Đài|Tạp chí|Công an|Bộ Chỉ huy"
)
BODY_HEADS = tuple(fold(word) for word in _BODY_HEAD_WORDS.split("|"))


def starts_with_body_head(text: str) -> bool:
    folded = fold(squash(text))
    return any(folded == head or folded.startswith(head + " ") for head in BODY_HEADS)


#: Signing authority: Party "T/M", "K/T", "T/L" (slash, no dot); state "TM.", "KT.", "TL.", "TUQ.",
#: "Q." (dot). Spacing is normalised, the prefix style is kept as written.
AUTHORITY_RE = re.compile(
    r"^(?P<prefix>T\s*/\s*M|K\s*/\s*T|T\s*/\s*L|T\s*/\s*UQ|TUQ|TM|KT|TL|Q)(?P<dot>\s*\.)?\s*(?P<rest>\S.*)$"
)


def parse_authority(line: str) -> str | None:
    """ "TM.BAN THƯỜNG VỤ" → "TM. BAN THƯỜNG VỤ"; "K/T  TRƯỞNG BAN" → "K/T TRƯỞNG BAN"; else None."""
    text = squash(line)
    match = AUTHORITY_RE.match(text)
    if not match or not is_upper_line(match.group("rest")):
        return None
    prefix = re.sub(r"\s+", "", match.group("prefix"))
    if prefix == "Q" and not match.group("dot"):
        return None  # "Q" alone is too common a letter to mean "Quyền" without its dot
    if "/" not in prefix and not match.group("dot") and text[len(match.group("prefix")) :][:1] != " ":
        return None  # "TMBAN…" is a word, not a prefix
    dot = "." if match.group("dot") else ""
    return f"{prefix}{dot} {match.group('rest')}"


#: Purpose marks after a recipient in "Nơi nhận"/"Kính gửi".
PURPOSE_MARKS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\((?:để\s*)?(?:b\s*[/.]?\s*c|báo\s+cáo)\)", re.I), "bao_cao"),
    (re.compile(r"\((?:để\s*)?(?:t\s*[/.]?\s*h|thực\s+hiện)\)", re.I), "thuc_hien"),
    (re.compile(r"\((?:để\s*)?(?:p\s*[/.]?\s*h|phối\s+hợp)\)", re.I), "phoi_hop"),
    (re.compile(r"\((?:để\s*)?biết\)", re.I), "de_biet"),
)


# --- layout recognisers (used by the parser) -------------------------------------------------

OPENING_START_RE = re.compile(
    r"^(?i:căn\s+cứ|thực\s+hiện|triển\s+khai|thi\s+hành|theo\s+đề\s+nghị|xét\s+đề\s+nghị|tiếp\s+theo)\b"
)
KINH_GUI_RE = re.compile(r"^[\s\-–•+]*(?i:kính\s+gửi)\s*:?\s*(?P<rest>.*)$")
NOI_NHAN_RE = re.compile(r"^[\s\-–•+]*(?i:nơi\s+nhận)\s*:?\s*(?P<rest>.*)$")
SECTION_RE = re.compile(
    r"^(?:[IVXLC]+\s*[.\-–)]|\d+(?:\.\d+)*\s*[.\-–)]|[a-zđ]\)|(?i:điều|phần|chương)\s+\w+)\s*\S"
)
LIST_ITEM_RE = re.compile(r"^(?:[-–+•]\s*|\(?\d+(?:\.\d+)*[.)\-–]\s*|\(?[a-zđ][.)]\s+|[IVXLC]+[.\-–]\s+)")
VV_RE = re.compile(r"^\W*(?i:v/v|về\s+việc)\s*:?\s*(?P<rest>.*)$")
NUMBER_LINE_RE = re.compile(r"^\W{0,3}(?i:số)\s*:?\s*(?P<rest>.*)$")
PLACE_DATE_RE = re.compile(r"^(?P<place>[^\d,;:]{2,60}?)\s*,\s*(?P<date>(?i:ngày)\b.*)$")
RULE_LINE_RE = re.compile(r"^[\s*\-–—_=.…]*$")
FOOTNOTE_RE = re.compile(r"^[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s*\S")
SUPERSCRIPTS_RE = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
SIGNED_MARK_RE = re.compile(r"^\(?\s*(?i:đã\s+ký|ký\s+tên.*|ký,\s*ghi\s+rõ.*|ký\s+và\s+đóng\s+dấu)\s*\)?$")
CLOSING_RE = re.compile(r"\s*\.?\s*/\s*\.\s*$")  # the "./." that closes an official text


def strip_markup(line: str) -> str:
    """Drop Markdown emphasis (``**bold**``, ``*italic*``), heading hashes and escapes."""
    line = line.replace("**", "").replace("__", "").replace("\\", "")
    line = re.sub(r"\*(?=\S)|(?<=\S)\*", "", line)
    return re.sub(r"^#+\s+", "", line).rstrip()


def national_heading(line: str) -> str | None:
    folded = fold(squash(line)).replace("–", "-")
    if any(folded.startswith(heading) for heading in PARTY_HEADINGS):
        return "party"
    if any(folded.startswith(heading) for heading in STATE_HEADINGS):
        return "state"
    if folded in YOUTH_HEADINGS:
        return "party"
    return None


REF_RE = re.compile(rf"(?P<name>{DOC_NAME_PATTERN})\s+(?:(?i:số)\s*:?\s*)?(?P<sym>{LOOSE_SYMBOL})")
#: A further symbol after a citation, sharing its name: "Nghị quyết số 18-NQ/TW, số 19-NQ/TW và 20-NQ/TW".
REF_MORE_RE = re.compile(rf"\s*(?:,|;|(?i:và))\s*(?:(?i:số)\s*:?\s*)?(?P<sym>{LOOSE_SYMBOL})")
#: "số" and a symbol whatever names it, abbreviated or not ("KH số 45-KH/TU", "Luật … số 10/2022/QH15"):
#: a citation when the symbol carries a type abbreviation or a year (a bare "số 12/UBND" is not sure enough).
SO_SYMBOL_REF_RE = re.compile(rf"(?<!\w)(?i:số)\s*:?\s*(?P<sym>{LOOSE_SYMBOL})")
#: A title line a web portal puts first instead of the header: "Chỉ thị số 05-CT/TW ngày 15/5/2016 của
#: Bộ Chính trị về …" (type, number-symbol, date, issuer, subject).
HEADLESS_TITLE_RE = re.compile(
    rf"^(?P<name>{DOC_NAME_PATTERN})\s+(?:(?i:số)\s*:?\s*)?(?P<sym>{LOOSE_SYMBOL})(?P<rest>.*)$"
)
#: "(Ban hành kèm theo Quyết định số …)": the line under the title of a decision's attachment.
ANNEX_MARK_RE = re.compile(rf"^\(\s*(?i:ban\s+hành\s+)?(?i:kèm\s+theo)\s+{DOC_NAME_PATTERN}")
#: The subject after the issuer in a title line ("… của Bộ Chính trị về đẩy mạnh …").
TITLE_SUBJECT_RE = re.compile(r"^\s*(?i:về\s+việc|về|v/v)\s*:?\s+(?P<subject>.+)$")
_MAIN_VERBS = (
    r"hướng\s+dẫn|đề\s+nghị|xây\s+dựng|ban\s+hành|yêu\s+cầu|thông\s+báo|chỉ\s+đạo|triển\s+khai|quyết\s+định"
    r"|kết\s+luận|đề\s+ra|tổ\s+chức|giao|lập|trân\s+trọng|chỉ\s+thị|báo\s+cáo|đề\s+xuất"
)
MAIN_CLAUSE_RE = re.compile(
    rf"(?P<issuer>[{UPPER}][^,;:“”\"()\d]{{2,120}}?)\s+(?:\((?P<alias>[^)]*)\)\s+)?(?:{_MAIN_VERBS})\b"
)
NESTING_WORDS_RE = re.compile(
    r"(?i:thực\s+hiện|triển\s+khai|về|theo|của|tại|kèm\s+theo|sửa\s+đổi|bổ\s+sung|thay\s+thế|hướng\s+dẫn)\s*$"
)
REF_ISSUER_RE = re.compile(
    r"^\s*,?\s*(?i:của)\s+(?P<issuer>.+?)(?=\s+(?i:về|thực\s+hiện|triển\s+khai|ban\s+hành|phê\s+duyệt|v/v)\b"
    r"|\s*[,;:(“\"]|\s*$)"
)
TRAILING_NAME_RE = re.compile(rf"^\s+(?P<words>(?:[{UPPER}][^\s,;:()]*\s?){{1,4}}?)(?=\s*,|\s+(?i:ngày)\b)")


REPORT_WORD_RE = re.compile(r"(?<![Kk]hông )\b(?i:báo\s+cáo)\b(?!\s+(?i:viên|số)\b)")
REPORT_CONTEXT_RE = re.compile(
    r"(?i:định\s+kỳ|đột\s+xuất|(?:hằng|hàng)\s+(?:tuần|tháng|quý|năm)|\b(?:6|9|sáu|chín)\s+tháng|tháng\s*,\s*quý"
    r"|sơ\s+kết|tổng\s+kết|trước\s+ngày|chậm\s+nhất|hạn\s+chót|thời\s+hạn)"
    rf"|(?i:báo\s+cáo)(?:\s+\S+){{0,6}}?\s+(?i:về)\s+(?:(?i:cho)\s+)?[{UPPER}]"
)
_SENTENCE_ABBREVIATIONS = frozenset(
    {"TP", "Tp", "Q", "P", "TS", "ThS", "PGS", "GS", "BS", "KS", "St", "v.v", "TT", "Tr"}
)


def split_sentences(paragraph: str) -> list[str]:
    """Split on ". " before a capital, except after abbreviations ("TP. Hồ Chí Minh")."""
    sentences: list[str] = []
    start = 0
    for match in re.finditer(rf"(?<=[.!?…])\s+(?=[\"“(]?[{UPPER}])", paragraph):
        before = paragraph[start : match.start()].rstrip(".")
        last_word = before.split(" ")[-1] if before else ""
        if last_word in _SENTENCE_ABBREVIATIONS or (len(last_word) == 1 and last_word.isupper()):
            continue
        sentences.append(paragraph[start : match.start()])
        start = match.end()
    sentences.append(paragraph[start:])
    return [s.strip() for s in sentences if s.strip()]


def clean_recipient(text: str) -> str:
    """A recipient line as written, without its "- " bullet and trailing ";", "," or "."."""
    text = squash(text).lstrip("-–+• ").strip()
    text = re.sub(r"\s*[,;]\s*(?=\([^)]*\)\s*[,;.]?$)", " ", text)  # "Ban X, (b/c)" → "Ban X (b/c)"
    return re.sub(r"[\s;,.]+$", "", text).strip()


def recipient_purpose(cleaned: str) -> tuple[str, str | None]:
    """("Thường trực Tỉnh ủy", "bao_cao") from "Thường trực Tỉnh ủy (để b/c)"; "Lưu …" is "luu"."""
    purpose = None
    label = cleaned
    for pattern, value in PURPOSE_MARKS:
        if pattern.search(cleaned):
            purpose = value
            label = squash(pattern.sub(" ", cleaned)).rstrip(" ,;")
            break
    if purpose is None and fold(cleaned).startswith("LUU"):
        purpose = "luu"
    return label, purpose


def looks_like_name(line: str) -> bool:
    """ "Nguyễn Mạnh Hùng": 2–6 capitalised words, letters only (a signer's name carries no titles)."""
    words = line.split()
    return 2 <= len(words) <= 6 and all(
        w[:1].isupper() and w.replace("-", "").replace(".", "").isalpha() for w in words
    )


def split_signature(lines: list[str]) -> tuple[str | None, str | None, str | None]:
    """Authority ("TM. …", "K/T …") lines, then title lines, then the name (the last name-like line)."""
    if not lines:
        return None, None, None
    name_index = next(
        (
            i
            for i in range(len(lines) - 1, -1, -1)
            if looks_like_name(lines[i]) and not is_upper_line(lines[i])
        ),
        None,
    )
    if name_index is None and len(lines) > 1 and looks_like_name(lines[-1]):
        name_index = len(lines) - 1  # a name typed in capitals, after at least one title line
    block = lines[:name_index] if name_index is not None else lines
    authorities: list[str] = []
    for line in block:
        authority = parse_authority(line)
        if authority is None:
            break
        authorities.append(authority)
    title_lines = block[len(authorities) :]
    title = squash(" ".join(title_lines)) or None
    letters = [ch for ch in title or "" if ch.isalpha()]
    if letters and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters):
        title = (title or "").upper()  # "PHÓ Bí THƯ", "… Kiêm …": titles are upper case in every regime
    return " ".join(authorities) or None, title, lines[name_index] if name_index is not None else None


# --- OCR repair -------------------------------------------------------------------------------


def proper_names(text: str) -> dict[str, str]:
    """Two-word capitalised names of ``text`` keyed by their folded form ("HUNG YEN" → "Hưng Yên")."""
    names: dict[str, str] = {}
    # A lookahead so that overlapping pairs count: "Tỉnh Hưng Yên" yields "Hưng Yên" too.
    for match in re.finditer(rf"(?=\b([{UPPER}][^\W\d_]* [{UPPER}][^\W\d_]*)\b)", text):
        names.setdefault(fold(match.group(1)), match.group(1))
    return names


def restore_marks(text: str | None, names: dict[str, str]) -> str | None:
    """Restore diacritics OCR dropped ("HUNG YÊN" → "HƯNG YÊN") using the spelling found elsewhere.

    Only two-word proper names are repaired, and only when the other spelling has the same letters
    plus marks this one lacks: a different word is never substituted.
    """
    if not text:
        return text
    words = text.split(" ")
    for i in range(len(words) - 1):
        pair = f"{words[i]} {words[i + 1]}"
        candidate = names.get(fold(pair))
        if candidate and len(candidate) == len(pair) and _only_adds_marks(pair, candidate):
            fixed = candidate.upper() if pair.isupper() else candidate
            words[i], words[i + 1] = fixed.split(" ")
    return " ".join(words)


def _only_adds_marks(written: str, candidate: str) -> bool:
    changed = False
    for a, b in zip(written, candidate, strict=True):
        if a.lower() == b.lower():
            continue
        if fold(a) != fold(b) or fold(a).lower() != a.lower():
            return False  # a differs by more than a missing mark, or already carries a different one
        changed = True
    return changed
