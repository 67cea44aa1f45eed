"""Uploaded zip containers (.docx, .xlsx) inspected before any library opens them.

python-docx and openpyxl inflate what the archive holds; a "zip bomb" — a few hundred kilobytes that
declare hundreds of megabytes of zeros — would take the worker's memory and minutes of CPU. Every path
that opens an uploaded zip calls :func:`inspect_zip` first: it reads only the central directory and
refuses, with a Vietnamese message, an archive that is corrupt, has too many entries, inflates past a
total, or holds an entry compressed at a ratio no office file reaches. ``zipfile`` never inflates an
entry past its declared size (it stops at ``file_size`` and checks the CRC), so the declared sizes
checked here bound what the libraries can expand, even when the headers lie.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from portal.lib.errors import Refused

ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class ZipLimits:
    max_total: int  # sum of the entries' declared uncompressed sizes, in bytes
    max_entries: int = 5000
    #: Office XML compresses 5–30×, a whole sheet of repeated cells perhaps 100×; zeros 1000×.
    max_ratio: int = 200
    #: Small entries may compress at any ratio (an empty part is a few bytes either way).
    ratio_floor: int = 1024 * 1024


class UnsafeArchive(Refused):
    """An uploaded zip refused. ``code``: ``corrupt_file`` or ``too_large``; ``message`` in Vietnamese."""

    code = "unsafe_archive"

    def __init__(self, code: str, message: str):
        super().__init__(message, code=code)


def format_mb(size: int) -> str:
    """``20`` or ``0,5`` — Vietnamese uses a decimal comma."""
    mb = size / (1024 * 1024)
    if mb == int(mb):
        return str(int(mb))
    return f"{mb:.1f}".rstrip("0").rstrip(".").replace(".", ",")


def inspect_zip(data: bytes, *, label: str, limits: ZipLimits) -> list[zipfile.ZipInfo]:
    """The archive's entries when it is safe to open; raises :class:`UnsafeArchive` otherwise.

    ``label`` names the file type in the message (".docx", ".xlsx"). Nothing is inflated here.
    """
    if not data.startswith(ZIP_MAGIC):
        raise UnsafeArchive("corrupt_file", f"Tệp {label} bị hỏng hoặc không phải tệp {label} thật.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise UnsafeArchive("corrupt_file", f"Tệp {label} bị hỏng, không mở được.") from exc
    if not entries:
        raise UnsafeArchive("corrupt_file", f"Tệp {label} bị hỏng: không có thành phần nào.")
    if len(entries) > limits.max_entries:
        raise UnsafeArchive("corrupt_file", f"Tệp {label} có cấu trúc bất thường (quá nhiều thành phần).")
    total = sum(info.file_size for info in entries)
    if total > limits.max_total:
        raise UnsafeArchive(
            "too_large",
            f"Tệp {label} khi giải nén vượt quá {format_mb(limits.max_total)} MB; "
            "tệp có thể bị hỏng hoặc không an toàn (bom nén).",
        )
    for info in entries:
        if info.file_size > limits.ratio_floor and info.file_size > limits.max_ratio * max(
            info.compress_size, 1
        ):
            raise UnsafeArchive(
                "too_large",
                f"Tệp {label} có thành phần nén bất thường (giải nén gấp hơn "
                f"{limits.max_ratio} lần); tệp có thể không an toàn (bom nén).",
            )
    return entries


def safe_upload_name(name: str, *, default_stem: str = "tep", max_length: int = 150) -> str:
    """The name an uploaded file is stored and shown under: its last path component only (``/`` and
    ``\\`` both separate), without NUL or other control characters, NFC, no leading dots, at most
    ``max_length`` characters with the extension kept. Never empty, never ``.`` or ``..``."""
    import os
    import unicodedata

    name = unicodedata.normalize("NFC", str(name or "")).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip().lstrip(".").strip()
    stem, ext = os.path.splitext(name)
    ext = ext[:16]
    if not stem:
        stem = default_stem
    return stem[: max(1, max_length - len(ext))] + ext
