"""Number and symbol of a document (STANDARDS.md §3–§5).

- party:        97-HD/BTGTU          printed "Số 97-HD/BTGTU" (numbers below 10 as 05-CT/TW: HD 36-HD/VPTW numbers
                                     from 01)
- state/union:  76/KH-LĐLĐ           printed "Số: 76/KH-LĐLĐ" (numbers below 10 as 05)
- công văn:     05/LĐLĐ-TG&NC        issuer-department, no type abbreviation
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection

from directives.models import Document, RegisterBook, RegisterCounter, type_abbreviation
from portal.org.models import Regime, Unit


def symbol_for(*, doc_type: str, issuer: Unit, department: str = "") -> str:
    """The part after the number: 'HD/BTGTU', 'KH-LĐLĐ', 'LĐLĐ-TG&NC'."""
    abbr = type_abbreviation(doc_type, issuer.regime)
    if issuer.regime == Regime.PARTY:
        return f"{abbr}/{issuer.short_name}"
    if doc_type == "CV":
        return f"{issuer.short_name}-{department}" if department else issuer.short_name
    return f"{abbr}-{issuer.short_name}"


def number_symbol_for(*, number: int | None, doc_type: str, issuer: Unit, department: str = "") -> str:
    symbol = symbol_for(doc_type=doc_type, issuer=issuer, department=department)
    if issuer.regime == Regime.PARTY:
        return f"{number:02d}-{symbol}" if number else f"-{symbol}"
    return f"{number:02d}/{symbol}" if number else f"/{symbol}"


def number_line(document: Document) -> str:
    """The printed line: 'Số: 76/KH-LĐLĐ' or 'Số 97-HD/BTGTU'; a blank number leaves room to write it."""
    if document.is_external or document.issuer_id is None:
        return f"Số {document.number_symbol}"
    party = document.issuer.regime == Regime.PARTY
    if document.number:
        text = document.number_symbol
    else:
        symbol = symbol_for(
            doc_type=document.doc_type, issuer=document.issuer, department=document.department
        )
        text = f"      -{symbol}" if party else f"      /{symbol}"
    return f"Số {text}" if party else f"Số: {text}"


def register_book_for(unit: Unit) -> RegisterBook:
    """The unit's register, created on first use with the regime's default rule."""
    if unit.regime == Regime.PARTY:
        defaults = {
            "reset": settings.REGISTER_PARTY_RESET,
            "per_type": True,
            "term": settings.REGISTER_PARTY_TERM,
        }
    else:
        # NĐ 30/2020: one series per body per calendar year, from 01 on 1 January.
        defaults = {"reset": RegisterBook.Reset.YEARLY, "per_type": False, "term": ""}
    book, _ = RegisterBook.objects.get_or_create(unit=unit, defaults=defaults)
    return book


def next_number(*, unit: Unit, doc_type: str, year: int) -> int:
    """Take the next number of the unit's register. Call inside the issuing transaction.

    One upsert statement increments the series and returns the new value; the row lock it
    takes is held until the transaction ends, so two clerks issuing at the same second get
    consecutive numbers and a rolled-back issue gives its number back (no gaps).
    """
    book = register_book_for(unit)
    key = book.series_key(doc_type=doc_type, year=year)
    table = RegisterCounter._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (book_id, series_key, last_number) VALUES (%s, %s, 1) "
            f"ON CONFLICT (book_id, series_key) DO UPDATE SET last_number = {table}.last_number + 1 "
            f"RETURNING last_number",
            [book.pk, key],
        )
        return cursor.fetchone()[0]


def next_incoming_number(*, unit: Unit, year: int) -> int:
    """Take the next number of the unit's incoming register (sổ văn bản đến). Call inside the registering
    transaction.

    Nghị định 30/2020 (Art. 22, Phụ lục IV): incoming documents are numbered from 01 on 1 January each year, one
    series per unit whatever the outgoing register's rule. The series lives beside the outgoing ones in the unit's
    RegisterBook counters under ``den-<year>``, taken by the same upsert as ``next_number``: its row lock is held
    until the transaction ends, so fifty clerks registering at once get fifty consecutive numbers and a rolled-back
    registration gives its number back (no gaps)."""
    book = register_book_for(unit)
    table = RegisterCounter._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (book_id, series_key, last_number) VALUES (%s, %s, 1) "
            f"ON CONFLICT (book_id, series_key) DO UPDATE SET last_number = {table}.last_number + 1 "
            f"RETURNING last_number",
            [book.pk, f"den-{year}"],
        )
        return cursor.fetchone()[0]


def register_past(*, unit: Unit, doc_type: str, year: int, number: int) -> None:
    """Move the series past a number already used on paper (legacy import), never backwards."""
    book = register_book_for(unit)
    key = book.series_key(doc_type=doc_type, year=year)
    counter, _ = RegisterCounter.objects.select_for_update().get_or_create(book=book, series_key=key)
    if counter.last_number < number:
        counter.last_number = number
        counter.save(update_fields=["last_number"])
