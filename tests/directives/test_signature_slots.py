"""The layout a person signs digitally (issue 15): the issued pages with the number-symbol and the date left
blank, the gap between title and name sized for the signature image, and the three slots measured in the layout.

Each slot is checked against the printed page read back with pdfplumber (PDF points; pdfplumber's ``top`` and
``bottom`` count from the top of the page, the slots from the bottom):

- number: right of "Số:" (the Party's "Số") on the same line, as wide as the widest number-symbol;
- date: the whole width of the right column, on the line under the national motto (the Party's heading);
- signature: between the last line of the title and the name, exactly the gap the image needs.

The documents and their cast: tests/signing/documents.py (party, union plan, union letter, state).
"""

from __future__ import annotations

import dataclasses

import pytest
from django.test import override_settings

from directives.pdf.conf import regime_style
from directives.pdf.layout import BodyNode
from directives.pdf.samples import sample_layouts
from directives.pdf.slots import render_pdf_with_slots
from directives.rendering import (
    document_pdf_bytes,
    document_unsigned_pdf,
    number_fill,
    signature_image_height_mm,
    slot_texts,
)
from directives.services import signing
from portal.signing.pdf import Rect
from tests.pdf.pdftext import PT_PER_MM, flat, lines_of, open_pdf
from tests.signing.documents import CASES, draft

pytestmark = pytest.mark.django_db

# Within this many points of where the layout puts it.
TOLERANCE = 1.0


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """The cast's passwords hash fast (before the cast is built: autouse fixtures come first)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def words_on(page, text: str) -> list[dict]:
    """pdfplumber's words equal to ``text`` on ``page``."""
    return [w for w in page.extract_words(keep_blank_chars=False) if w["text"] == text]


def top_of(rect: Rect, page) -> float:
    """A slot's top edge counted from the top of the page, as pdfplumber counts."""
    return float(page.height) - rect.y1


def bottom_of(rect: Rect, page) -> float:
    return float(page.height) - rect.y0


@pytest.fixture
def rendered(cast, request):
    """(document, unsigned PDF bytes, slots, pdfplumber document) of the case ``request.param``."""
    document = draft(cast, request.param)
    data, slots = document_unsigned_pdf(document)
    return document, data, slots, open_pdf(data)


ALL = pytest.mark.parametrize("rendered", list(CASES), indirect=True)


@ALL
def test_it_leaves_the_number_blank_right_of_so_on_its_line(rendered):
    document, _, slots, pdf = rendered
    page = pdf.pages[slots.number.page]
    assert slots.number.page == 0
    label = "Số" if document.issuer.regime == "party" else "Số:"
    (so,) = words_on(page, label)
    # Nothing but the label is printed on its line: the number-symbol is the field signing fills in.
    line = [c for c in page.chars if abs(c["bottom"] - so["bottom"]) < 1 and c["text"].strip()]
    assert "".join(c["text"] for c in line if c["x0"] < page.width / 2) == label
    # The slot starts one space after the label and is level with it: the same line box, the same size.
    assert 0 < slots.number.x0 - so["x1"] < 5
    assert top_of(slots.number, page) <= so["top"] and so["bottom"] <= bottom_of(slots.number, page)
    centre = (top_of(slots.number, page) + bottom_of(slots.number, page)) / 2
    assert abs(centre - (so["top"] + so["bottom"]) / 2) < TOLERANCE
    # Room for the number-symbol from there to the end of the left column.
    style = regime_style(document.issuer.regime)
    left_column_end = (
        style.margin_left_mm
        + (210 - style.margin_left_mm - style.margin_right_mm) * style.header_left_percent / 100
    ) * PT_PER_MM
    assert slots.number.x1 - slots.number.x0 > 25 * PT_PER_MM
    assert abs(slots.number.x1 - left_column_end) < TOLERANCE


@ALL
def test_it_leaves_the_date_line_blank_under_the_national_heading(rendered):
    document, _, slots, pdf = rendered
    page = pdf.pages[slots.date.page]
    assert slots.date.page == 0
    heading = "Độc" if document.issuer.regime != "party" else "ĐẢNG"
    (motto,) = words_on(page, heading)
    # Under the motto (and its rule), level with the number's line: the header's second row.
    assert top_of(slots.date, page) > motto["bottom"]
    assert abs(top_of(slots.date, page) - top_of(slots.number, page)) < 2
    # The right column's whole width: the date is centred on it as the paper layout centres it.
    column = [c for c in page.chars if c["top"] < motto["bottom"] and c["x0"] > slots.date.x0 - 1]
    heading_mid = (min(c["x0"] for c in column) + max(c["x1"] for c in column)) / 2
    assert abs((slots.date.x0 + slots.date.x1) / 2 - heading_mid) < 2
    assert abs(slots.date.x1 - (page.width - 15 * PT_PER_MM)) < TOLERANCE
    # Nothing is printed in it.
    inside = [
        c
        for c in page.chars
        if c["text"].strip()
        and slots.date.x0 <= c["x0"] <= slots.date.x1
        and top_of(slots.date, page) - 1 <= c["top"] <= bottom_of(slots.date, page)
    ]
    assert inside == []
    header = flat(page.extract_text() or "").split(document.subject[:10])[0]
    assert "ngày" not in header and "tháng" not in header


