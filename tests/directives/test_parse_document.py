"""Import of existing documents: file → text → metadata. Runs without Django:

    .venv/bin/pytest tests/directives/test_parse_document.py -p no:django -q

The expected values for the five seeds were written by hand from the seed texts, not copied from
the parser's output.
"""

from __future__ import annotations

import codecs
import io
import unicodedata
import zipfile
from pathlib import Path

import pytest

from directives.importing import ImportRefused, extract_text, parse_document
from directives.importing.parser import REQUIRED_KEYS
from directives.importing.patterns import normalize_number_symbol, parse_symbol, parse_vn_date

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
MB = 1024 * 1024


def seed_text(prefix: str) -> str:
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt")) if SEEDS.is_dir() else []
    if not matches:
        pytest.skip(f"the seed texts live in ../shared/seeds beside the project and are absent ({SEEDS})")
    return matches[0].read_text(encoding="utf-8")


# --- the five seeds ---------------------------------------------------------------------------

EXPECTED = {
    "000": {
        "doc_type": "CV",
        "number_symbol": "/LĐLĐ-TG&NC",
        "issue_date": None,  # "ngày tháng 02 năm 2024": the day is still blank in this draft
        "place": "Bắc Giang",
        # No header body in the text: the issuer is read from the opening's main clause.
        "issuer": "Ban Thường vụ Liên đoàn Lao động tỉnh",
        "parent_issuer": None,
        "subject": "hướng dẫn công tác thông tin đối ngoại năm 2024",
        "parent_refs": [
            {"number_symbol": "97-HD/BTGTU", "date": "2024-02-06", "issuer": "Ban Tuyên giáo tỉnh ủy"},
        ],
        "recipients": [
            "Liên đoàn lao động các huyện, thị xã, thành phố",
            "Các công đoàn ngành, Công đoàn Viên chức, Công đoàn Các khu công nghiệp tỉnh",
            "Nhà Văn hóa Lao động tỉnh",
            "Các công đoàn cơ sở trực thuộc LĐLĐ tỉnh",
            "Như kính gửi",
            "Ban Tuyên giáo Tổng Liên đoàn",
            "Thường trực LĐLĐ tỉnh",
            "Các ban, Văn phòng Liên đoàn Lao động tỉnh",
            "Lưu: VT, Ban TG&NC",
        ],
        "reporting": [],
        "signer": {"authority": "TM. BAN THƯỜNG VỤ", "title": "PHÓ CHỦ TỊCH", "name": "Nguyễn Mạnh Hùng"},
    },
    "001": {
        "doc_type": "HD",
        "number_symbol": "97-HD/BTGTU",
        "issue_date": None,  # the seed text carries no date line
        "place": None,
        "issuer": "Ban Tuyên giáo Tỉnh ủy",
        "parent_issuer": None,
        "subject": "Công tác thông tin đối ngoại năm 2024",
        "parent_refs": [
            {"number_symbol": "132-HD/BTGTW", "date": "2023-12-29", "issuer": "Ban Tuyên giáo Trung ương"},
        ],
        "recipients": [
            "Ban Tuyên giáo Trung ương (B/c)",
            "Vụ TTĐN và Hợp tác quốc tế BTGTW (B/c)",
            "Thường trực Tỉnh ủy (B/c)",
            "Ban Cán sự Đảng UBND tỉnh",
            "Sở TT & TT, Sở VH TT & DL, Sở Ngoại vụ",
            "Báo Bắc Giang, Đài PT & TH",
            "Hội Nhà báo tỉnh, Hội, VHNT tỉnh",
            "MTTQ và các tổ chức chính trị - xã hội tỉnh",
            "Ban Tuyên giáo các huyện ủy, thành ủy, thị ủy, đảng ủy trực thuộc Tỉnh ủy",
            "Lãnh đạo Ban",
            "Phòng Tuyên truyền",
            "Lưu Ban Tuyên giáo Tỉnh ủy",
        ],
        "reporting": [
            "Thường xuyên phối hợp với các đơn vị của các bộ, ngành chuyên môn ở Trung ương về công tác đối "
            "ngoại và thông tin đối ngoại, với các sở, ban, ngành liên quan trong việc cung cấp, chia sẻ thông "
            "tin, thực hiện chế độ báo cáo định kỳ, góp phần tích cực trong công tác chỉ đạo định hướng thông "
            "tin đối ngoại đảm bảo kịp thời, thống nhất, đồng bộ, nhất là đối với những vấn đề quan trọng, "
            "nhạy cảm được dư luận quan tâm.",
            "Ngoài những nội dung chủ yếu trên, các địa phương, đơn vị căn cứ vào tình hình, đặc điểm của tỉnh "
            "và điều kiện cụ thể của từng địa phương, đơn vị, xác định rõ nội dung và hình thức tuyên truyền "
            "cho phù hợp, đạt hiệu quả thiết thực; định kỳ báo cáo kết quả thực hiện về Ban Tuyên giáo Tỉnh ủy "
            "trong báo cáo công tác tháng, quý để Ban tổng hợp báo cáo Thường trực Tỉnh ủy và Ban Tuyên giáo "
            "Trung ương; Ban Chỉ đạo công tác thông tin đối ngoại Trung ương.",
        ],
        "signer": {"authority": "K/T TRƯỞNG BAN", "title": "PHÓ TRƯỞNG BAN", "name": "Nguyễn Văn Hạnh"},
    },
    "002": {
        "doc_type": "KH",
        "number_symbol": None,
        "issue_date": None,
        "place": None,
        "issuer": "Ban thường vụ LĐLĐ huyện",
        "parent_issuer": None,
        "subject": "Triển khai thực hiện Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị về tiếp tục "
        "nâng cao chất lượng, hiệu quả công tác thông tin đối ngoại trong tình hình mới",
        # 57-KL/TW in the opening is inside the quoted subject of the cited plan: not a citation.
        "parent_refs": [
            {"number_symbol": "76/KH-LĐLĐ", "date": "2024-07-25", "issuer": "LĐLĐ Bình Phước"},
        ],
        "recipients": [
            "VP LĐLĐ tỉnh(b.c)",
            "Thường trực Huyện ủy",
            "Ban Dân vận Huyện ủy",
            "Các CĐCS (t.h)",
            "Lưu: VT",
        ],
        "reporting": [
            "Liên đoàn Lao động huyện xây dựng Kế hoạch triển khai, thực hiện Kết luận số 57-KL/TW; nắm bắt tình "
            "hình dư luận trong đoàn viên, người lao động báo cáo kịp thời, định kỳ về Công đoàn tỉnh, Ban TT Ủy "
            "ban MTTQ Việt Nam huyện.",
            "Báo cáo kết quả thực hiện về Công đoàn huyện theo quy định.",
        ],
        "signer": {"authority": "TM. BAN CHẤP HÀNH", "title": "PHÓ CHỦ TỊCH", "name": "Hoàng Thạch Sơn"},
    },
    "003": {
        "doc_type": "HD",
        "number_symbol": None,
        "issue_date": "2014-04-02",
        "place": "Lai Châu",
        "issuer": "Ban Thường vụ Đảng uỷ",
        "parent_issuer": None,
        "subject": "Công tác thông tin đối ngoại năm 2014",
        "parent_refs": [
            {
                "number_symbol": "135-HD/BTGTW",
                "date": "2014-03-21",
                "issuer": "Ban Tuyên giáo Tỉnh uỷ Lai Châu",
            },
        ],
        "recipients": ["Ban Tuyên giáo Tỉnh ủy (b/c)", "Các chi, đảng bộ cơ sở", "Lưu"],
        "reporting": [
            "Các chi, đảng bộ cơ sở triển khai tuyên truyền và gửi báo cáo về Đảng ủy qua Ban Tuyên giáo Đảng "
            "ủy (trước ngày 15/12/2014) để tổng hợp báo cáo cấp trên.",
        ],
        "signer": {"authority": "T/M BAN THƯỜNG VỤ", "title": "PHÓ BÍ THƯ", "name": "Hồ Xuân Lộc"},
    },
    "004": {
        "doc_type": "KH",
        "number_symbol": "84-KH/BCĐTTĐN",
        "issue_date": "2024-01-29",
        "place": "Hưng Yên",  # written "Hung Yên"; the body spells it "Hưng Yên"
        "issuer": "BAN CHỈ ĐẠO CÔNG TÁC THÔNG TIN ĐỐI NGOẠI",
        "parent_issuer": "TỈNH ỦY HƯNG YÊN",
        "subject": "Hoạt động thông tin đối ngoại tỉnh Hưng Yên năm 2024",
        "parent_refs": [
            {
                "number_symbol": "42-QĐ/BCĐTTĐN",
                "date": "2017-02-17",
                "issuer": "Ban Chỉ đạo Công tác thông tin đối ngoại tỉnh Hưng Yên",
            },
            {"number_symbol": "132-HD/BTGTW", "date": "2023-12-29", "issuer": "Ban Tuyên giáo Trung ương"},
        ],
        "recipients": [
            "BCD CTTĐTNTW (để b/c)",
            "Thường trực Tỉnh ủy (để b/c)",
            "Các thành viên và ngành thành viên BCDCTTĐTNTW tỉnh",
            "Phòng TT-BC-XB",
            "Lưu BCD; Phòng Tổng hợp",
        ],
        "reporting": [
            "Chủ trì, theo dõi, đôn đốc việc triển khai thực hiện kế hoạch hoạt động thông tin đối ngoại năm 2024 "
            "của các ngành thành viên; tổng hợp kết quả công tác thông tin đối ngoại của BCD tỉnh báo cáo Ban "
            "Thường vụ Tỉnh ủy và Ban Chỉ đạo Công tác thông tin đối ngoại Trung ương (định kỳ 6 tháng, 1 năm "
            "và đột xuất).",
            "Trên cơ sở nội dung của Kế hoạch này, Ban Chỉ đạo công tác thông tin đối ngoại tình yêu cầu các "
            "ngành thành viên chủ động triển khai thực hiện nghiêm túc, hiệu quả hoạt động thông tin đối ngoại "
            "năm 2024 và báo cáo kết quả về Ban Chỉ đạo Công tác thông tin đối ngoại tình (qua Ban Tuyên giáo "
            "Tỉnh ủy, định kỳ 6 tháng, 1 năm).",
        ],
        "signer": {
            "authority": None,
            "title": "TRƯỞNG BAN TUYÊN GIÁO TỈNH ỦY KIÊM TRƯỞNG BAN CHỈ ĐẠO CÔNG TÁC THÔNG TIN ĐỐI NGOẠI TỈNH",
            "name": "Đào Hồng Vận",
        },
    },
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
@pytest.mark.parametrize("key", REQUIRED_KEYS)
def test_it_parses_each_seed_field(prefix: str, key: str) -> None:
    parsed = parse_document(seed_text(prefix)).to_json()
    assert parsed[key] == EXPECTED[prefix][key]


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_it_outputs_exactly_the_required_keys(prefix: str) -> None:
    parsed = parse_document(seed_text(prefix)).to_json()
    assert tuple(parsed) == REQUIRED_KEYS
    assert parsed == EXPECTED[prefix]


def test_it_gives_recipient_purposes_only_when_extended() -> None:
    document = parse_document(seed_text("002"))
    extended = document.to_json(extended=True)
    assert "noi_nhan" not in document.to_json()
    assert extended["noi_nhan"] == [
        {"label": "VP LĐLĐ tỉnh", "purpose": "bao_cao"},
        {"label": "Thường trực Huyện ủy", "purpose": None},
        {"label": "Ban Dân vận Huyện ủy", "purpose": None},
        {"label": "Các CĐCS", "purpose": "thuc_hien"},
        {"label": "Lưu: VT", "purpose": "luu"},
    ]


def test_it_separates_kinh_gui_from_noi_nhan() -> None:
    document = parse_document(seed_text("000"))
    assert [item.label for item in document.kinh_gui][-1] == "Các công đoàn cơ sở trực thuộc LĐLĐ tỉnh"
    assert {item.purpose for item in document.kinh_gui} == {"thuc_hien"}
    assert document.noi_nhan[0].label == "Như kính gửi"
    assert document.noi_nhan[-1].purpose == "luu"


def test_it_reads_purpose_marks_of_both_regimes() -> None:
    text = "Nơi nhận:\n- Tỉnh ủy (để b/c);\n- Các sở (để t/h);\n- Sở Tư pháp (để biết);\n- Công an tỉnh (p/h);\n- Lưu: VT.\n"
    purposes = [item.purpose for item in parse_document(text).noi_nhan]
    assert purposes == ["bao_cao", "thuc_hien", "de_biet", "phoi_hop", "luu"]


# --- number-symbol and date rules -------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Số 97-HD/BTGTU", "97-HD/BTGTU"),  # Party: number-TYPE/ISSUER, no colon
        ("Số 97- HD/BTGTU", "97-HD/BTGTU"),
        ("Số 84 - KH/BCĐTTĐN", "84-KH/BCĐTTĐN"),
        ("Số 45-CV/BTGDVTU", "45-CV/BTGDVTU"),  # Party công văn writes CV
        ("Số: 76/KH-LĐLĐ", "76/KH-LĐLĐ"),  # state/union: number/TYPE-ISSUER
        ("Số: 76 / KH - LĐLĐ", "76/KH-LĐLĐ"),
        ("Số: 05/LĐLĐ-TG&NC", "05/LĐLĐ-TG&NC"),  # state công văn: issuer-department
        ("Số: /LĐLĐ-TG&NC", "/LĐLĐ-TG&NC"),  # number still blank in a draft
        ("Số: …/LĐLĐ-TG&NC", "/LĐLĐ-TG&NC"),
        ("Số:     /KH-LĐLĐ", "/KH-LĐLĐ"),
        ("368/QĐ-TTg", "368/QĐ-TTg"),
        ("Số: 30/2020/NĐ-CP", "30/2020/NĐ-CP"),
        ("202/2025/QH15", "202/2025/QH15"),
        ("Số 39 - CTr/TU", "39-CTr/TU"),
        ("Số 01-QĐi/TW", "01-QĐi/TW"),
        ("Số lượng đơn vị", None),
        ("22/12/1944", None),
    ],
)
def test_it_normalises_number_symbols(raw: str, expected: str | None) -> None:
    assert normalize_number_symbol(raw) == expected


