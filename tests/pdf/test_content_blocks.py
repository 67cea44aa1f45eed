"""What a drafter puts in the body beyond paragraphs (issue 17, item 4): list items print with a dash, not a bullet;
a data table pasted from Word or a spreadsheet (tab-separated lines in the editor's text box) or sent as HTML through
the API stays a table — sanitised, stored, printed with ruled cells, and given back to the editor as the same
tab-separated lines. Runs without a database."""

from __future__ import annotations

import dataclasses

from directives.pdf.layout import BodyNode
from directives.pdf.render import render_pdf
from directives.pdf.samples import sample_layouts
from directives.sanitize import clean_html, html_to_text
from tests.pdf.pdftext import open_pdf, page_text

PASTED = "Kết quả năm 2024:\nChỉ tiêu\tKế hoạch\tThực hiện\nSố buổi tuyên truyền\t12\t14\nSố người tham dự\t300\t412"


def test_it_keeps_a_pasted_table_as_a_table_and_gives_it_back_as_typed():
    stored = clean_html(PASTED)
    assert stored.startswith("<p>Kết quả năm 2024:</p><table><thead><tr><th>Chỉ tiêu</th>")
    assert stored.count("<tr>") == 3 and stored.count("<td>") == 6
    assert html_to_text(stored) == PASTED
    assert clean_html(html_to_text(stored)) == stored


def test_it_reads_one_line_with_a_tab_as_a_paragraph_not_a_table():
    assert "<table>" not in clean_html("Ghi chú:\tkhông có\nHết.")


def test_it_keeps_only_the_table_structure_of_html_it_is_sent():
    dirty = '<table style="color:red"><tr><td colspan="2" onclick="x()">a</td><td><script>b</script></td></tr></table>'
    assert clean_html(dirty) == '<table><tbody><tr><td colspan="2">a</td><td></td></tr></tbody></table>'


def _pdf_with(html: str) -> bytes:
    layout = sample_layouts()["001-huong-dan-97-btgtu"]
    return render_pdf(dataclasses.replace(layout, body=[BodyNode(heading="Kết quả", html=html)], tasks=[]))


def test_list_items_print_with_a_dash_not_a_bullet():
    pdf = open_pdf(
        _pdf_with(clean_html("<ul><li>Tuyên truyền trên báo</li><li>Hội nghị báo cáo viên</li></ul>"))
    )
    text = " ".join(page_text(p) for p in pdf.pages)
    assert "- Tuyên truyền trên báo" in text and "- Hội nghị báo cáo viên" in text
    assert "•" not in text


def test_a_table_prints_as_a_ruled_table():
    pdf = open_pdf(_pdf_with(clean_html(PASTED)))
    page = next(p for p in pdf.pages if "Số người tham dự" in page_text(p))
    tables = page.find_tables()
    assert len(tables) == 1
    rows = tables[0].extract()
    assert [cell.replace("\n", " ") for cell in rows[0]] == ["Chỉ tiêu", "Kế hoạch", "Thực hiện"]
    assert rows[1:] == [["Số buổi tuyên truyền", "12", "14"], ["Số người tham dự", "300", "412"]]
