"""PAdES signatures on a document's PDF (portal.signing.pdf, issue 15 items 1 and 5).

The cast: Hạnh (the competent person, Ban Tuyên giáo Tỉnh ủy Bắc Giang) signs first; the register fills the
number and the date; the body (the same Ban, its clerk holding its key) seals last. Everything is signed once
per module with a throwaway in-memory PKI (tests/signing/throwaway_pki.py) and a dummy TSA, then checked from
many sides: verification in order, what each change after a signature does to it, and where the widgets sit.
"""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pypdf import PdfReader

from portal.signing import pdf
from portal.signing.pdf import MM, Verification
from portal.signing.pdf.signing import off_loop
from tests.signing.throwaway_pki import (
    BODY,
    DATE_LINE,
    NUMBER,
    SLOTS,
    build,
    document_stages,
    png,
    unsigned_pdf,
)


@pytest.fixture(scope="module")
def pki():
    return build()


@pytest.fixture(scope="module")
def stages(pki):
    """Every stage of one document: unsigned, prepared, signed by the person, numbered, sealed."""
    return document_stages(pki)


def check(data: bytes, pki) -> Verification:
    return pdf.verify(data, validation_context=pki.validation_context)


def test_it_verifies_both_signatures_in_order_the_last_covering_the_whole_file(stages, pki):
    result = check(stages["sealed"], pki)

    assert result.error == ""
    assert [c.field for c in result.signatures] == [pdf.PERSON_FIELD, pdf.BODY_FIELD]
    person, body = result.signatures
    assert (person.signer_name, person.organisation) == ("Nguyễn Thị Hạnh", BODY)
    assert body.signer_name == BODY
    for signature in (person, body):
        assert signature.intact and signature.trusted and not signature.revoked
        assert signature.timestamped and signature.timestamp_time is not None
        assert signature.signing_time is not None and signature.signing_time.tzinfo is not None
        assert signature.problems == []
    # The person's signature permits the fill and the seal that followed it (FILL_FORMS).
    assert (person.coverage, person.modification, person.covers_whole_file) == (
        "ENTIRE_REVISION",
        "FORM_FILLING",
        False,
    )
    # The body's signature carries its validation data in its own revision: nothing follows it.
    assert (body.coverage, body.covers_whole_file) == ("ENTIRE_FILE", True)
    assert result.ok
    assert result.summary_vi.startswith(
        "Chữ ký số hợp lệ: Nguyễn Thị Hạnh — Ban Tuyên giáo Tỉnh ủy Bắc Giang, ký lúc "
    )
    assert "+07:00" in result.summary_vi


def test_it_embeds_validation_data_for_long_term_verification(stages):
    root = PdfReader(io.BytesIO(stages["sealed"])).trailer["/Root"]
    dss = root["/DSS"]
    assert len(dss["/Certs"]) >= 3  # signers, intermediate, TSA
    assert len(dss["/CRLs"]) >= 1


def test_it_keeps_the_persons_signature_intact_after_the_number_is_filled(stages, pki):
    (person,) = check(stages["numbered"], pki).signatures

    assert person.intact and person.trusted and person.problems == []
    assert person.modification == "FORM_FILLING"
    # and in pyHanko's own words: the fill is a change the certification (DocMDP FILL_FORMS) permits
    (embedded,) = PdfFileReader(io.BytesIO(stages["numbered"])).embedded_signatures
    # pyHanko's synchronous call starts its own event loop: off_loop runs it in a thread where this one already
    # runs a loop (left by the browser tests that ran earlier in the same process).
    status = off_loop(validate_pdf_signature, embedded, signer_validation_context=pki.validation_context())
    assert status.intact and status.valid and status.trusted
    assert status.docmdp_ok is True and status.modification_level == ModificationLevel.FORM_FILLING


def test_it_writes_the_number_and_date_as_field_values_with_an_embedded_font(stages):
    reader = PdfReader(io.BytesIO(stages["numbered"]))
    fields = reader.get_fields()
    assert fields[pdf.NUMBER_FIELD]["/V"] == NUMBER
    assert fields[pdf.DATE_FIELD]["/V"] == DATE_LINE
    annots = {a.get_object()["/T"]: a.get_object() for a in reader.pages[0]["/Annots"]}
    stream = annots[pdf.DATE_FIELD]["/AP"]["/N"].get_object()
    font = next(iter(stream["/Resources"]["/Font"].values())).get_object()
    descendant = font["/DescendantFonts"][0].get_object()
    assert "LiberationSerif-Italic" in descendant["/BaseFont"]
    assert "/FontFile2" in descendant["/FontDescriptor"]
    assert b"/ActualText" in stream.get_data()


