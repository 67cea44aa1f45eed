"""Vocabulary, recognisers and layout helpers for Vietnamese official documents.

Everything in this package is a general rule taken from the format regimes (STANDARDS.md §3–§4): the
number-symbol styles, the type abbreviations, the date line, the signing-authority prefixes.
Nothing is tuned to one document; the parser composes these pieces with layout heuristics.

The rules live in modules by sub-domain (text, doctypes, symbols, dates, headings, layout,
references, signature, ocr); their public names are re-exported here, so ``patterns.X`` keeps working.
"""

from __future__ import annotations

from directives.importing.patterns.dates import (
    DATE_NUMERIC_RE,
    DATE_WORDS_RE,
    DateParts,
    find_date,
    parse_vn_date,
)
from directives.importing.patterns.doctypes import (
    DOC_NAME_PATTERN,
    DOC_TYPES,
    TYPE_TITLES,
    type_from_abbreviation,
    type_from_name,
    type_from_title,
)
from directives.importing.patterns.headings import (
    BODY_HEADS,
    PARTY_HEADINGS,
    STATE_HEADINGS,
    YOUTH_HEADINGS,
    national_heading,
    starts_with_body_head,
)
from directives.importing.patterns.layout import (
    CLOSING_RE,
    FOOTNOTE_RE,
    KINH_GUI_RE,
    LIST_ITEM_RE,
    NOI_NHAN_RE,
    NUMBER_LINE_RE,
    OPENING_START_RE,
    PLACE_DATE_RE,
    REPORT_CONTEXT_RE,
    REPORT_WORD_RE,
    RULE_LINE_RE,
    SECTION_RE,
    SIGNED_MARK_RE,
    SUPERSCRIPTS_RE,
    VV_RE,
    split_sentences,
    strip_markup,
)
from directives.importing.patterns.ocr import proper_names, restore_marks
from directives.importing.patterns.references import (
    ANNEX_MARK_RE,
    HEADLESS_TITLE_RE,
    MAIN_CLAUSE_RE,
    NESTING_WORDS_RE,
    REF_ISSUER_RE,
    REF_MORE_RE,
    REF_RE,
    SO_SYMBOL_REF_RE,
    TITLE_SUBJECT_RE,
    TRAILING_NAME_RE,
)
from directives.importing.patterns.signature import (
    AUTHORITY_RE,
    PURPOSE_MARKS,
    clean_recipient,
    looks_like_name,
    parse_authority,
    recipient_purpose,
    split_signature,
)
from directives.importing.patterns.symbols import (
    LOOSE_SYMBOL,
    SYMBOL_RE,
    Symbol,
    compact_symbol,
    normalize_number_symbol,
    parse_symbol,
)
from directives.importing.patterns.text import UPPER, fold, is_upper_line, squash, starts_lower

__all__ = [
    "fold",
    "UPPER",
    "squash",
    "is_upper_line",
    "starts_lower",
    "DOC_TYPES",
    "TYPE_TITLES",
    "type_from_abbreviation",
    "type_from_title",
    "DOC_NAME_PATTERN",
    "type_from_name",
    "SYMBOL_RE",
    "LOOSE_SYMBOL",
    "Symbol",
    "compact_symbol",
    "parse_symbol",
    "normalize_number_symbol",
    "DATE_WORDS_RE",
    "DATE_NUMERIC_RE",
    "DateParts",
    "find_date",
    "parse_vn_date",
    "STATE_HEADINGS",
    "PARTY_HEADINGS",
    "YOUTH_HEADINGS",
    "BODY_HEADS",
    "starts_with_body_head",
    "national_heading",
    "OPENING_START_RE",
    "KINH_GUI_RE",
    "NOI_NHAN_RE",
    "SECTION_RE",
    "LIST_ITEM_RE",
    "VV_RE",
    "NUMBER_LINE_RE",
    "PLACE_DATE_RE",
    "RULE_LINE_RE",
    "FOOTNOTE_RE",
    "SUPERSCRIPTS_RE",
    "SIGNED_MARK_RE",
    "CLOSING_RE",
    "strip_markup",
    "REPORT_WORD_RE",
    "REPORT_CONTEXT_RE",
    "split_sentences",
    "REF_RE",
    "REF_MORE_RE",
    "SO_SYMBOL_REF_RE",
    "HEADLESS_TITLE_RE",
    "ANNEX_MARK_RE",
    "TITLE_SUBJECT_RE",
    "MAIN_CLAUSE_RE",
    "NESTING_WORDS_RE",
    "REF_ISSUER_RE",
    "TRAILING_NAME_RE",
    "AUTHORITY_RE",
    "parse_authority",
    "PURPOSE_MARKS",
    "clean_recipient",
    "recipient_purpose",
    "looks_like_name",
    "split_signature",
    "proper_names",
    "restore_marks",
]
