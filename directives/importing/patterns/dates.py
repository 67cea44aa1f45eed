"""Dates as written in a document: "ngày … tháng … năm …" and numeric forms."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

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
