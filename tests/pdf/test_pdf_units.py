"""Units of the PDF engine that need no rendering: dates, numbering, punctuation, settings."""

from __future__ import annotations

import datetime as dt

import pytest

from directives.pdf import conf
from directives.pdf.context import build_context, number_label, punctuate
from directives.pdf.layout import BodyNode, OfficialLayout, Signer, TaskBlock
from directives.pdf.vn import BLANK, format_place_date, format_vn_date


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (dt.date(2024, 2, 6), "ngày 06 tháng 02 năm 2024"),
        (dt.date(2024, 1, 29), "ngày 29 tháng 01 năm 2024"),
        (dt.date(2024, 6, 5), "ngày 05 tháng 6 năm 2024"),
        (dt.date(2014, 4, 2), "ngày 02 tháng 4 năm 2014"),
        (dt.date(2024, 12, 25), "ngày 25 tháng 12 năm 2024"),
    ],
)
def test_it_writes_dates_the_official_way(date, expected):
    assert format_vn_date(date) == expected


def test_it_leaves_blanks_for_an_undated_document():
    assert format_vn_date(None, year=2024) == f"ngày{BLANK}tháng{BLANK}năm 2024"
    assert format_place_date("Bắc Giang", None, year=2024) == f"Bắc Giang, ngày{BLANK}tháng{BLANK}năm 2024"
    assert format_vn_date(None).endswith(f"năm {dt.date.today().year}")


def test_it_prefixes_the_place():
    assert format_place_date("Hưng Yên", dt.date(2024, 1, 29)) == "Hưng Yên, ngày 29 tháng 01 năm 2024"
    assert format_place_date("", dt.date(2024, 1, 29)) == "Ngày 29 tháng 01 năm 2024"


@pytest.mark.parametrize(
    ("kind", "n", "expected"),
    [
        ("roman", 1, "I."),
        ("roman", 4, "IV."),
        ("roman", 14, "XIV."),
        ("arabic", 3, "3."),
        ("alpha", 1, "a)"),
        ("alpha", 5, "đ)"),
        ("alpha", 6, "e)"),
        (None, 2, ""),
    ],
)
def test_it_numbers_items_by_depth(kind, n, expected):
    assert number_label(kind, n) == expected


def test_it_punctuates_lists():
    assert punctuate(["A;", "- B", "Lưu: VT."], sep=";", last=".", dash=True) == [
        "- A;",
        "- B;",
        "- Lưu: VT.",
    ]
    assert punctuate(["Căn cứ A", "Căn cứ B;"], sep=";", last=".", dash=False) == ["Căn cứ A;", "Căn cứ B."]


