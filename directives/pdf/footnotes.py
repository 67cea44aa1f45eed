"""Footnotes that start on the page of their call and flow on to the next page when long.

Official documents print a footnote at the foot of the page that cites it. WeasyPrint floats
``float: footnote`` bodies to the page foot, but it never splits a footnote: a note too long for
the room left under its call moves, with the line of its call (``footnote-policy: line``), to the
next page, leaving a blank band of up to the note's height at the foot of the page before (49–55 mm
measured on the demo before this module split notes). And when the last line of a page would break
an orphans/widows rule WeasyPrint may defer footnotes already placed on that page to the next one,
so a call stays on page k while its note prints on page k+1.

:func:`render_keeping_footnotes` renders, then repairs what it finds and renders again (bounded):

- a **band**: page k ends well above its floor and page k+1 opens with the call of a note that did
  not fit. The note is split at a line boundary measured on the rendered page: the lines that fit in
  the band stay a footnote of the call (so each note still starts on the page of its call), the rest
  becomes a continuation (``class="fn fn-cont"``: no call, no number, does not count) heading the
  next page's footnote area — the way word processors and style manuals continue a long note.
  At least :data:`MIN_HEAD_LINES` line stays under the call and :data:`MIN_NOTE_LINES` are carried on.
  The split note waits one render (``data-fn-rest``) so that its continuation can be called from the
  first line of the page that follows the head: anchored beside the head, WeasyPrint would lay it
  out on the head's page when it fits the line of the call, and push the call's paragraph away.
- a **stray**: a call (or a continuation's anchor) whose note printed on another page. The note is
  split as above when some of its lines fit the room left on the call's page; otherwise the last
  paragraph of that page must keep one line more there (``orphans``), so it moves to the next page
  with its calls instead of pushing their notes away.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator

from weasyprint.document import Document
from weasyprint.formatting_structure import boxes

logger = logging.getLogger(__name__)

MAX_PASSES = 10
# Not "break-inside: avoid": WeasyPrint defers the footnotes while trying the paragraph's lines,
# before it decides to move the paragraph, and does not take them back. A higher ``orphans`` on
# that one paragraph is what stops the deferral (see _keep_whole).
_MAX_ORPHANS = 1000
CONTINUATION = "fn-cont"
SPLIT = "fn-split"
# Fewest lines of a split note on the page of its call: its number and first line show the reader
# where the note starts (with 2, a call in a paragraph's last lines could still leave ~20 mm blank).
MIN_HEAD_LINES = 1
# Fewest lines carried on: a single line stranded at the head of the next page's notes reads as a
# mistake (the widows rule of the body text, applied to notes).
MIN_NOTE_LINES = 2
# A band narrower than this (CSS px, 96/in: 6 mm, a line of text) cannot take a call and its note.
MIN_BAND_PX = 6 * 96 / 25.4


def _walk(box: boxes.Box) -> Iterator[boxes.Box]:
    yield box
    for child in getattr(box, "children", None) or ():
        yield from _walk(child)


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split()) if element is not None else set()


def _flow(page) -> list[boxes.Box]:
    """The page's main flow: its boxes minus the footnote area and the margin boxes."""
    return [
        child
        for child in page._page_box.children
        if not isinstance(child, boxes.FootnoteAreaBox | boxes.MarginBox)
    ]


def _footnote_area(page) -> boxes.FootnoteAreaBox | None:
    for child in page._page_box.children:
        if isinstance(child, boxes.FootnoteAreaBox) and child.children:
            return child
    return None


def _lines(page) -> list[boxes.LineBox]:
    return [box for root in _flow(page) for box in _walk(root) if isinstance(box, boxes.LineBox)]


def strayed_footnote_pages(document: Document) -> list[int]:
    """Indexes of pages holding a footnote call whose note is printed on another page.

    A continuation placed after its head (:data:`DEFERRED`) is meant to print on a later page.
    """
    note_page: dict[object, int] = {}
    call_pages: list[tuple[int, object]] = []
    for index, page in enumerate(document.pages):
        area = _footnote_area(page)
        for note in area.children if area is not None else ():
            note_page[note.element] = index
        for root in _flow(page):
            for box in _walk(root):
                footnote = getattr(box, "footnote", None)
                if footnote is not None and footnote.element.get(DEFERRED) is None:
                    call_pages.append((index, footnote.element))
    return sorted({index for index, element in call_pages if note_page.get(element) != index})