@pytest.mark.parametrize(
    ("raw", "type_code", "style"),
    [
        ("97-HD/BTGTU", "HD", "party"),
        ("76/KH-LĐLĐ", "KH", "state"),
        ("05/LĐLĐ-TG&NC", "CV", "state"),
        ("45-CV/BTGDVTU", "CV", "party"),
        ("12/CTr-UBND", "CTR", "state"),
        ("3/QyĐ-UBND", "QYD", "state"),
        ("7/TTr-LĐLĐ", "TTR", "state"),
    ],
)
def test_it_reads_the_type_from_the_symbol(raw: str, type_code: str, style: str) -> None:
    symbol = parse_symbol(raw)
    assert symbol is not None
    assert (symbol.type_code, symbol.style) == (type_code, style)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Hưng Yên, ngày 29 tháng 01 năm 2024", "2024-01-29"),
        ("ngày 05 tháng 02 năm 2024", "2024-02-05"),
        ("ngày 5 tháng 2 năm 2024", "2024-02-05"),
        ("ngày 6/2/2024", "2024-02-06"),
        ("ngày 06/02/2024", "2024-02-06"),
        ("29/12/2023", "2023-12-29"),
        ("ngày tháng 02 năm 2024", None),  # blank day in a draft
        ("ngày ... tháng ... năm 2024", None),
        ("ngày 31/02/2024", None),
        ("không có ngày", None),
    ],
)
def test_it_parses_dates(raw: str, expected: str | None) -> None:
    parsed = parse_vn_date(raw)
    assert (parsed.isoformat() if parsed else None) == expected


