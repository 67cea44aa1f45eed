"""The portal's one check of an attached file (portal.lib.uploads.attachment_check), used by the reports'
attachments, the tasks' evidence and the incoming register's scans: judged by content, size and kind."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile

from portal.lib.errors import AttachmentRefused
from portal.lib.uploads import attachment_check

KINDS = ("pdf", "png", "docx")


def _check(name: str, data: bytes, **kwargs):
    return attachment_check(
        ContentFile(data, name=name), allowed=KINDS, max_bytes=1000, refusal=AttachmentRefused, **kwargs
    )


def test_it_accepts_a_file_that_is_what_its_name_says():
    assert _check("Bao-cao.PDF", b"%PDF-1.7 ...") == "pdf"
    assert _check("bang.docx", b"PK\x03\x04...") == "docx"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "virus.exe",
            b"MZ\x90\x00",
            "Tệp «virus.exe» thuộc loại không được phép (.exe); chỉ nhận: pdf, png, docx.",
        ),
        ("khong-duoi", b"%PDF", "Tệp «khong-duoi» thuộc loại không được phép (.?)"),
        ("gia.pdf", b"<html>", "Nội dung tệp «gia.pdf» không đúng định dạng .pdf."),
        ("rong.png", b"", "Tệp «rong.png» rỗng."),
        ("lon.pdf", b"%PDF" + b"x" * 2000, "Tệp «lon.pdf» quá lớn (0,0 MB); tối đa 0,0 MB."),
    ],
)
def test_it_refuses_with_a_message_a_person_can_act_on(name, data, message):
    with pytest.raises(AttachmentRefused) as refused:
        _check(name, data)
    assert refused.value.message.startswith(message) and refused.value.errors == {
        "file": refused.value.message
    }


def test_a_scan_is_named_as_such_beside_its_own_field():
    with pytest.raises(AttachmentRefused) as refused:
        _check("anh.gif", b"GIF89a", field="scan", subject="Bản quét", kinds_label="tệp PDF, JPG hoặc PNG")
    assert (
        refused.value.message
        == "Bản quét thuộc loại không được phép (.gif); chỉ nhận: tệp PDF, JPG hoặc PNG."
    )
    assert list(refused.value.errors) == ["scan"]