def footnote_bands(document: Document) -> list[float]:
    """Per page but the last, the blank height (CSS px) between the end of the flow and its floor.

    The floor is the top of the footnote area, or the foot of the text area on a page without notes.
    """
    bands = []
    for page in document.pages[:-1]:
        box = page._page_box
        area = _footnote_area(page)
        floor = area.position_y if area is not None else box.content_box_y() + box.height
        lines = _lines(page)
        end = max((line.position_y + line.height for line in lines), default=box.content_box_y())
        bands.append(floor - end)
    return bands


def _last_paragraph(page):
    """The element (paragraph) whose line ends the page's main flow; a line box keeps its block's element."""
    lines = _lines(page)
    return lines[-1].element if lines else None


def _keep_whole(document: Document) -> bool:
    """Fix the first stray: forbid the break that deferred its note. False when nothing can be done.

    WeasyPrint defers a page's last note to fit the paragraph's line that the orphans rule needs at
    the page foot. Asking that paragraph for one line more on the page than it had (``orphans``)
    makes it move to the next page instead, with its calls; the band left is those few lines.
    """
    page = document.pages[strayed_footnote_pages(document)[0]]
    element = _last_paragraph(page)
    if element is None:
        return False
    style = element.get("style") or ""
    found = re.search(r"orphans: (\d+)", style)
    had = sum(1 for line in _lines(page) if line.element is element)
    orphans = max(int(found.group(1)) if found else 0, had) + 1
    if orphans > _MAX_ORPHANS:
        return False
    style = re.sub(r";? ?orphans: \d+", "", style).rstrip("; ")
    element.set("style", f"{style}; orphans: {orphans}".lstrip("; "))
    return True


def _first_call(page):
    """(line, note box) for the first call on ``page`` whose note prints in the page's own area."""
    area = _footnote_area(page)
    notes = {note.element: note for note in area.children} if area is not None else {}
    for line in _lines(page):
        for box in _walk(line):
            footnote = getattr(box, "footnote", None)
            if footnote is not None and footnote.element in notes:
                if CONTINUATION in _classes(footnote.element):
                    continue
                return line, notes[footnote.element]
    return None


REST = "data-fn-rest"  # the words of a split note not yet placed on the next page
DEFERRED = "data-fn-deferred"  # a continuation anchored after its head, to be deferred by WeasyPrint
WHOLE = "data-fn-whole"  # a note found too long to split where it stands: left whole
NOTE_ID = "data-fn-id"  # ties a continuation to the head of its note


def _note_lines(note: boxes.Box) -> list[boxes.LineBox]:
    return [box for box in _walk(note) if isinstance(box, boxes.LineBox)]


def _head_lines(band: float, page, following, line, note) -> int:
    """How many lines of ``note`` (printed on ``following`` under its call on ``line``) fit in ``band``.

    What moves up into the band: the flow of the next page down to the call's line, the footnote
    area's rule and padding when the page had no notes, then the note's lines.
    """
    # A call in a paragraph's first lines brings the lines the orphans rule keeps with it.
    paragraph = [other for other in _lines(following) if other.element is line.element]
    at = next(i for i, other in enumerate(paragraph) if other is line)
    if paragraph[0] is _lines(following)[0] and _lines(page) and _lines(page)[-1].element is line.element:
        at = max(at, 0)  # the paragraph began on the page before: only its own lines move
    else:
        at = max(at, min(line.style["orphans"], len(paragraph)) - 1)
    last = paragraph[at]
    moved = last.position_y + last.height - following._page_box.content_box_y()
    chrome = 0.0
    if _footnote_area(page) is None:
        area = _footnote_area(following)
        chrome = area.margin_height() - area.height if area is not None else 0.0
    room = band - moved - chrome - 2  # 2 px: rounding of line positions
    fit = 0
    for note_line in _note_lines(note):
        if note_line.position_y + note_line.height - note.position_y > room:
            break
        fit += 1
    return min(fit, len(_note_lines(note)) - MIN_NOTE_LINES)