def test_it_keeps_the_month_of_a_blank_day() -> None:
    document = parse_document("Số: /LĐLĐ-TG&NC\nBắc Giang, ngày    tháng 02 năm 2024\nV/v thử\n")
    assert document.issue_date is None
    assert document.issue_date_parts == {"day": None, "month": 2, "year": 2024}


def test_it_skips_nested_and_body_citations() -> None:
    text = (
        "KẾ HOẠCH\nThông tin đối ngoại năm 2024\n\n"
        "Thực hiện Kế hoạch số 101-KH/TU ngày 20/9/2023 của Ban Thường vụ Tỉnh ủy thực hiện Kết luận số "
        "57-KL/TW ngày 15/6/2023 của Bộ Chính trị; Hướng dẫn số 132-HD/BTGTW ngày 29/12/2023 của Ban Tuyên "
        "giáo Trung ương, Ban Tuyên giáo Tỉnh ủy xây dựng kế hoạch thực hiện Quyết định số 9-QĐ/TU như sau:\n\n"
        "I. MỤC ĐÍCH\n\nThực hiện tốt Chỉ thị số 26-CT/TW ngày 10/9/2008 của Ban Bí thư.\n"
    )
    refs = parse_document(text).to_json()["parent_refs"]
    assert [ref["number_symbol"] for ref in refs] == ["101-KH/TU", "132-HD/BTGTW"]


