"""Pure operations on PDF bytes with pyHanko: the fields a signed document carries, the signatures, the
verification (issue 15; Nghị định 30/2020 art. 13.7, 14.3, 15.3 and Phụ lục I).

The order is the law's: ``prepare`` adds the four fields to the rendered, unsigned document; the competent
person signs first (``sign_person``: a certification signature whose DocMDP level FILL_FORMS permits what
follows); the register's number-symbol and the place-and-date line are then written into their text fields
(``fill_number``, an incremental update the person's signature permits); last the clerk applies the issuing
body's signature (``seal_body``, an approval signature that locks every field). Every signature is PAdES
baseline with a trusted timestamp and its validation data (certificates, CRLs, OCSP answers) put into the
document security store in the same revision as the signature (B-LT in one revision), so the body's signature,
the last one, covers the whole file.

``verify`` never raises on bad input: a broken file, a file without signatures, a changed byte are answers, in
Vietnamese, for the page that shows them and for ``manage.py verify_pdf``.
"""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from asn1crypto import crl as asn1_crl
from asn1crypto import ocsp as asn1_ocsp
from asn1crypto import parser as asn1_parser
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from fontTools.ttLib import TTFont
from PIL import Image
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.content import ResourceType
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.images import pil_image
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.layout import BoxConstraints
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields as sig_fields
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.signers import PdfSignatureMetadata, PdfSigner, Signer
from pyhanko.sign.signers.pdf_signer import DSSContentSettings, SigDSSPlacementPreference
from pyhanko.sign.timestamps import TimeStamper
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko.stamp.base import BaseStamp
from pyhanko.stamp.text import TextStampStyle
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.policy_decl import CertRevTrustPolicy

from portal.signing import conf, validation

logger = logging.getLogger(__name__)
T = TypeVar("T")

NUMBER_FIELD = "so_ky_hieu"
DATE_FIELD = "ngay_thang"
PERSON_FIELD = "chu_ky_ca_nhan"
BODY_FIELD = "chu_ky_co_quan"
ATTACHMENT_FIELD = "chu_ky_co_quan_dinh_kem"

DISPLAY_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
MM = 72 / 25.4

# Sizes of the filled-in lines (directives/pdf/conf.py PDF_HEADER_SIZES_PT, state/union regime: "number" 13,
# "date" 14); the caller passes the regime's own.
NUMBER_PT = 13.0
DATE_PT = 14.0
# The body's name and signing time written on the seal: small, so the seal stays readable (Phụ lục I gives no
# size for this text; unconfirmed, like the seal's).
SEAL_TEXT_PT = 6.0
# The widget a person's signature image is fitted into, width : height, before the image's own proportions
# are known (the image is fitted inside it, centred, keeping its proportions).
IMAGE_ASPECT = 3.0

BLACK = (0.0, 0.0, 0.0)
SEAL_TEXT_COLOR = (0.55, 0.0, 0.0)

# The fonts of the official layout (directives/pdf/conf.py PDF_FONT_DIR); portal.signing stands below
# directives, so the setting is read here, not imported.
FONT_FILES = {
    "regular": "LiberationSerif-Regular.ttf",
    "italic": "LiberationSerif-Italic.ttf",
    "bold": "LiberationSerif-Bold.ttf",
}
SYSTEM_FONT_DIR = Path("/usr/share/fonts/truetype/liberation2")

MSG_CHANGED = "Tệp đã bị thay đổi sau khi ký"
MSG_NO_SIGNATURES = "Tệp không có chữ ký số"
MSG_UNREADABLE = "Không đọc được tệp PDF (tệp hỏng hoặc không phải PDF)"


class PdfSigningError(ValueError):
    """A PDF that cannot take the next step (no such field, already signed): a programming or state fault."""


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


# ---------------------------------------------------------------------------------------------------------
# Geometry


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


# ---------------------------------------------------------------------------------------------------------
# Appearances: images and text in Liberation Serif, embedded as a subset (Vietnamese needs glyphs the
# standard 14 fonts lack)


