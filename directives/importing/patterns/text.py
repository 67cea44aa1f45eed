"""Text helpers shared by every recogniser: folding to an ASCII skeleton, upper-case letters, line tests."""

from __future__ import annotations

import re
import unicodedata


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
