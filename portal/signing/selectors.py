"""Reads of the signing app: what a page says about the digital signatures of a PDF (issue 15, item 5).

Verifying a signed PDF (the chain to the trust roots, revocation, the timestamps) costs tens of milliseconds
and more; a page viewed many times a day must not pay it on every view. A file verified when it was stored
keeps that report beside the SHA-256 of the bytes it was made from; a page hashes the stored file (cheap) and
shows the recorded report while the hash matches. Only a file whose bytes changed since — one edited on disk,
or swapped — is verified again, and that answer is cached by the new hash, so it too is paid once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.db.models.fields.files import FieldFile

from portal.signing import conf, pdf

if TYPE_CHECKING:
    from portal.signing.pdf import SignatureCheck, Verification

#: Shown when the stored file is not the one whose signatures were recorded (Art. 21.2: integrity).
CHANGED = "Tệp đã bị thay đổi sau khi ký."
CHANGED_UNSIGNED = "Tệp đã bị thay đổi sau khi ban hành."
UNSIGNED = "Văn bản không có chữ ký số."
UNSIGNED_FILE = "Không có chữ ký số."
MISSING = "Không tìm thấy tệp đã lưu trên máy chủ: không kiểm tra được chữ ký số."

#: How long a re-verification of a changed file is remembered (by the file's hash).
_CACHE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class PdfCheck:
    """The verification a page shows, and whether the file changed since its signatures were recorded."""

    verification: Verification
    changed: bool = False
    #: The digest of the bytes the verification speaks of ("" when there was no file).
    sha256: str = ""
    #: Whether the report recorded for the file named signatures (what "changed after" is said against).
    recorded_signed: bool = False

    @property
    def signatures(self) -> list[SignatureCheck]:
        return list(self.verification.signatures)

    @property
    def error(self) -> str:
        return self.verification.error

    @property
    def unsigned(self) -> bool:
        """A readable file without a single signature."""
        return not self.verification.signatures and not self.verification.error

    @property
    def all_valid(self) -> bool:
        """At least one signature, every one valid, and the file the one they were recorded for."""
        return bool(self.verification.signatures) and self.problem_free

    @property
    def problem_free(self) -> bool:
        """Nothing wrong: the file is the one recorded and readable, and every signature holds. A change made
        after a signature is that signature's problem when the signature did not permit it (pdf.verify judges
        it by its DocMDP level); a permitted one — the number filled in after the person signed, awaiting the
        seal — is not, although that signature then no longer covers the whole file."""
        return (
            not self.changed
            and not self.verification.error
            and all(s.ok for s in self.verification.signatures)
        )

    def shown(self, *, signing_required: bool | None = None) -> bool:
        """Whether a document's page has anything to say: its signatures, a problem — or their absence, only
        where issuing requires signatures (a portal without signing keeps its pages as they were)."""
        required = conf.required() if signing_required is None else signing_required
        return bool(self.verification.signatures) or self.changed or bool(self.error) or required

    def fails_receipt(self, *, signing_required: bool | None = None) -> bool:
        """The document fails the receiving clerk's check (Nghị định 30/2020, Art. 21.2): the file changed, cannot
        be read, carries a signature that is not valid — or carries none where issuing requires signatures."""
        required = conf.required() if signing_required is None else signing_required
        return not self.problem_free or (required and self.unsigned)

    @property
    def changed_message(self) -> str:
        if not self.changed:
            return ""
        return CHANGED if self.recorded_signed else CHANGED_UNSIGNED

    @property
    def lines(self) -> list[tuple[str, str]]:
        """What a page lists, each line with its state ("ok", "bad" — shown in red — or "none"): that the file
        changed or could not be read; each signature, valid or with
        what is wrong; or that there is no signature at all."""
        lines = []
        if self.changed:
            lines.append(("bad", self.changed_message))
        if self.verification.error:
            lines.append(("bad", self.verification.error))
        lines += [("ok" if s.ok else "bad", s.summary_vi) for s in self.verification.signatures]
        if self.unsigned:
            lines.append(("none", UNSIGNED))
        return lines

    def summary_vi(self) -> str:
        """One line for a file listed among others (a report's attachments)."""
        if self.changed:
            return self.changed_message
        if self.error:
            return self.error
        if self.unsigned:
            return UNSIGNED_FILE
        bad = [s.summary_vi for s in self.verification.signatures if not s.ok]
        return "; ".join(bad or [s.summary_vi for s in self.verification.signatures])


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class _Missing(Exception):
    """The record names a stored file that storage no longer has (deleted or moved on disk)."""


def _read(source: FieldFile | bytes | None) -> bytes | None:
    if source is None:
        return None
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source)
    if not source:  # a FileField with no file
        return None
    try:
        with source.open("rb") as handle:
            return handle.read()
    except FileNotFoundError as exc:
        raise _Missing(source.name) from exc


def verified(data: bytes) -> Verification:
    """verify(data), remembered by the bytes' hash: the same file is never validated twice in a day."""
    key = f"signing:verify:{_sha256(data)}"
    stored = cache.get(key)
    if stored is not None:
        return pdf.Verification.from_json(stored)
    result = pdf.verify(data)
    cache.set(key, result.to_json(), _CACHE_SECONDS)
    return result


def pdf_check(data: bytes) -> PdfCheck:
    """A PDF that has just arrived (an upload for import, a report's attachment): verified now."""
    return PdfCheck(verification=verified(data), sha256=_sha256(data))


def recorded_check(report: dict[str, Any] | None) -> PdfCheck | None:
    """The check recorded for a file when it arrived (a report's attachment), without reading the file again;
    None when nothing was checked (a file that is not a PDF)."""
    if report is None:
        return None
    return PdfCheck(verification=pdf.Verification.from_json(report))


def pdf_verification(
    source: FieldFile | bytes | None,
    *,
    recorded_sha256: str,
    recorded_report: dict[str, Any] | None,
) -> PdfCheck:
    """The signatures of a stored PDF as a page shows them.

    ``recorded_sha256`` and ``recorded_report`` are what was recorded when the file was stored (the sealed
    document's ``pdf_sha256`` and ``signature_report``). While the file still hashes to ``recorded_sha256`` the
    recorded report is shown as it is; when it does not, the file is verified again and the check says
    ``changed`` (shown as «Tệp đã bị thay đổi sau khi ký»). Without a file the recorded report is all there is.
    Without a recorded hash nothing can have changed: the file is verified (cached by its hash).
    """
    recorded = pdf.Verification.from_json(recorded_report or {})
    try:
        data = _read(source)
    except _Missing:
        # Integrity cannot be shown for a file that is gone: the page says so instead of failing.
        return PdfCheck(verification=pdf.Verification(signatures=[], error=MISSING))
    if data is None:
        return PdfCheck(verification=recorded)
    digest = _sha256(data)
    if recorded_sha256 and digest == recorded_sha256:
        return PdfCheck(verification=recorded, sha256=digest, recorded_signed=bool(recorded.signatures))
    return PdfCheck(
        verification=verified(data),
        changed=bool(recorded_sha256),
        sha256=digest,
        recorded_signed=bool(recorded.signatures),
    )