def test_it_restores_header_diacritics_only_from_the_same_name_in_the_body() -> None:
    header = "TỈNH ỦY HUNG YÊN\nBAN TUYÊN GIAO\nSố 5-HD/BTGTU\nHung Yên, ngày 02 tháng 4 năm 2024\nHƯỚNG DẪN\nThử\n\n"
    body = "Thực hiện Hướng dẫn số 1-HD/BTGTW ngày 02/01/2024 của Ban Tuyên giáo Trung ương, tỉnh Hưng Yên "
    document = parse_document(header + body + "Ban Tuyên giáo Tỉnh ủy hướng dẫn như sau:\n")
    assert (document.parent_issuer, document.place) == ("TỈNH ỦY HƯNG YÊN", "Hưng Yên")
    assert document.issuer == "BAN TUYÊN GIAO"  # "Tuyên giáo" is not a two-capital name in the body


# --- extract_text: refusals -------------------------------------------------------------------


def refused(filename: str, data: bytes, max_bytes: int = 5 * MB) -> ImportRefused:
    with pytest.raises(ImportRefused) as caught:
        extract_text(filename=filename, data=data, max_bytes=max_bytes)
    return caught.value


def test_it_refuses_other_extensions() -> None:
    error = refused("ke-hoach.doc", b"anything")
    assert (error.code, error.message) == ("unsupported_type", "Chỉ nhận tệp .txt, .docx hoặc .pdf.")