def test_it_reports_one_changed_byte(stages, pki):
    data = bytearray(stages["sealed"])
    at = data.index(b"Nguy")  # inside the signed revision (the text layer's font name or content)
    data[at] = ord("X")

    result = check(bytes(data), pki)

    assert not result.ok
    assert any(not c.intact and pdf.MSG_CHANGED in c.problems for c in result.signatures)
    assert "Tệp đã bị thay đổi sau khi ký" in result.summary_vi


def flip_hex(data: bytes, at: int) -> bytes:
    """The file with the hex digit at ``at`` (inside a signature's /Contents) changed to another digit."""
    changed = bytearray(data)
    changed[at] = ord("1") if data[at : at + 1] != b"1" else ord("2")
    return bytes(changed)


def test_it_reports_a_change_in_the_parts_a_signature_cannot_cover(stages, pki):
    """The /Contents string (the CMS blob and its zero padding) is outside the signed byte ranges, and CMS
    does not sign the chain it carries: a byte changed there is a changed file all the same."""
    sealed = stages["sealed"]
    contents_end = sealed.rindex(b"0000>")  # the body's signature: the last /Contents, padded with zeros
    in_padding = flip_hex(sealed, contents_end)
    intermediate_hex = pki.intermediate.asn1.dump().hex().upper().encode()
    in_chain = flip_hex(sealed, sealed.rindex(intermediate_hex) + len(intermediate_hex) // 2)

    for changed in (in_padding, in_chain):
        result = check(changed, pki)
        assert not result.ok
        assert pdf.MSG_CHANGED in result.signatures[-1].problems[0]


def test_it_refuses_a_fill_after_the_seal(stages, pki):
    refilled = pdf.fill_number(stages["sealed"], number_text="98-HD/BTGTU", date_text=DATE_LINE)

    result = check(refilled, pki)

    body = result.signatures[-1]
    assert body.intact and not body.covers_whole_file
    assert body.problems and not result.ok


def test_it_refuses_a_content_change_after_the_persons_signature(stages, pki):
    writer = IncrementalPdfFileWriter(io.BytesIO(stages["numbered"]))
    writer.add_stream_to_page(0, writer.add_object(generic.StreamObject(stream_data=b"0 0 m 500 500 l S")))
    out = io.BytesIO()
    writer.write(out)

    (person,) = check(out.getvalue(), pki).signatures

    assert person.intact and person.modification == "OTHER"
    assert "Tệp đã bị sửa đổi sau khi ký theo cách chữ ký không cho phép" in person.problems


def test_it_says_a_file_without_signatures_has_none(stages, pki):
    result = check(stages["prepared"], pki)

    assert result.signatures == [] and result.error == "" and not result.ok
    assert result.summary_vi == "Tệp không có chữ ký số"


def test_it_answers_a_broken_file_without_raising(pki):
    for junk in (b"", b"not a pdf", b"%PDF-1.7\n1 0 obj <<\n%%EOF"):
        result = check(junk, pki)
        assert result.error == pdf.MSG_UNREADABLE and not result.ok
        assert result.summary_vi == pdf.MSG_UNREADABLE


def test_it_keeps_a_signature_made_before_its_certificate_was_revoked(stages, pki):
    signed_at = check(stages["sealed"], pki).signatures[0].timestamp_time
    serial = pki.person.cert.serial_number
    pki.revoked[serial] = signed_at + dt.timedelta(minutes=5)
    try:
        person = check(stages["sealed"], pki).signatures[0]
        assert person.trusted and not person.revoked and person.problems == []
        pki.revoked[serial] = signed_at - dt.timedelta(days=1)
        person = check(stages["sealed"], pki).signatures[0]
        assert person.revoked and not person.trusted
        assert "Chứng thư số của người ký đã bị thu hồi" in person.problems
    finally:
        pki.revoked.pop(serial, None)


def test_the_report_survives_json(stages, pki):
    result = check(stages["sealed"], pki)

    stored = json.loads(json.dumps(result.to_json()))
    again = Verification.from_json(stored)

    assert again == result and again.ok and again.summary_vi == result.summary_vi
    assert again.signatures[0].signing_time == result.signatures[0].signing_time
    assert stored["signatures"][1]["coverage"] == "ENTIRE_FILE"
    assert stored["signatures"][0]["later_changes"] == "FORM_FILLING"
    assert Verification.from_json({}) == Verification(signatures=[], error="")
    assert Verification.from_json(None) == Verification(signatures=[], error="")


def widget_rects(data: bytes) -> dict[str, tuple[float, ...]]:
    reader = PdfReader(io.BytesIO(data))
    result = {}
    for annot in reader.pages[0]["/Annots"]:
        obj = annot.get_object()
        result[obj["/T"]] = tuple(float(v) for v in obj["/Rect"])
    return result


def test_golden_geometry_the_seal_covers_the_left_third_of_the_signature_image(stages):
    rects = widget_rects(stages["sealed"])
    ix0, iy0, ix1, iy1 = rects[pdf.PERSON_FIELD]
    sx0, sy0, sx1, sy1 = rects[pdf.BODY_FIELD]
    slot = SLOTS.signature

    # the image: 18 mm high, centred in the gap between title and name
    assert iy1 - iy0 == pytest.approx(18 * MM, abs=0.01)
    assert (ix0 + ix1) / 2 == pytest.approx((slot.x0 + slot.x1) / 2, abs=0.01)
    assert (iy0 + iy1) / 2 == pytest.approx((slot.y0 + slot.y1) / 2, abs=0.01)
    assert slot.x0 <= ix0 < ix1 <= slot.x1 and slot.y0 <= iy0 < iy1 <= slot.y1
    # the seal: actual size (36 mm), level with the image, over its left third
    assert sx1 - sx0 == pytest.approx(36 * MM, abs=0.01) and sy1 - sy0 == pytest.approx(36 * MM, abs=0.01)
    assert (sy0 + sy1) / 2 == pytest.approx((iy0 + iy1) / 2, abs=0.01)
    assert sx0 < ix0 < sx1
    assert (sx1 - ix0) / (ix1 - ix0) == pytest.approx(1 / 3, abs=0.001)
    # the text fields are the measured blanks
    assert rects[pdf.NUMBER_FIELD] == pytest.approx((160.0, 712.0, 263.0, 729.0))
    assert rects[pdf.DATE_FIELD] == pytest.approx((319.0, 712.0, 553.0, 729.0))


def test_the_seal_size_and_overlap_are_settings(settings):
    settings.SIGNING_SEAL_DIAMETER_MM = 40
    settings.SIGNING_SEAL_OVERLAP = 0.25
    image, seal = pdf.image_rect(SLOTS.signature), pdf.seal_rect(SLOTS.signature)

    assert seal.x1 - seal.x0 == pytest.approx(40 * MM)
    assert seal.x1 - image.x0 == pytest.approx(0.25 * (image.x1 - image.x0))


def test_it_refuses_to_sign_twice_or_without_fields(stages, pki):
    with pytest.raises(pdf.PdfSigningError):
        pdf.sign_person(
            stages["signed"],
            pki.signer(pki.person),
            image_png=png((0, 0, 200, 255), (60, 20)),
            reason="",
            timestamper=pki.timestamper(),
            validation_context=pki.validation_context(),
        )
    with pytest.raises(pdf.PdfSigningError):
        pdf.fill_number(stages["unsigned"], number_text=NUMBER, date_text=DATE_LINE)
    with pytest.raises(pdf.PdfSigningError):
        pdf.prepare(stages["prepared"], SLOTS)


def test_an_attachment_gets_the_bodys_signature_top_right(stages, pki):
    sealed = pdf.seal_attachment(
        stages["unsigned"],
        pki.signer(pki.body),
        number_symbol=NUMBER,
        timestamper=pki.timestamper(),
        validation_context=pki.validation_context(),
    )

    (body,) = check(sealed, pki).signatures
    assert body.ok and body.covers_whole_file and body.field == pdf.ATTACHMENT_FIELD
    x0, y0, x1, y1 = widget_rects(sealed)[pdf.ATTACHMENT_FIELD]
    assert x1 == pytest.approx(595.28 - 15 * MM, abs=0.5) and y1 == pytest.approx(841.89 - 10 * MM, abs=0.5)
    assert y1 - y0 < 40  # two lines of 10 pt, no image


def test_it_signs_and_seals_with_keys_on_softhsm2_tokens(
    cast, person_credential_factory, body_credential_factory, DEMO_PIN
):  # noqa: N803
    """The keys where real users keep them: Hạnh's key and her Ban's key on SoftHSM2 tokens of the demo PKI,
    the demo TSA, the configured validation context; pyHanko's validator accepts both signatures."""
    from portal.signing import images, keys

    person = person_credential_factory(cast.hanh)
    body = body_credential_factory(cast.btgtu)
    prepared = pdf.prepare(unsigned_pdf(), SLOTS)
    with keys.open_signer(person, DEMO_PIN) as signer:
        signed = pdf.sign_person(
            prepared,
            signer,
            image_png=images.demo_signature_png(cast.hanh.get_full_name()),
            reason="Ký ban hành",
        )
    numbered = pdf.fill_number(signed, number_text=NUMBER, date_text=DATE_LINE)
    with keys.open_signer(body, DEMO_PIN) as signer:
        sealed = pdf.seal_body(
            numbered, signer, seal_png=images.demo_seal_png(cast.btgtu.name), body_name=cast.btgtu.name
        )

    result = pdf.verify(sealed)

    assert result.ok, result.summary_vi
    assert [c.field for c in result.signatures] == [pdf.PERSON_FIELD, pdf.BODY_FIELD]
    assert all(c.intact and c.trusted and c.timestamped for c in result.signatures)
    assert result.signatures[-1].covers_whole_file
