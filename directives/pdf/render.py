"""Render an :class:`OfficialLayout` to PDF bytes with WeasyPrint.

Nothing remote is ever fetched: :class:`LocalOnlyFetcher` serves files below the configured local
roots (the bundled fonts, static images) and refuses every other URL — http(s), ftp, data, and
file paths outside those roots — before any connection is attempted. A refused image or
stylesheet is left out of the PDF; the document still renders.

The template is rendered by a private :class:`django.template.Engine` pointed at this app's
template folder, so rendering works the same with or without configured Django settings.
"""

from __future__ import annotations

import mimetypes
import threading
import unicodedata
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from django.template import Context, Engine
from weasyprint import CSS, HTML
from weasyprint.document import Document
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from directives.pdf.conf import font_dir, local_roots, regime_style, write_options
from directives.pdf.context import build_context
from directives.pdf.footnotes import render_keeping_footnotes
from directives.pdf.layout import OfficialLayout

TEMPLATE_DIR = Path(__file__).resolve().parents[1] / "templates"
TEMPLATE_NAME = "directives/pdf/official.html"
FONT_FAMILY = "LiberationSerif Bundled"
FONT_FILES = {
    ("normal", "normal"): "LiberationSerif-Regular.ttf",
    ("bold", "normal"): "LiberationSerif-Bold.ttf",
    ("normal", "italic"): "LiberationSerif-Italic.ttf",
    ("bold", "italic"): "LiberationSerif-BoldItalic.ttf",
}


class URLRefused(ValueError):
    """A URL outside the local roots; WeasyPrint logs it and leaves the resource out."""


class LocalOnlyFetcher(URLFetcher):
    """Serves ``file:`` URLs below ``roots``; refuses everything else without touching the network."""

    def __init__(self, roots: list[Path]) -> None:
        super().__init__(allowed_protocols=("file",), allow_redirects=False, fail_on_errors=False)
        self.roots = [Path(root).resolve() for root in roots]

    def local_path(self, url: str) -> Path | None:
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            return None
        path = Path(url2pathname(unquote(parts.path))).resolve()
        inside = any(path.is_relative_to(root) for root in self.roots)
        return path if inside and path.is_file() else None

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        path = self.local_path(url)
        if path is None:
            raise URLRefused(f"PDF rendering fetches local files only, refused: {url[:200]}")
        mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), body=path.read_bytes(), headers={"Content-Type": mime_type})


@cache
def _engine() -> Engine:
    return Engine(dirs=[str(TEMPLATE_DIR)], autoescape=True, debug=False)


def render_html(layout: OfficialLayout) -> str:
    """The HTML handed to WeasyPrint (useful to debug a layout in a browser)."""
    context = build_context(layout, regime_style(layout.regime))
    html = _engine().get_template(TEMPLATE_NAME).render(Context(context, autoescape=True))
    # Vietnamese typed on some keyboards arrives decomposed; the PDF text layer must read back as NFC.
    return unicodedata.normalize("NFC", html)


def _font_face_css(fonts: Path) -> str:
    rules = []
    for (weight, style), filename in FONT_FILES.items():
        rules.append(
            f'@font-face {{ font-family: "{FONT_FAMILY}"; font-weight: {weight}; font-style: {style}; '
            f'src: url("{(fonts / filename).as_uri()}"); }}'
        )
    return "\n".join(rules)


_local = threading.local()


def _fonts(fonts: Path, fetcher: LocalOnlyFetcher) -> tuple[FontConfiguration, CSS]:
    """The font configuration with the bundled faces, built once per thread and font folder.

    Loading the four faces into Fontconfig is the slowest step of a small render; WeasyPrint's
    FontConfiguration is not shared between threads, hence one per thread.
    """
    cached = getattr(_local, "fonts", None)
    if cached is None or cached[0] != fonts:
        config = FontConfiguration()
        css = CSS(string=_font_face_css(fonts), font_config=config, url_fetcher=fetcher)
        cached = (fonts, config, css)
        _local.fonts = cached
    return cached[1], cached[2]


def render_document(layout: OfficialLayout, *, url_fetcher: URLFetcher | None = None) -> Document:
    """``layout`` laid out by WeasyPrint: its pages and boxes, before they are written as PDF.

    ``url_fetcher`` replaces the local-only fetcher (tests pass a spy); production callers leave it.
    """
    roots = local_roots()
    fetcher = url_fetcher or LocalOnlyFetcher(roots)
    font_config, font_css = _fonts(font_dir(), LocalOnlyFetcher(roots))
    html = HTML(string=render_html(layout), base_url=roots[0].as_uri() + "/", url_fetcher=fetcher)
    return render_keeping_footnotes(lambda: html.render(stylesheets=[font_css], font_config=font_config))


def render_pdf(layout: OfficialLayout, *, url_fetcher: URLFetcher | None = None) -> bytes:
    """The official PDF of ``layout``, as bytes: PDF/A-3b and tagged by default (``write_options``)."""
    return render_document(layout, url_fetcher=url_fetcher).write_pdf(**write_options())