def test_it_refuses_a_file_over_the_limit_and_states_it_in_mb() -> None:
    error = refused("a.txt", b"x" * (MB + 1), max_bytes=MB)
    assert error.code == "too_large"
    assert "1 MB" in error.message


def test_it_refuses_an_empty_file() -> None:
    assert refused("a.txt", b"").code == "empty"
    assert refused("a.txt", b"  \n\n ").code == "empty"


def test_it_refuses_random_bytes_named_docx() -> None:
    assert refused("a.docx", bytes(range(256)) * 40).code == "corrupt_file"
    assert refused("a.docx", b"PK\x03\x04" + bytes(range(256)) * 40).code == "corrupt_file"


def test_it_refuses_a_pdf_named_docx_and_a_zip_named_pdf() -> None:
    assert refused("a.docx", b"%PDF-1.7\n%%EOF").code == "corrupt_file"
    assert refused("a.pdf", build_docx_bytes(["Xin chào"])).code == "corrupt_file"


def test_it_refuses_a_corrupt_pdf() -> None:
    assert refused("a.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 40).code == "corrupt_file"
    assert refused("a.pdf", b"not a pdf at all").code == "corrupt_file"


def test_it_refuses_a_zip_bomb_docx_before_inflating_it() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (51 * MB))
    data = buffer.getvalue()
    assert len(data) < MB  # small on the wire, huge once inflated
    error = refused("bom.docx", data)
    assert error.code in {"too_large", "corrupt_file"}
    assert "50 MB" in error.message


