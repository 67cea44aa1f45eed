"""Refusals of the reporting services: subclasses of the portal's one ``Refused`` (``portal.lib.errors``),
which carries the stable code, the Vietnamese message, the field map and the HTTP status.

``field`` (or ``errors`` for several) names the form field the refusal is about (an indicator key,
"comment", "due_date" …) so a form can show the message beside it.
"""

from __future__ import annotations

from portal.lib.errors import AttachmentRefused, Conflict, NotAllowed, Refused

# NotAllowed and AttachmentRefused are the portal's own (one definition for both apps); named here too
# because the reporting services raise them.
__all__ = [
    "AttachmentRefused",
    "DraftChanged",
    "NotAllowed",
    "ObligationExcused",
    "ReportAlreadyAccepted",
    "ReportInvalid",
    "ReportNotSigner",
    "ReportNotEditable",
    "ReportStale",
    "ReportingError",
    "RequestInvalid",
    "RollupUnavailable",
]


class ReportingError(Refused):
    code = "reporting_refused"


class ObligationExcused(ReportingError, Conflict):
    """The receiving unit excused this period's report: nothing to write any more (409)."""

    code = "obligation_excused"


class ReportNotEditable(ReportingError, Conflict):
    """Submitted or accepted since the form was loaded (409)."""

    code = "report_not_editable"


class ReportAlreadyAccepted(ReportNotEditable):
    code = "report_already_accepted"


class ReportStale(ReportingError, Conflict):
    """The draft was saved elsewhere since this form was loaded, or the save named no revision (409)."""

    code = "report_stale"


class ReportInvalid(ReportingError):
    code = "report_invalid"


class RequestInvalid(ReportingError):
    code = "request_invalid"


class RollupUnavailable(ReportingError):
    """Nothing to roll up: no subordinate report for the period has been accepted (or none is owed)."""

    code = "rollup_unavailable"


class DraftChanged(ReportingError):
    """The draft changed after the reporter looked at the roll-up: ask again rather than replace unseen text.
    Answered 400, as it always was: the reporter's own draft moved, and the page shows the roll-up again."""

    code = "draft_changed"


class ReportNotSigner(ReportingError, NotAllowed):
    """Sending a report upward is the act of the reporting unit's head or deputy (a signer, issue 17): anyone
    else prepares it and asks them to sign («Trình ký») — 403."""

    code = "report_not_signer"
