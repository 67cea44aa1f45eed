"""Where the layout a person signs digitally left its blanks, measured in WeasyPrint's laid-out boxes.

The template marks each blank with an id (``slot-number``, ``slot-date``, ``slot-signature``); after layout the
box of that element is found on its page and its content box is converted from CSS pixels (1/96 in, origin at
the top left of the page) to PDF points (1/72 in, origin at the bottom left). The signer then draws the form
fields and the signature appearances exactly there: nothing is guessed from font sizes or margins.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from weasyprint.document import Document
from weasyprint.formatting_structure import boxes

from directives.pdf.conf import write_options
from directives.pdf.layout import OfficialLayout
from directives.pdf.render import render_document

SLOT_IDS = ("slot-number", "slot-number-line", "slot-date", "slot-signature")
PT_PER_PX = 72 / 96


class PageBox(NamedTuple):
    """A rectangle in PDF points, origin bottom-left, on the 0-based ``page``."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float


class SlotMissing(LookupError):
    """A blank the signing layout must have was not laid out exactly once (a template or CSS fault)."""


def _walk(box: boxes.Box) -> Iterator[boxes.Box]:
    yield box
    for child in getattr(box, "children", None) or ():
        yield from _walk(child)


def _element_box(box: boxes.Box) -> bool:
    """The box an element generates itself: not a line or a run of text made anonymously from it."""
    return (
        isinstance(box, boxes.BlockBox | boxes.InlineBlockBox)
        and box.element is not None
        and box.element_tag == box.element.tag
    )


def measure(document: Document, ids: tuple[str, ...] = SLOT_IDS) -> dict[str, PageBox]:
    """The content box of the element with each id, in PDF points; SlotMissing when an id is not laid out
    exactly once (an element broken over two pages would have two boxes: the CSS keeps that from happening)."""
    found: dict[str, list[PageBox]] = {name: [] for name in ids}
    for index, page in enumerate(document.pages):
        page_box = page._page_box
        height_pt = page_box.margin_height() * PT_PER_PX
        for box in _walk(page_box):
            if not _element_box(box):
                continue
            name = box.element.get("id")
            if name not in found:
                continue
            x, y = box.content_box_x(), box.content_box_y()
            found[name].append(
                PageBox(
                    page=index,
                    x0=x * PT_PER_PX,
                    y0=height_pt - (y + box.height) * PT_PER_PX,
                    x1=(x + box.width) * PT_PER_PX,
                    y1=height_pt - y * PT_PER_PX,
                )
            )
    for name, places in found.items():
        if len(places) != 1:
            raise SlotMissing(f"The blank {name!r} was laid out {len(places)} times, not once.")
    return {name: places[0] for name, places in found.items()}


def render_pdf_with_slots(layout: OfficialLayout) -> tuple[bytes, dict[str, PageBox]]:
    """The PDF of a signing layout and where its blanks are (``layout.signature_image_mm`` must be set):
    ``number`` (from the stand-in's left edge, on its line, to the end of the column: the number-symbol is
    written left-aligned from there and may run longer than the stand-in), ``date``, ``signature``."""
    if not layout.for_signing:
        raise ValueError("Only the layout a person signs digitally has blanks to measure.")
    document = render_document(layout)
    boxes_by_id = measure(document)
    stand_in, line = boxes_by_id.pop("slot-number"), boxes_by_id.pop("slot-number-line")
    boxes_by_id["slot-number"] = stand_in._replace(x1=line.x1)
    return document.write_pdf(**write_options()), boxes_by_id