def font_dir() -> Path:
    configured = getattr(settings, "PDF_FONT_DIR", None)
    folder = Path(configured) if configured else Path(settings.BASE_DIR) / "static" / "fonts"
    return folder if (folder / FONT_FILES["regular"]).is_file() else SYSTEM_FONT_DIR


def _font_file(style: str) -> Path:
    return font_dir() / FONT_FILES[style]


@cache
def _font_metrics(path: str) -> tuple[float, float]:
    """(ascent, descent) in em of a TrueType font's hhea table (descent negative)."""
    font = TTFont(path, lazy=True)
    units = font["head"].unitsPerEm
    return font["hhea"].ascent / units, font["hhea"].descent / units


@dataclass(frozen=True)
class TextLine:
    """One line of text in an appearance, placed in the appearance box (points, origin bottom-left).

    ``align``: "left" starts at ``x``; "center" centres on ``x``. ``y`` is the bottom of the line box, whose
    height is ``box_height`` (the glyphs are centred in it as a CSS line box centres them)."""

    text: str
    style: str
    size: float
    x: float
    y: float
    box_height: float
    align: str = "left"
    color: tuple[float, float, float] = BLACK
    max_width: float = 0.0  # > 0: the size shrinks until the line fits


@dataclass(frozen=True)
class ImagePart:
    """A PNG fitted (proportions kept, centred) into a box of the appearance."""

    png: bytes
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class AppearanceStyle(TextStampStyle):
    """A pyHanko stamp style drawing images and text lines, nothing else (no border, no background).

    A TextStampStyle only so pyHanko hands the signing time to ``create_stamp`` (as ``ts``, formatted with
    ``timestamp_format``): the text shown is the time in the signature itself, read back and written in
    ISO 8601 with +07:00 wherever ``{time}`` appears in a line."""

    images: tuple[ImagePart, ...] = ()
    lines: tuple[TextLine, ...] = ()
    border_width: int = 0
    timestamp_format: str = "%Y-%m-%dT%H:%M:%S%z"

    def create_stamp(self, writer, box, text_params):  # type: ignore[no-untyped-def, override]
        when = text_params.get("ts")
        return Appearance(writer=writer, style=self, box=box, when=when)


def iso_vn(moment: datetime) -> str:
    """2024-02-06T09:15:02+07:00: ISO 8601 in Vietnam's time zone (Phụ lục I)."""
    return moment.astimezone(DISPLAY_ZONE).replace(microsecond=0).isoformat()


class _Glyphs(GlyphAccumulator):
    """pyHanko's glyph accumulator, with widths and positions in thousandths of an em as PDF reads them.

    pyHanko 0.38 writes a TrueType font's advance widths (/W, TJ adjustments) in the font's own units, which
    PDF reads as thousandths of an em: right for fonts of 1000 units per em, twice too wide for Liberation
    Serif's 2048. HarfBuzz is told to shape at 1000 units and the widths are scaled to match."""

    def __init__(self, writer, font_handle, font_size):  # type: ignore[no-untyped-def]
        super().__init__(writer, font_handle, font_size)
        self._to_thousandths = 1000 / self.units_per_em
        self.hb_font.scale = (1000, 1000)
        self.units_per_em = 1000

    def _get_cid_and_width(self, glyph_id: int) -> tuple[int, int]:
        if glyph_id not in self._glyphs:
            cid, width = super()._get_cid_and_width(glyph_id)
            self._glyphs[glyph_id] = (cid, round(width * self._to_thousandths))
        return self._glyphs[glyph_id]


