"""File → text for importing existing official documents (.txt, .docx, .pdf with a text layer).

What is accepted is decided by the extension AND the first bytes: a browser or a clerk can rename
anything, and the parsers underneath (zip, PDF) must never see bytes they were not built for.
Every refusal is an :class:`ImportRefused` with a stable code and a Vietnamese message.
"""

from __future__ import annotations

import codecs
import io
import re
import unicodedata
from collections.abc import Iterator
from pathlib import PurePath
from typing import Any

from directives.importing.errors import ImportRefused
from portal.lib.uploads import ZIP_MAGIC, UnsafeArchive, ZipLimits, format_mb, inspect_zip

#: Default upload limit for callers that have no setting of their own (the management command).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

#: A .docx is a zip: the declared uncompressed size of its entries is checked before anything is
#: inflated. ``zipfile`` never reads past an entry's declared size, so lying headers cannot beat it.
MAX_DOCX_UNCOMPRESSED = 50 * 1024 * 1024
MAX_DOCX_ENTRIES = 5000
DOCX_LIMITS = ZipLimits(max_total=MAX_DOCX_UNCOMPRESSED, max_entries=MAX_DOCX_ENTRIES)
MAX_PDF_PAGES = 500

ALLOWED_EXTENSIONS = (".txt", ".docx", ".pdf")
PDF_MAGIC = b"%PDF-"

_W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200c\u200d\ufeff]")


def extract_text(*, filename: str, data: bytes, max_bytes: int) -> str:
    """Return the text of an uploaded document, NFC-normalised, lines separated by ``\\n``.

    Refuses (``ImportRefused``): ``unsupported_type`` for any other extension or a .txt that is
    really a zip/PDF; ``too_large`` over ``max_bytes`` or a .docx inflating past 50 MB;
    ``corrupt_file`` when a .docx/.pdf cannot be opened or its bytes do not match its extension;
    ``no_text_layer`` for a scanned PDF; ``empty`` when nothing readable remains.
    """
    extension = PurePath(filename or "").suffix.lower()
    if extension not in ALLOWED_EXTENSIONS:
        raise ImportRefused("unsupported_type", "Chỉ nhận tệp .txt, .docx hoặc .pdf.")
    if len(data) > max_bytes:
        raise ImportRefused("too_large", f"Tệp quá lớn: chỉ nhận tệp tối đa {format_mb(max_bytes)} MB.")
    if not data:
        raise ImportRefused("empty", "Tệp rỗng, không có nội dung.")

    if extension == ".txt":
        text = _text_from_txt(data)
    elif extension == ".docx":
        text = _text_from_docx(data)
    else:
        text = _text_from_pdf(data)

    text = normalise_text(text)
    if not text.strip():
        raise ImportRefused("empty", "Tệp không có nội dung văn bản để đọc.")
    return text


def normalise_text(text: str) -> str:
    """NFC, Unix newlines, no control or zero-width characters, no trailing spaces on lines; tabs kept.

    Word and PDF producers emit decomposed diacritics and NBSPs; the parser's regexes expect NFC
    letters and plain spaces.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    # Tabs are kept: between the cells of a copied table they are the only trace of the two columns of
    # a header or a signature block (directives/importing/flattened.py puts the columns back).
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    text = _CONTROL_CHARS.sub("", text)
    text = unicodedata.normalize("NFC", text)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n") + "\n"


# --- .txt -------------------------------------------------------------------------------------


def _text_from_txt(data: bytes) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else is refused, not guessed.

    Guessing legacy encodings (TCVN3, VNI, cp1258) silently produces mojibake in a legal document,
    which is worse than asking the clerk to save the file again as UTF-8.
    """
    if data.startswith(ZIP_MAGIC) or data.lstrip()[:5] == PDF_MAGIC:
        raise ImportRefused(
            "unsupported_type",
            "Tệp có đuôi .txt nhưng nội dung không phải văn bản thuần; hãy tải lên đúng tệp .docx hoặc .pdf.",
        )
    try:
        if data.startswith(codecs.BOM_UTF8):
            return data[len(codecs.BOM_UTF8) :].decode("utf-8")
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return data.decode("utf-16")
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ImportRefused(
            "corrupt_file",
            "Không đọc được tệp .txt: tệp phải được lưu với bảng mã UTF-8 (hoặc UTF-16 có BOM).",
        ) from exc
    if "\x00" in text:
        raise ImportRefused("corrupt_file", "Tệp .txt chứa dữ liệu nhị phân, không phải văn bản thuần.")
    return text


