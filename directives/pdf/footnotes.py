"""Keep every footnote on the page of its call.

Official documents print a footnote at the foot of the page that cites it. WeasyPrint floats
``float: footnote`` bodies to the page foot, but when the last line of a page would break an
orphans/widows rule it may defer footnotes already placed on that page to the next one to make
room for that line (it does so whatever ``footnote-policy`` says). The call then stays on page k
while its note prints on page k+1.

:func:`render_keeping_footnotes` renders, checks every call against the page of its note, and if
one strayed, forbids a break inside the last paragraph of the call's page (so that paragraph moves
whole to the next page instead of squeezing in one more line) and renders again. Most documents
need one pass; the loop is bounded.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

from weasyprint.document import Document
from weasyprint.formatting_structure import boxes

logger = logging.getLogger(__name__)

MAX_PASSES = 4
# Not "break-inside: avoid": WeasyPrint defers the footnotes while trying the paragraph's lines,
# before it decides to move the paragraph, and does not take them back. With orphans this high
# no line of the paragraph may end the page, so nothing is deferred and the paragraph moves whole.
_KEEP_WHOLE = "orphans: 1000"


def _walk(box: boxes.Box) -> Iterator[boxes.Box]:
    yield box
    for child in getattr(box, "children", None) or ():
        yield from _walk(child)


def _flow(page) -> list[boxes.Box]:
    """The page's main flow: its boxes minus the footnote area and the margin boxes."""
    return [
        child
        for child in page._page_box.children
        if not isinstance(child, boxes.FootnoteAreaBox | boxes.MarginBox)
    ]


def strayed_footnote_pages(document: Document) -> list[int]:
    """Indexes of pages holding a footnote call whose note is printed on another page."""
    note_page: dict[object, int] = {}
    call_pages: list[tuple[int, object]] = []
    for index, page in enumerate(document.pages):
        for child in page._page_box.children:
            if isinstance(child, boxes.FootnoteAreaBox):
                for note in child.children:
                    note_page[note.element] = index
        for root in _flow(page):
            for box in _walk(root):
                footnote = getattr(box, "footnote", None)
                if footnote is not None:
                    call_pages.append((index, footnote.element))
    return sorted({index for index, element in call_pages if note_page.get(element) != index})


def _last_paragraph(page):
    """The element (paragraph) whose line ends the page's main flow; a line box keeps its block's element."""
    last = None
    for root in _flow(page):
        for box in _walk(root):
            if isinstance(box, boxes.LineBox):
                last = box
    return None if last is None else last.element


def render_keeping_footnotes(render: Callable[[], Document]) -> Document:
    """``render()`` until no footnote strays from its call's page (at most MAX_PASSES times).

    ``render`` must lay out the same element tree each time: the fix is made in that tree.
    """
    document = render()
    for _ in range(MAX_PASSES - 1):
        strayed = strayed_footnote_pages(document)
        if not strayed:
            return document
        element = _last_paragraph(document.pages[strayed[0]])
        if element is None or _KEEP_WHOLE in (element.get("style") or ""):
            break
        style = (element.get("style") or "").rstrip("; ")
        element.set("style", f"{style}; {_KEEP_WHOLE}".lstrip("; "))
        document = render()
    if strayed_footnote_pages(document):
        logger.warning("A footnote could not be kept on the page of its call.")
    return document
