"""Documents recorded from outside the system (văn bản ngoài hệ thống): correcting and removing a record.

A record belongs to the unit that entered it (Document.owner). Only that unit's drafting roles — or the
system administrator — may change it, and only while nothing cites it: once a draft or a document cites
it, its number, date and issuer are part of what that document says, so the record stays as it is.
Recording one matches an existing document first (number-symbol + issuer + date), so nothing is recorded twice.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import connection, transaction

from directives import access
from directives.errors import (
    CitationConflict,
    DocumentNotEditable,
    NotAllowed,
)
from directives.models import (
    DocType,
    Document,
    DocumentRelation,
    Status,
)
from directives.sanitize import clean_text
from directives.services.compose import search_text_for
from portal.audit.services import event_record
from portal.lib.dates import vn_date
from portal.lib.search import fold


def _locked_own(actor, document: Document) -> Document:
    document = Document.objects.select_for_update().get(pk=document.pk)
    if not access.may_alter_external(actor, document):
        raise NotAllowed("Chỉ đơn vị đã ghi nhận văn bản này được sửa hoặc xóa nó.")
    if DocumentRelation.objects.filter(target=document).exists():
        raise DocumentNotEditable(
            "Văn bản đã được trích dẫn nên không thể sửa hoặc xóa; "
            "các văn bản trích dẫn nó vẫn cần đúng số, ngày và cơ quan ban hành."
        )
    return document


@transaction.atomic
def external_document_update(
    *,
    actor,
    document: Document,
    number_symbol: str,
    issue_date: dt.date | None,
    issuer_name: str,
    doc_type: str,
    subject: str,
) -> Document:
    """Correct an uncited record of the actor's unit. Refuses: another unit's record, a cited one, an empty
    number-symbol, a number-symbol + date + issuer already recorded. Writes nothing when refused."""
    document = _locked_own(actor, document)
    normalised = normalise_number_symbol(number_symbol)
    if not normalised:
        raise NotAllowed("Cần ghi số, ký hiệu của văn bản.", field="number_symbol")
    before = {
        "number_symbol": document.number_symbol,
        "issue_date": document.issue_date and document.issue_date.isoformat(),
        "issuer": document.external_issuer,
        "subject": document.subject,
    }
    document.number_symbol, document.issue_date = normalised, issue_date
    document.external_issuer = clean_text(issuer_name)[:255]
    document.doc_type = doc_type if doc_type in DocType.values else document.doc_type
    document.subject = clean_text(subject)[:500]
    document.search_text = search_text_for(document)
    try:
        document.validate_constraints()
    except ValidationError as exc:
        raise NotAllowed(
            "Đã có văn bản ngoài hệ thống cùng số, ký hiệu, ngày và cơ quan ban hành.", field="number_symbol"
        ) from exc
    document.save(
        update_fields=[
            "number_symbol",
            "issue_date",
            "external_issuer",
            "doc_type",
            "subject",
            "search_text",
            "updated_at",
        ]
    )
    event_record(
        actor=actor,
        action="document.external_updated",
        obj=document,
        unit=document.owner,
        details={"before": before},
    )
    return document


@transaction.atomic
def external_document_remove(*, actor, document: Document) -> None:
    """Remove an uncited record of the actor's unit (entered by mistake). Refuses another unit's or a cited one."""
    document = _locked_own(actor, document)
    event_record(
        actor=actor,
        action="document.external_removed",
        obj=document,
        unit=document.owner,
        details={
            "number_symbol": document.number_symbol,
            "issuer": document.external_issuer,
            "issue_date": document.issue_date and document.issue_date.isoformat(),
        },
    )
    document.delete()


@transaction.atomic
def external_document_register(
    *,
    actor,
    number_symbol: str,
    issue_date: dt.date | None,
    issuer_name: str,
    doc_type: str = "",
    subject: str = "",
    confirm_distinct: bool = False,
) -> Document:
    """Record a document outside the system (Kết luận 57-KL/TW), or return the one already recorded.

    An existing document is never recorded twice. The number-symbol carries the issuer's abbreviation
    ("132-HD/BTGTW") and numbers restart each year per issuer (NĐ 30), so a document already recorded
    (external, or issued here) with the same normalised number-symbol is

    * returned when its issuer is the cited one (or either is unnamed) and the dates agree, or when no
      date is given and one such candidate is left;
    * a ``CitationConflict`` naming it when the same issuer's document has another day of the same year —
      a typing error, refused even with ``confirm_distinct`` (pick the recorded one or correct the date);
    * a ``CitationConflict`` naming the candidates when they are of another issuer or another year, or
      several fit and no date tells them apart; with ``confirm_distinct`` (the person said it is another
      document) a new one is recorded.

    Registrations of one number-symbol are serialised by a transaction lock, so two people citing it at
    the same moment cannot both create it.
    """
    normalised = normalise_number_symbol(number_symbol)
    if not normalised:
        raise NotAllowed("Cần ghi số, ký hiệu của văn bản được trích dẫn.", field="number_symbol")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(hashtext(%s))", ["external-document:" + normalised.upper()]
            )
    # SQLite (the embedded default) has one writer at a time: the transaction itself serialises registrations.
    candidates = list(
        Document.objects.filter(number_symbol__iexact=normalised)
        .select_related("issuer")
        .order_by("is_external", "-issue_date", "pk")
    )
    found = _same_document(
        candidates,
        normalised=normalised,
        issue_date=issue_date,
        issuer_name=issuer_name,
        confirm_distinct=confirm_distinct,
    )
    if found:
        return found
    document = Document.objects.create(
        doc_type=doc_type or guess_type(normalised),
        is_external=True,
        external_issuer=clean_text(issuer_name),
        number_symbol=normalised,
        issue_date=issue_date,
        subject=clean_text(subject)[:500],
        status=Status.EXTERNAL,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        owner=access.owner_unit_for(actor),  # the record is this unit's to correct (services/external.py)
    )
    document.search_text = search_text_for(document)
    document.save(update_fields=["search_text"])
    event_record(actor=actor, action="document.external_registered", obj=document)
    return document


def _described(document: Document) -> str:
    parts = [f"{document.get_doc_type_display()} số {document.number_symbol}"]
    if document.issue_date:
        parts.append(vn_date(document.issue_date))
    if document.issuer_name:
        parts.append(f"của {document.issuer_name}")
    return " ".join(parts)


def _same_issuer(candidate: Document, wanted: str) -> bool:
    """Whether the folded issuer name a citation gives names the candidate's issuer: equal, or one within the
    other word by word ("Ban Tuyên giáo Tỉnh ủy" of "Ban Tuyên giáo Tỉnh ủy Bắc Giang"), or its short name.
    A citation naming no issuer, or a candidate recorded without one, cannot tell them apart: the same."""
    names = {
        fold(candidate.issuer_name),
        fold(candidate.issuer_snapshot.get("short_name", "")),
        fold(candidate.issuer.short_name if candidate.issuer is not None else ""),
    } - {""}
    if not wanted or not names:
        return True
    return any(f" {wanted} " in f" {name} " or f" {name} " in f" {wanted} " for name in names)


def _same_document(
    candidates: list[Document],
    *,
    normalised: str,
    issue_date: dt.date | None,
    issuer_name: str,
    confirm_distinct: bool,
) -> Document | None:
    """The recorded document the citation means, None to record a new one, or CitationConflict.

    The issuer's name tells apart bodies sharing an abbreviation (every provincial LĐLĐ numbers "…/LĐLĐ-…"):
    a candidate of another named issuer (_same_issuer) is offered, never taken for the cited document.
    """
    if not candidates:
        return None
    wanted = fold(issuer_name)
    ours = [c for c in candidates if _same_issuer(c, wanted)]
    listed = "; ".join(_described(c) for c in candidates[:5])
    if issue_date is None:
        if ours and len({(c.issue_date, fold(c.issuer_name)) for c in ours}) == 1:
            return ours[0]
        if not ours and confirm_distinct:
            return None
        raise CitationConflict(
            f"Đã có {len(candidates)} văn bản số {normalised} trong hệ thống: {listed}. Hãy chọn văn bản bạn "
            "trích dẫn, hoặc ghi ngày ban hành và cơ quan ban hành để phân biệt.",
            candidates=candidates,
            may_confirm=not ours,
            field="issue_date",
        )
    for found in [c for c in ours if c.issue_date == issue_date] or [c for c in ours if c.issue_date is None]:
        return found
    # Every candidate left has a date (one without was returned above), as the type check cannot tell.
    same_year = [c for c in ours if c.issue_date is not None and c.issue_date.year == issue_date.year]
    if same_year:
        raise CitationConflict(
            f"{_described(same_year[0])} đã có trong hệ thống, khác với {vn_date(issue_date)} bạn ghi. "
            "Số, ký hiệu của một cơ quan không lặp lại trong một năm nên đây là cùng một văn bản: "
            "hãy chọn văn bản đã có, hoặc sửa lại ngày.",
            candidates=same_year,
            field="issue_date",
        )
    if confirm_distinct:
        return None
    raise CitationConflict(
        f"Đã có văn bản cùng số, ký hiệu {normalised} trong hệ thống: {listed}. Nếu bạn trích dẫn văn bản đó, "
        "hãy chọn nó; nếu là một văn bản khác (của cơ quan khác hoặc năm khác), hãy xác nhận ghi nhận văn bản mới.",
        candidates=candidates,
        may_confirm=True,
        field="issue_date",
    )


def normalise_number_symbol(value: str) -> str:
    """'Số 97- HD/BTGTU' → '97-HD/BTGTU'; '84 - KH/BCĐTTĐN' → '84-KH/BCĐTTĐN'."""
    import re
    import unicodedata

    value = unicodedata.normalize("NFC", value or "").strip()
    value = re.sub(r"^(số|so)\s*:?\s*", "", value, flags=re.IGNORECASE)
    return re.sub(r"\s*([-/])\s*", r"\1", value).strip()


def guess_type(number_symbol: str) -> str:
    import re

    match = re.search(r"[-/]([A-Za-zĐđ]+)[-/]", number_symbol + "/")
    code = (match.group(1) if match else "").upper().replace("Đ", "D")
    table = {"QD": "QD", "QDI": "QYD", "QYD": "QYD", "CTR": "CTR", "TTR": "TTR", "DA": "DA"}
    code = table.get(code, code)
    return code if code in DocType.values else "CV"
