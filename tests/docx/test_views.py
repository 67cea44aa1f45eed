"""«Tải bản Word (.docx)» on documents and reports, «Tải lên bản Word đã sửa» on a draft: access as the PDF's and the
editor's, refusals in Vietnamese beside the file field, nothing changed by a refused upload (helper B, issue 17)."""

from __future__ import annotations

import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from directives.content import Signature
from directives.docx.export import docx_from_layout
from directives.docx.views import DOCX_TYPE, docx_file_name
from directives.errors import DocumentNotEditable
from directives.models import Document
from directives.rendering import layout_for
from directives.services.compose import DraftContent, document_create_draft, document_save_draft
from portal.audit.models import Event

BODY = [
    {"heading": "Mục đích, yêu cầu", "text": "<p>Nâng cao <strong>nhận thức</strong>.</p>", "footnotes": []},
    {
        "heading": "Nội dung",
        "text": "<p>Tuyên truyền Kết luận 57-KL/TW[^1].</p>",
        "footnotes": ["Ngày 15/6/2023."],
    },
]


@pytest.fixture
def draft(cast, settings, tmp_path) -> Document:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    document = document_create_draft(actor=cast.mai, issuer=cast.ldld, doc_type="KH")
    return document_save_draft(
        actor=cast.mai,
        document=document,
        content=DraftContent(
            doc_type="KH",
            department="TG&NC",
            subject="Kế hoạch tuyên truyền Kết luận 57-KL/TW",
            opening="<p>Thực hiện chương trình công tác năm 2024.</p>",
            body=BODY,
            signature=Signature(
                authority="TM", authority_body="BAN THƯỜNG VỤ", title="CHỦ TỊCH", name="Hùng"
            ),
        ),
        expected_version=document.version,
    )


def _upload(client, document, data: bytes, name: str = "ke-hoach.docx", version=None):
    return client.post(
        reverse("directives:docx_upload", args=[document.pk]),
        {
            "file": SimpleUploadedFile(name, data),
            "version": document.version if version is None else version,
        },
    )


def test_a_draft_downloads_as_word_for_its_unit_and_not_for_an_outsider(cast, login, draft):
    url = reverse("directives:docx", args=[draft.pk])
    response = login(cast.mai).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_TYPE
    assert "attachment" in response["Content-Disposition"]
    assert "ke-hoach-tuyen-truyen-ket-luan-57-kl-tw.docx" in response["Content-Disposition"]
    opened = docx.Document(io.BytesIO(response.content))
    assert [p.text for p in opened.paragraphs if p.style.name.startswith("Heading")] == [
        "I. Mục đích, yêu cầu",
        "II. Nội dung",
    ]
    assert login(cast.charlie).get(url).status_code == 404


def test_the_detail_and_editor_pages_offer_the_word_buttons(cast, login, draft):
    client = login(cast.mai)
    detail = client.get(reverse("directives:detail", args=[draft.pk])).content.decode()
    assert "Tải bản Word (.docx)" in detail and reverse("directives:docx", args=[draft.pk]) in detail
    editor = client.get(reverse("directives:edit", args=[draft.pk])).content.decode()
    assert (
        "Tải lên bản Word đã sửa" in editor and reverse("directives:docx_upload", args=[draft.pk]) in editor
    )


def test_the_file_name_is_the_number_symbol_or_the_subject_and_never_a_path():
    assert docx_file_name("76/KH-LĐLĐ", "x", fallback="f") == "76_KH-LĐLĐ.docx"
    assert docx_file_name("", "Về công tác ../../etc/passwd", fallback="f") == "ve-cong-tac-etc-passwd.docx"
    assert docx_file_name("", "", fallback="du-thao-7") == "du-thao-7.docx"


