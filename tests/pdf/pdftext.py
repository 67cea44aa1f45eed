"""Reading rendered PDFs back for the golden checks: pages, chars, lines, rules."""

from __future__ import annotations

import io
from collections import defaultdict

import pdfplumber

PT_PER_MM = 72 / 25.4
A4_PT = (595.28, 841.89)


def open_pdf(data: bytes) -> pdfplumber.PDF:
    return pdfplumber.open(io.BytesIO(data))


def flat(text: str) -> str:
    """Whitespace-insensitive form: extraction breaks lines where the layout wrapped them."""
    return " ".join(text.replace("\xa0", " ").split())


def page_text(page) -> str:
    return flat(page.extract_text() or "")


def find(page, text: str) -> list[dict]:
    """The chars of the first occurrence of ``text`` on ``page`` (reading order)."""
    matches = page.search(text, regex=False, return_chars=True)
    assert matches, f"{text!r} not found on page {page.page_number}"
    return [c for c in matches[0]["chars"] if c["text"].strip()]


def style_of(chars: list[dict]) -> set[str]:
    """{'bold', 'italic'} or a subset, asserting every char agrees."""
    styles = {
        ("bold" if "Bold" in c["fontname"] else "") + ("+italic" if "Italic" in c["fontname"] else "")
        for c in chars
    }
    assert len(styles) == 1, f"mixed styles {styles} in {''.join(c['text'] for c in chars)!r}"
    return {part for part in styles.pop().split("+") if part}


def sizes_of(chars: list[dict]) -> set[float]:
    return {round(c["size"], 1) for c in chars}


def extent(chars: list[dict]) -> tuple[float, float, float, float]:
    """(x0, top, x1, bottom) of a run of chars."""
    return (
        min(c["x0"] for c in chars),
        min(c["top"] for c in chars),
        max(c["x1"] for c in chars),
        max(c["bottom"] for c in chars),
    )


def lines_of(chars: list[dict]) -> list[list[dict]]:
    """Chars grouped into printed lines (same baseline), top to bottom."""
    rows: dict[float, list[dict]] = defaultdict(list)
    for c in chars:
        rows[round(c["bottom"], 0)].append(c)
    return [sorted(rows[key], key=lambda c: c["x0"]) for key in sorted(rows)]


def rules_below(page, x0: float, x1: float, bottom: float, within: float = 10) -> list[tuple[float, float]]:
    """Horizontal rules (filled rects) whose bottom lies just below ``bottom`` and overlap [x0, x1]."""
    found = []
    for rect in page.rects:
        if bottom - 1 <= rect["bottom"] <= bottom + within and rect["x1"] > x0 and rect["x0"] < x1:
            found.append((rect["x0"], rect["x1"]))
    return found
