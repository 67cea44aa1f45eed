"""The issuer's lines of the letterhead, broken where a clerk breaks them, never by the layout (issue 17, item 1).

A unit may carry its issuer lines as data (``Unit.header_lines``, edited by its administrator): they are printed as
given. Without them the lines are derived from the unit's name and the line printed above it:

- the words the parent line already prints are not repeated: "Ban Tuyên giáo Tỉnh ủy Bắc Giang" under "TỈNH ỦY BẮC
  GIANG" is headed "BAN TUYÊN GIÁO";
- a name wider than the header column is broken before its place ("LIÊN ĐOÀN LAO ĐỘNG / TỈNH BẮC GIANG"), or, when
  it names no place, between words so the lines are as even as they can be.

Widths are measured with the bundled bold face at the regime's issuer size against the column's real width, so the
decision is the layout's own, made once, before WeasyPrint could wrap a line on its own.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from PIL import ImageFont

from directives.pdf.conf import font_dir, regime_style

PT_PER_MM = 72 / 25.4
A4_WIDTH_MM = 210.0
# The words a place starts with in a body's name: the line breaks before the last of them that fits.
PLACE_WORDS = (
    "TỈNH",
    "THÀNH PHỐ",
    "HUYỆN",
    "QUẬN",
    "THỊ XÃ",
    "XÃ",
    "PHƯỜNG",
    "THỊ TRẤN",
    "KHU CÔNG NGHIỆP",
    "VIỆT NAM",
)
# The column is not filled to the last point: the issuer's rule and the padding of the cell take a little.
FILL = 0.94


@cache
def _font(size_pt: float) -> ImageFont.FreeTypeFont:
    # Measured at 10× the size: FreeType rounds advances to whole pixels.
    return ImageFont.truetype(str(font_dir() / "LiberationSerif-Bold.ttf"), int(round(size_pt * 10)))


def text_width_pt(text: str, size_pt: float) -> float:
    return _font(size_pt).getlength(text) / 10


def column_width_pt(regime: str) -> float:
    style = regime_style(regime)
    text_mm = A4_WIDTH_MM - style.margin_left_mm - style.margin_right_mm
    return text_mm * style.header_left_percent / 100 * PT_PER_MM * FILL


def _upper(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split())).upper()


def _without_parent(name: str, parent_line: str) -> str:
    """The name without the words of the parent line it ends with ("… TỈNH ỦY BẮC GIANG")."""
    parent = _upper(parent_line.replace("\n", " "))
    if parent and name.endswith(" " + parent) and len(name) > len(parent) + 1:
        return name[: -len(parent) - 1].strip()
    return name


def _fits(line: str, regime: str, size_pt: float) -> bool:
    return text_width_pt(line, size_pt) <= column_width_pt(regime)


# Two syllables of one word, never split over two lines (Vietnamese writes a word's syllables apart).
UNBREAKABLE = frozenset(
    {
        ("CÔNG", "TY"),
        ("CÔNG", "ĐOÀN"),
        ("CƠ", "SỞ"),
        ("LAO", "ĐỘNG"),
        ("LIÊN", "ĐOÀN"),
        ("THÔNG", "TIN"),
        ("ĐỐI", "NGOẠI"),
        ("TRUYỀN", "THÔNG"),
        ("DOANH", "NGHIỆP"),
        ("TUYÊN", "GIÁO"),
        ("CHỈ", "ĐẠO"),
        ("CÔNG", "TÁC"),
        ("NHÂN", "DÂN"),
        ("ỦY", "BAN"),
        ("THÀNH", "PHỐ"),
        ("THỊ", "XÃ"),
        ("THỊ", "TRẤN"),
        ("CHI", "NHÁNH"),
        ("TRÁCH", "NHIỆM"),
        ("HỮU", "HẠN"),
        ("CỔ", "PHẦN"),
        ("VIỆT", "NAM"),
        ("MẶT", "TRẬN"),
        ("TỔ", "QUỐC"),
        ("HỘI", "ĐỒNG"),
        ("KHU", "CÔNG"),
        ("CÔNG", "NGHIỆP"),
        ("DÂN", "VẬN"),
        ("KIỂM", "TRA"),
        ("VĂN", "PHÒNG"),
        ("TỔ", "CHỨC"),
        ("TRUNG", "ƯƠNG"),
        ("THANH", "NIÊN"),
        ("PHỤ", "NỮ"),
        ("NÔNG", "DÂN"),
        ("CỰU", "CHIẾN"),
        ("CHIẾN", "BINH"),
        ("GIÁO", "DỤC"),
        ("ĐÀO", "TẠO"),
        ("Y", "TẾ"),
        ("BỆNH", "VIỆN"),
        ("TRƯỜNG", "HỌC"),
        ("NGÂN", "HÀNG"),
        ("SẢN", "XUẤT"),
        ("THƯƠNG", "MẠI"),
        ("DỊCH", "VỤ"),
        ("ĐẦU", "TƯ"),
        ("XÂY", "DỰNG"),
        ("ĐIỆN", "TỬ"),
        ("KỸ", "THUẬT"),
        ("CÔNG", "NGHỆ"),
        ("NHÀ", "NƯỚC"),
        ("ĐẢNG", "ỦY"),
        ("ĐẢNG", "BỘ"),
        ("CHI", "BỘ"),
        ("TỈNH", "ỦY"),
        ("HUYỆN", "ỦY"),
        ("THÀNH", "ỦY"),
        ("QUẬN", "ỦY"),
    }
)
_TOO_WIDE = 1e9


def _break(name: str, regime: str, size_pt: float) -> list[str]:
    """The fewest lines that fit the column, then the most even ones, never splitting a word's syllables or
    a line before a lone syllable when it can be helped; before a place when the name names one."""
    if _fits(name, regime, size_pt):
        return [name]
    words = name.split(" ")
    n, limit = len(words), column_width_pt(regime)

    def cost_of_break(i: int) -> float:  # a line ends after words[i - 1]
        if (words[i - 1], words[i]) in UNBREAKABLE:
            return 5e7  # worse than one more line
        rest = " ".join(words[i:])
        return -2e4 if any(rest == place or rest.startswith(place + " ") for place in PLACE_WORDS) else 0.0

    # best[i]: (cost, breaks) for words[i:] laid out from a line start.
    best: list[tuple[float, list[int]]] = [(0.0, [])] * (n + 1)
    for i in range(n - 1, -1, -1):
        options = []
        for j in range(i + 1, n + 1):
            width = text_width_pt(" ".join(words[i:j]), size_pt)
            too_wide = width > limit
            if too_wide and j > i + 1:
                break
            slack = max(limit - width, 0.0)
            tail_cost, tail_breaks = best[j]
            line_cost = 1e7 + (0 if j == n else slack**2 + cost_of_break(j)) + (_TOO_WIDE if too_wide else 0)
            options.append((line_cost + tail_cost, [j, *tail_breaks] if j < n else []))
        best[i] = min(options, key=lambda option: option[0])
    lines, start = [], 0
    for stop in [*best[0][1], n]:
        lines.append(" ".join(words[start:stop]))
        start = stop
    return lines


def issuer_lines(*, name: str, parent_line: str, regime: str, header_lines: str = "") -> tuple[str, ...]:
    """The issuer's lines as printed: ``header_lines`` as given (one per line), else derived from ``name``; a
    name typed with its own line breaks (the seeds) keeps them. A given line too wide for the column is broken
    by the same rule rather than left to the layout."""
    size = regime_style(regime).sizes_pt["issuer"]
    given = [_upper(line) for line in (header_lines or "").splitlines() if line.strip()]
    if not given and "\n" in name:
        given = [_upper(line) for line in name.split("\n") if line.strip()]
    if given:
        return tuple(part for line in given for part in _break(line, regime, size))
    return tuple(_break(_without_parent(_upper(name), parent_line), regime, size))


def parent_lines(parent_line: str) -> tuple[str, ...]:
    return tuple(_upper(line) for line in re.split(r"\n", parent_line or "") if line.strip())
