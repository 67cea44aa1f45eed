"""Refusals of the reporting services. `code` is stable for the API; the message is Vietnamese.

`field` names the form field the refusal is about (an indicator key, "comment", "due_date" …) so a
form can show the message beside it.
"""


class ReportingError(Exception):
    code = "reporting_refused"

    def __init__(self, message: str, *, field: str | None = None, errors: dict[str, str] | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        # Several field errors at once (a report form with two bad indicators).
        self.errors = errors or ({field: message} if field else {})


class NotAllowed(ReportingError):
    code = "not_allowed"


class ObligationExcused(ReportingError):
    code = "obligation_excused"


class ReportNotEditable(ReportingError):
    code = "report_not_editable"


class ReportAlreadyAccepted(ReportNotEditable):
    code = "report_already_accepted"


class ReportStale(ReportingError):
    """The draft was saved elsewhere since this form was loaded, or the save named no revision (409)."""

    code = "report_stale"


class ReportInvalid(ReportingError):
    code = "report_invalid"


class AttachmentRefused(ReportingError):
    code = "attachment_refused"


class RequestInvalid(ReportingError):
    code = "request_invalid"


class RollupUnavailable(ReportingError):
    """Nothing to roll up: no subordinate report for the period has been accepted (or none is owed)."""

    code = "rollup_unavailable"


class DraftChanged(ReportingError):
    """The draft changed after the reporter looked at the roll-up: ask again rather than replace unseen text."""

    code = "draft_changed"