class Appearance(BaseStamp):
    def __init__(self, writer, style: AppearanceStyle, box: BoxConstraints, when: str | None = None):  # type: ignore[no-untyped-def]
        super().__init__(writer=writer, style=style, box=box)
        self.when = iso_vn(datetime.strptime(when, style.timestamp_format)) if when else ""
        self._fonts: dict[tuple[str, float], tuple[str, _Glyphs]] = {}

    def _font(self, style: str, size: float) -> tuple[str, _Glyphs]:
        key = (style, size)
        if key not in self._fonts:
            name = f"F{len(self._fonts) + 1}"
            handle = io.BytesIO(_font_file(style).read_bytes())
            engine = _Glyphs(self.writer, handle, size)
            self.set_resource(ResourceType.FONT, pdf_name("/" + name), engine.as_resource())
            self._fonts[key] = (name, engine)
        return self._fonts[key]

    def _render_inner_content(self) -> list[bytes]:
        style: AppearanceStyle = self.style
        commands: list[bytes] = []
        for index, part in enumerate(style.images):
            image = Image.open(io.BytesIO(part.png))
            image.load()
            scale = min(part.width / image.width, part.height / image.height)
            width, height = image.width * scale, image.height * scale
            x = part.x + (part.width - width) / 2
            y = part.y + (part.height - height) / 2
            name = f"/Im{index}"
            self.set_resource(ResourceType.XOBJECT, pdf_name(name), pil_image(image, self.writer))
            commands.append(b"q %.3f 0 0 %.3f %.3f %.3f cm %s Do Q" % (width, height, x, y, name.encode()))
        if style.lines:
            commands.append(b"/Tx BMC")
            for line in style.lines:
                text = line.text.replace("{time}", self.when)
                if not text:
                    continue
                size = line.size
                name, engine = self._font(line.style, size)
                shaped = engine.shape(text)
                width = shaped.x_advance * size
                if line.max_width and width > line.max_width:
                    size = size * line.max_width / width
                    name, engine = self._font(line.style, size)
                    shaped = engine.shape(text)
                    width = shaped.x_advance * size
                ascent, descent = _font_metrics(str(_font_file(line.style)))
                baseline = line.y + (line.box_height - (ascent - descent) * size) / 2 - descent * size
                x = {"center": line.x - width / 2, "right": line.x - width}.get(line.align, line.x)
                commands.append(
                    b"q BT %.3f %.3f %.3f rg /%s %.2f Tf %.3f %.3f Td %s ET Q"
                    % (*line.color, name.encode(), size, x, baseline, shaped.graphics_ops)
                )
            commands.append(b"EMC")
        return commands


def _box(rect: Rect) -> BoxConstraints:
    return BoxConstraints(width=rect.x1 - rect.x0, height=rect.y1 - rect.y0)