def _line_words(line: boxes.Box) -> int:
    """Words printed on a line, generated text (footnote calls and numbers, list markers) left out."""
    words = 0

    def count(box: boxes.Box) -> None:
        nonlocal words
        if "::" in (getattr(box, "element_tag", "") or ""):
            return
        if isinstance(box, boxes.TextBox):
            words += len(box.text.split())
        for child in getattr(box, "children", None) or ():
            count(child)

    count(line)
    return words


def _parent(root, element):
    return next(candidate for candidate in root.iter() if element in list(candidate))


def _continuation_of(root, element):
    note_id = element.get(NOTE_ID)
    if not note_id:
        return None
    return next(
        (e for e in root.iter() if e.get(NOTE_ID) == note_id and CONTINUATION in _classes(e)),
        None,
    )


def _split(root, element, keep_words: int) -> None:
    """Keep ``keep_words`` words in the note ``element``; the rest waits (REST) or joins its continuation."""
    words = element.text.split()
    element.text = " ".join(words[:keep_words])
    rest = " ".join(words[keep_words:])
    element.set("class", " ".join(sorted(_classes(element) | {SPLIT})))
    if not element.get(NOTE_ID):
        element.set(NOTE_ID, str(sum(1 for e in root.iter() if e.get(NOTE_ID)) + 1))
    continuation = _continuation_of(root, element)
    if continuation is not None:
        continuation.text = f"{rest} {continuation.text or ''}".strip()
    else:
        element.set(REST, f"{rest} {element.get(REST) or ''}".strip())


