"""The issuer's lines of the letterhead are data, broken where a clerk breaks them, never by the layout (issue 17,
item 1): derived from the unit's name and parent line by default, or given by the unit's administrator; a document
keeps the lines it was issued under."""

from __future__ import annotations

import dataclasses

import pytest

from directives.pdf.letterhead import column_width_pt, issuer_lines, text_width_pt
from directives.pdf.render import render_pdf
from directives.pdf.samples import sample_layouts
from tests.pdf.pdftext import open_pdf

CASES = [
    # (name, parent line, regime) → lines
    (("Ban Tuyên giáo Tỉnh ủy Bắc Giang", "TỈNH ỦY BẮC GIANG", "party"), ("BAN TUYÊN GIÁO",)),
    (
        ("Liên đoàn Lao động tỉnh Bắc Giang", "TỔNG LĐLĐ VIỆT NAM", "union"),
        ("LIÊN ĐOÀN LAO ĐỘNG", "TỈNH BẮC GIANG"),
    ),
    (("Ủy ban nhân dân tỉnh Bắc Giang", "", "state"), ("ỦY BAN NHÂN DÂN", "TỈNH BẮC GIANG")),
    (
        ("Ban Chỉ đạo công tác thông tin đối ngoại", "TỈNH ỦY HƯNG YÊN", "party"),
        ("BAN CHỈ ĐẠO CÔNG TÁC", "THÔNG TIN ĐỐI NGOẠI"),
    ),
    (
        ("Công đoàn Khu công nghiệp tỉnh Bắc Giang", "LĐLĐ TỈNH BẮC GIANG", "union"),
        ("CÔNG ĐOÀN", "KHU CÔNG NGHIỆP", "TỈNH BẮC GIANG"),
    ),
    (("Đảng ủy xã Bản Lang", "ĐẢNG BỘ HUYỆN PHONG THỔ", "party"), ("ĐẢNG ỦY XÃ BẢN LANG",)),
]


@pytest.mark.parametrize(("args", "expected"), CASES)
def test_it_derives_the_lines_a_clerk_would_print(args, expected):
    name, parent, regime = args
    lines = issuer_lines(name=name, parent_line=parent, regime=regime)
    assert lines == expected
    assert all(text_width_pt(line, 14) <= column_width_pt(regime) for line in lines)


def test_the_administrators_lines_are_printed_as_given_and_a_too_wide_one_is_broken_by_the_rule():
    given = issuer_lines(
        name="Liên đoàn Lao động tỉnh Bắc Giang",
        parent_line="",
        regime="union",
        header_lines="LĐLĐ TỈNH\nBẮC GIANG",
    )
    assert given == ("LĐLĐ TỈNH", "BẮC GIANG")
    wide = issuer_lines(
        name="x", parent_line="", regime="party", header_lines="BAN CHỈ ĐẠO CÔNG TÁC THÔNG TIN ĐỐI NGOẠI"
    )
    assert wide == ("BAN CHỈ ĐẠO CÔNG TÁC", "THÔNG TIN ĐỐI NGOẠI")


def test_no_line_of_the_letterhead_is_wrapped_by_the_layout():
    layout = sample_layouts()["002-ke-hoach-ldld-phu-rieng"]
    lines = issuer_lines(
        name="Liên đoàn Lao động huyện Phú Riềng", parent_line="LĐLĐ TỈNH BÌNH PHƯỚC", regime="union"
    )
    pdf = open_pdf(render_pdf(dataclasses.replace(layout, issuer_name="\n".join(lines))))
    header = pdf.pages[0].crop((0, 0, pdf.pages[0].width * 0.45, 140)).extract_text().splitlines()
    assert [line for line in header if line.strip()][1:3] == ["LIÊN ĐOÀN LAO ĐỘNG", "HUYỆN PHÚ RIỀNG"]


# --- with the database: the unit's header data in its documents and reports ------------------------------------


def test_a_document_prints_its_units_header_lines_and_keeps_them_once_issued(cast):
    from directives.rendering import document_pdf_bytes, layout_for
    from directives.services import signing
    from tests.directives.test_issue import guidance

    cast.btgtu.header_lines = "BAN TUYÊN GIÁO\nVÀ DÂN VẬN"
    cast.btgtu.save(update_fields=["header_lines"])
    draft = guidance(cast)
    assert layout_for(draft).issuer_name == "BAN TUYÊN GIÁO\nVÀ DÂN VẬN"
    doc = signing.document_issue(
        actor=cast.hanh, document=signing.document_submit(actor=cast.lan, document=draft)
    )
    assert doc.issuer_snapshot["header_lines"] == ["BAN TUYÊN GIÁO", "VÀ DÂN VẬN"]
    cast.btgtu.header_lines = ""
    cast.btgtu.save(update_fields=["header_lines"])
    doc.refresh_from_db()
    assert layout_for(doc).issuer_name == "BAN TUYÊN GIÁO\nVÀ DÂN VẬN"  # as issued, not as the unit is now
    header = open_pdf(document_pdf_bytes(doc)).pages[0].crop((0, 0, 300, 140)).extract_text()
    assert "BAN TUYÊN GIÁO\nVÀ DÂN VẬN" in header


def test_a_report_prints_the_reporting_units_letterhead_unwrapped(cast):
    from reporting.rendering import report_layout
    from reporting.services import obligations_create_for_document
    from tests.reporting.conftest import add_requirement, make_document

    doc = make_document(issuer=cast.ldld, recipients=[cast.yenthe])
    add_requirement(doc, frequency="annual", to_unit=cast.ldld)
    obligations_create_for_document(document=doc, actor=cast.hung)
    obligation = doc.requirements.get().obligations.filter(unit=cast.yenthe).first()
    layout = report_layout(obligation)
    assert layout.issuer_name.split("\n") == ["LIÊN ĐOÀN LAO ĐỘNG", "HUYỆN YÊN THẾ"]