def _widget_rect(field_dict: generic.DictionaryObject) -> Rect:
    x0, y0, x1, y1 = (float(v) for v in field_dict["/Rect"])
    return Rect(0, min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


# ---------------------------------------------------------------------------------------------------------
# The four steps


def _off_loop(function: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """Call one of pyHanko's synchronous entry points, which start an event loop of their own (asyncio.run):
    where this thread already runs a loop (Playwright's sync API in the browser tests, an async view) they
    would fail, so they run in a worker thread then."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
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
        sig_fields.SigFieldSpec(
            PERSON_FIELD, on_page=image.page, box=(image.x0, image.y0, image.x1, image.y1)
        ),
    )
    sig_fields.append_signature_field(
        writer,
        sig_fields.SigFieldSpec(
            BODY_FIELD,
            on_page=seal.page,
            box=(seal.x0, seal.y0, seal.x1, seal.y1),
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
    out = _off_loop(pdf_signer.sign_pdf, writer, existing_fields_only=new_field is None)
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
    lines = (
        TextLine(number_symbol, "regular", size, width, height - 2 - line_height, line_height, "left"),
        TextLine("{time}", "regular", size, width, height - 2 - 2 * line_height, line_height, "left"),
    )
    # right-aligned: each line ends at the box's right edge
    lines = tuple(_right_aligned(line) for line in lines)
    style = AppearanceStyle(lines=lines)
    meta = _signature_metadata(ATTACHMENT_FIELD, validation_context, reason="Đóng dấu của cơ quan ban hành")
    spec = sig_fields.SigFieldSpec(ATTACHMENT_FIELD, on_page=0, box=(rect.x0, rect.y0, rect.x1, rect.y1))
    return _sign(pdf, signer, meta=meta, style=style, timestamper=timestamper, new_field=spec)


def _right_aligned(line: TextLine) -> TextLine:
    return TextLine(line.text, line.style, line.size, line.x, line.y, line.box_height, "right", line.color)


# ---------------------------------------------------------------------------------------------------------
# Verification


def _parse_dt(value: Any) -> datetime | None:
    if not value:
        return None
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def _format_vn(moment: datetime) -> str:
    local = moment.astimezone(DISPLAY_ZONE)
    return local.strftime("%d/%m/%Y %H:%M:%S") + " +07:00"


@dataclass
class SignatureCheck:
    """One signature of a PDF as verified: who, when, and whether it holds."""

    field: str
    signer_name: str
    organisation: str
    signing_time: datetime | None
    timestamp_time: datetime | None
    intact: bool
    trusted: bool
    revoked: bool
    covers_whole_file: bool
    modification: str
    problems: list[str] = field(default_factory=list)
    timestamped: bool = False
    coverage: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def when(self) -> datetime | None:
        """The time the signature is known to exist: its trusted timestamp, else what the signer declared."""
        return self.timestamp_time or self.signing_time

    @property
    def who(self) -> str:
        if self.organisation and self.organisation != self.signer_name:
            return f"{self.signer_name} — {self.organisation}"
        return self.signer_name

    @property
    def summary_vi(self) -> str:
        when = f", ký lúc {_format_vn(self.when)}" if self.when else ""
        if self.ok:
            return f"Chữ ký số hợp lệ: {self.who}{when}"
        return f"Chữ ký số không hợp lệ: {self.who}{when} — {'; '.join(self.problems)}"

    def to_json(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "signer_name": self.signer_name,
            "organisation": self.organisation,
            "signing_time": self.signing_time.isoformat() if self.signing_time else None,
            "timestamp_time": self.timestamp_time.isoformat() if self.timestamp_time else None,
            "intact": self.intact,
            "trusted": self.trusted,
            "revoked": self.revoked,
            "timestamped": self.timestamped,
            "covers_whole_file": self.covers_whole_file,
            "coverage": self.coverage,
            "later_changes": self.modification,
            "modification": self.modification,
            "ok": self.ok,
            "problems": list(self.problems),
            "summary": self.summary_vi,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SignatureCheck:
        return cls(
            field=str(data.get("field", "")),
            signer_name=str(data.get("signer_name", "")),
            organisation=str(data.get("organisation", "")),
            signing_time=_parse_dt(data.get("signing_time")),
            timestamp_time=_parse_dt(data.get("timestamp_time")),
            intact=bool(data.get("intact")),
            trusted=bool(data.get("trusted")),
            revoked=bool(data.get("revoked")),
            covers_whole_file=bool(data.get("covers_whole_file")),
            modification=str(data.get("modification", data.get("later_changes", ""))),
            problems=[str(p) for p in data.get("problems", [])],
            timestamped=bool(data.get("timestamped")),
            coverage=str(data.get("coverage", "")),
        )


@dataclass
class Verification:
    """Every signature of a PDF, in signing order; ``error`` when the file could not be read at all."""

    signatures: list[SignatureCheck] = field(default_factory=list)
    error: str = ""

    @property
    def ok(self) -> bool:
        """Readable, signed, every signature holds, and the last one covers the whole file."""
        return (
            not self.error
            and bool(self.signatures)
            and all(check.ok for check in self.signatures)
            and self.signatures[-1].covers_whole_file
        )

    @property
    def summary_vi(self) -> str:
        if self.error:
            return self.error
        if not self.signatures:
            return MSG_NO_SIGNATURES
        lines = [check.summary_vi for check in self.signatures]
        if not self.signatures[-1].covers_whole_file:
            lines.append("Chữ ký cuối cùng không bao trùm toàn bộ tệp: tệp đã bị thêm nội dung sau khi ký")
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "error": self.error,
            "summary": self.summary_vi,
            "signatures": [check.to_json() for check in self.signatures],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Verification:
        if not data:
            return cls(signatures=[], error="")
        return cls(
            signatures=[SignatureCheck.from_json(item) for item in data.get("signatures", [])],
            error=str(data.get("error", "")),
        )


def _name_parts(cert: asn1_x509.Certificate | None) -> tuple[str, str]:
    if cert is None:
        return "", ""
    subject = cert.subject.native
    name = subject.get("common_name") or cert.subject.human_friendly
    organisation = subject.get("organization_name") or ""
    if isinstance(name, list):
        name = ", ".join(name)
    if isinstance(organisation, list):
        organisation = ", ".join(organisation)
    return str(name), str(organisation)


def _padding_untouched(sig: EmbeddedPdfSignature) -> bool:
    """The room reserved for the signature after its DER value is zeros, as the signer wrote it.

    The /Contents string is the one part of the file a signature cannot cover; a byte changed in its padding
    leaves the signature valid for pyHanko, but the file is no longer the one signed."""
    raw = sig.pkcs7_content
    try:
        _, _, _, header, contents, trailer = asn1_parser.parse(raw)
    except ValueError:
        return False
    return not raw[len(header) + len(contents) + len(trailer) :].strip(b"\x00")


def _embedded_certificates_untouched(
    sig: EmbeddedPdfSignature, status: PdfSignatureStatus, dss_certs: list
) -> bool:
    """Every certificate carried in the signature still bears its issuer's signature.

    CMS does not sign the certificates it carries beside the signer's own (the chain): a byte changed in an
    intermediate certificate leaves the signature valid when the validator finds the chain elsewhere, yet the
    file is no longer the one signed. A certificate whose issuer is nowhere to be found is left to the trust
    check."""
    carried = [choice.chosen for choice in sig.signed_data["certificates"]]
    paths = [status.validation_path]
    for attribute in sig.signer_info["unsigned_attrs"] or []:
        if attribute["type"].native == "signature_time_stamp_token":  # the TSA's token carries its chain too
            for token in attribute["values"]:
                carried += [choice.chosen for choice in token["content"]["certificates"] or []]
    if status.timestamp_validity is not None:
        paths.append(status.timestamp_validity.validation_path)
    known = list(carried) + dss_certs
    for path in paths:
        if path is not None:
            known += list(path.iter_certs(include_root=True))
    try:
        pool = [x509.load_der_x509_certificate(cert.dump()) for cert in known]
    except ValueError:
        return False
    for cert in pool[: len(carried)]:
        issuers = [candidate for candidate in pool if candidate.subject == cert.issuer]
        if issuers and not any(_issued_by(cert, issuer) for issuer in issuers):
            return False
    return True


def _issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    try:
        cert.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def _signer_cert_or_none(sig: EmbeddedPdfSignature) -> asn1_x509.Certificate | None:
    try:
        return sig.signer_cert
    except Exception:  # a damaged CMS blob: no name to show
        return None


def _context_at(
    base: ValidationContext, moment: datetime, extra_crls: list, extra_ocsps: list, certs: list
) -> ValidationContext:
    """A point-in-time copy of ``base``: the same trust roots and revocation policy, the revocation data
    ``base`` holds plus the document's own (its DSS), checked at ``moment`` — a certificate revoked or expired
    after a timestamped signature does not undo it. Revocation data issued after ``moment`` is accepted
    (retroactive): a CRL published later still tells whether the certificate was revoked before ``moment``."""
    policy = base.revinfo_policy
    return ValidationContext(
        trust_manager=base.path_builder.trust_manager,
        other_certs=certs,
        crls=list(base.crls) + extra_crls,
        ocsps=list(base.ocsps) + extra_ocsps,
        moment=moment,
        revinfo_policy=CertRevTrustPolicy(policy.revocation_checking_policy, retroactive_revinfo=True),
    )


def _dss_material(reader: PdfFileReader) -> tuple[list, list, list]:
    """(CRLs, OCSP answers, certificates) of the document security store, parsed; empty without one."""
    try:
        dss = DocumentSecurityStore.read_dss(reader)
        crls = [asn1_crl.CertificateList.load(ref.get_object().data) for ref in dss.crls]
        ocsps = [asn1_ocsp.OCSPResponse.load(ref.get_object().data) for ref in dss.ocsps]
        return crls, ocsps, list(dss.load_certs())
    except Exception as exc:  # no DSS, or one pyHanko cannot read: validate with the configured data alone
        logger.info("verify: no usable DSS: %s", exc)
        return [], [], []


def _validate(embedded: EmbeddedPdfSignature, context: ValidationContext) -> PdfSignatureStatus:
    return _off_loop(validate_pdf_signature, embedded, signer_validation_context=context)


def verify(pdf: bytes, *, validation_context: Callable[[], ValidationContext] | None = None) -> Verification:
    """Every signature of ``pdf``: intact, trusted (chain to the configured roots, revocation checked at the
    signature's timestamp), timestamped, what it covers and what changed after it. Never raises on bad input.

    ``validation_context``: a callable returning a fresh pyhanko ValidationContext (default
    portal.signing.validation.validation_context)."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded = list(reader.embedded_regular_signatures)
    except Exception as exc:  # any parse failure is an answer, not a crash
        logger.info("verify: unreadable PDF: %s", exc)
        return Verification(signatures=[], error=MSG_UNREADABLE)
    new_context: Callable[[], ValidationContext] = validation_context or validation.validation_context

    @cache
    def document_dss() -> tuple[list, list, list]:
        return _dss_material(reader)

    checks = []
    for sig in embedded:
        try:
            checks.append(_check(sig, new_context, document_dss))
        except ImproperlyConfigured:  # no trust roots configured: the deployment's fault, not the file's
            raise
        except Exception as exc:
            logger.info("verify: signature %s could not be validated: %s", sig.field_name, exc)
            name, organisation = _name_parts(_signer_cert_or_none(sig))
            checks.append(
                SignatureCheck(
                    field=sig.field_name or "",
                    signer_name=name,
                    organisation=organisation,
                    signing_time=None,
                    timestamp_time=None,
                    intact=False,
                    trusted=False,
                    revoked=False,
                    covers_whole_file=False,
                    modification="",
                    problems=[f"{MSG_CHANGED} hoặc chữ ký số bị hỏng: không kiểm tra được chữ ký"],
                )
            )
    return Verification(signatures=checks)


def _check(
    sig: EmbeddedPdfSignature,
    new_context: Callable[[], ValidationContext],
    dss: Callable[[], tuple[list, list, list]],
) -> SignatureCheck:
    status = _validate(sig, new_context())
    tst = status.timestamp_validity
    timestamped = bool(tst is not None and tst.intact and tst.valid and tst.trusted)
    timestamp_time = tst.timestamp if timestamped else None
    trusted, revoked = status.trusted, status.revoked
    if status.intact and status.valid and not trusted and timestamp_time is not None:
        # Validated again at the timestamp: a certificate revoked or expired since still signed validly then.
        crls, ocsps, certs = dss()
        base = new_context()
        again = _validate(sig, _context_at(base, timestamp_time, crls, ocsps, certs))
        trusted, revoked = again.trusted, again.revoked
    name, organisation = _name_parts(status.signing_cert)
    coverage = status.coverage
    level = status.modification_level
    covers = coverage == SignatureCoverageLevel.ENTIRE_FILE or (
        coverage == SignatureCoverageLevel.ENTIRE_REVISION
        and level is not None
        and level <= ModificationLevel.LTA_UPDATES
    )
    problems = []
    intact = bool(
        status.intact
        and status.valid
        and _padding_untouched(sig)
        and _embedded_certificates_untouched(sig, status, dss()[2])
    )
    if not intact:
        problems.append(MSG_CHANGED)
    elif status.docmdp_ok is False or (level is not None and level == ModificationLevel.OTHER):
        problems.append("Tệp đã bị sửa đổi sau khi ký theo cách chữ ký không cho phép")
    if revoked:
        problems.append("Chứng thư số của người ký đã bị thu hồi")
    elif not trusted:
        problems.append("Chứng thư số không được xác thực tới tổ chức cung cấp dịch vụ chứng thực tin cậy")
    if not timestamped:
        problems.append("Chữ ký không có dấu thời gian tin cậy")
    return SignatureCheck(
        field=sig.field_name or "",
        signer_name=name,
        organisation=organisation,
        signing_time=status.signer_reported_dt,
        timestamp_time=timestamp_time,
        intact=intact,
        trusted=bool(trusted),
        revoked=bool(revoked),
        covers_whole_file=covers,
        modification=level.name if level is not None else "",
        problems=problems,
        timestamped=timestamped,
        coverage=coverage.name if coverage is not None else "",
    )
