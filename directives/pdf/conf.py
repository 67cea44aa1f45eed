"""Measures of the official formats (STANDARDS.md §2–§3), each overridable from Django settings.

Every value is read at render time with ``getattr(settings, NAME, default)``; when Django settings
are not configured (a plain script, a test run without Django) the defaults below apply.
Per-regime settings are dicts keyed by ``"state"``, ``"union"``, ``"party"``; a setting may give
only the regimes (and, for nested dicts, only the keys) it changes — the rest keep the default.

Settings (defaults in brackets):

``PDF_MARGINS_MM``
    Page margins per regime, mm: ``{"top", "right", "bottom", "left"}``
    [state/union 20/15/20/30; party 20/15/20/30 — the Party values are *unconfirmed*].
``PDF_BODY_FONT_SIZE_PT``
    Body text size [state/union 14, party 14].
``PDF_LINE_HEIGHT``
    CSS line-height of body text [state/union ``"1.25"`` (single to 1.5 allowed); party ``"18pt"``
    (at least 18 pt, *unconfirmed*)].
``PDF_PARAGRAPH_SPACING_PT``
    Space after each paragraph [6].
``PDF_FIRST_LINE_INDENT_CM``
    First-line indent [1.0 for every regime; state allows 1.27].
``PDF_FOOTNOTE_FONT_SIZE_PT``
    Footnote size [11].
``PDF_PAGE_NUMBER_SIZE_PT``
    Page number size [state/union 13, party 14].
``PDF_PAGE_NUMBER_TOP_MM``
    Distance from the top edge of the sheet to the top of the page number [10].
``PDF_HEADER_SIZES_PT``
    Sizes of the header, title, signature and distribution elements, per regime, keys:
    ``parent`` (cơ quan chủ quản), ``issuer`` (cơ quan ban hành), ``national`` (Quốc hiệu /
    "ĐẢNG CỘNG SẢN VIỆT NAM"), ``motto`` (Tiêu ngữ, state/union), ``number``, ``date``,
    ``cv_subject`` (công văn "V/v"), ``type_name``, ``subject``, ``kinh_gui``, ``signature``,
    ``noi_nhan_label``, ``noi_nhan``
    [state/union 13, 13, 12, 13, 13, 14, 12, 14, 14, 14, 14, 12, 11;
    party 14, 14, 15, —, 14, 14, 12, 16, 14, 14, 14, 14, 12].
``PDF_HEADER_LEFT_PERCENT``
    Share of the text width taken by the left header column (issuer, number); the right column
    holds the national heading and the date line [state/union 40, party 50].
``PDF_SIGNATURE_SPACE_MM``
    Room left for the handwritten signature and the seal between title and name [25].
``PDF_SIGNATURE_IMAGE_MARGIN_MM``
    In the layout a person signs digitally, the room between title and name is their signature image's
    height (``SIGNING_IMAGE_HEIGHT_MM``, portal.signing) plus this margin above it and again below it [3].
``PDF_KEEP_TOGETHER_MAX_LINES``
    Signature block and Nơi nhận are kept on one page (never split) while the Nơi nhận list has at
    most this many lines; a longer list may break over pages, since it could not fit anyway [30].
``PDF_WATERMARK_COLOR``
    Colour of the "DỰ THẢO" watermark [``"#d0d0d0"``].
``PDF_FONT_DIR``
    Folder with the bundled Liberation Serif files [``<project>/static/fonts``].
``PDF_LOCAL_ROOTS``
    The only folders WeasyPrint may read from (fonts, static images) [``[<project>/static]``].
``PDF_VARIANT``
    The PDF profile WeasyPrint writes, for archiving [``"pdf/a-3b"``: PDF/A-3b, every font embedded, XMP
    metadata, an sRGB output intent; the body's and the person's signatures are added as incremental updates,
    which PDF/A allows]. ``None`` writes a plain PDF.
``PDF_TAGS``
    Write a tagged PDF (structure tree, reading order) for screen readers [``True``].
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROJECT_DIR = Path(__file__).resolve().parents[2]

_STATE_MARGINS = {"top": 20.0, "right": 15.0, "bottom": 20.0, "left": 30.0}
_STATE_HEADER = {
    "parent": 13,
    "issuer": 13,
    "national": 12,
    "motto": 13,
    "number": 13,
    "date": 14,
    "cv_subject": 12,
    "type_name": 14,
    "subject": 14,
    "kinh_gui": 14,
    "signature": 14,
    "noi_nhan_label": 12,
    "noi_nhan": 11,
}
_PARTY_HEADER = {
    "parent": 14,
    "issuer": 14,
    "national": 15,
    "motto": 14,  # not printed: the Party heading has no motto
    "number": 14,
    "date": 14,
    "cv_subject": 12,
    "type_name": 16,
    "subject": 14,
    "kinh_gui": 14,
    "signature": 14,
    "noi_nhan_label": 14,
    "noi_nhan": 12,
}

DEFAULTS: dict[str, Any] = {
    "PDF_MARGINS_MM": {
        "state": _STATE_MARGINS,
        "union": _STATE_MARGINS,
        # Hướng dẫn 36-HD/VPTW as transcribed by offices; unconfirmed (STANDARDS.md §2).
        "party": {"top": 20.0, "right": 15.0, "bottom": 20.0, "left": 30.0},
    },
    "PDF_BODY_FONT_SIZE_PT": {"state": 14, "union": 14, "party": 14},
    "PDF_LINE_HEIGHT": {"state": "1.25", "union": "1.25", "party": "18pt"},
    "PDF_PARAGRAPH_SPACING_PT": 6,
    "PDF_FIRST_LINE_INDENT_CM": {"state": 1.0, "union": 1.0, "party": 1.0},
    "PDF_FOOTNOTE_FONT_SIZE_PT": 11,
    "PDF_PAGE_NUMBER_SIZE_PT": {"state": 13, "union": 13, "party": 14},
    "PDF_PAGE_NUMBER_TOP_MM": {"state": 10, "union": 10, "party": 10},
    "PDF_HEADER_SIZES_PT": {"state": _STATE_HEADER, "union": _STATE_HEADER, "party": _PARTY_HEADER},
    "PDF_HEADER_LEFT_PERCENT": {"state": 40, "union": 40, "party": 50},
    "PDF_SIGNATURE_SPACE_MM": 25,
    "PDF_SIGNATURE_IMAGE_MARGIN_MM": 3,
    "PDF_KEEP_TOGETHER_MAX_LINES": 30,
    "PDF_WATERMARK_COLOR": "#d0d0d0",
    "PDF_FONT_DIR": PROJECT_DIR / "static" / "fonts",
    "PDF_LOCAL_ROOTS": [PROJECT_DIR / "static"],
    "PDF_VARIANT": "pdf/a-3b",
    "PDF_TAGS": True,
}


def setting(name: str) -> Any:
    """The Django setting ``name`` merged over its default; the default alone without Django."""
    default = DEFAULTS[name]
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    # DJANGO_SETTINGS_MODULE alone means "configured, not loaded yet": reading loads it.
    if not (settings.configured or os.environ.get("DJANGO_SETTINGS_MODULE")):
        return default
    try:
        return _merge(default, getattr(settings, name, default))
    except ImproperlyConfigured:  # a settings module that cannot load: render with the defaults
        return default


def _merge(default: Any, value: Any) -> Any:
    if isinstance(default, dict) and isinstance(value, dict):
        return {key: _merge(default.get(key), value.get(key, default.get(key))) for key in default | value}
    return value


@dataclass(frozen=True)
class RegimeStyle:
    """All measures of one regime, resolved from settings at render time."""

    regime: str
    margin_top_mm: float
    margin_right_mm: float
    margin_bottom_mm: float
    margin_left_mm: float
    body_size_pt: float
    line_height: str
    paragraph_spacing_pt: float
    indent_cm: float
    footnote_size_pt: float
    page_number_size_pt: float
    page_number_top_mm: float
    sizes_pt: dict[str, float]
    header_left_percent: float
    signature_space_mm: float
    signature_image_margin_mm: float
    watermark_color: str


def regime_style(regime: str) -> RegimeStyle:
    margins = setting("PDF_MARGINS_MM")[regime]
    return RegimeStyle(
        regime=regime,
        margin_top_mm=float(margins["top"]),
        margin_right_mm=float(margins["right"]),
        margin_bottom_mm=float(margins["bottom"]),
        margin_left_mm=float(margins["left"]),
        body_size_pt=float(setting("PDF_BODY_FONT_SIZE_PT")[regime]),
        line_height=str(setting("PDF_LINE_HEIGHT")[regime]),
        paragraph_spacing_pt=float(setting("PDF_PARAGRAPH_SPACING_PT")),
        indent_cm=float(setting("PDF_FIRST_LINE_INDENT_CM")[regime]),
        footnote_size_pt=float(setting("PDF_FOOTNOTE_FONT_SIZE_PT")),
        page_number_size_pt=float(setting("PDF_PAGE_NUMBER_SIZE_PT")[regime]),
        page_number_top_mm=float(setting("PDF_PAGE_NUMBER_TOP_MM")[regime]),
        sizes_pt={key: float(size) for key, size in setting("PDF_HEADER_SIZES_PT")[regime].items()},
        header_left_percent=float(setting("PDF_HEADER_LEFT_PERCENT")[regime]),
        signature_space_mm=float(setting("PDF_SIGNATURE_SPACE_MM")),
        signature_image_margin_mm=float(setting("PDF_SIGNATURE_IMAGE_MARGIN_MM")),
        watermark_color=str(setting("PDF_WATERMARK_COLOR")),
    )


def font_dir() -> Path:
    return Path(setting("PDF_FONT_DIR")).resolve()


def local_roots() -> list[Path]:
    return [Path(root).resolve() for root in setting("PDF_LOCAL_ROOTS")]


def keep_together_max_lines() -> int:
    return int(setting("PDF_KEEP_TOGETHER_MAX_LINES"))


def write_options() -> dict[str, Any]:
    """The options every official PDF is written with (``PDF_VARIANT``, ``PDF_TAGS``)."""
    return {"pdf_variant": setting("PDF_VARIANT"), "pdf_tags": bool(setting("PDF_TAGS"))}
