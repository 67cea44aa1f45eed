"""Appearance streams: images and text in Liberation Serif, embedded as a subset (Vietnamese needs glyphs the
standard 14 fonts lack), for the signature widgets and the filled-in text fields."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from fontTools.ttLib import TTFont
from PIL import Image
from pyhanko.pdf_utils.content import ResourceType
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.images import pil_image
from pyhanko.pdf_utils.layout import BoxConstraints
from pyhanko.stamp.base import BaseStamp
from pyhanko.stamp.text import TextStampStyle

DISPLAY_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
BLACK = (0.0, 0.0, 0.0)

# The fonts of the official layout (directives/pdf/conf.py PDF_FONT_DIR); portal.signing stands below
# directives, so the setting is read here, not imported.
FONT_FILES = {
    "regular": "LiberationSerif-Regular.ttf",
    "italic": "LiberationSerif-Italic.ttf",
    "bold": "LiberationSerif-Bold.ttf",
}
SYSTEM_FONT_DIR = Path("/usr/share/fonts/truetype/liberation2")


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

    def create_stamp(self, writer, box, text_params):
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

    def __init__(self, writer, font_handle, font_size):
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
    def __init__(self, writer, style: AppearanceStyle, box: BoxConstraints, when: str | None = None):
        super().__init__(writer=writer, style=style, box=box)
        self.when = iso_vn(datetime.strptime(when, style.timestamp_format)) if when else ""
        self._fonts: dict[str, tuple[str, _Glyphs]] = {}

    def _font(self, style: str) -> tuple[str, _Glyphs]:
        """One embedded subset per font style and appearance, whatever the sizes (each subset costs a
        fontTools pass when the file is written)."""
        if style not in self._fonts:
            name = f"F{len(self._fonts) + 1}"
            handle = io.BytesIO(_font_file(style).read_bytes())
            engine = _Glyphs(self.writer, handle, 10)
            self.set_resource(ResourceType.FONT, pdf_name("/" + name), engine.as_resource())
            self._fonts[style] = (name, engine)
        return self._fonts[style]

    def _shape(self, style: str, size: float, text: str) -> tuple[str, bytes, float]:
        """(font resource name, text-showing operators, width in points) of ``text`` at ``size``.

        The engine's size must be the Tf size: the offsets it writes between glyphs (Vietnamese marks placed
        by HarfBuzz) are in text space, which Tf does not scale."""
        name, engine = self._font(style)
        engine.font_size = size
        shaped = engine.shape(text)
        return name, shaped.graphics_ops, shaped.x_advance * size

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
            assert self.writer is not None  # pyHanko sets it before rendering
            self.set_resource(ResourceType.XOBJECT, pdf_name(name), pil_image(image, self.writer))
            commands.append(b"q %.3f 0 0 %.3f %.3f %.3f cm %s Do Q" % (width, height, x, y, name.encode()))
        if style.lines:
            commands.append(b"/Tx BMC")
            for line in style.lines:
                text = line.text.replace("{time}", self.when)
                if not text:
                    continue
                size = line.size
                name, operators, width = self._shape(line.style, size, text)
                if line.max_width and width > line.max_width:
                    size = size * line.max_width / width
                    name, operators, width = self._shape(line.style, size, text)
                ascent, descent = _font_metrics(str(_font_file(line.style)))
                baseline = line.y + (line.box_height - (ascent - descent) * size) / 2 - descent * size
                x = {"center": line.x - width / 2, "right": line.x - width}.get(line.align, line.x)
                commands.append(
                    b"q BT %.3f %.3f %.3f rg /%s %.2f Tf %.3f %.3f Td %s ET Q"
                    % (*line.color, name.encode(), size, x, baseline, operators)
                )
            commands.append(b"EMC")
        return commands