def _unsplit(root, element) -> None:
    """Give up splitting ``element``: its words back together, marked to be left whole."""
    continuation = _continuation_of(root, element)
    rest = element.attrib.pop(REST, "")
    if continuation is not None:
        rest = f"{rest} {continuation.text or ''}".strip()
        parent = _parent(root, continuation)
        index = list(parent).index(continuation)
        tail = continuation.tail or ""
        if index:
            parent[index - 1].tail = (parent[index - 1].tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
        parent.remove(continuation)
    element.text = f"{element.text or ''} {rest}".strip()
    element.set("class", " ".join(sorted(_classes(element) - {SPLIT})))
    element.set(WHOLE, "1")


def _insert_after_words(element, words: int, new) -> bool:
    """Put ``new`` before the word after the first ``words`` words of ``element``'s printed text.

    Footnote bodies inside ``element`` are not printed where they stand and are not counted.
    """
    slots: list[tuple[object, str]] = []

    def collect(node) -> None:
        slots.append((node, "text"))
        for child in node:
            if "fn" not in _classes(child):
                collect(child)
            slots.append((child, "tail"))

    collect(element)
    for node, slot in slots:
        text = getattr(node, slot) or ""
        starts = [match.start() for match in re.finditer(r"\S+", text)]
        if words < len(starts):
            before, after = text[: starts[words]], text[starts[words] :]
            setattr(node, slot, before)
            new.tail = after
            if slot == "text":
                node.insert(0, new)
            else:
                parent = _parent(element, node)
                parent.insert(list(parent).index(node) + 1, new)
            return True
        words -= len(starts)
    return False


def _place_continuation(document: Document, root, element, page_index: int) -> None:
    """The waiting words of ``element`` (its head prints on page ``page_index``) as a continuation
    called from the first line of the next page, so that they head that page's notes."""
    rest = element.attrib.pop(REST)
    continuation = element.makeelement(
        element.tag, {"class": f"fn {CONTINUATION}", NOTE_ID: element.get(NOTE_ID, "")}
    )
    continuation.text = rest
    if page_index + 1 < len(document.pages):
        first = _lines(document.pages[page_index + 1])[:1]
        if first:
            block = first[0].element
            before = sum(
                _line_words(line)
                for page in document.pages[: page_index + 1]
                for line in _lines(page)
                if line.element is block
            )
            if block is not None and _insert_after_words(block, before, continuation):
                return
    # On the last page (or where the next page's first line cannot be found) the continuation
    # follows its head: WeasyPrint defers it to a new page if it does not fit.
    continuation.set(DEFERRED, "1")
    parent = _parent(root, element)
    continuation.tail, element.tail = element.tail, None
    parent.insert(list(parent).index(element) + 1, continuation)


def _notes_on(document: Document):
    """(page index, note box) for every note printed, in page order."""
    for index, page in enumerate(document.pages):
        area = _footnote_area(page)
        for note in area.children if area is not None else ():
            yield index, note


def _fill_band(document: Document) -> bool:
    """One step towards no wide band: place a waiting continuation, or split the note that left a band.

    False when nothing more can be done.
    """
    root = _flow(document.pages[0])[0].element
    bands = footnote_bands(document)
    for index, note in _notes_on(document):
        element = note.element
        if element is None or element.get(REST) is None:
            continue
        found = _first_call(document.pages[index]) if index else None
        if found is not None and found[1] is note and bands[index - 1] > MIN_BAND_PX:
            # The head still did not fit under its call: shorten it, or leave the note whole.
            fit = _head_lines(bands[index - 1], document.pages[index - 1], document.pages[index], *found)
            if fit < MIN_HEAD_LINES:
                _unsplit(root, element)
            else:
                _split(root, element, sum(_line_words(line) for line in _note_lines(note)[:fit]))
            return True
        _place_continuation(document, root, element, index)
        return True
    for index, band in enumerate(bands):
        if band <= MIN_BAND_PX:
            continue
        found = _first_call(document.pages[index + 1])
        if found is None:
            continue
        line, note = found
        element = note.element
        if element is None or len(element) or not (element.text or "").strip() or element.get(WHOLE):
            continue  # a note with markup inside is not split (the notes written here are plain text)
        fit = _head_lines(band, document.pages[index], document.pages[index + 1], line, note)
        if fit < MIN_HEAD_LINES:
            continue
        _split(root, element, sum(_line_words(note_line) for note_line in _note_lines(note)[:fit]))
        return True
    return False


def _split_stray(document: Document) -> bool:
    """Fix the first stray by splitting its note: the lines that fit the room left on the call's page stay
    there, the rest is carried on. False when not even :data:`MIN_HEAD_LINES` fit (or the note is not plain)."""
    index = strayed_footnote_pages(document)[0]
    page = document.pages[index]
    notes = {note.element: note for _, note in _notes_on(document)}
    for line in _lines(page):
        for box in _walk(line):
            footnote = getattr(box, "footnote", None)
            element = footnote.element if footnote is not None else None
            note = notes.get(element)
            here = _footnote_area(page)
            if note is None or (here is not None and any(other is note for other in here.children)):
                continue
            if len(element) or not (element.text or "").strip() or element.get(REST) is not None:
                return False
            if CONTINUATION in _classes(element) or element.get(WHOLE):
                return False
            chrome = 0.0
            if _footnote_area(page) is None:
                area = next(
                    a
                    for a in map(_footnote_area, document.pages)
                    if a is not None and any(n is note for n in a.children)
                )
                chrome = area.margin_height() - area.height
            room = footnote_bands(document)[index] - chrome - 2
            note_lines = _note_lines(note)
            fit = 0
            for note_line in note_lines:
                if note_line.position_y + note_line.height - note.position_y > room:
                    break
                fit += 1
            fit = min(fit, len(note_lines) - MIN_NOTE_LINES)
            if fit < MIN_HEAD_LINES:
                return False
            root = _flow(document.pages[0])[0].element
            _split(root, element, sum(_line_words(note_line) for note_line in note_lines[:fit]))
            return True
    return False


def _fix_stray(document: Document) -> bool:
    return _split_stray(document) or _keep_whole(document)


def render_keeping_footnotes(render: Callable[[], Document]) -> Document:
    """``render()`` until every note starts on its call's page and no long note leaves a band.

    At most MAX_PASSES renders. ``render`` must lay out the same element tree each time: the fixes
    are made in that tree.
    """
    document = render()
    for _ in range(MAX_PASSES - 1):
        fix = _fix_stray if strayed_footnote_pages(document) else _fill_band
        if not fix(document):
            break
        document = render()
    if strayed_footnote_pages(document):
        logger.warning("A footnote could not be kept on the page of its call.")
    return document
