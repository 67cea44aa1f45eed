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
