"""Line recognisers the parser uses for layout (openings, sections, lists, marks) and sentence splitting."""

from __future__ import annotations

import re

from directives.importing.patterns.text import UPPER

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
