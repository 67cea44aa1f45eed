"""Refusals of the directives services. `code` is stable for the API; the message is Vietnamese."""


class DocumentError(Exception):
    code = "document_refused"

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class DocumentNotEditable(DocumentError):
    code = "document_not_editable"


class DocumentIncomplete(DocumentError):
    code = "document_incomplete"


class NotAllowed(DocumentError):
    code = "not_allowed"


class RecipientOutOfReach(DocumentError):
    code = "recipient_out_of_reach"


class AttachmentRefused(DocumentError):
    code = "attachment_refused"


class StaleDraft(DocumentError):
    code = "stale_draft"


class DraftTooLong(DocumentError):
    """A part of a draft is longer than the portal keeps: refused whole, never cut."""

    code = "draft_too_long"


class CitationConflict(DocumentError):
    """The cited number-symbol is already recorded with another date or issuer: pick it, or say it is another.

    ``candidates`` are the documents already recorded; ``may_confirm`` says whether the person may still
    record a distinct document (not when issuer and year match: numbers are unique per issuer and year).
    """

    code = "citation_conflict"

    def __init__(self, message: str, *, candidates=(), may_confirm: bool = False, field: str | None = None):
        super().__init__(message, field=field)
        self.candidates = list(candidates)
        self.may_confirm = may_confirm
