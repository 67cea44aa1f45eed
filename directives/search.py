"""Tìm kiếm: one search box over documents and units, within what the user may see.

Documents are matched on ``Document.search_text``, the accent-folded text written by
``compose.search_text_for`` (number-symbol first, then subject, issuer, opening and body): every
word of the folded query must occur in it, so "thong tin doi ngoai" finds "thông tin đối ngoại".
The query is the same ``LIKE '%…%'`` on every database; on PostgreSQL a trigram GIN index over
``search_text`` (migration 0004_search_indexes) makes it fast, on SQLite it is a scan — correct,
and fine for a development database.

Ranking: an exact number-symbol match first ("97-HD/BTGTU", "Số 97- HD/BTGTU", "97 HD BTGTU",
"84-KH/BCDTTDN" without its Đ), then number-symbols that start with the query, then the text
matches, newest first.

Units are matched on their folded name, short name and code, inside ``units_visible_to``.
Other apps add their own results (reports) through :func:`search_section_register`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Upper

from directives.access import documents_visible_to
from directives.models import Document
from directives.services.external import normalise_number_symbol
from portal.lib.search import Folded, fold
from portal.org.access import units_visible_to
from portal.org.models import Unit

MAX_WORDS = 10
UNIT_LIMIT = 20

RANK_EXACT, RANK_PREFIX, RANK_TEXT = 0, 1, 2
# A result list shows number-symbol, subject, issuer, date and status: the long columns stay behind.
LIST_DEFERRED = ("search_text", "body", "bases", "opening", "closing")

# "97-HD/BTGTU", "01/LĐLĐ-TG&NC", "/LĐLĐ-TG&NC", "HD/BTGTU": one token with a separator, or a number.
_SYMBOL_RE = re.compile(r"\d*[-/]?[\w&.]+(?:[-/][\w&.]+)*")
# "97 HD BTGTU", "01 LĐLĐ TG&NC": a number then 1–4 short words — a symbol typed with spaces.
_SPACED_SYMBOL_RE = re.compile(r"(\d+)((?:\s+[^\W\d_][\w&.]{0,14}){1,4})")


@dataclass(frozen=True)
class ParsedQuery:
    """What one typed query means for each way of matching."""

    text: str
    words: tuple[str, ...] = ()  # folded words, each must occur in search_text
    symbols: tuple[str, ...] = ()  # exact number-symbol candidates, upper case
    symbol_prefix: str = ""  # upper case; empty when the query is not a number-symbol

    @property
    def folded_symbols(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(fold(s) for s in self.symbols))

    def __bool__(self) -> bool:
        return bool(self.words or self.symbols)


def parse_query(text: str) -> ParsedQuery:
    """Split a typed query into folded words and, when it looks like one, number-symbol candidates."""
    text = " ".join((text or "").split())[:200]
    if not text:
        return ParsedQuery(text="")
    normalised = normalise_number_symbol(text)
    if normalised and _SYMBOL_RE.fullmatch(normalised) and re.search(r"[\d/-]", normalised):
        # The words come from the normalised form so "Số 97- HD/BTGTU" looks for "97-hd/btgtu",
        # not for "so" and "97-".
        symbol = normalised.upper()
        return ParsedQuery(text=text, words=(fold(normalised),), symbols=(symbol,), symbol_prefix=symbol)
    words = tuple(dict.fromkeys(fold(text).split()))[:MAX_WORDS]
    if match := _SPACED_SYMBOL_RE.fullmatch(text):
        number, tokens = match.group(1), match.group(2).upper().split()
        rest = "-".join(tokens[1:])
        # Party style puts the type before the slash (97-HD/BTGTU), state style after (97/QĐ-UBND);
        # a công văn has no type (01/LĐLĐ-TG&NC). Any of them may be meant.
        candidates = [f"{number}/{'-'.join(tokens)}"]
        if rest:
            candidates[:0] = [f"{number}-{tokens[0]}/{rest}", f"{number}/{tokens[0]}-{rest}"]
        return ParsedQuery(text=text, words=words, symbols=tuple(dict.fromkeys(candidates)))
    return ParsedQuery(text=text, words=words)


@dataclass(frozen=True)
class DocumentFilters:
    doc_type: str = ""
    issuer_id: int | None = None
    year: int | None = None
    status: str = ""

    def __bool__(self) -> bool:
        return bool(self.doc_type or self.issuer_id or self.year or self.status)

    def apply(self, qs: QuerySet[Document]) -> QuerySet[Document]:
        if self.doc_type:
            qs = qs.filter(doc_type=self.doc_type)
        if self.issuer_id:
            qs = qs.filter(issuer_id=self.issuer_id)
        if self.year:
            qs = qs.filter(issue_date__year=self.year)
        if self.status:
            qs = qs.filter(status=self.status)
        return qs


def documents_search(
    user, query: str | ParsedQuery, filters: DocumentFilters | None = None
) -> QuerySet[Document]:
    """Documents the user may see that match the query and the filters, best first.

    Each row carries ``match_rank`` (0 exact number-symbol, 1 number-symbol prefix, 2 text). An
    empty query with filters lists the filtered documents newest first; with neither, nothing.
    The queryset costs one query (plus one COUNT when paginated) whatever its size.
    """
    parsed = query if isinstance(query, ParsedQuery) else parse_query(query)
    filters = filters or DocumentFilters()
    qs = filters.apply(documents_visible_to(user, many=True))
    if not parsed:
        if not filters:
            return qs.none()
        return (
            qs.defer(*LIST_DEFERRED)
            .annotate(match_rank=Value(RANK_TEXT))
            .select_related("issuer")
            .order_by(F("issue_date").desc(nulls_last=True), "-id")
        )
    upper_symbol = Upper("number_symbol")
    found = Q()
    for word in parsed.words:
        found &= Q(search_text__contains=word)
    # The number-symbol column is matched too, not only through search_text: a row written
    # without search_text (a bulk load, a draft created and not yet saved) is still found by it.
    if parsed.symbols:
        found |= Q(number_symbol_upper__in=parsed.symbols)
    if parsed.symbol_prefix:
        found |= Q(number_symbol_upper__startswith=parsed.symbol_prefix)
    ranks = []
    if parsed.symbols:
        exact = Q(number_symbol_upper__in=parsed.symbols)
        for folded in parsed.folded_symbols:
            # search_text starts with the folded number-symbol: "84-KH/BCDTTDN" typed without its Đ.
            exact |= Q(search_text__startswith=f"{folded} ") | Q(search_text=folded)
        ranks.append(When(exact, then=Value(RANK_EXACT)))
    if parsed.symbol_prefix:
        ranks.append(
            When(
                Q(number_symbol_upper__startswith=parsed.symbol_prefix)
                | Q(search_text__startswith=fold(parsed.symbol_prefix)),
                then=Value(RANK_PREFIX),
            )
        )
    return (
        qs.defer(*LIST_DEFERRED)
        .alias(number_symbol_upper=upper_symbol)
        .filter(found)
        .annotate(match_rank=Case(*ranks, default=Value(RANK_TEXT), output_field=IntegerField()))
        .select_related("issuer")
        .order_by("match_rank", F("issue_date").desc(nulls_last=True), "-id")
    )


def document_issuers(documents: QuerySet[Document], limit: int = 50) -> list[tuple[int, str]]:
    """The issuing units among the matched documents, for the "Cơ quan ban hành" filter (one query)."""
    rows = (
        documents.order_by()
        .filter(issuer__isnull=False)
        .values_list("issuer_id", "issuer__name")
        .distinct()[:limit]
    )
    return sorted(rows, key=lambda row: fold(row[1]))


# --- units ------------------------------------------------------------------------------------


def units_search(user, query: str | ParsedQuery, limit: int = UNIT_LIMIT) -> list[Unit]:
    """Units the user may see whose name or short name holds every folded word, or whose code
    contains the query; in tree order, at most ``limit`` (one query)."""
    parsed = query if isinstance(query, ParsedQuery) else parse_query(query)
    words = fold(parsed.text).split()[:MAX_WORDS]
    if not words:
        return []
    by_name = Q()
    for word in words:
        by_name &= Q(folded_name__contains=word) | Q(folded_short__contains=word)
    code = parsed.text.strip().lower().replace(" ", "-")
    return list(
        units_visible_to(user)
        .alias(folded_name=Folded("name"), folded_short=Folded("short_name"))
        .filter(by_name | Q(code__icontains=code))
        .order_by("path")[:limit]
    )


# --- other kinds of results -----------------------------------------------------------------


@dataclass(frozen=True)
class SearchSection:
    """A kind of result another app contributes (reports: ``reporting`` registers one).

    ``search(user, parsed_query)`` returns at most a handful of items the user may see, in a
    fixed number of queries; ``template`` (a template name or object) renders them inside the
    section's card, with ``items`` and ``query`` in its context.
    """

    key: str
    label: str
    search: Callable[[object, ParsedQuery], Sequence]
    template: str
    order: int = 100


_SECTIONS: dict[str, SearchSection] = {}


def search_section_register(section: SearchSection) -> None:
    """Add a kind of result to the search page. Call from the app's ``AppConfig.ready``."""
    _SECTIONS[section.key] = section


@dataclass
class SectionResult:
    section: SearchSection
    items: Sequence = field(default_factory=list)


def other_sections_search(user, parsed: ParsedQuery) -> list[SectionResult]:
    """Results of every registered section (reports…), empty sections left out."""
    results = []
    for section in sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key)):
        items = section.search(user, parsed)
        if items:
            results.append(SectionResult(section=section, items=items))
    return results
