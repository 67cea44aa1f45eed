"""The .docx written from an OfficialLayout (directives/docx/export.py), read with python-docx: page, fonts, the
header table's geometry and lines, footnotes as real Word footnotes, lists, tables, the signature table, page numbers
(helper B, issue 17 item 6). No database, no LibreOffice: milliseconds each."""

from __future__ import annotations

import dataclasses
import io
import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from directives.docx.export import STYLE_LAYOUT, STYLE_LIST, docx_from_layout
from directives.docx.footnotes import read_footnotes
from directives.docx.reader import DocxRefused, read_docx_text
from directives.pdf.conf import regime_style
from directives.pdf.layout import BodyNode
from directives.pdf.samples import sample_layouts

PARTY = "001-huong-dan-97-btgtu"
UNION = "002-ke-hoach-ldld-phu-rieng"
CONG_VAN = "000-cong-van-ldld-bac-giang"


@pytest.fixture(scope="module")
def layouts():
    return sample_layouts()


def _open(layout) -> docx.document.Document:
    return docx.Document(io.BytesIO(docx_from_layout(layout)))


def _cell_lines(cell) -> list[str]:
    return [p.text for p in cell.paragraphs if p.text]


@pytest.mark.parametrize("name", [PARTY, UNION])
def test_the_page_is_a4_with_the_regimes_margins_and_times_new_roman(layouts, name):
    layout = layouts[name]
    style = regime_style(layout.regime)
    document = _open(layout)
    section = document.sections[0]
    # Word keeps lengths in twentieths of a point: equal to 0.01 mm.
    measured = [section.page_width, section.page_height, section.left_margin, section.right_margin]
    measured += [section.top_margin, section.bottom_margin]
    expected = [
        210,
        297,
        style.margin_left_mm,
        style.margin_right_mm,
        style.margin_top_mm,
        style.margin_bottom_mm,
    ]
    assert [length.mm for length in measured] == pytest.approx(expected, abs=0.01)
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size.pt == style.body_size_pt
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "cs", "eastAsia")} == {"Times New Roman"}


@pytest.mark.parametrize(("name", "left_percent"), [(PARTY, 50), (UNION, 40)])
def test_the_header_is_a_borderless_two_column_table_as_the_pdf_lays_it(layouts, name, left_percent):
    layout = layouts[name]
    style = regime_style(layout.regime)
    document = _open(layout)
    header = document.tables[0]
    widths = [int(c.get(qn("w:w"))) for c in header._tbl.tblGrid.findall(qn("w:gridCol"))]
    text_twips = (210 - style.margin_left_mm - style.margin_right_mm) / 25.4 * 1440
    assert sum(widths) == pytest.approx(text_twips, abs=2)
    assert widths[0] / sum(widths) == pytest.approx(left_percent / 100, abs=0.001)
    assert header._tbl.tblPr.find(qn("w:tblBorders")) is None and header.style.name == "Normal Table"
    org, nation = header.rows[0].cells
    issuer = layout.issuer_name.upper().splitlines()
    parent = layout.parent_body.upper().splitlines()
    rule_or_star = ["*"] if layout.is_party else []
    assert _cell_lines(org) == parent + issuer + rule_or_star
    assert all(p.runs[0].bold for p in org.paragraphs if p.text in issuer)
    national = (
        ["ĐẢNG CỘNG SẢN VIỆT NAM"]
        if layout.is_party
        else ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    )
    assert _cell_lines(nation) == national
    # The rule under the national heading: a paragraph border exactly as wide as the text it underlines.
    rules = [p for p in nation.paragraphs if p._p.pPr.find(qn("w:pBdr")) is not None]
    assert len(rules) == 1 and rules[0].text == ""
    number, date = header.rows[1].cells
    assert number.paragraphs[0].text == layout.number_line()
    assert date.paragraphs[0].text == layout.place_date_line() and date.paragraphs[0].runs[0].italic
    assert {p.style.name for row in header.rows for c in row.cells for p in c.paragraphs} == {STYLE_LAYOUT}


def test_page_numbers_are_in_the_header_from_page_two(layouts):
    document = _open(layouts[UNION])
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert section.first_page_header.paragraphs[0].text == ""
    instructions = [t.text for t in section.header._element.iter(qn("w:instrText"))]
    assert instructions == [" PAGE "]
    assert section.header_distance.mm == pytest.approx(regime_style("union").page_number_top_mm, abs=0.01)


def test_footnotes_are_real_word_footnotes_where_their_calls_stand(layouts):
    layout = dataclasses.replace(
        layouts[UNION],
        body=[
            BodyNode(
                heading="Mục đích",
                html="<p>Một[^2] hai[^1].</p>",
                footnotes=["Chú thích thứ nhất.", "Chú thích thứ hai."],
            )
        ],
    )
    data = docx_from_layout(layout)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert "word/footnotes.xml" in archive.namelist()
        types = archive.read("[Content_Types].xml").decode()
        assert "wordprocessingml.footnotes+xml" in types
    document = docx.Document(io.BytesIO(data))
    assert read_footnotes(document) == {1: "Chú thích thứ hai.", 2: "Chú thích thứ nhất."}
    paragraph = next(p for p in document.paragraphs if p.text.startswith("Một"))
    calls = [r.get(qn("w:id")) for r in paragraph._p.iter(qn("w:footnoteReference"))]
    assert calls == ["1", "2"]