def test_an_edited_file_replaces_the_draft_text_and_is_recorded(cast, login, draft):
    exported = docx.Document(io.BytesIO(docx_from_layout(layout_for(draft))))
    heading = next(p for p in exported.paragraphs if p.text == "II. Nội dung")
    heading.runs[-1].text = "Nội dung trọng tâm"
    out = io.BytesIO()
    exported.save(out)
    response = _upload(login(cast.mai), draft, out.getvalue())
    assert response.status_code == 302 and response["Location"] == reverse("directives:edit", args=[draft.pk])
    after = Document.objects.get(pk=draft.pk)
    assert [n["heading"] for n in after.body] == ["Mục đích, yêu cầu", "Nội dung trọng tâm"]
    assert after.body[0]["text"] == "<p>Nâng cao <strong>nhận thức</strong>.</p>"
    assert after.body[1]["text"] == "<p>Tuyên truyền Kết luận 57-KL/TW[^1].</p>"
    assert after.body[1]["footnotes"] == ["Ngày 15/6/2023."]
    assert after.department == "TG&NC" and after.signer_name == "Hùng"
    assert Event.objects.filter(action="document.docx_imported", actor=cast.mai).count() == 1


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("ke-hoach.txt", "Kế hoạch".encode(), "thuộc loại không được phép (.txt); chỉ nhận: Word (.docx)"),
        ("ke-hoach.docx", b"PK\x03\x04 not really a zip", "bị hỏng"),
        ("ke-hoach.docx", b"%PDF-1.7 renamed", "không đúng định dạng .docx"),
    ],
)
def test_a_file_that_is_not_a_sound_docx_is_refused_beside_the_field_and_changes_nothing(
    cast, login, draft, name, data, message
):
    response = _upload(login(cast.mai), draft, data, name=name)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and 'class="error" role="alert"' in page
    after = Document.objects.get(pk=draft.pk)
    assert (after.version, after.body) == (draft.version, draft.body)
    assert not Event.objects.filter(action="document.docx_imported").exists()


def test_a_stale_version_is_refused(cast, login, draft):
    data = docx_from_layout(layout_for(draft))
    response = _upload(login(cast.mai), draft, data, version=draft.version - 1)
    assert response.status_code == 400
    assert Document.objects.get(pk=draft.pk).version == draft.version


def test_an_outsider_and_a_reader_cannot_upload(cast, login, draft):
    data = docx_from_layout(layout_for(draft))
    assert _upload(login(cast.charlie), draft, data).status_code == 404
    assert _upload(login(cast.son), draft, data).status_code == 404  # the unit admin reads, does not draft
    assert Document.objects.get(pk=draft.pk).version == draft.version


def test_an_issued_document_cannot_be_replaced(cast, draft):
    from directives.docx.services import draft_text_from_docx

    data = docx_from_layout(layout_for(draft))
    Document.objects.filter(pk=draft.pk).update(status="issued")
    with pytest.raises(DocumentNotEditable):
        draft_text_from_docx(
            actor=cast.mai,
            document=draft,
            upload=SimpleUploadedFile("ke-hoach.docx", data),
            expected_version=draft.version,
        )
    assert Document.objects.get(pk=draft.pk).body == draft.body


def test_a_report_downloads_as_word_for_its_readers(cast, login):
    from tests.reporting.conftest import semiannual_obligation

    obligation = semiannual_obligation(cast)
    url = reverse("reporting:report_docx", args=[obligation.pk])
    response = login(cast.tuan).get(url)
    assert response.status_code == 200 and response["Content-Type"] == DOCX_TYPE
    assert f"bao-cao-{obligation.unit.code}-2024-S1.docx" in response["Content-Disposition"]
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "BÁO CÁO" in text
    detail = login(cast.tuan).get(reverse("reporting:report_detail", args=[obligation.pk])).content.decode()
    assert "Tải bản Word (.docx)" in detail
    assert login(cast.charlie).get(url).status_code == 404


def test_an_issued_document_downloads_with_its_number_as_the_file_name(cast, login, draft):
    import datetime as dt

    Document.objects.filter(pk=draft.pk).update(
        status="issued", number=5, number_symbol="05/KH-LĐLĐ", issue_date=dt.date(2024, 2, 6)
    )
    response = login(cast.hung).get(reverse("directives:docx", args=[draft.pk]))
    assert response.status_code == 200
    assert "05_KH-L%C4%90L%C4%90.docx" in response["Content-Disposition"]
    header = docx.Document(io.BytesIO(response.content)).tables[0]
    assert header.rows[1].cells[0].paragraphs[0].text.startswith("Số: 05/KH-")
    assert "ngày 06 tháng 02 năm 2024" in header.rows[1].cells[1].paragraphs[0].text
