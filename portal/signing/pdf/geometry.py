"""Where signing draws on a page: the measured blanks (Rect, Slots) and the widgets placed from them."""

from __future__ import annotations

from dataclasses import dataclass

from portal.signing import conf

MM = 72 / 25.4
# The widget a person's signature image is fitted into, width : height, before the image's own proportions
# are known (the image is fitted inside it, centred, keeping its proportions).
IMAGE_ASPECT = 3.0


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


def image_rect(signature: Rect) -> Rect:
    """The person's signature widget: SIGNING_IMAGE_HEIGHT_MM high (at most the free space), IMAGE_ASPECT
    times as wide (at most the slot's width), centred in the space between title and name."""
    width_free = signature.x1 - signature.x0
    height_free = signature.y1 - signature.y0
    height = min(conf.image_height_mm() * MM, height_free)
    width = min(height * IMAGE_ASPECT, width_free)
    cx = (signature.x0 + signature.x1) / 2
    cy = (signature.y0 + signature.y1) / 2
    return Rect(signature.page, cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)


def seal_rect(signature: Rect) -> Rect:
    """The body's signature widget: the seal at actual size (SIGNING_SEAL_DIAMETER_MM), level with the
    person's image, its right edge SIGNING_SEAL_OVERLAP of the image's width in from the image's left edge —
    the seal covers the left third of the signature image (Phụ lục I)."""
    image = image_rect(signature)
    diameter = conf.seal_diameter_mm() * MM
    right = image.x0 + float(conf.seal_overlap()) * (image.x1 - image.x0)
    cy = (image.y0 + image.y1) / 2
    return Rect(image.page, right - diameter, cy - diameter / 2, right, cy + diameter / 2)


def attachment_rect(page_width: float, page_height: float, *, font_pt: float) -> Rect:
    """Top right of an attachment's first page, inside the official margins (right 15 mm, top 20 mm): two
    lines of ``font_pt`` text, 70 mm wide."""
    width = 70 * MM
    height = font_pt * 1.25 * 2 + 4
    x1 = page_width - 15 * MM
    y1 = page_height - 10 * MM
    return Rect(0, x1 - width, y1 - height, x1, y1)
