"""Refusals of the incoming register and of tasks: subclasses of the portal's one ``Refused``
(``portal.lib.errors``), which carries the stable code, the Vietnamese message, the field map and the HTTP status."""

from __future__ import annotations

from portal.lib.errors import AttachmentRefused, Conflict, NotAllowed, Refused

__all__ = ["AlreadyDone", "AttachmentRefused", "HandlingRefused", "Incomplete", "NotAllowed"]


class HandlingRefused(Refused):
    code = "handling_refused"


class Incomplete(HandlingRefused):
    """Something the action needs is missing or wrong (a field names it)."""

    code = "handling_incomplete"


class AlreadyDone(HandlingRefused, Conflict):
    """The entry or task moved on since the person looked (registered, completed, cancelled): nothing registered
    or completed is ever overwritten (409)."""

    code = "handling_already_done"
