"""Refusals of the incoming register and of tasks: each carries a stable code for the API and a Vietnamese message
for the page (the field it concerns, when there is one)."""

from __future__ import annotations


class HandlingRefused(Exception):
    code = "refused"

    def __init__(self, message: str, *, field: str | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        if code:
            self.code = code


class NotAllowed(HandlingRefused):
    code = "not_allowed"


class AlreadyDone(HandlingRefused):
    """The entry or task is already in a state the action cannot change (nothing registered or completed is ever
    overwritten)."""

    code = "already_done"


class Incomplete(HandlingRefused):
    code = "incomplete"
