"""A seed document and what its transcription knows of its source (directives/seeds/__init__.py)."""

from __future__ import annotations

from dataclasses import dataclass

from directives.content import DocumentContent


@dataclass(frozen=True)
class Seed:
    """One seed document: its ``content`` and the facts about its transcription.

    ``issuer_as_written``: how the seed names its issuer; ``date_source``: the seed that attests the
    content's date when the document's own seed has no date line (97-HD/BTGTU); ``date_as_written``: the
    date line as printed, blanks included; ``corrections``: (seed wording, transcribed wording) of each
    slip the transcription mends.
    """

    file: str
    content: DocumentContent
    issuer_as_written: str
    date_as_written: str | None = None
    date_source: str | None = None
    corrections: tuple[tuple[str, str], ...] = ()
