"""Hostile uploads: path traversal in names, oversize files, zip bombs and corrupt zips.

Names: whatever the client sends, the file lands under MEDIA_ROOT in the attachment's own folder with a
name of one path component, no NUL, bounded length. Oversize: refused in Vietnamese, no row and no file.
Zip bombs (a .docx for the document import, an .xlsx for the unit import): refused from the archive's
central directory — python-docx and openpyxl are never called (they are replaced by tripwires here).
"""

from __future__ import annotations

import html
import io
import os
import zipfile
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from directives.models import Attachment
from directives.services import compose
from portal.lib.uploads import UnsafeArchive, ZipLimits, inspect_zip, safe_upload_name
from portal.org.imports import ImportRefused as UnitImportRefused
from portal.org.imports import import_file
from portal.org.models import Unit
from reporting.models import Obligation, ReportAttachment
from reporting.services import obligations_create_for_document, report_attachment_add
from tests.reporting.conftest import add_requirement, local, make_document
from tests.security.payloads import TRAVERSAL_NAMES

pytestmark = pytest.mark.security

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
BOMB_MB = 400  # what the bombs below declare when inflated


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return Path(settings.MEDIA_ROOT)


def _files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _assert_safe(stored_name: str, media: Path, folder: str, max_length: int) -> None:
    assert stored_name.startswith(folder), stored_name
    assert len(stored_name) <= max_length
    tail = stored_name[len(folder) :]
    assert (
        "/" not in tail and "\\" not in tail and "\x00" not in tail and ".." not in tail.split("-", 1)[-1][:2]
    )
    path = (media / stored_name).resolve()
    assert path.is_file() and path.is_relative_to(media.resolve())


@pytest.fixture
def obligation(cast):
    with time_machine.travel(local(2024, 2, 10), tick=False):
        plan = make_document(issuer=cast.yenthe, recipients=[cast.cdcs])
        add_requirement(plan, frequency="semiannual", to_unit=cast.yenthe)
        obligations_create_for_document(document=plan, actor=cast.binh)
    return Obligation.objects.get(unit=cast.cdcs, period_key="2024-S1")


@pytest.fixture
def draft(cast):
    return compose.document_create_draft(actor=cast.mai, issuer=cast.ldld, doc_type="KH", subject="Kế hoạch")


# --- names ------------------------------------------------------------------------------------------


def test_the_shared_name_function():
    assert safe_upload_name("../../etc/passwd.pdf") == "passwd.pdf"
    assert safe_upload_name("..\\..\\x.pdf") == "x.pdf"
    assert safe_upload_name("/etc/x.pdf") == "x.pdf"
    assert safe_upload_name("bao\x00cao.pdf") == "baocao.pdf"
    assert safe_upload_name("..") == "tep" and safe_upload_name("") == "tep"
    assert safe_upload_name(".htaccess") == "htaccess"
    long = safe_upload_name("a" * 400 + ".pdf")
    assert len(long) == 150 and long.endswith(".pdf")
    assert safe_upload_name("Báo cáo quý 1.pdf") == "Báo cáo quý 1.pdf"


