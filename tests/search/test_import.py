"""Nhập văn bản: paste or upload, review what was read, then record it as external or start a draft."""

import datetime as dt
import html
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from directives.models import Document, DocumentRelation, Recipient, Selection, Status
from directives.services import signing
from portal.audit.models import Event
from tests.directives.test_issue import guidance

START, CONFIRM = "/van-ban/nhap/", "/van-ban/nhap/xac-nhan/"
SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

CONG_VAN = """LIÊN ĐOÀN LAO ĐỘNG TỈNH BẮC GIANG
Số: 15/LĐLĐ-TG&NC
V/v triển khai công tác thông tin đối ngoại năm 2024

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Bắc Giang, ngày 20 tháng 02 năm 2024

Kính gửi:
- Liên đoàn lao động các huyện, thị xã, thành phố;
- Các công đoàn cơ sở trực thuộc.

Thực hiện Hướng dẫn số 97-HD/BTGTU ngày 06/02/2024 của Ban Tuyên giáo Tỉnh ủy về công tác thông tin đối ngoại \
năm 2024, Ban Thường vụ Liên đoàn Lao động tỉnh đề nghị các cấp công đoàn thực hiện một số nội dung sau:

1. Tuyên truyền sâu rộng trong đoàn viên, người lao động về công tác thông tin đối ngoại.

2. Các đơn vị báo cáo kết quả thực hiện về Liên đoàn Lao động tỉnh trước ngày 15/12/2024./.

Nơi nhận:
- Như kính gửi;
- Ban Tuyên giáo Tỉnh ủy (b/c);
- Lưu: VT, TG&NC.

TM. BAN THƯỜNG VỤ
PHÓ CHỦ TỊCH

Nguyễn Mạnh Hùng
"""


def review_post(response, action, **overrides):
    """What the browser sends back from the review page: every field as pre-filled, then the edits."""
    context = response.context
    data = {}
    forms = [context["form"], *context["citations"].forms, *context["recipients"].forms]
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if isinstance(value, bool):
                if value:
                    data[form.add_prefix(name)] = "on"
                continue
            if isinstance(value, dt.date):
                value = value.isoformat()
            data[form.add_prefix(name)] = "" if value is None else value
    for formset in (context["citations"], context["recipients"]):
        for field in formset.management_form:
            data[field.html_name] = field.value()
    data.update(overrides)
    data["action"] = action
    return data


def read(client, text=CONG_VAN):
    response = client.post(START, {"text": text})
    assert response.status_code == 200, response.content.decode()[:2000]
    return response


def test_the_review_shows_every_part_read_from_a_pasted_text(cast, login):
    before = Document.objects.count()
    response = read(login(cast.mai))
    page = response.content.decode()
    form = response.context["form"]
    assert form["doc_type"].value() == "CV"
    assert form["number_symbol"].value() == "15/LĐLĐ-TG&NC"
    assert form["issue_date"].value() == dt.date(2024, 2, 20)
    assert form["place"].value() == "Bắc Giang"
    assert form["issuer"].value() == "LIÊN ĐOÀN LAO ĐỘNG TỈNH BẮC GIANG"
    assert form["subject"].value() == "triển khai công tác thông tin đối ngoại năm 2024"
    assert form["opening"].value().startswith("Thực hiện Hướng dẫn số 97-HD/BTGTU")
    assert (
        form["signer_authority"].value() == "TM" and form["signer_authority_body"].value() == "BAN THƯỜNG VỤ"
    )
    assert (
        form["signer_title"].value() == "PHÓ CHỦ TỊCH" and form["signer_name"].value() == "Nguyễn Mạnh Hùng"
    )
    assert (
        "báo cáo kết quả thực hiện về Liên đoàn Lao động tỉnh trước ngày 15/12/2024"
        in form["reporting"].value()
    )
    cited = response.context["citations"].forms[0]
    assert (cited["number_symbol"].value(), cited["issue_date"].value(), cited["issuer"].value()) == (
        "97-HD/BTGTU",
        dt.date(2024, 2, 6),
        "Ban Tuyên giáo Tỉnh ủy",
    )
    rows = [
        (f["label"].value(), f["purpose"].value(), f["in_kinh_gui"].value())
        for f in response.context["recipients"].forms
        if f["label"].value()
    ]
    assert rows == [
        ("Liên đoàn lao động các huyện, thị xã, thành phố", "thuc_hien", True),
        ("Các công đoàn cơ sở trực thuộc", "thuc_hien", True),
        ("Như kính gửi", "thuc_hien", False),
        ("Ban Tuyên giáo Tỉnh ủy", "bao_cao", False),
        ("Lưu: VT, TG&NC", "luu", False),
    ]
    for shown in (
        "15/LĐLĐ-TG&NC",
        "20/02/2024",
        "97-HD/BTGTU",
        "06/02/2024",
        "Nguyễn Mạnh Hùng",  # dd/mm/yyyy
        "Ghi nhận là văn bản ngoài hệ thống",
        "Tạo dự thảo",
    ):
        assert html.escape(shown, quote=False) in page
    assert Document.objects.count() == before  # nothing written before the person confirms


