"""Documents recorded from outside the system (văn bản ngoài hệ thống): correcting and removing a record.

A record belongs to the unit that entered it (Document.owner). Only that unit's drafting roles — or the
system administrator — may change it, and only while nothing cites it: once a draft or a document cites
it, its number, date and issuer are part of what that document says, so the record stays as it is.
Recording (and matching an existing record before creating one) is compose.external_document_register.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from directives import access
from directives.errors import DocumentNotEditable, NotAllowed
from directives.models import DocType, Document, DocumentRelation
from directives.sanitize import clean_text
from directives.services.compose import normalise_number_symbol, search_text_for
from portal.audit.services import event_record


def _locked_own(actor, document: Document) -> Document:
    document = Document.objects.select_for_update().get(pk=document.pk)
    if not access.may_alter_external(actor, document):
        raise NotAllowed("Chỉ đơn vị đã ghi nhận văn bản này được sửa hoặc xóa nó.")
    if DocumentRelation.objects.filter(target=document).exists():
        raise DocumentNotEditable("Văn bản đã được trích dẫn nên không thể sửa hoặc xóa; "
                                  "các văn bản trích dẫn nó vẫn cần đúng số, ngày và cơ quan ban hành.")
    return document


@transaction.atomic
def external_document_update(*, actor, document: Document, number_symbol: str, issue_date: dt.date | None,
                             issuer_name: str, doc_type: str, subject: str) -> Document:
    """Correct an uncited record of the actor's unit. Refuses: another unit's record, a cited one, an empty
    number-symbol, a number-symbol + date + issuer already recorded. Writes nothing when refused."""
    document = _locked_own(actor, document)
    normalised = normalise_number_symbol(number_symbol)
    if not normalised:
        raise NotAllowed("Cần ghi số, ký hiệu của văn bản.", field="number_symbol")
    before = {"number_symbol": document.number_symbol, "issue_date": document.issue_date and
              document.issue_date.isoformat(), "issuer": document.external_issuer, "subject": document.subject}
    document.number_symbol, document.issue_date = normalised, issue_date
    document.external_issuer = clean_text(issuer_name)[:255]
    document.doc_type = doc_type if doc_type in DocType.values else document.doc_type
    document.subject = clean_text(subject)[:500]
    document.search_text = search_text_for(document)
    try:
        document.validate_constraints()
    except ValidationError as exc:
        raise NotAllowed("Đã có văn bản ngoài hệ thống cùng số, ký hiệu, ngày và cơ quan ban hành.",
                         field="number_symbol") from exc
    document.save(update_fields=["number_symbol", "issue_date", "external_issuer", "doc_type", "subject",
                                 "search_text", "updated_at"])
    event_record(actor=actor, action="document.external_updated", obj=document, unit=document.owner,
                 details={"before": before})
    return document


@transaction.atomic
def external_document_remove(*, actor, document: Document) -> None:
    """Remove an uncited record of the actor's unit (entered by mistake). Refuses another unit's or a cited one."""
    document = _locked_own(actor, document)
    event_record(actor=actor, action="document.external_removed", obj=document, unit=document.owner,
                 details={"number_symbol": document.number_symbol, "issuer": document.external_issuer,
                          "issue_date": document.issue_date and document.issue_date.isoformat()})
    document.delete()
