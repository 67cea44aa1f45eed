"""Nhập văn bản: turn an existing official document (its text) into a record or a draft.

Two steps, and nothing is written before the second: ``imported_from_text`` reads the text into an
:class:`ImportedDocument` the person reviews and corrects (the review form carries it in the POST);
then one of

* ``imported_external_register`` — record it as a document outside the system (văn bản ngoài hệ
  thống), with the documents it cites; an already recorded one is matched, never duplicated;
* ``imported_draft_create`` — a draft of one of the person's units with the subject, opening,
  signer, citations and Kính gửi/Nơi nhận as text lines for the drafter to map to units.

Both need a drafting role (drafter, signer or clerk) somewhere; both are all-or-nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from django.db import transaction

from directives import access
from directives.content import Addressee, Citation, Section, Signature, authority_of
from directives.errors import CitationConflict, NotAllowed
from directives.importing import parse_document
from directives.importing import patterns as p
from directives.importing.parser import _paragraphs
from directives.models import DocType, Document, DocumentRelation, Purpose, RelationKind, Selection
from directives.services.compose import (
    CitationLine,
    DraftContent,
    RecipientLine,
    document_create_draft,
    document_save_draft,
)
from directives.services.external import external_document_register, guess_type, normalise_number_symbol
from portal.audit.services import event_record
from portal.org.access import scope_for
from portal.org.models import Department, Unit


@dataclass
class ImportedDocument:
    """What the review form shows and sends back; every field may have been corrected by hand.

    Its signature block, cited documents and Kính gửi / Nơi nhận lines are the content model's parts
    (directives/content.py), as the parser reads them.
    """

    doc_type: str = "CV"
    number_symbol: str = ""
    issue_date: dt.date | None = None
    place: str = ""
    issuer: str = ""
    parent_issuer: str = ""
    subject: str = ""
    opening: str = ""
    signature: Signature = field(default_factory=Signature)
    citations: list[Citation] = field(default_factory=list)
    recipients: list[Addressee] = field(default_factory=list)
    reporting: list[str] = field(default_factory=list)


# --- reading ----------------------------------------------------------------------------------


def imported_from_text(text: str) -> ImportedDocument:
    """The parser's reading of the text, in the review form's shape (writes nothing)."""
    parsed = parse_document(text)
    citations = [
        replace(
            ref,
            doc_type=ref.doc_type if ref.doc_type in DocType.values else "",
            relation=ref.relation if ref.relation in RelationKind.values else RelationKind.IMPLEMENTS,
        )
        for ref in parsed.parent_refs
    ]
    # A line without a purpose mark is one to carry out under Kính gửi, one to know of under Nơi nhận.
    recipients = [replace(r, purpose=_purpose(r.purpose, Purpose.THUC_HIEN)) for r in parsed.kinh_gui]
    recipients += [replace(r, purpose=_purpose(r.purpose, Purpose.DE_BIET)) for r in parsed.noi_nhan]
    return ImportedDocument(
        doc_type=parsed.doc_type if parsed.doc_type in DocType.values else "CV",
        number_symbol=parsed.number_symbol or "",
        issue_date=parsed.issue_date,
        place=parsed.place or "",
        issuer=parsed.issuer or "",
        parent_issuer=parsed.parent_issuer or "",
        subject=parsed.subject or "",
        opening=opening_of(text, subject=parsed.subject or ""),
        signature=parsed.signer,
        citations=citations,
        recipients=recipients,
        reporting=list(parsed.reporting),
    )


def opening_of(text: str, *, subject: str = "") -> str:
    """The "Căn cứ …" / "Thực hiện …" paragraphs that open the body, as written (up to three).

    A plan's subject may itself start with "Triển khai …"; that header line is not the opening.
    """
    lines = [p.strip_markup(line) for line in (text or "").replace("\r\n", "\n").split("\n")]
    paragraphs = _paragraphs(lines)
    subject_key = p.fold(subject).strip()
    start = next(
        (
            i
            for i, par in enumerate(paragraphs)
            if p.OPENING_START_RE.match(par) and p.fold(par).strip() != subject_key
        ),
        None,
    )
    if start is None:
        return ""
    found = [paragraphs[start]]
    for paragraph in paragraphs[start + 1 : start + 3]:
        if not p.OPENING_START_RE.match(paragraph):
            break
        found.append(paragraph)
    return "\n".join(found)


def _purpose(value: str | None, default: str) -> str:
    return value if value in Purpose.values else default


# --- writing ----------------------------------------------------------------------------------


def can_import(user) -> bool:
    """Registering or drafting from an import needs a drafting role (drafter, signer, clerk)."""
    scope = scope_for(user)
    return bool(scope.unit_ids_with_role(*access.DRAFTING_ROLES))


def _require_importer(actor) -> None:
    if not can_import(actor):
        raise NotAllowed("Chỉ người soạn thảo, lãnh đạo ký hoặc văn thư mới được nhập văn bản.")


def _cited(actor, citations: list[Citation]) -> list[tuple[Document, str]]:
    """Each cited document, found in the system or recorded as external (never twice).

    The date of the text is the document's date: one recorded with the same number-symbol in another year is
    another document (numbers restart each year), recorded as such; the same year with another date is
    refused (CitationConflict naming the citation and the recorded document) for the person to correct.
    """
    found: list[tuple[Document, str]] = []
    seen: set[int] = set()
    for cited in citations:
        if not normalise_number_symbol(cited.number_symbol):
            continue
        try:
            target = external_document_register(
                actor=actor,
                number_symbol=cited.number_symbol,
                issue_date=cited.issue_date,
                issuer_name=cited.issuer,
                doc_type=cited.doc_type,
                confirm_distinct=cited.issue_date is not None,
            )
        except CitationConflict as exc:
            raise CitationConflict(
                f"Văn bản được trích dẫn số {normalise_number_symbol(cited.number_symbol)}: {exc.message}",
                candidates=exc.candidates,
            ) from exc
        if target.pk not in seen:
            seen.add(target.pk)
            kind = cited.relation if cited.relation in RelationKind.values else RelationKind.IMPLEMENTS
            found.append((target, kind))
    return found


@transaction.atomic
def imported_external_register(*, actor, data: ImportedDocument) -> tuple[Document, bool]:
    """Record the imported document as external, with its cited documents; return (document, created).

    A document already in the system with the same number-symbol and date (external, or issued
    here) is returned instead of a copy; citations are only added to a document recorded as
    external, never to one issued in the system (issued documents are immutable).
    Refuses: no drafting role, no number-symbol.
    """
    _require_importer(actor)
    started = dt.datetime.now(dt.UTC)
    document = external_document_register(
        actor=actor,
        number_symbol=data.number_symbol,
        issue_date=data.issue_date,
        issuer_name=data.issuer,
        doc_type=data.doc_type if data.doc_type in DocType.values else guess_type(data.number_symbol),
        subject=data.subject,
    )
    created = document.created_at >= started
    if document.is_external:
        cited = [(target, kind) for target, kind in _cited(actor, data.citations) if target.pk != document.pk]
        DocumentRelation.objects.bulk_create(
            [DocumentRelation(source=document, target=target, kind=kind) for target, kind in cited],
            ignore_conflicts=True,
        )
    event_record(
        actor=actor,
        action="document.imported",
        obj=document,
        details={"as": "external", "created": created, "citations": len(data.citations)},
    )
    return document, created


@transaction.atomic
def imported_draft_create(*, actor, issuer: Unit, data: ImportedDocument) -> Document:
    """A draft of ``issuer`` built from the imported document.

    The subject, opening, place and signer are copied; cited documents are linked (found by
    normalised number-symbol and date, or recorded as external); every Kính gửi / Nơi nhận line
    becomes a text-only recipient (selection "none") that the drafter maps to units in the editor;
    the reporting duties as written are kept in a body section to turn into reporting requirements.
    "Như kính gửi" is dropped when there are Kính gửi lines: the layout prints it by itself.
    Refuses: no drafting role for ``issuer`` (NotAllowed, nothing written).
    """
    _require_importer(actor)
    doc_type = data.doc_type if data.doc_type in DocType.values else "CV"
    document = document_create_draft(actor=actor, issuer=issuer, doc_type=doc_type, subject=data.subject)
    has_kinh_gui = any(r.in_kinh_gui for r in data.recipients)
    recipients = [
        RecipientLine(
            label=r.label,
            purpose=r.purpose if r.purpose in Purpose.values else Purpose.THUC_HIEN,
            selection=Selection.NONE,
            in_kinh_gui=r.in_kinh_gui,
        )
        for r in data.recipients
        if r.label.strip()
        and not (
            has_kinh_gui and not r.in_kinh_gui and p.fold(r.label).startswith(("NHU KINH GUI", "NHU TREN"))
        )
    ]
    body: list[Section | dict] = []
    if data.reporting:
        body.append(
            Section(heading="Chế độ báo cáo (theo văn bản gốc)", text="\n".join(data.reporting))
        )  # plain text: one paragraph per line
    content = DraftContent(
        doc_type=doc_type,
        subject=data.subject,
        department=_department(data.number_symbol, issuer),
        place=data.place,
        opening=data.opening,
        body=body,
        body_numbering="arabic" if doc_type == "CV" else "roman",
        signature=replace(data.signature, authority=authority_of(data.signature.authority)),
        recipients=recipients,
        citations=[
            CitationLine(target_id=target.pk, kind=kind) for target, kind in _cited(actor, data.citations)
        ],
    )
    document = document_save_draft(actor=actor, document=document, content=content)
    event_record(
        actor=actor,
        action="document.imported",
        obj=document,
        unit=issuer,
        details={"as": "draft", "number_symbol": data.number_symbol},
    )
    return document


def _department(number_symbol: str, issuer: Unit) -> str:
    """The drafting department of a công văn symbol ("01/LĐLĐ-TG&NC" → "TG&NC") if the unit has it."""
    tail = normalise_number_symbol(number_symbol).rsplit("-", 1)
    if len(tail) == 2 and Department.objects.filter(unit=issuer, code=tail[1]).exists():
        return tail[1]
    return ""