def test_it_refuses_a_pdf_without_a_text_layer() -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    error = refused("scan.pdf", buffer.getvalue())
    assert error.code == "no_text_layer"
    assert error.message.startswith("Tệp PDF không có lớp văn bản (bản chụp/scan)")


def test_it_refuses_a_txt_in_a_legacy_encoding() -> None:
    assert refused("a.txt", "Kế hoạch".encode()[:-1] + b"\xff\xfe\xfa").code == "corrupt_file"


def test_it_refuses_unknown_refusal_codes() -> None:
    with pytest.raises(ValueError):
        ImportRefused("whatever", "…")


# --- extract_text: accepted files -------------------------------------------------------------

VIETNAMESE = "KẾ HOẠCH\nHoạt động thông tin đối ngoại tỉnh Hưng Yên năm 2024\n"


@pytest.mark.parametrize(
    "data",
    [
        VIETNAMESE.encode("utf-8"),
        codecs.BOM_UTF8 + VIETNAMESE.encode("utf-8"),
        VIETNAMESE.encode("utf-16"),  # with BOM
        codecs.BOM_UTF16_BE + VIETNAMESE.encode("utf-16-be"),
        VIETNAMESE.replace("\n", "\r\n").encode("utf-8"),
        unicodedata.normalize("NFD", VIETNAMESE).encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16be-bom", "crlf", "nfd"],
)
def test_it_reads_text_files_as_nfc(data: bytes) -> None:
    assert extract_text(filename="KH.TXT", data=data, max_bytes=MB) == VIETNAMESE


def build_docx_bytes(
    body: list[str],
    *,
    header: tuple[list[str], list[str]] | None = None,
    footer: tuple[list[str], list[str]] | None = None,
) -> bytes:
    """A .docx the way offices make them: header and signature in borderless 2-column tables."""
    import docx

    document = docx.Document()

    def table(left: list[str], right: list[str]) -> None:
        cells = document.add_table(rows=1, cols=2).rows[0].cells
        for cell, lines in zip(cells, (left, right), strict=True):
            cell.paragraphs[0].text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)

    if header:
        table(*header)
    for line in body:
        document.add_paragraph(line)
    if footer:
        table(*footer)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_docx_with_its_header_in_a_table_round_trips() -> None:
    data = build_docx_bytes(
        [
            "HƯỚNG DẪN",
            "công tác thông tin đối ngoại năm 2024",
            "Thực hiện Hướng dẫn số 132-HD/BTGTW, ngày 29/12/2023 của Ban Tuyên giáo Trung ương về công tác "
            "thông tin đối ngoại năm 2024, Ban Tuyên giáo Tỉnh ủy hướng dẫn như sau:",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "1. Các huyện ủy báo cáo kết quả về Ban Tuyên giáo Tỉnh ủy định kỳ 6 tháng, 1 năm./.",
        ],
        header=(
            ["TỈNH ỦY BẮC GIANG", "BAN TUYÊN GIÁO", "*", "Số 97-HD/BTGTU"],
            ["ĐẢNG CỘNG SẢN VIỆT NAM", "Bắc Giang, ngày 06 tháng 02 năm 2024"],
        ),
        footer=(
            ["Nơi nhận:", "- Ban Tuyên giáo Trung ương (b/c),", "- Các huyện ủy (t/h),", "- Lưu Văn phòng."],
            ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "", "Nguyễn Văn Hạnh"],
        ),
    )
    text = extract_text(filename="hd97.docx", data=data, max_bytes=MB)
    assert text.index("TỈNH ỦY BẮC GIANG") < text.index("ĐẢNG CỘNG SẢN") < text.index("HƯỚNG DẪN")
    assert parse_document(text).to_json() == {
        "doc_type": "HD",
        "number_symbol": "97-HD/BTGTU",
        "issue_date": "2024-02-06",
        "place": "Bắc Giang",
        "issuer": "BAN TUYÊN GIÁO",
        "parent_issuer": "TỈNH ỦY BẮC GIANG",
        "subject": "công tác thông tin đối ngoại năm 2024",
        "parent_refs": [
            {"number_symbol": "132-HD/BTGTW", "date": "2023-12-29", "issuer": "Ban Tuyên giáo Trung ương"},
        ],
        "recipients": ["Ban Tuyên giáo Trung ương (b/c)", "Các huyện ủy (t/h)", "Lưu Văn phòng"],
        "reporting": ["Các huyện ủy báo cáo kết quả về Ban Tuyên giáo Tỉnh ủy định kỳ 6 tháng, 1 năm."],
        "signer": {"authority": "K/T TRƯỞNG BAN", "title": "PHÓ TRƯỞNG BAN", "name": "Nguyễn Văn Hạnh"},
    }


