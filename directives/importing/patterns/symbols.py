"""Number and symbol (STANDARDS.md §3): the compact and loose symbol patterns and their parser."""

from __future__ import annotations

import re
from dataclasses import dataclass

from directives.importing.patterns.doctypes import type_from_abbreviation
from directives.importing.patterns.text import squash

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
