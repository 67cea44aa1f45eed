"""OCR repair: restoring the diacritics of two-word proper names from their spelling elsewhere."""

from __future__ import annotations

import re

from directives.importing.patterns.text import UPPER, fold


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