def layout(**changes) -> OfficialLayout:
    base = OfficialLayout(
        regime="state",
        parent_body="UBND TỈNH",
        issuer_name="SỞ NỘI VỤ",
        number=5,
        symbol="KH-SNV",
        doc_type_code="KH",
        doc_type_name="Kế hoạch",
        is_cong_van=False,
        place="Hưng Yên",
        issue_date=dt.date(2024, 3, 1),
        subject="Thử",
        signer=Signer("KT", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê B"),
        noi_nhan=["Như trên", "Lưu: VT"],
    )
    for key, value in changes.items():
        setattr(base, key, value)
    return base


def blocks(lay: OfficialLayout) -> list[tuple[str, str]]:
    ctx = build_context(lay, conf.regime_style(lay.regime))
    return [
        (b["type"], b.get("number", "") + " " + str(b.get("text") or b.get("html"))) for b in ctx["blocks"]
    ]


def test_it_numbers_the_body_from_depth_and_continues_with_tasks():
    lay = layout(
        body=[
            BodyNode(
                "Mục đích", children=[BodyNode("Yêu cầu chung", children=[BodyNode("", "<p>Điểm.</p>")])]
            ),
            BodyNode("Không đánh số", numbered=False),
            BodyNode("Tổ chức", children=[BodyNode("", "<p>Chung.</p>")], tasks_here=True),
        ],
        tasks=[TaskBlock("Phòng A", "Làm việc A", dt.date(2024, 6, 5))],
    )
    got = blocks(lay)
    assert got[0] == ("heading", "I. Mục đích")
    assert got[1] == ("heading", "1. Yêu cầu chung")
    assert got[2] == ("html", ' <p><span class="num">a)</span> Điểm.</p>')
    assert got[3] == ("heading", " Không đánh số")
    assert got[4] == ("heading", "II. Tổ chức")
    assert got[5] == ("html", ' <p><span class="num">1.</span> Chung.</p>')
    assert got[6] == ("heading", "2. Phòng A")
    assert got[7] == ("html", " <p>Làm việc A</p>")
    assert got[8][1].endswith("Thời hạn hoàn thành: ngày 05 tháng 6 năm 2024.")


def test_it_prints_tasks_under_their_own_section_when_no_section_holds_them():
    lay = layout(body=[BodyNode("Mục đích")], tasks=[TaskBlock("Phòng A"), TaskBlock("Phòng B")])
    assert [b for b in blocks(lay) if b[0] == "heading"][1:] == [
        ("heading", "II. TỔ CHỨC THỰC HIỆN"),
        ("heading", "1. Phòng A"),
        ("heading", "2. Phòng B"),
    ]


def test_it_prints_the_reporting_regime_after_the_tasks():
    lay = layout(
        body=[BodyNode("Mục đích"), BodyNode("Tổ chức thực hiện", tasks_here=True)],
        tasks=[TaskBlock("Phòng A")],
        reporting=["Các đơn vị được giao thực hiện báo cáo kết quả định kỳ 6 tháng, gửi về Ban Tuyên giáo."],
    )
    items = blocks(lay)
    assert [b for b in items if b[0] == "heading"][1:] == [
        ("heading", "II. Tổ chức thực hiện"),
        ("heading", "1. Phòng A"),
        ("heading", "2. Chế độ báo cáo"),
    ]
    assert "định kỳ 6 tháng, gửi về Ban Tuyên giáo." in items[-1][1]


def test_it_places_footnotes_at_their_calls():
    lay = layout(
        body=[BodyNode("", "<p>Một[^2] hai[^1].</p><p>Ba.</p>", footnotes=["Chú 1", "Chú <2>", "Chú 3"])]
    )
    html = blocks(lay)[0][1]
    assert 'Một<span class="fn">Chú &lt;2&gt;</span> hai<span class="fn">Chú 1</span>.' in html
    assert '<p>Ba.<span class="fn">Chú 3</span></p>' in html


def test_it_lists_kinh_gui_on_one_line_or_with_dashes():
    one = build_context(layout(kinh_gui=["Ủy ban nhân dân tỉnh"]), conf.regime_style("state"))
    several = build_context(layout(kinh_gui=["A;", "- B"]), conf.regime_style("state"))
    assert one["kinh_gui"] == ["Ủy ban nhân dân tỉnh."]
    assert several["kinh_gui"] == ["- A;", "- B."]


def test_it_keeps_signature_and_noi_nhan_together_only_while_the_list_is_short():
    short = build_context(layout(noi_nhan=["A"] * 10), conf.regime_style("state"))
    long = build_context(layout(noi_nhan=["A"] * 200), conf.regime_style("state"))
    assert short["keep_together"] and not long["keep_together"]


def test_settings_merge_over_the_defaults():
    merged = conf._merge(conf.DEFAULTS["PDF_MARGINS_MM"], {"party": {"top": 25}})
    assert merged["party"] == {"top": 25, "right": 15.0, "bottom": 20.0, "left": 30.0}
    assert merged["state"] == conf.DEFAULTS["PDF_MARGINS_MM"]["state"]
    assert conf._merge(12, 14) == 14


def test_defaults_follow_the_standard():
    d = conf.DEFAULTS
    margins = d["PDF_MARGINS_MM"]
    for regime in ("state", "union", "party"):
        assert margins[regime] == {"top": 20, "right": 15, "bottom": 20, "left": 30}
    assert 13 <= d["PDF_BODY_FONT_SIZE_PT"]["state"] <= 14 and 14 <= d["PDF_BODY_FONT_SIZE_PT"]["party"] <= 15
    assert d["PDF_LINE_HEIGHT"]["party"] == "18pt" and d["PDF_PARAGRAPH_SPACING_PT"] >= 6
    state, party = d["PDF_HEADER_SIZES_PT"]["state"], d["PDF_HEADER_SIZES_PT"]["party"]
    assert 12 <= state["national"] <= 13 and 13 <= state["motto"] <= 14 and state["number"] == 13
    assert party["national"] == 15 and 15 <= party["type_name"] <= 16 and party["number"] == 14
    assert (state["noi_nhan_label"], state["noi_nhan"]) == (12, 11)
    assert (party["noi_nhan_label"], party["noi_nhan"]) == (14, 12)
    assert d["PDF_PAGE_NUMBER_SIZE_PT"]["party"] == 14 and d["PDF_PAGE_NUMBER_TOP_MM"]["party"] == 10