@ALL
def test_it_keeps_the_gap_between_title_and_name_for_the_signature_image(rendered):
    document, _, slots, pdf = rendered
    page = pdf.pages[slots.signature.page]
    right = [c for c in page.chars if c["x0"] >= slots.signature.x0 and c["text"].strip()]
    lines = lines_of(right)
    texts = ["".join(c["text"] for c in line) for line in lines]
    name = "".join(document.signer_name.split())
    title_last = "".join(document.signer_title.split("\n")[-1].upper().split())
    name_line = lines[texts.index(name)]
    title_line = lines[texts.index(title_last)]
    gap_top, gap_bottom = top_of(slots.signature, page), bottom_of(slots.signature, page)
    # The slot is the space between the two lines, whatever their line height leaves of it.
    title_bottom = max(c["bottom"] for c in title_line)
    name_top = min(c["top"] for c in name_line)
    assert title_bottom <= gap_top + TOLERANCE and gap_top - title_bottom < 4
    assert gap_bottom <= name_top + TOLERANCE and name_top - gap_bottom < 4
    assert texts.index(name) == texts.index(title_last) + 1
    # As high as the image plus a margin above and below it (PDF_SIGNATURE_IMAGE_MARGIN_MM, 3 mm).
    height = slots.signature.y1 - slots.signature.y0
    assert abs(height - (signature_image_height_mm() + 6) * PT_PER_MM) < 0.5
    # The signature column's width: the title and the name are centred on it.
    middle = (slots.signature.x0 + slots.signature.x1) / 2
    assert abs((min(c["x0"] for c in name_line) + max(c["x1"] for c in name_line)) / 2 - middle) < 1


@ALL
def test_it_prints_the_rest_as_the_issued_layout(rendered):
    document, data, _, pdf = rendered
    unsigned = flat(" ".join(page.extract_text() or "" for page in pdf.pages))
    issued = flat(
        " ".join(
            page.extract_text() or "" for page in open_pdf(document_pdf_bytes(document, draft=False)).pages
        )
    )
    # The paper layout prints blanks a clerk fills in by hand; the signing layout prints nothing there.
    number, date = slot_texts(document)
    for blank in (number, date):
        issued = issued.replace(flat(blank), "")
    assert unsigned.split() == issued.split()
    assert "DỰ THẢO" not in unsigned


def test_it_reads_the_image_height_from_the_signing_settings(cast):
    document = draft(cast, "union")
    with override_settings(SIGNING_IMAGE_HEIGHT_MM=30):
        assert signature_image_height_mm() == 30
        _, slots = document_unsigned_pdf(document)
    assert abs((slots.signature.y1 - slots.signature.y0) - 36 * PT_PER_MM) < 0.5


def test_it_gives_the_number_and_date_texts_of_a_numbered_document(cast):
    document = draft(cast, "party")
    document = signing.document_submit(actor=cast.lan, document=document)
    document = signing.document_issue(actor=cast.hanh, document=document)
    day = document.issue_date
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)

    assert slot_texts(document) == (
        document.number_symbol,
        f"Bắc Giang, ngày {day.day:02d} tháng {month} năm {day.year}",
    )
    assert document.number_symbol == "01-HD/BTGTU"
    # In the sizes the Party prints its "Số" line and date line in (14 pt both).
    assert number_fill(document) == {
        "number_text": "01-HD/BTGTU",
        "date_text": slot_texts(document)[1],
        "number_pt": 14.0,
        "date_pt": 14.0,
    }


def test_it_never_parts_the_title_the_gap_and_the_name_at_a_page_break():
    """A letter with a long Nơi nhận (not kept on one page) whose body grows line by line until the signature
    block crosses a page break: at every step title, gap and name stay on one page, measured once."""
    letter = sample_layouts()["000-cong-van-ldld-bac-giang"]
    pages = set()
    for repeats in range(51, 80, 4):  # about one line of text per step, across the foot of page 2
        filler = BodyNode(html="<p>" + "Nội dung bổ sung. " * repeats + "</p>", numbered=False)
        layout = dataclasses.replace(
            letter,
            body=[*letter.body, filler],
            noi_nhan=[f"Đơn vị số {n}" for n in range(40)],
            number=None,
            issue_date=None,
            signature_image_mm=18,
        )
        data, places = render_pdf_with_slots(layout)
        slot = places["slot-signature"]
        text = flat(open_pdf(data).pages[slot.page].extract_text() or "")
        authority, title = layout.signature_lines()
        assert all(part in text for part in (authority, title.upper(), layout.signer.name))
        pages.add(slot.page)
    assert len(pages) == 2, "the block should have crossed a page break within the range"