def test_confirming_records_an_external_document_with_its_citation_once(cast, login):
    client = login(cast.thu)  # the clerk of LĐLĐ tỉnh registers incoming paper
    response = client.post(CONFIRM, review_post(read(client), "external"))
    doc = Document.objects.get(number_symbol="15/LĐLĐ-TG&NC")
    assert response.status_code == 302 and response["Location"] == f"/van-ban/{doc.pk}/"
    assert doc.is_external and doc.status == Status.EXTERNAL and doc.issue_date == dt.date(2024, 2, 20)
    assert doc.doc_type == "CV" and doc.subject == "triển khai công tác thông tin đối ngoại năm 2024"
    cited = Document.objects.get(number_symbol="97-HD/BTGTU")
    assert cited.is_external and cited.issue_date == dt.date(2024, 2, 6) and cited.doc_type == "HD"
    assert DocumentRelation.objects.filter(source=doc, target=cited, kind="implements").exists()
    assert Event.objects.filter(action="document.imported", object_id=str(doc.pk), actor=cast.thu).exists()
    # The same document imported again is matched, not duplicated — nor is what it cites.
    total = Document.objects.count()
    response = client.post(CONFIRM, review_post(read(client), "external"), follow=True)
    assert Document.objects.count() == total
    assert "đã có trong hệ thống" in response.content.decode()
    assert DocumentRelation.objects.filter(source=doc).count() == 1


def test_the_person_s_corrections_are_what_is_saved(cast, login):
    client = login(cast.thu)
    data = review_post(
        read(client),
        "external",
        number_symbol="Số 16 / LĐLĐ-TG&NC",
        issue_date="2024-02-21",
        subject="Triển khai công tác thông tin đối ngoại năm 2024 (sửa)",
    )
    data["trich_dan-0-DELETE"] = "on"  # the person drops the citation
    client.post(CONFIRM, data)
    doc = Document.objects.get(number_symbol="16/LĐLĐ-TG&NC", issue_date=dt.date(2024, 2, 21))
    assert doc.subject.endswith("(sửa)")
    assert not Document.objects.filter(number_symbol="97-HD/BTGTU").exists()


def test_confirming_a_draft_copies_the_parts_and_keeps_recipients_as_text(cast, login):
    client = login(cast.mai)
    response = client.post(CONFIRM, review_post(read(client), "draft", unit=str(cast.ldld.pk)))
    draft = Document.objects.get(issuer=cast.ldld, status=Status.DRAFT)
    assert response.status_code == 302 and response["Location"] == f"/van-ban/{draft.pk}/sua/"
    assert draft.doc_type == "CV" and draft.subject == "triển khai công tác thông tin đối ngoại năm 2024"
    assert draft.department == "TG&NC" and draft.number_symbol == ""
    assert draft.opening.startswith("<p>Thực hiện Hướng dẫn số 97-HD/BTGTU")
    assert (draft.signer_authority, draft.signer_authority_body, draft.signer_title, draft.signer_name) == (
        "TM",
        "BAN THƯỜNG VỤ",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Mạnh Hùng",
    )
    assert "15/12/2024" in draft.body[0]["text"]
    lines = list(
        Recipient.objects.filter(document=draft).values_list("label", "purpose", "selection", "in_kinh_gui")
    )
    assert lines == [
        ("Liên đoàn lao động các huyện, thị xã, thành phố", "thuc_hien", Selection.NONE, True),
        ("Các công đoàn cơ sở trực thuộc", "thuc_hien", Selection.NONE, True),
        (
            "Ban Tuyên giáo Tỉnh ủy",
            "bao_cao",
            Selection.NONE,
            False,
        ),  # "Như kính gửi" is printed by the layout
        ("Lưu: VT, TG&NC", "luu", Selection.NONE, False),
    ]
    cited = Document.objects.get(number_symbol="97-HD/BTGTU")
    assert list(draft.relations_out.values_list("target_id", "kind")) == [(cited.pk, "implements")]
    assert "thong tin doi ngoai" in draft.search_text
    # A second draft from the same text links the same cited document.
    client.post(CONFIRM, review_post(read(client), "draft", unit=str(cast.ldld.pk)))
    assert Document.objects.filter(number_symbol="97-HD/BTGTU").count() == 1
    assert Document.objects.filter(issuer=cast.ldld, status=Status.DRAFT).count() == 2


