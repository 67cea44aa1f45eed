"""Refusals raised while importing an existing official document.

Each refusal carries a stable machine code (for the API problem body and for tests) and a
Vietnamese message a person can act on (shown as-is in the form or on the command line).
"""

from __future__ import annotations

from portal.lib.errors import Refused

#: The codes a caller may rely on; anything else is a bug.
REFUSAL_CODES = frozenset({"unsupported_type", "too_large", "corrupt_file", "no_text_layer", "empty"})


class ImportRefused(Refused):
    """The uploaded file cannot be turned into text; ``code`` (one of REFUSAL_CODES, named at the raise) is
    stable, ``message`` is Vietnamese."""

    code = "import_refused"

    def __init__(self, code: str, message: str) -> None:
        if code not in REFUSAL_CODES:
            raise ValueError(f"unknown refusal code: {code}")
        super().__init__(message, code=code)

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"ImportRefused(code={self.code!r}, message={self.message!r})"
