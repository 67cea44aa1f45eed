"""One kind of refusal for every service of the portal: a stable code, a Vietnamese message, the fields it is
about, and the HTTP status it is answered with.

A service refuses by raising a subclass of :class:`Refused` (``DocumentNotEditable``, ``ReportStale`` …)
and writes nothing. The class says everything the doors need, so no door decides a status by reading a
code or a message:

- ``code``: machine-readable and stable (the API's clients and the tests rely on it); a class attribute,
  overridable per instance for a family that names its cause at the raise (an imported file's refusal).
- ``message``: what a person reads, in Vietnamese.
- ``errors``: a field map ``{field: message}``, so a form shows each message beside its field; ``field=``
  is the shorthand for a refusal about one field.
- ``status``: 400 by default; 403 when the person may not do this at all (:class:`NotAllowed`), 409 when
  the thing changed or moved on under them (:class:`Conflict`).

The API answers ``body()`` with ``status`` (``portal.api.errors``); the pages show a refusal with
:func:`show_on_form` or as a message, and htmx fragments answer ``status``.
"""

from __future__ import annotations

from typing import Any


class Refused(Exception):
    """A service refused a change: nothing was written."""

    code: str = "refused"
    status: int = 400

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        errors: dict[str, str] | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        # Several field errors at once (a report form with two bad indicators); otherwise the one field.
        self.errors: dict[str, str] = dict(errors) if errors else ({field: message} if field else {})
        if code is not None:
            self.code = code

    def body(self) -> dict[str, Any]:
        """The problem body the API answers: ``{"code", "message", "fields": {field: [message]}}``."""
        return {
            "code": self.code,
            "message": self.message,
            "fields": {name: [message] for name, message in self.errors.items()},
        }


class NotAllowed(Refused):
    """The person may not do this here (their roles or the unit's reach); retrying will not help."""

    code = "not_allowed"
    status = 403


class Conflict(Refused):
    """The thing changed or moved on since the person looked (another tab saved, the document was issued):
    reload and decide again."""

    code = "conflict"
    status = 409


class AttachmentRefused(Refused):
    """An attached file refused (empty, too large, a type the portal does not keep)."""

    code = "attachment_refused"


def show_on_form(form, refusal: Refused) -> None:
    """Put a refusal on a bound Django form: each message beside the field it names when the form has that
    field, else at the top of the form (a refusal about no field, or a field this form does not show)."""
    for name, message in refusal.errors.items():
        form.add_error(name if name in form.fields else None, message)
    if not refusal.errors:
        form.add_error(None, refusal.message)
