"""Accent folding for search that does not need diacritics ("thong tin doi ngoai")."""

import re
import unicodedata


def fold(text: str) -> str:
    text = unicodedata.normalize("NFD", (text or "").replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip()
