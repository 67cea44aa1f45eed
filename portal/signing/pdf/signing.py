"""The four steps of a signed document, in the order of Nghị định 30/2020: prepare, the person's signature, the
register's number and date, the body's signature (and the body's signature on an attachment)."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.layout import BoxConstraints
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields as sig_fields
from pyhanko.sign.signers import PdfSignatureMetadata, PdfSigner, Signer
from pyhanko.sign.signers.pdf_signer import DSSContentSettings, SigDSSPlacementPreference
from pyhanko.sign.timestamps import TimeStamper
from pyhanko_certvalidator import ValidationContext

from portal.signing import conf, validation
from portal.signing.pdf.appearance import Appearance, AppearanceStyle, ImagePart, TextLine
from portal.signing.pdf.geometry import Rect, Slots, attachment_rect, image_rect, seal_rect

T = TypeVar("T")

NUMBER_FIELD = "so_ky_hieu"
DATE_FIELD = "ngay_thang"
PERSON_FIELD = "chu_ky_ca_nhan"
BODY_FIELD = "chu_ky_co_quan"
ATTACHMENT_FIELD = "chu_ky_co_quan_dinh_kem"

# Sizes of the filled-in lines (directives/pdf/conf.py PDF_HEADER_SIZES_PT, state/union regime: "number" 13,
# "date" 14); the caller passes the regime's own.
NUMBER_PT = 13.0
DATE_PT = 14.0
# The body's name and signing time written on the seal: small, so the seal stays readable (Phụ lục I gives no
# size for this text; unconfirmed, like the seal's).
SEAL_TEXT_PT = 6.0
SEAL_TEXT_COLOR = (0.55, 0.0, 0.0)


class PdfSigningError(ValueError):
    """A PDF that cannot take the next step (no such field, already signed): a programming or state fault."""


def _box(rect: Rect) -> BoxConstraints:
    return BoxConstraints(width=rect.x1 - rect.x0, height=rect.y1 - rect.y0)


def _widget_rect(field_dict: generic.DictionaryObject) -> Rect:
    x0, y0, x1, y1 = (float(v) for v in field_dict["/Rect"])
    return Rect(0, min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def off_loop(function: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """Call one of pyHanko's synchronous entry points, which start an event loop of their own (asyncio.run):
    where this thread already runs a loop (Playwright's sync API in the browser tests, an async view) they
    would fail, so they run in a worker thread then."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        loop_running = False
    else:
        loop_running = True
    if not loop_running:  # called outside the except block, so its own errors are not chained to this one
        return function(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()


def _writer(pdf: bytes) -> IncrementalPdfFileWriter:
    return IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)


def _output(writer: IncrementalPdfFileWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _fields(reader: Any) -> dict[str, tuple[generic.Reference, generic.DictionaryObject]]:
    """Top-level form fields by name (the fields here are never nested)."""
    try:
        fields_array = reader.root["/AcroForm"]["/Fields"]
    except KeyError:
        return {}
    result = {}
    for item in fields_array:
        field_dict = item.get_object()
        if "/T" in field_dict:
            result[str(field_dict["/T"])] = (item.reference, field_dict)
    return result


def _add_text_field(writer: IncrementalPdfFileWriter, name: str, rect: Rect, size: float) -> None:
    page_ref = writer.find_page_for_modification(rect.page)[0]
    field_dict = generic.DictionaryObject(
        {
            pdf_name("/Type"): pdf_name("/Annot"),
            pdf_name("/Subtype"): pdf_name("/Widget"),
            pdf_name("/FT"): pdf_name("/Tx"),
            pdf_name("/T"): generic.TextStringObject(name),
            # Read-only: a viewer must not let anyone type here; the signing flow writes the value.
            pdf_name("/Ff"): generic.NumberObject(1),
            pdf_name("/F"): generic.NumberObject(4),
            pdf_name("/Rect"): generic.ArrayObject(
                [generic.FloatObject(round(v, 3)) for v in (rect.x0, rect.y0, rect.x1, rect.y1)]
            ),
            pdf_name("/P"): page_ref,
            pdf_name("/DA"): generic.pdf_string(f"/Helv {size:g} Tf 0 g"),
        }
    )
    field_ref = writer.add_object(field_dict)
    page = page_ref.get_object()
    annots = page.get("/Annots")
    if annots is None:
        page["/Annots"] = generic.ArrayObject([field_ref])
        writer.update_container(page)
    else:
        annots.get_object().append(field_ref)
        if isinstance(page.raw_get("/Annots"), generic.IndirectObject):
            writer.mark_update(page.raw_get("/Annots"))
        else:
            writer.update_container(page)
    acroform = writer.root["/AcroForm"]
    acroform["/Fields"].append(field_ref)
    if "/DR" not in acroform:
        helvetica = generic.DictionaryObject(
            {
                pdf_name("/Type"): pdf_name("/Font"),
                pdf_name("/Subtype"): pdf_name("/Type1"),
                pdf_name("/BaseFont"): pdf_name("/Helvetica"),
                pdf_name("/Encoding"): pdf_name("/WinAnsiEncoding"),
            }
        )
        acroform["/DR"] = generic.DictionaryObject(
            {pdf_name("/Font"): generic.DictionaryObject({pdf_name("/Helv"): writer.add_object(helvetica)})}
        )
    writer.update_container(acroform)


def _spec_box(rect: Rect) -> Any:
    """A widget's rectangle for pyHanko's SigFieldSpec, whose annotation says ints; PDF takes reals, and the
    measured slots are not whole points."""
    return (rect.x0, rect.y0, rect.x1, rect.y1)


def prepare(pdf: bytes, slots: Slots) -> bytes:
    """The rendered document with its four fields, before any signature: the text fields "so_ky_hieu" and
    "ngay_thang" on the number and date slots, the signature fields "chu_ky_ca_nhan" (the person's image,
    centred between title and name) and "chu_ky_co_quan" (the seal over the image's left third).

    The body's field carries a lock of every field (FieldMDP All, DocMDP no changes): once the body has signed,
    nothing may be filled or changed, so a fill after the seal is reported as a forbidden change."""
    writer = _writer(pdf)
    if _fields(writer.prev):
        raise PdfSigningError(
            "The document already has form fields; prepare() runs once, before any signature."
        )
    image = image_rect(slots.signature)
    seal = seal_rect(slots.signature)
    sig_fields.append_signature_field(
        writer,
        sig_fields.SigFieldSpec(PERSON_FIELD, on_page=image.page, box=_spec_box(image)),
    )
    sig_fields.append_signature_field(
        writer,
        sig_fields.SigFieldSpec(
            BODY_FIELD,
            on_page=seal.page,
            box=_spec_box(seal),
            field_mdp_spec=sig_fields.FieldMDPSpec(sig_fields.FieldMDPAction.ALL),
            doc_mdp_update_value=sig_fields.MDPPerm.NO_CHANGES,
        ),
    )
    _add_text_field(writer, NUMBER_FIELD, slots.number, NUMBER_PT)
    _add_text_field(writer, DATE_FIELD, slots.date, DATE_PT)
    return _output(writer)


def _signature_metadata(
    field_name: str, validation_context: ValidationContext, **extra: Any
) -> PdfSignatureMetadata:
    return PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=sig_fields.SigSeedSubFilter.PADES,
        embed_validation_info=True,
        validation_context=validation_context,
        # B-LT in the signature's own revision: the DSS goes in before the signature is computed, so the
        # signature covers it and nothing follows it (the last signature covers the whole file).
        dss_settings=DSSContentSettings(
            placement=SigDSSPlacementPreference.TOGETHER_WITH_SIGNATURE, include_vri=False
        ),
        signer_key_usage={"non_repudiation"},
        **extra,
    )


def _defaults(
    timestamper: TimeStamper | None, validation_context: ValidationContext | None
) -> tuple[TimeStamper, ValidationContext]:
    return (
        timestamper or validation.timestamper(),
        validation_context or validation.validation_context(for_signing=True),
    )


def _sign(
    pdf: bytes,
    signer: Signer,
    *,
    meta: PdfSignatureMetadata,
    style: AppearanceStyle,
    timestamper: TimeStamper,
    new_field: sig_fields.SigFieldSpec | None = None,
) -> bytes:
    writer = _writer(pdf)
    pdf_signer = PdfSigner(meta, signer, timestamper=timestamper, stamp_style=style, new_field_spec=new_field)
    out = off_loop(pdf_signer.sign_pdf, writer, existing_fields_only=new_field is None)
    return out.getvalue()


def _empty_signature_field(pdf: bytes, name: str) -> generic.DictionaryObject:
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    found = _fields(reader).get(name)
    if found is None:
        raise PdfSigningError(f"The document has no field {name!r}: run prepare() first.")
    if "/V" in found[1]:
        raise PdfSigningError(f"The field {name!r} is already signed.")
    return found[1]


def sign_person(
    pdf: bytes,
    signer: Signer,
    *,
    image_png: bytes,
    reason: str,
    timestamper: TimeStamper | None = None,
    validation_context: ValidationContext | None = None,
) -> bytes:
    """The competent person's certification signature in "chu_ky_ca_nhan": DocMDP FILL_FORMS (the number,
    the date and the body's signature may follow), PAdES B-LT, the handwritten-signature image as its
    appearance. ``timestamper``/``validation_context`` default to portal.signing.validation's."""
    widget = _widget_rect(_empty_signature_field(pdf, PERSON_FIELD))
    timestamper, validation_context = _defaults(timestamper, validation_context)
    width, height = widget.x1 - widget.x0, widget.y1 - widget.y0
    style = AppearanceStyle(images=(ImagePart(image_png, 0, 0, width, height),))
    meta = _signature_metadata(
        PERSON_FIELD,
        validation_context,
        reason=reason or None,
        certify=True,
        docmdp_permissions=sig_fields.MDPPerm.FILL_FORMS,
    )
    return _sign(pdf, signer, meta=meta, style=style, timestamper=timestamper)


def fill_number(
    pdf: bytes,
    *,
    number_text: str,
    date_text: str,
    number_pt: float = NUMBER_PT,
    date_pt: float = DATE_PT,
) -> bytes:
    """Write the register's number-symbol (left aligned, regular) and the place-and-date line (centred,
    italic) into their fields, values and appearance streams, as an incremental update: a form fill, which
    the person's certification (FILL_FORMS) permits."""
    writer = _writer(pdf)
    fields = _fields(writer.prev)
    for name, text, size, style, align in (
        (NUMBER_FIELD, number_text, number_pt, "regular", "left"),
        (DATE_FIELD, date_text, date_pt, "italic", "center"),
    ):
        if name not in fields:
            raise PdfSigningError(f"The document has no field {name!r}: run prepare() first.")
        ref, _ = fields[name]
        field_dict = writer.get_object(ref)
        rect = _widget_rect(field_dict)
        width, height = rect.x1 - rect.x0, rect.y1 - rect.y0
        line = TextLine(
            text, style, size, x=width / 2 if align == "center" else 0, y=0, box_height=height, align=align
        )
        appearance = Appearance(writer, AppearanceStyle(lines=(line,)), _box(rect))
        field_dict["/V"] = generic.TextStringObject(text)
        appearance.apply_appearance(field_dict)
        writer.update_container(field_dict)
    return _output(writer)


def seal_body(
    pdf: bytes,
    signer: Signer,
    *,
    seal_png: bytes,
    body_name: str,
    timestamper: TimeStamper | None = None,
    validation_context: ValidationContext | None = None,
) -> bytes:
    """The issuing body's approval signature in "chu_ky_co_quan": the seal image at actual size, the body's
    name and the signing time (ISO 8601, +07:00) written small across its lower half, PAdES B-LT. The field's
    lock (set by prepare) forbids any later change."""
    widget = _widget_rect(_empty_signature_field(pdf, BODY_FIELD))
    timestamper, validation_context = _defaults(timestamper, validation_context)
    width, height = widget.x1 - widget.x0, widget.y1 - widget.y0
    line_height = SEAL_TEXT_PT * 1.2
    # Two lines across the seal's lower half, inside the ring (at most 62 % of the diameter wide).
    top, fit = height * 0.30, width * 0.62
    lines = (
        TextLine(body_name, "bold", SEAL_TEXT_PT, width / 2, top, line_height, "center", SEAL_TEXT_COLOR, fit),
        TextLine("{time}", "regular", SEAL_TEXT_PT, width / 2, top - line_height, line_height, "center",
                 SEAL_TEXT_COLOR, fit),
    )  # fmt: skip
    style = AppearanceStyle(images=(ImagePart(seal_png, 0, 0, width, height),), lines=lines)
    meta = _signature_metadata(
        BODY_FIELD,
        validation_context,
        reason="Đóng dấu của cơ quan ban hành",
        docmdp_permissions=sig_fields.MDPPerm.NO_CHANGES,  # what the field's lock says too
    )
    return _sign(pdf, signer, meta=meta, style=style, timestamper=timestamper)


def seal_attachment(
    pdf: bytes,
    signer: Signer,
    *,
    number_symbol: str,
    timestamper: TimeStamper | None = None,
    validation_context: ValidationContext | None = None,
    font_pt: float | None = None,
) -> bytes:
    """An attachment in a separate file: the body's signature at the top right of its first page, no image,
    the number-symbol of the document it belongs to and the signing time in SIGNING_ATTACHMENT_FONT_PT
    (Phụ lục I: 10 pt)."""
    size = font_pt or conf.attachment_font_pt()
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    if ATTACHMENT_FIELD in _fields(reader):
        raise PdfSigningError("The attachment is already signed by the body.")
    box = reader.root["/Pages"]["/Kids"][0].get_object().get("/MediaBox") or [0, 0, 595.28, 841.89]
    x0, y0, x1, y1 = (float(v) for v in box)
    rect = attachment_rect(x1 - x0, y1 - y0, font_pt=size)
    timestamper, validation_context = _defaults(timestamper, validation_context)
    width, height = rect.x1 - rect.x0, rect.y1 - rect.y0
    line_height = size * 1.25
    # right-aligned: each line ends at the box's right edge
    lines = (
        TextLine(number_symbol, "regular", size, width, height - 2 - line_height, line_height, "right"),
        TextLine("{time}", "regular", size, width, height - 2 - 2 * line_height, line_height, "right"),
    )
    style = AppearanceStyle(lines=lines)
    meta = _signature_metadata(ATTACHMENT_FIELD, validation_context, reason="Đóng dấu của cơ quan ban hành")
    spec = sig_fields.SigFieldSpec(ATTACHMENT_FIELD, on_page=0, box=_spec_box(rect))
    return _sign(pdf, signer, meta=meta, style=style, timestamper=timestamper, new_field=spec)
