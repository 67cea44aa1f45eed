"""Pure operations on PDF bytes with pyHanko: the fields a signed document carries, the signatures, the
verification (issue 15, /tmp contract: helper B writes this module).

Only the two value types shared with the renderer are defined so far (helper C, who measures the slots);
helper B fills in ``prepare``, ``sign_person``, ``fill_number``, ``seal_body``, ``seal_attachment`` and
``verify``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rect:
    """A rectangle on a page, in PDF points (1/72 in), origin bottom-left; ``page`` is 0-based."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Slots:
    """Where the rendered, unsigned document leaves room for what signing adds.

    ``number``: the number-symbol text after "Số:"/"Số" (left aligned); ``date``: the whole place-and-date
    line (centred, italic); ``signature``: the free space between the signer's title and the name (the
    person's image centred in it, the seal over its left third).
    """

    number: Rect
    date: Rect
    signature: Rect