def test_a_cited_document_issued_in_the_system_is_linked_not_registered(cast, login):
    issued = signing.document_issue(actor=cast.hanh, document=guidance(cast))
    day = timezone.localdate(issued.issued_at)
    text = CONG_VAN.replace("97-HD/BTGTU ngày 06/02/2024", f"{issued.number_symbol} ngày {day:%d/%m/%Y}")
    client = login(cast.mai)
    client.post(CONFIRM, review_post(read(client, text), "draft", unit=str(cast.ldld.pk)))
    draft = Document.objects.get(issuer=cast.ldld, status=Status.DRAFT)
    assert list(draft.relations_out.values_list("target_id", flat=True)) == [issued.pk]
    assert Document.objects.filter(number_symbol=issued.number_symbol).count() == 1


def test_a_draft_needs_a_unit_where_the_person_drafts(cast, login):
    client = login(cast.mai)
    response = read(client)
    before = Document.objects.count()
    refused = client.post(CONFIRM, review_post(response, "draft", unit=""))
    assert refused.status_code == 400 and "Chọn đơn vị sẽ soạn dự thảo." in refused.content.decode()
    refused = client.post(CONFIRM, review_post(response, "draft", unit=str(cast.btgtu.pk)))
    assert refused.status_code == 400 and refused.context["form"].errors["unit"]
    assert Document.objects.count() == before


def test_an_external_document_needs_a_number_symbol(cast, login):
    client = login(cast.thu)
    before = Document.objects.count()
    refused = client.post(CONFIRM, review_post(read(client), "external", number_symbol=""))
    assert refused.status_code == 400 and "Cần ghi số, ký hiệu" in refused.content.decode()
    assert Document.objects.count() == before


