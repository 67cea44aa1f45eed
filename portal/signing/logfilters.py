"""Logging filters for the signing libraries' noise (portal/settings/ LOGGING names them).

A filter drops one known message and nothing else from a logger whose other warnings still matter: pyHanko's
``pyhanko.sign.signers.pdf_signer`` also warns when a DocMDP policy is silently downgraded, which must stay
visible. Imports nothing of Django: LOGGING is configured while the settings load.
"""

from __future__ import annotations

import logging


class DropMessage(logging.Filter):
    """Drop the records whose formatted message starts with ``starts``; pass every other record."""

    def __init__(self, starts: str) -> None:
        super().__init__()
        self.starts = starts

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(self.starts)
