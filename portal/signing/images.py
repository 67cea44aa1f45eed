"""The demo signature and seal images (Pillow): a person's handwriting-like signature, a body's round seal."""

from __future__ import annotations

import io
import math

from portal.signing import conf

_DPI = 300
_SERIF_BOLD = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf"
_SERIF_ITALIC = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Italic.ttf"


def _font(path: str, size: int):
    from PIL import ImageFont

    for candidate in (path, path.replace("liberation2", "liberation"), "DejaVuSerif.ttf"):
        try:
            return ImageFont.truetype(candidate, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def _png(image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(_DPI, _DPI))
    return out.getvalue()


#: Width to height of the demo signature: the person's signature widget's proportions (portal.signing.pdf).
SIGNATURE_ASPECT = 3


def demo_signature_png(name: str) -> bytes:
    """A handwriting-like signature for a demo person: blue ink on a transparent ground, the given name
    slanted with a flourish under it (the real one is a scan of the person's signature)."""
    from PIL import Image, ImageDraw

    ink = (20, 50, 170, 255)
    height = round(conf.image_height_mm() / 25.4 * _DPI)
    width = height * SIGNATURE_ASPECT
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    given = (name.split() or ["Ký"])[-1]
    font = _font(_SERIF_ITALIC, round(height * 0.5))
    draw.text((width * 0.30, height * 0.08), given, font=font, fill=ink)
    # The flourish: a sine stroke under the name and a quick tick through it.
    points = [
        (width * (0.12 + 0.76 * t / 60), height * (0.74 + 0.08 * math.sin(t / 60 * 2.6 * math.pi)))
        for t in range(61)
    ]
    draw.line(points, fill=ink, width=max(3, height // 50), joint="curve")
    draw.line(
        [(width * 0.66, height * 0.14), (width * 0.76, height * 0.64)], fill=ink, width=max(3, height // 55)
    )
    return _png(image)


def demo_seal_png(unit_name: str) -> bytes:
    """A round red seal for a demo body at its actual size (SIGNING_SEAL_DIAMETER_MM), transparent: two rings,
    the body's name around the inside of the outer ring, a star in the middle."""
    from PIL import Image, ImageDraw

    red = (200, 16, 46, 255)
    size = round(conf.seal_diameter_mm() / 25.4 * _DPI)
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    c = size / 2
    stroke = max(4, size // 60)
    draw.ellipse([stroke, stroke, size - stroke, size - stroke], outline=red, width=stroke * 2)
    inner = size * 0.30
    draw.ellipse([c - inner, c - inner, c + inner, c + inner], outline=red, width=stroke)
    star = [
        (
            c + (size * (0.16 if i % 2 == 0 else 0.065)) * math.sin(i * math.pi / 5),
            c - (size * (0.16 if i % 2 == 0 else 0.065)) * math.cos(i * math.pi / 5),
        )
        for i in range(10)
    ]
    draw.polygon(star, fill=red)
    text = unit_name.upper()
    font = _font(_SERIF_BOLD, max(12, round(size * 0.075)))
    radius = size * 0.385
    # The name runs clockwise around the top, centred on 12 o'clock, over at most 300 degrees.
    step = min(300 / max(len(text), 1), 16.0)
    start = -step * (len(text) - 1) / 2
    for i, char in enumerate(text):
        angle = start + i * step
        glyph_size = round(size * 0.12)
        glyph = Image.new("RGBA", (glyph_size, glyph_size), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((glyph_size / 2, glyph_size / 2), char, font=font, fill=red, anchor="mm")
        glyph = glyph.rotate(-angle, resample=Image.Resampling.BICUBIC)
        x = c + radius * math.sin(math.radians(angle)) - glyph_size / 2
        y = c - radius * math.cos(math.radians(angle)) - glyph_size / 2
        image.alpha_composite(glyph, (round(x), round(y)))
    return _png(image)
