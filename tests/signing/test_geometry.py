"""Golden geometry (issue 15): on a document rendered by the product and signed all the way (person → number →
body), everything signing added lies where Phụ lục I puts it, measured in the signed PDF.

- the person's signature image (its widget, read with pypdf) lies between the title's last line and the name
  (read with pdfplumber) and is centred in the gap the layout left;
- the body's seal covers the left part of the image: 25–45 % of its width (SIGNING_SEAL_OVERLAP, about a
  third), level with it;
- the number-symbol and the place-and-date line, which exist only in the fields' appearance streams, are read
  back from the page as poppler draws it (``pdftocairo -pdf``, then pdfplumber: pdfplumber alone does not read
  appearances): the number starts where the slot starts, on the baseline of "Số:"; the date is centred in the
  right column.

One document per regime (tests/signing/documents.py); the keys are the throwaway PKI's (tests/signing/
throwaway_pki.py: geometry does not depend on where a key lives), the images the demo PKI's own.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from dataclasses import dataclass

import pytest
from pypdf import PdfReader

from directives.rendering import document_unsigned_pdf, number_fill
from portal.signing import images, pdf
from portal.signing.pdf import Slots
from tests.pdf.pdftext import lines_of, open_pdf
from tests.signing.documents import draft
from tests.signing.throwaway_pki import build

pytestmark = pytest.mark.django_db
TOLERANCE = 1.0  # points
REGIMES = ("state", "union", "party")


@pytest.fixture(scope="module")
def throwaway():
    return build()


@dataclass(frozen=True)
class Sealed:
    """A document signed all the way, as plain values (they outlive the test's database)."""

    regime: str
    title_last_line: str
    signer_name: str
    slots: Slots
    data: bytes
    number_text: str
    date_text: str


def signed_document(cast, case: str, keys) -> Sealed:
    """The document of ``case`` rendered for signing, signed by the person, numbered, sealed by the body."""
    document = draft(cast, case)
    unsigned, slots = document_unsigned_pdf(document)
    # The register's number and date, as the flow takes them after the person's signature.
    document.number, document.issue_date = 76, dt.date(2024, 2, 6)
    fill = number_fill(document)
    signed = pdf.sign_person(
        pdf.prepare(unsigned, slots),
        keys.signer(keys.person),
        image_png=images.demo_signature_png(document.signer_name),
        reason="Ký ban hành",
        timestamper=keys.timestamper(),
        validation_context=keys.validation_context(),
    )
    numbered = pdf.fill_number(signed, **fill)
    sealed = pdf.seal_body(
        numbered,
        keys.signer(keys.body),
        seal_png=images.demo_seal_png(document.issuer.name),
        body_name=document.issuer.name,
        timestamper=keys.timestamper(),
        validation_context=keys.validation_context(),
    )
    return Sealed(
        regime=document.issuer.regime,
        title_last_line=document.signer_title.split("\n")[-1],
        signer_name=document.signer_name,
        slots=slots,
        data=sealed,
        number_text=str(fill["number_text"]),
        date_text=str(fill["date_text"]),
    )


_SIGNED: dict[str, Sealed] = {}


@pytest.fixture(params=REGIMES)
def sealed(request, throwaway) -> Sealed:
    """Each regime's document is signed once per run; the cast is built only for that."""
    if request.param not in _SIGNED:
        _SIGNED[request.param] = signed_document(request.getfixturevalue("cast"), request.param, throwaway)
    return _SIGNED[request.param]


def widgets(data: bytes, page: int) -> dict[str, tuple[float, float, float, float]]:
    """Field name → widget rectangle (x0, y0, x1, y1, PDF points) on ``page``."""
    result = {}
    for annot in PdfReader(io.BytesIO(data)).pages[page].get("/Annots") or []:
        obj = annot.get_object()
        x0, y0, x1, y1 = (float(v) for v in obj["/Rect"])
        result[str(obj["/T"])] = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
    return result


def flattened_page(data: bytes, page: int):
    """``page`` as poppler draws it, appearance streams included, read back with pdfplumber: pdftocairo writes
    the drawn page as a PDF of its own (pdfplumber alone reads only the page's content, not the fields')."""
    assert shutil.which("pdftocairo"), "poppler-utils is needed (scripts/test.sh installs it)"
    out = subprocess.run(
        ["pdftocairo", "-pdf", "-f", str(page + 1), "-l", str(page + 1), "-", "-"],
        input=data,
        capture_output=True,
        check=True,
    ).stdout
    return open_pdf(out).pages[0]


def baseline(char: dict) -> float:
    """The baseline of a char, PDF y (its text matrix's origin)."""
    return float(char["matrix"][5])


def chars_in(page, rect, *, slack: float = 1.0) -> list[dict]:
    """The chars whose origin lies in ``rect`` (PDF points), left to right."""
    return sorted(
        (
            c
            for c in page.chars
            if rect.x0 - slack <= c["x0"] and c["x1"] <= rect.x1 + slack and rect.y0 <= baseline(c) <= rect.y1
        ),
        key=lambda c: c["x0"],
    )


def test_it_puts_the_signature_image_between_title_and_name_centred_in_its_gap(sealed):
    slots, data = sealed.slots, sealed.data
    page = open_pdf(data).pages[slots.signature.page]
    ix0, iy0, ix1, iy1 = widgets(data, slots.signature.page)[pdf.PERSON_FIELD]
    right = [c for c in page.chars if c["x0"] >= slots.signature.x0 and c["text"].strip()]
    texts = ["".join(c["text"] for c in line) for line in lines_of(right)]
    lines = lines_of(right)
    title = lines[texts.index("".join(sealed.title_last_line.split()))]
    name = lines[texts.index("".join(sealed.signer_name.split()))]
    height = float(page.height)
    title_bottom = height - max(c["bottom"] for c in title)  # PDF y of the title's lowest glyph
    name_top = height - min(c["top"] for c in name)

    assert name_top < iy0 < iy1 < title_bottom
    assert abs((ix0 + ix1) / 2 - (slots.signature.x0 + slots.signature.x1) / 2) < TOLERANCE
    assert abs((iy0 + iy1) / 2 - (slots.signature.y0 + slots.signature.y1) / 2) < TOLERANCE
    # The title and the name are centred over the image as well: one axis for the whole block.
    name_mid = (min(c["x0"] for c in name) + max(c["x1"] for c in name)) / 2
    assert abs(name_mid - (ix0 + ix1) / 2) < TOLERANCE


def test_it_puts_the_seal_over_the_left_third_of_the_signature_image(sealed):
    slots, data = sealed.slots, sealed.data
    rects = widgets(data, slots.signature.page)
    ix0, iy0, ix1, iy1 = rects[pdf.PERSON_FIELD]
    sx0, sy0, sx1, sy1 = rects[pdf.BODY_FIELD]

    assert sx0 < ix0 < sx1 < ix1  # from the left, over the image's left edge
    assert 0.25 <= (sx1 - ix0) / (ix1 - ix0) <= 0.45
    assert abs((sy0 + sy1) / 2 - (iy0 + iy1) / 2) < TOLERANCE
    # Still on the sheet's text area: the seal does not run into the Nơi nhận column's text.
    assert sx0 > slots.signature.x0 - 10


def test_it_writes_the_number_after_so_and_the_date_in_the_right_column(sealed):
    slots, data = sealed.slots, sealed.data
    page = flattened_page(data, slots.number.page)
    label = "Số" if sealed.regime == "party" else "Số:"
    number = chars_in(page, slots.number)
    line = [
        c for c in page.chars if abs(baseline(c) - baseline(number[0])) < 3 and c["x1"] <= slots.number.x0
    ]
    # The number-symbol, right after the label, left-aligned in its slot, on the label's baseline.
    assert "".join(c["text"] for c in number) == sealed.number_text
    assert "".join(c["text"] for c in line).strip() == label
    assert abs(number[0]["x0"] - slots.number.x0) < TOLERANCE
    assert all(abs(baseline(c) - baseline(line[0])) < TOLERANCE for c in number)
    # The whole "Số: 76/…" line is centred on the issuer's column as on paper, give or take the one digit the
    # layout's three-digit stand-in differs by (half a digit: 3.5 pt).
    top_line = lines_of([c for c in page.chars if c["x1"] <= slots.number.x1 and c["text"].strip()])[0]
    column_middle = (top_line[0]["x0"] + top_line[-1]["x1"]) / 2
    assert abs((line[0]["x0"] + number[-1]["x1"]) / 2 - column_middle) < 3.5 + TOLERANCE
    # The place-and-date line: inside its slot, centred on the right column as the paper layout centres it.
    date = chars_in(page, slots.date)
    assert " ".join("".join(c["text"] for c in date).split()) == sealed.date_text
    middle = (min(c["x0"] for c in date) + max(c["x1"] for c in date)) / 2
    assert abs(middle - (slots.date.x0 + slots.date.x1) / 2) < TOLERANCE
