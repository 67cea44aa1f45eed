"""Refusals of the directives services: subclasses of the portal's one ``Refused`` (``portal.lib.errors``),
which carries the stable code, the Vietnamese message, the field map and the HTTP status."""

from __future__ import annotations

from portal.lib.errors import AttachmentRefused, Conflict, NotAllowed, Refused

# NotAllowed and AttachmentRefused are the portal's own (one definition for both apps); named here too
# because the directives services raise them.
__all__ = [
    "AttachmentRefused",
    "BatchRefused",
    "CitationConflict",
    "DocumentError",
    "DocumentIncomplete",
    "DeliveryAlreadyReturned",
    "DeliveryRefused",
    "DocumentNotEditable",
    "DraftTooLong",
    "NotAllowed",
    "RecipientOutOfReach",
    "StaleDraft",
]


class DocumentError(Refused):
    code = "document_refused"


class DocumentNotEditable(DocumentError, Conflict):
    """Submitted, issued or revoked since the person opened it (409)."""

    code = "document_not_editable"


class DocumentIncomplete(DocumentError):
    code = "document_incomplete"


class RecipientOutOfReach(DocumentError):
    code = "recipient_out_of_reach"


class StaleDraft(DocumentError, Conflict):
    """Saved from another tab or by another person since this form was loaded (409)."""

    code = "stale_draft"


class DraftTooLong(DocumentError):
    """A part of a draft is longer than the portal keeps: refused whole, never cut."""

    code = "draft_too_long"


class BatchRefused(DocumentError):
    """«Tải toàn bộ văn bản triển khai» refused: a document not seen or not issued, or a cascade too large."""

    code = "batch_refused"


class CitationConflict(DocumentError):
    """The cited number-symbol is already recorded with another date or issuer: pick it, or say it is another.

    ``candidates`` are the documents already recorded; ``may_confirm`` says whether the person may still
    record a distinct document (not when issuer and year match: numbers are unique per issuer and year).
    Answered 400 like any refusal of what was typed: the person chooses, nothing changed under them.
    """

    code = "citation_conflict"

    def __init__(self, message: str, *, candidates=(), may_confirm: bool = False, field: str | None = None):
        super().__init__(message, field=field)
        self.candidates = list(candidates)
        self.may_confirm = may_confirm


class DeliveryRefused(Refused):
    """A receiving unit's act on a delivery refused (returning a document whose signatures are valid …)."""

    code = "delivery_refused"


class DeliveryAlreadyReturned(DeliveryRefused, Conflict):
    """The delivery was returned since the person opened the page (409)."""

    code = "delivery_returned"


class RecallAlreadyConfirmed(DeliveryRefused, Conflict):
    """The receiving unit's clerk already confirmed the recall of this copy (409)."""

    code = "recall_already_confirmed"