@pytest.mark.parametrize("name", TRAVERSAL_NAMES)
def test_a_report_attachment_lands_in_its_folder(cast, obligation, media, name):
    attachment = report_attachment_add(actor=cast.tuan, obligation=obligation, upload=_RawNamed(name, PDF))
    attachment.refresh_from_db()
    _assert_safe(attachment.file.name, media, f"reports/{attachment.report_id}/", 300)
    assert "/" not in attachment.original_name and "\\" not in attachment.original_name
    assert "\x00" not in attachment.original_name and attachment.original_name.endswith(".pdf")
    assert _files(media) == [(media / attachment.file.name)]
    # The download names the file by its safe name.
    response = _client_for(cast.tuan).get(reverse("reporting:attachment_download", args=[attachment.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert (
        ".." not in response["Content-Disposition"]
        and "/" not in response["Content-Disposition"].split("=")[-1]
    )


@pytest.mark.parametrize("name", TRAVERSAL_NAMES)
def test_a_document_attachment_lands_in_its_folder(cast, draft, media, name):
    attachment = compose.attachment_add(actor=cast.mai, document=draft, filename=name, data=PDF)
    attachment.refresh_from_db()
    _assert_safe(
        attachment.file.name, media, f"attachments/{draft.pk}/", Attachment._meta.get_field("file").max_length
    )
    assert "/" not in attachment.original_name and "\\" not in attachment.original_name
    assert "\x00" not in attachment.original_name and attachment.original_name.endswith(".pdf")
    assert _files(media) == [(media / attachment.file.name)]


def test_hostile_names_over_http_are_stored_safely(cast, obligation, draft, media, client):
    client.force_login(cast.tuan)
    for name in ("../../etc/passwd.pdf", "..\\..\\x.pdf"):
        response = client.post(
            reverse("reporting:attachment_upload", args=[obligation.pk]),
            {"file": SimpleUploadedFile(name, PDF, content_type="application/pdf")},
        )
        assert response.status_code == 302
    client.force_login(cast.mai)
    response = client.post(
        reverse("directives:attach", args=[draft.pk]),
        {"file": SimpleUploadedFile("../../../../tmp/evil.pdf", PDF)},
    )
    assert response.status_code == 302
    stored = [a.file.name for a in ReportAttachment.objects.all()] + [
        a.file.name for a in Attachment.objects.all()
    ]
    assert len(stored) == 3
    for name in stored:
        assert (
            ".." not in name and "\\" not in name and (media / name).resolve().is_relative_to(media.resolve())
        )
    assert not Path("/tmp/evil.pdf").exists() or Path("/tmp/evil.pdf").read_bytes() != PDF


# --- oversize ---------------------------------------------------------------------------------------


def test_an_oversize_report_attachment_is_refused_and_nothing_is_stored(
    cast, obligation, media, client, settings
):
    settings.ATTACHMENT_MAX_BYTES = 4096
    client.force_login(cast.tuan)
    big = SimpleUploadedFile("bao-cao.pdf", PDF + b"0" * 5000, content_type="application/pdf")
    response = client.post(
        reverse("reporting:attachment_upload", args=[obligation.pk]), {"file": big}, follow=True
    )
    assert "Tệp «bao-cao.pdf» quá lớn" in _text(response)
    assert not ReportAttachment.objects.exists() and _files(media) == []


def test_an_oversize_document_attachment_is_refused_and_nothing_is_stored(
    cast, draft, media, client, settings
):
    settings.ATTACHMENT_MAX_BYTES = 4096
    client.force_login(cast.mai)
    big = SimpleUploadedFile("phu-luc.pdf", PDF + b"0" * 5000)
    response = client.post(reverse("directives:attach", args=[draft.pk]), {"file": big}, follow=True)
    assert "Tệp quá lớn" in _text(response)
    assert not Attachment.objects.exists() and _files(media) == []


def test_an_oversize_import_file_is_refused(cast, client, settings, media):
    settings.IMPORT_MAX_BYTES = 4096
    client.force_login(cast.mai)
    big = SimpleUploadedFile("van-ban.txt", "Kế hoạch ".encode() * 1000)
    response = client.post(reverse("directives:import"), {"file": big})
    assert response.status_code == 400 and "Tệp quá lớn: chỉ nhận tệp tối đa" in _text(response)
    assert _files(media) == []


def test_an_oversize_unit_import_is_refused(cast, client, settings):
    settings.IMPORT_MAX_BYTES = 4096
    client.force_login(cast.son)
    rows = "Mã đơn vị,Tên đơn vị,Tên viết tắt,Loại,Thể thức,Mã đơn vị cấp trên\n"
    rows += "".join(f"x{i},Công đoàn {i},CĐCS,union_grassroots,union,bg-ldld\n" for i in range(200))
    response = client.post(
        reverse("org:unit_import"), {"file": SimpleUploadedFile("don-vi.csv", rows.encode())}
    )
    assert "Tệp quá lớn (tối đa" in _text(response)
    assert not Unit.objects.filter(code="x1").exists()


# --- zip bombs and corrupt zips -----------------------------------------------------------------------


def _bomb_entry(
    archive: zipfile.ZipFile, name: str, megabytes: int, head: bytes = b"", tail: bytes = b""
) -> None:
    """Stream ``megabytes`` of spaces through deflate: ~1 KB per MB stored, nothing large in memory."""
    chunk = b" " * (1024 * 1024)
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    with archive.open(info, "w") as entry:
        entry.write(head)
        for _ in range(megabytes):
            entry.write(chunk)
        entry.write(tail)


def _zip(parts: dict[str, bytes], bomb: tuple[str, int] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
        if bomb:
            _bomb_entry(archive, bomb[0], bomb[1], b"<?xml version='1.0'?><x>", b"</x>")
    return out.getvalue()


DOCX_PARTS = {
    "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"/>',
}


@pytest.fixture(scope="module")
def docx_bomb() -> bytes:
    return _zip(DOCX_PARTS, bomb=("word/document.xml", BOMB_MB))


@pytest.fixture(scope="module")
def xlsx_bomb() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["Mã đơn vị", "Tên đơn vị", "Tên viết tắt", "Loại", "Thể thức"])
    real = io.BytesIO()
    wb.save(real)
    with zipfile.ZipFile(io.BytesIO(real.getvalue())) as src:
        parts = {i.filename: src.read(i) for i in src.infolist() if i.filename != "xl/worksheets/sheet1.xml"}
    return _zip(parts, bomb=("xl/worksheets/sheet1.xml", BOMB_MB))


@pytest.fixture
def tripwires(monkeypatch):
    """python-docx and openpyxl must not be reached by a refused archive."""
    import docx
    import openpyxl

    def tripped(*args, **kwargs):
        raise AssertionError("the library was asked to open a refused archive")

    monkeypatch.setattr(docx, "Document", tripped)
    monkeypatch.setattr(openpyxl, "load_workbook", tripped)


def test_the_bombs_are_small_and_declare_hundreds_of_megabytes(docx_bomb, xlsx_bomb):
    for data in (docx_bomb, xlsx_bomb):
        assert len(data) < 2 * 1024 * 1024
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            assert sum(i.file_size for i in archive.infolist()) > BOMB_MB * 1024 * 1024


def test_a_docx_bomb_is_refused_by_the_import_page(cast, client, docx_bomb, tripwires):
    client.force_login(cast.mai)
    upload = SimpleUploadedFile("ke-hoach.docx", docx_bomb)
    response = client.post(reverse("directives:import"), {"file": upload})
    assert response.status_code == 400
    assert "Tệp .docx khi giải nén vượt quá 50 MB" in _text(response) and "bom nén" in _text(response)


def test_a_docx_with_one_entry_compressed_like_a_bomb_is_refused(cast, client, tripwires):
    """Under the 50 MB total, but 30 MB of spaces in 30 KB: no Word file compresses like that."""
    data = _zip(DOCX_PARTS, bomb=("word/document.xml", 30))
    client.force_login(cast.mai)
    response = client.post(reverse("directives:import"), {"file": SimpleUploadedFile("ke-hoach.docx", data)})
    assert response.status_code == 400 and "nén bất thường" in _text(response)


def test_an_xlsx_bomb_is_refused_by_the_unit_import(cast, client, xlsx_bomb, tripwires):
    client.force_login(cast.son)
    units = Unit.objects.count()
    response = client.post(reverse("org:unit_import"), {"file": SimpleUploadedFile("don-vi.xlsx", xlsx_bomb)})
    assert response.status_code == 200
    assert "Tệp .xlsx khi giải nén vượt quá 200 MB" in _text(response) and "không có gì được ghi" in _text(
        response
    )
    assert Unit.objects.count() == units
    with pytest.raises(UnitImportRefused) as refused:
        import_file(actor=None, filename="don-vi.xlsx", data=xlsx_bomb)
    assert "bom nén" in str(refused.value)


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_a_corrupt_zip_is_refused_clearly(cast, client, kind, tripwires, docx_bomb, xlsx_bomb):
    broken = (docx_bomb if kind == "docx" else xlsx_bomb)[:4000]  # the central directory is gone
    if kind == "docx":
        client.force_login(cast.mai)
        response = client.post(reverse("directives:import"), {"file": SimpleUploadedFile("a.docx", broken)})
        assert response.status_code == 400 and "Tệp .docx bị hỏng, không mở được." in _text(response)
    else:
        client.force_login(cast.son)
        response = client.post(reverse("org:unit_import"), {"file": SimpleUploadedFile("a.xlsx", broken)})
        assert "Không đọc được tệp Excel (.xlsx)" in _text(response)


def test_a_real_office_file_still_opens(cast):
    """The limits do not refuse what a person really uploads."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Mã đơn vị", "Tên đơn vị", "Tên viết tắt", "Loại", "Thể thức", "Mã đơn vị cấp trên"])
    for i in range(2000):
        ws.append(
            [f"cd-{i}", f"Công đoàn cơ sở số {i}", "CĐCS", "union_grassroots", "union", "bg-ldld-yenthe"]
        )
    out = io.BytesIO()
    wb.save(out)
    inspect_zip(out.getvalue(), label=".xlsx", limits=ZipLimits(max_total=200 * 1024 * 1024))
    result = import_file(actor=None, filename="don-vi.xlsx", data=out.getvalue())
    assert result.units_created == 2000
    with pytest.raises(UnsafeArchive) as refused:
        inspect_zip(b"PK\x03\x04" + os.urandom(64), label=".xlsx", limits=ZipLimits(max_total=1024))
    assert refused.value.code == "corrupt_file"


# --- helpers ------------------------------------------------------------------------------------------


class _RawNamed(SimpleUploadedFile):
    """An upload whose name is exactly what a hostile client sent (Django's own upload classes strip the
    directory part; the services must not rely on that)."""

    def __init__(self, name: str, content: bytes):
        super().__init__("x.pdf", content, content_type="application/pdf")
        self._name = name

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, value):
        self._name = value


def _client_for(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client
