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
import os
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

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


# --- attached files: one check for every kind of attachment ------------------------------------------------------

#: What a file of each kind the portal keeps starts with: a file is judged by its content, not only by its name.
MAGIC: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF",),
    "png": (b"\x89PNG",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "docx": (ZIP_MAGIC,),
    "xlsx": (ZIP_MAGIC,),
    "odt": (ZIP_MAGIC,),
    "ods": (ZIP_MAGIC,),
    "doc": (b"\xd0\xcf\x11\xe0",),
    "xls": (b"\xd0\xcf\x11\xe0",),
}


class Readable(Protocol):
    """What an attachment is read from: a request's UploadedFile, or a ContentFile with a name."""

    name: str | None
    size: int | None

    def read(self, *args: Any) -> bytes: ...

    def seek(self, *args: Any) -> Any: ...


def _size_text(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB".replace(".", ",")


def attachment_check(
    upload: Readable,
    *,
    allowed: Iterable[str],
    max_bytes: int,
    field: str = "file",
    subject: str | None = None,
    kinds_label: str | None = None,
    refusal: type[Refused] = Refused,
) -> str:
    """The upload's extension (lower case) when the portal keeps that kind of file; refuses, with ``refusal``
    about ``field``, a type not in ``allowed``, a file over ``max_bytes``, an empty one, and one whose first bytes
    are not what its name says (``MAGIC``). ``subject`` names the file in the messages ("Bản quét"; default:
    «its name»), ``kinds_label`` the kinds accepted ("PDF, JPG hoặc PNG"; default: the extensions). The reports'
    attachments, the tasks' evidence and the register's scans all refuse here."""
    name = os.path.basename(upload.name or "")
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    what = subject or f"Tệp «{name}»"
    kinds = [kind.lower() for kind in allowed]
    if ext not in kinds:
        raise refusal(
            f"{what} thuộc loại không được phép (.{ext or '?'}); chỉ nhận: {kinds_label or ', '.join(kinds)}.",
            field=field,
        )
    size = upload.size or 0
    if size > max_bytes:
        raise refusal(f"{what} quá lớn ({_size_text(size)}); tối đa {_size_text(max_bytes)}.", field=field)
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not head:
        raise refusal(f"{what} rỗng.", field=field)
    magic = MAGIC.get(ext)
    if magic and not any(head.startswith(m) for m in magic):
        raise refusal(f"Nội dung {what[:1].lower() + what[1:]} không đúng định dạng .{ext}.", field=field)
    return ext