def test_a_state_docx_cong_van_round_trips() -> None:
    data = build_docx_bytes(
        [
            "Kính gửi: Liên đoàn Lao động các huyện, thành phố.",
            "Căn cứ Kế hoạch số 76/KH-LĐLĐ ngày 25/7/2024 của Liên đoàn Lao động tỉnh; Ban Thường vụ "
            "Liên đoàn Lao động huyện đề nghị các công đoàn cơ sở triển khai thực hiện./.",
        ],
        header=(
            [
                "LĐLĐ TỈNH BẮC GIANG",
                "LĐLĐ HUYỆN YÊN THẾ",
                "Số: 05/LĐLĐ",
                "V/v triển khai Kế hoạch 76/KH-LĐLĐ",
            ],
            [
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
                "Yên Thế, ngày 05 tháng 8 năm 2024",
            ],
        ),
        footer=(
            ["Nơi nhận:", "- Như kính gửi;", "- Lưu: VT."],
            ["TM. BAN THƯỜNG VỤ", "CHỦ TỊCH", "Trần Văn Bình"],
        ),
    )
    parsed = parse_document(extract_text(filename="cv.docx", data=data, max_bytes=MB)).to_json()
    assert (parsed["doc_type"], parsed["number_symbol"], parsed["issue_date"]) == (
        "CV",
        "05/LĐLĐ",
        "2024-08-05",
    )
    assert (parsed["parent_issuer"], parsed["issuer"]) == ("LĐLĐ TỈNH BẮC GIANG", "LĐLĐ HUYỆN YÊN THẾ")
    assert parsed["subject"] == "triển khai Kế hoạch 76/KH-LĐLĐ"
    assert parsed["recipients"] == ["Liên đoàn Lao động các huyện, thành phố", "Như kính gửi", "Lưu: VT"]
    assert parsed["parent_refs"] == [
        {"number_symbol": "76/KH-LĐLĐ", "date": "2024-07-25", "issuer": "Liên đoàn Lao động tỉnh"}
    ]
    assert parsed["signer"] == {
        "authority": "TM. BAN THƯỜNG VỤ",
        "title": "CHỦ TỊCH",
        "name": "Trần Văn Bình",
    }


