"""Issued files are archival PDFs (issue 17, item 5): PDF/A-3b as far as it can be checked without veraPDF (which is not
packaged for Debian), tagged for screen readers, with clean metadata.

What is checked, on the five seed layouts (every regime, công văn and the other types, footnotes, long Nơi nhận):

- the PDF/A identification in the XMP packet (pdfaid:part 3, conformance B) and an output intent with its ICC profile;
- every font of every page embedded (a FontFile2/FontFile3 stream in each descriptor);
- the XMP packet consistent with the Info dictionary: title, author (the issuing body) and creation date (the issue
  date) say the same in both;
- the title on one line: no line break, no non-breaking space, no "Số:" blanks of an unnumbered document;
- no JavaScript, no automatic actions, no links out of the file (URI, launch, remote go-to), no external streams;
- tagged: a structure tree and MarkInfo/Marked.

Runs without Django and without a database.
"""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject

from directives.pdf.layout import OfficialLayout
from directives.pdf.render import render_pdf
from directives.pdf.samples import sample_layouts

LAYOUTS = sample_layouts()


@pytest.fixture(scope="module", params=sorted(LAYOUTS))
def sample(request) -> tuple[OfficialLayout, PdfReader, bytes]:
    layout = LAYOUTS[request.param]
    data = render_pdf(layout)
    return layout, PdfReader(io.BytesIO(data)), data


def _xmp(reader: PdfReader) -> str:
    assert reader.xmp_metadata is not None, "no XMP metadata stream"
    return reader.xmp_metadata.stream.get_data().decode("utf-8")


def test_it_is_identified_as_pdf_a_3b_with_an_output_intent(sample):
    _, reader, _ = sample
    xmp = _xmp(reader)
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="B"' in xmp
    intents = reader.trailer["/Root"]["/OutputIntents"]
    intent = intents[0].get_object()
    assert intent["/S"] == "/GTS_PDFA1"
    assert intent["/DestOutputProfile"].get_object().get_data()[36:40] == b"acsp"  # an ICC profile


def test_every_font_is_embedded(sample):
    _, reader, _ = sample
    seen = 0
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font)[
                "/FontDescriptor"
            ].get_object()
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font[
                "/BaseFont"
            ]
            seen += 1
    assert seen >= 2


def test_metadata_is_clean_and_the_same_in_info_and_xmp(sample):
    layout, reader, _ = sample
    info, xmp = reader.metadata, _xmp(reader)
    title = info["/Title"]
    assert "\n" not in title and "\xa0" not in title and "  " not in title
    assert title.startswith(layout.doc_type_name)
    if layout.number:
        assert f"số {layout.number_symbol_text()}" in title
    else:
        assert "Số" not in title
    assert f'<rdf:li xml:lang="x-default">{title.replace("&", "&amp;")}</rdf:li>' in xmp
    author = info["/Author"]
    assert author == " ".join(layout.issuer_name.split())
    assert f"<rdf:li>{author.replace('&', '&amp;')}</rdf:li>" in xmp
    if layout.issue_date:
        assert info["/CreationDate"] == "D:" + layout.issue_date.strftime("%Y%m%d")
        assert f"<xmp:CreateDate>{layout.issue_date.isoformat()}</xmp:CreateDate>" in xmp


def test_it_has_no_script_no_automatic_action_and_no_link_out(sample):
    _, reader, data = sample
    for forbidden in (
        b"/JavaScript",
        b"/JS ",
        b"/AA",
        b"/OpenAction",
        b"/URI",
        b"/Launch",
        b"/GoToR",
        b"/F (http",
    ):
        assert forbidden not in data, forbidden
    # Streams compressed in object streams are not visible in the raw bytes: walk every object too.
    numbers = {n for generation in reader.xref.values() for n in generation} | set(reader.xref_objStm)
    assert len(numbers) > 20
    forbidden_keys = {"/JS", "/JavaScript", "/AA", "/URI", "/Launch", "/FFilter", "/FDecodeParms"}
    for number in sorted(numbers):
        try:
            obj = reader.get_object(IndirectObject(number, 0, reader))
        except Exception:  # noqa: BLE001 — free entries of the cross-reference table
            continue
        if isinstance(obj, DictionaryObject):
            assert not set(obj.keys()) & forbidden_keys, number


def test_it_is_tagged_for_screen_readers(sample):
    _, reader, _ = sample
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] is True or root["/MarkInfo"]["/Marked"] == True  # noqa: E712
    assert "/StructTreeRoot" in root
    assert re.fullmatch(r"vi(-VN)?", str(root.get("/Lang", "")))