@pytest.mark.parametrize("name", ["van-ban.txt", "van-ban.docx", "van-ban.pdf"])
def test_it_reads_each_accepted_file_type(cast, login, name):
    if name.endswith(".txt"):
        data = CONG_VAN.encode("utf-8")
    elif name.endswith(".docx"):
        docx = pytest.importorskip("docx")
        document = docx.Document()
        for line in CONG_VAN.split("\n"):
            document.add_paragraph(line)
        buffer = io.BytesIO()
        document.save(buffer)
        data = buffer.getvalue()
    else:
        pytest.importorskip("weasyprint")
        from weasyprint import HTML

        body = "".join(f"<p>{line or '&nbsp;'}</p>" for line in CONG_VAN.split("\n"))
        data = HTML(string=f"<html><body>{body}</body></html>").write_pdf()
    response = login(cast.mai).post(START, {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 200
    assert response.context["form"]["number_symbol"].value() == "15/LĐLĐ-TG&NC"


def blank_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("van-ban.doc", b"\xd0\xcf\x11\xe0 old Word", "Chỉ nhận tệp .txt, .docx hoặc .pdf."),
        ("anh-chup.png", b"\x89PNG\r\n", "Chỉ nhận tệp .txt, .docx hoặc .pdf."),
        ("hong.docx", b"PK\x03\x04 not really a zip", "Tệp .docx bị hỏng"),
        ("gia.docx", b"just text renamed", "Tệp .docx bị hỏng"),
        ("hong.pdf", b"%PDF-1.7\n garbage", "Tệp .pdf bị hỏng"),
        ("rong.txt", b"", "Tệp rỗng"),
        ("latin1.txt", "Công văn".encode("cp1258"), "UTF-8"),
    ],
)
def test_it_refuses_unreadable_uploads_in_vietnamese_and_writes_nothing(cast, login, name, data, message):
    before = Document.objects.count()
    response = login(cast.mai).post(START, {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Document.objects.count() == before


def test_it_refuses_a_pdf_without_a_text_layer(cast, login):
    response = login(cast.mai).post(START, {"file": SimpleUploadedFile("ban-chup.pdf", blank_pdf())})
    assert response.status_code == 400
    assert "không có lớp văn bản" in response.content.decode()


@override_settings(IMPORT_MAX_BYTES=2048)
def test_it_refuses_a_file_or_a_paste_over_the_limit(cast, login):
    client = login(cast.mai)
    big = (CONG_VAN * 3).encode("utf-8")
    assert len(big) > 2048
    response = client.post(START, {"file": SimpleUploadedFile("lon.txt", big)})
    assert response.status_code == 400 and "Tệp quá lớn" in response.content.decode()
    response = client.post(START, {"text": CONG_VAN * 3})
    assert response.status_code == 400 and "quá lớn" in response.content.decode()


def test_it_asks_for_text_or_a_file(cast, login):
    client = login(cast.mai)
    response = client.post(START, {"text": "   "})
    assert (
        response.status_code == 400
        and "Hãy dán nội dung văn bản hoặc chọn một tệp" in response.content.decode()
    )
    response = client.post(START, {"text": CONG_VAN, "file": SimpleUploadedFile("a.txt", b"x")})
    assert response.status_code == 400 and "Chỉ chọn một cách" in response.content.decode()


def test_anonymous_visitors_are_sent_to_the_login(client):
    for response in (client.get(START), client.post(START, {"text": CONG_VAN}), client.post(CONFIRM, {})):
        assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


@pytest.mark.parametrize("who", ["tuan", "charlie", "son"])
def test_people_without_a_drafting_or_clerk_role_are_refused(cast, login, who):
    client = login(getattr(cast, who))  # reporter, outsider, unit admin
    before = Document.objects.count()
    assert client.get(START).status_code == 403
    assert client.post(START, {"text": CONG_VAN}).status_code == 403
    mai = login(cast.mai)
    data = review_post(read(mai), "external")
    client = login(getattr(cast, who))
    assert client.post(CONFIRM, data).status_code == 403
    assert client.post(CONFIRM, {**data, "action": "draft", "unit": str(cast.cdcs.pk)}).status_code == 403
    assert Document.objects.count() == before


def test_a_clerk_may_import(cast, login):
    assert login(cast.thu).get(START).status_code == 200


# --- the five seeds -------------------------------------------------------------------------------

SEED_FILES = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []


@pytest.mark.skipif(not SEED_FILES, reason=f"seed documents not found at {SEEDS}")
@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_each_seed_reads_into_the_review_form(cast, login, path):
    response = login(cast.mai).post(START, {"file": SimpleUploadedFile(path.name, path.read_bytes())})
    assert response.status_code == 200
    form = response.context["form"]
    assert form["subject"].value() and form["signer_name"].value()
    assert form["subject"].value() in response.content.decode()
    assert any(f["number_symbol"].value() for f in response.context["citations"].forms)


@pytest.mark.skipif(not SEED_FILES, reason=f"seed documents not found at {SEEDS}")
def test_the_seed_cascade_imports_without_duplicating_cited_documents(cast, login):
    """The Bắc Giang chain: 001 (97-HD/BTGTU, citing 132-HD/BTGTW), then 000 (citing 97-HD/BTGTU)."""
    seeds = {p.name[:3]: p for p in SEED_FILES}
    client = login(cast.mai)
    guide = read(client, seeds["001"].read_text(encoding="utf-8"))
    client.post(CONFIRM, review_post(guide, "external", issue_date="2024-02-06"))
    guidance_97 = Document.objects.get(number_symbol="97-HD/BTGTU")
    assert guidance_97.is_external and guidance_97.issue_date == dt.date(2024, 2, 6)
    central = Document.objects.get(number_symbol="132-HD/BTGTW", issue_date=dt.date(2023, 12, 29))
    assert DocumentRelation.objects.filter(source=guidance_97, target=central).exists()

    letter = read(client, seeds["000"].read_text(encoding="utf-8"))
    assert letter.context["form"]["number_symbol"].value() == "/LĐLĐ-TG&NC"
    response = client.post(CONFIRM, review_post(letter, "draft", unit=str(cast.ldld.pk)))
    assert response.status_code == 302
    draft = Document.objects.get(issuer=cast.ldld, status=Status.DRAFT)
    assert list(draft.relations_out.values_list("target_id", flat=True)) == [guidance_97.pk]
    assert Document.objects.filter(number_symbol="97-HD/BTGTU").count() == 1
    assert draft.signer_name == "Nguyễn Mạnh Hùng" and draft.signer_authority == "TM"
    assert Recipient.objects.filter(document=draft, in_kinh_gui=True).count() == 4