# --- .docx ------------------------------------------------------------------------------------


def _text_from_docx(data: bytes) -> str:
    """Paragraphs and table cells in document order.

    Official documents put the header (issuer | national heading, number | place and date) and the
    signature block (Nơi nhận | signer) in borderless two-column tables, so reading only
    ``document.paragraphs`` would lose exactly the metadata we want.
    """
    if not data.startswith(ZIP_MAGIC):
        raise ImportRefused("corrupt_file", "Tệp .docx bị hỏng hoặc không phải tệp Word (.docx) thật.")
    try:
        entries = inspect_zip(data, label=".docx", limits=DOCX_LIMITS)
    except UnsafeArchive as exc:
        raise ImportRefused(exc.code, exc.message) from exc
    if "word/document.xml" not in {info.filename for info in entries}:
        raise ImportRefused("corrupt_file", "Tệp .docx bị hỏng: không có phần nội dung văn bản.")

    try:
        import docx  # python-docx; imported lazily so the parser stays importable without it

        document = docx.Document(io.BytesIO(data))
        lines = list(_walk_block(document.element.body, document))
    except ImportRefused:
        raise
    except Exception as exc:  # python-docx raises a zoo of types (KeyError, ValueError, lxml errors)
        raise ImportRefused("corrupt_file", "Tệp .docx bị hỏng, không mở được.") from exc
    return "\n".join(lines)


def _walk_block(element: Any, parent: Any) -> Iterator[str]:
    """Yield paragraph texts under a body/cell element, descending into tables and content controls."""
    from docx.text.paragraph import Paragraph

    for child in element.iterchildren():
        tag = child.tag
        if tag == f"{_W_NS}p":
            yield Paragraph(child, parent).text
        elif tag == f"{_W_NS}tbl":
            for row in child.iterchildren(f"{_W_NS}tr"):
                for cell in row.iterchildren(f"{_W_NS}tc"):
                    # A vertically merged continuation cell holds an empty paragraph: harmless.
                    yield from _walk_block(cell, parent)
        elif tag == f"{_W_NS}sdt":
            for content in child.iterchildren(f"{_W_NS}sdtContent"):
                yield from _walk_block(content, parent)


# --- .pdf -------------------------------------------------------------------------------------


def _text_from_pdf(data: bytes) -> str:
    """Text layer of a PDF (pypdf, page by page). A scan without OCR is refused, not returned empty."""
    # The PDF spec lets the header start within the first 1024 bytes.
    if PDF_MAGIC not in data[:1024]:
        raise ImportRefused("corrupt_file", "Tệp .pdf bị hỏng hoặc không phải tệp PDF thật.")
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ImportRefused("corrupt_file", "Tệp PDF được đặt mật khẩu, không đọc được.")
        pages = reader.pages
        if len(pages) == 0:
            raise ImportRefused("corrupt_file", "Tệp .pdf bị hỏng: không có trang nào.")
        if len(pages) > MAX_PDF_PAGES:
            raise ImportRefused("too_large", f"Tệp PDF quá dài: chỉ nhận tối đa {MAX_PDF_PAGES} trang.")
        texts = [page.extract_text() or "" for page in pages]
    except ImportRefused:
        raise
    except Exception as exc:  # pypdf raises PdfReadError, ValueError, KeyError… on damaged files
        raise ImportRefused("corrupt_file", "Tệp .pdf bị hỏng, không mở được.") from exc
    if not any(text.strip() for text in texts):
        raise ImportRefused(
            "no_text_layer",
            "Tệp PDF không có lớp văn bản (bản chụp/scan), không trích xuất được nội dung; "
            "hãy tải lên tệp .docx gốc hoặc PDF xuất từ phần mềm soạn thảo.",
        )
    return "\n".join(texts)
