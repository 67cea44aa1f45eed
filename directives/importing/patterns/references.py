"""Reference/citation patterns: cited documents, headless titles, annex marks, issuers and subjects."""

from __future__ import annotations

import re

from directives.importing.patterns.doctypes import DOC_NAME_PATTERN
from directives.importing.patterns.symbols import LOOSE_SYMBOL
from directives.importing.patterns.text import UPPER

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