def render_pdf(html: str) -> bytes:
    weasyprint = pytest.importorskip("weasyprint")
    return weasyprint.HTML(string=html).write_pdf()


def test_a_pdf_with_a_text_layer_extracts_the_vietnamese_text_exactly() -> None:
    data = render_pdf(
        "<html><body style=\"font-family: 'Liberation Serif', serif\">"
        "<p>KẾ HOẠCH</p><p>Hoạt động thông tin đối ngoại tỉnh Hưng Yên năm 2024</p>"
        "<p>Ủy ban nhân dân tỉnh; Đảng ủy; ỳ ỷ ỹ ự ữ</p></body></html>"
    )
    text = extract_text(filename="kh.pdf", data=data, max_bytes=MB)
    assert text == (
        "KẾ HOẠCH\nHoạt động thông tin đối ngoại tỉnh Hưng Yên năm 2024\nỦy ban nhân dân tỉnh; Đảng ủy; ỳ ỷ ỹ ự ữ\n"
    )
    assert text == unicodedata.normalize("NFC", text)


def test_a_rendered_pdf_with_wrapped_lines_parses() -> None:
    data = render_pdf(
        "<html><body style=\"font-family: 'Liberation Serif', serif; font-size: 13pt\">"
        "<table style='width:100%'><tr><td style='width:45%'>TỈNH ỦY HƯNG YÊN<br>BAN CHỈ ĐẠO CÔNG TÁC<br>"
        "THÔNG TIN ĐỐI NGOẠI<br>*<br>Số 84-KH/BCĐTTĐN</td><td>ĐẢNG CỘNG SẢN VIỆT NAM<br>"
        "Hưng Yên, ngày 29 tháng 01 năm 2024</td></tr></table>"
        "<p>KẾ HOẠCH<br>Hoạt động thông tin đối ngoại tỉnh Hưng Yên năm 2024</p>"
        "<p>Căn cứ Hướng dẫn số 132-HD/BTGTW ngày 29/12/2023 của Ban Tuyên giáo Trung ương về hướng dẫn công "
        "tác thông tin đối ngoại năm 2024; Ban Chỉ đạo công tác thông tin đối ngoại tỉnh xây dựng Kế hoạch như sau:</p>"
        "<p>I. TỔ CHỨC THỰC HIỆN</p><p>Các ngành thành viên báo cáo kết quả về Ban Chỉ đạo (qua Ban Tuyên giáo "
        "Tỉnh ủy, định kỳ 6 tháng, 1 năm)/.</p>"
        "<table style='width:100%'><tr><td style='width:50%'>Nơi nhận:<br>- Thường trực Tỉnh ủy (để b/c),<br>"
        "- Lưu BCĐ.</td><td>TRƯỞNG BAN<br><br>Đào Hồng Vận</td></tr></table></body></html>"
    )
    parsed = parse_document(extract_text(filename="kh84.pdf", data=data, max_bytes=MB)).to_json()
    assert parsed["number_symbol"] == "84-KH/BCĐTTĐN"
    assert parsed["issuer"] == "BAN CHỈ ĐẠO CÔNG TÁC THÔNG TIN ĐỐI NGOẠI"
    assert parsed["parent_issuer"] == "TỈNH ỦY HƯNG YÊN"
    assert parsed["issue_date"] == "2024-01-29"
    assert parsed["parent_refs"] == [
        {"number_symbol": "132-HD/BTGTW", "date": "2023-12-29", "issuer": "Ban Tuyên giáo Trung ương"}
    ]
    assert parsed["reporting"] == [
        "Các ngành thành viên báo cáo kết quả về Ban Chỉ đạo (qua Ban Tuyên giáo Tỉnh ủy, định kỳ 6 tháng, 1 năm)."
    ]
    assert parsed["signer"] == {"authority": None, "title": "TRƯỞNG BAN", "name": "Đào Hồng Vận"}