def test_lists_print_dashes_tables_stay_tables_and_items_are_numbered(layouts):
    layout = dataclasses.replace(
        layouts[UNION],
        body=[
            BodyNode(
                heading="Nội dung",
                html="<ul><li>Tuyên truyền</li><li>Kiểm tra</li></ul>"
                "<table><thead><tr><th>STT</th><th>Việc</th></tr></thead><tbody><tr><td>1</td><td>Họp</td></tr>"
                "</tbody></table>",
                children=[BodyNode(html="<p>Các cấp công đoàn triển khai.</p>")],
            )
        ],
    )
    document = _open(layout)
    items = [p.text for p in document.paragraphs if p.style.name == STYLE_LIST]
    assert items == ["- Tuyên truyền", "- Kiểm tra"]
    assert any(p.text == "1. Các cấp công đoàn triển khai." for p in document.paragraphs)
    data = next(t for t in document.tables if t.style.name == "Table Grid")
    assert [[c.text for c in row.cells] for row in data.rows] == [["STT", "Việc"], ["1", "Họp"]]
    assert data.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


@pytest.mark.parametrize("name", [PARTY, CONG_VAN])
def test_the_signature_and_noi_nhan_sit_side_by_side(layouts, name):
    layout = layouts[name]
    document = _open(layout)
    sign = document.tables[-1]
    noi_nhan, signature = sign.rows[0].cells
    label = "Nơi nhận:"
    assert _cell_lines(noi_nhan)[0] == label
    authority, title = layout.signature_lines()
    lines = _cell_lines(signature)
    assert lines[-1] == layout.signer.name.strip()
    if authority:
        assert lines[0] == authority.upper()
    assert title.upper().splitlines()[0] in lines


def test_the_export_reads_back_as_the_same_text(layouts):
    layout = layouts[UNION]
    text = read_docx_text(docx_from_layout(layout))
    assert [s.heading for s in text.body] == [n.heading for n in layout.body]
    assert "Thực hiện Kế hoạch số" in text.opening and text.closing


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"plain text", "không phải tệp Word"),
        (b"PK\x03\x04broken", "bị hỏng"),
    ],
)
def test_the_reader_refuses_what_is_not_a_docx(data, message):
    with pytest.raises(DocxRefused) as refusal:
        read_docx_text(data)
    assert message in refusal.value.message


def test_a_zip_without_a_word_document_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    with pytest.raises(DocxRefused, match="không có phần nội dung"):
        read_docx_text(out.getvalue())


def test_a_paragraph_bulleted_in_word_reads_back_as_a_list_item(layouts):
    document = _open(layouts[UNION])
    first = next(p for p in document.paragraphs if p.style.name == "TS Body")
    first.insert_paragraph_before("Kiểm tra định kỳ", style="List Bullet")
    out = io.BytesIO()
    document.save(out)
    text = read_docx_text(out.getvalue())
    assert text.body[0].text.startswith("<ul><li>Kiểm tra định kỳ</li></ul><p>")


def test_a_footnote_with_an_external_entity_never_reads_a_server_file(layouts, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("MẬT KHẨU", encoding="utf-8")
    layout = dataclasses.replace(
        layouts[UNION], body=[BodyNode(heading="Mục", html="<p>Một[^1].</p>", footnotes=["Chú thích."])]
    )
    source = io.BytesIO(docx_from_layout(layout))
    out = io.BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(out, "w") as hostile:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "word/footnotes.xml":
                data = data.replace(
                    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
                    f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE w:footnotes [<!ENTITY x SYSTEM '
                    f'"{secret.as_uri()}">]>'.encode(),
                ).replace("Chú thích.".encode(), b"&x;")
            hostile.writestr(item, data)
    text = read_docx_text(out.getvalue())
    assert "MẬT KHẨU" not in repr(text)


def test_a_data_tables_columns_are_as_wide_as_their_text_wants(layouts):
    layout = dataclasses.replace(
        layouts[UNION],
        body=[
            BodyNode(
                heading="Số liệu",
                html="<table><tr><th>STT</th><th>Hình thức tuyên truyền trực tuyến</th><th>Số buổi</th></tr>"
                "<tr><td>1</td><td>Hội nghị báo cáo viên cấp tỉnh</td><td>12</td></tr></table>",
            )
        ],
    )
    table = next(t for t in _open(layout).tables if t.style.name == "Table Grid")
    widths = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert widths[1] > 3 * widths[2] > 3 * widths[0] / 2 and widths[0] >= sum(widths) / 14


@pytest.mark.parametrize(
    ("typed", "heading", "numbered"),
    [
        ("III. Kinh phí", "Kinh phí", True),
        ("2.1. Thông tin", "Thông tin", True),
        ("đ) Năm", "Năm", True),
        ("2024 là năm bản lề", "2024 là năm bản lề", False),
        ("2.5 triệu đồng", "2.5 triệu đồng", False),
    ],
)
def test_a_heading_typed_in_word_loses_only_a_real_number(layouts, typed, heading, numbered):
    document = _open(layouts[UNION])
    first = next(p for p in document.paragraphs if p.style.name == "Heading 1")
    first.insert_paragraph_before(typed, style="Heading 1")
    out = io.BytesIO()
    document.save(out)
    section = read_docx_text(out.getvalue()).body[0]
    assert (section.heading, section.numbered) == (heading, numbered)


def test_paragraphs_inside_a_word_content_control_are_read(layouts):
    document = _open(layouts[UNION])
    first = next(p for p in document.paragraphs if p.style.name == "TS Body")
    control = first._p.makeelement(qn("w:sdt"), {})
    content = control.makeelement(qn("w:sdtContent"), {})
    control.append(content)
    first._p.addprevious(control)
    content.append(first._p)
    out = io.BytesIO()
    document.save(out)
    assert (
        read_docx_text(out.getvalue()).body[0].text
        == read_docx_text(docx_from_layout(layouts[UNION])).body[0].text
    )
