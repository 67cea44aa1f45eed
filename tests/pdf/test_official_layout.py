"""Golden checks of the official PDF layout (STANDARDS.md §2–§3) on the five seed documents.

Each sample is rendered with the real WeasyPrint and read back with pdfplumber: paper, margins,
fonts and sizes of the header elements, rules, numbering, page numbers, footnotes, signature block,
and the text itself (NFC). No Django settings are needed; under pytest-django the project's
settings apply and the expectations follow them (they are read from directives.pdf.conf).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import socket
import unicodedata

import pytest

from directives.pdf.conf import regime_style
from directives.pdf.layout import BodyNode, OfficialLayout, Signer, TaskBlock
from directives.pdf.render import LocalOnlyFetcher, local_roots, render_pdf
from directives.pdf.samples import sample_layouts
from tests.pdf.conftest import SAMPLE_NAMES
from tests.pdf.pdftext import (
    A4_PT,
    PT_PER_MM,
    extent,
    find,
    flat,
    lines_of,
    open_pdf,
    page_text,
    rules_below,
    sizes_of,
    style_of,
)

STATE_LIKE = [name for name in SAMPLE_NAMES if sample_layouts()[name].regime != "party"]
PARTY = [name for name in SAMPLE_NAMES if sample_layouts()[name].regime == "party"]
MM = PT_PER_MM


def first_line(text: str) -> str:
    return text.strip().splitlines()[0].strip()


def body_chars(page, style):
    """Chars of the page's text area: without the page number printed in the top margin."""
    return [c for c in page.chars if c["top"] >= style.margin_top_mm * MM - 1]


# --- Paper and margins ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_it_prints_on_a4_portrait(rendered, name):
    _, pdf = rendered[name]
    for page in pdf.pages:
        assert abs(page.width - A4_PT[0]) < 1 and abs(page.height - A4_PT[1]) < 1


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_it_keeps_every_margin_within_1mm_of_its_setting(rendered, name):
    layout, pdf = rendered[name]
    style = regime_style(layout.regime)
    left, right = style.margin_left_mm * MM, A4_PT[0] - style.margin_right_mm * MM
    top, bottom = style.margin_top_mm * MM, A4_PT[1] - style.margin_bottom_mm * MM
    pages = pdf.pages[1:] or pdf.pages
    chars = [c for page in pages for c in body_chars(page, style)]
    # Lines that are not indented start at the left margin; justified lines end at the right one.
    assert abs(min(c["x0"] for c in chars) - left) < 1 * MM
    assert abs(max(c["x1"] for c in chars) - right) < 1 * MM
    for page in pages:
        first_top = min(c["top"] for c in body_chars(page, style))
        assert top <= first_top <= top + 1 * MM, f"page {page.page_number}: text starts at {first_top:.1f}"
    for page in pdf.pages:
        assert max(c["bottom"] for c in page.chars) <= bottom + 0.5, (
            f"page {page.page_number} runs into the margin"
        )


@pytest.mark.parametrize("name", ["001-huong-dan-97-btgtu", "004-ke-hoach-84-bcdttdn"])
def test_it_sets_footnotes_on_the_bottom_margin(rendered, name):
    layout, pdf = rendered[name]
    style = regime_style(layout.regime)
    bottom = A4_PT[1] - style.margin_bottom_mm * MM
    note_pages = [p for p in pdf.pages if any(round(c["size"], 1) == style.footnote_size_pt for c in p.chars)]
    assert note_pages
    # The footnote area sits at the foot of the text area, so its last line ends on the margin.
    assert any(abs(max(c["bottom"] for c in p.chars) - bottom) < 1 * MM for p in note_pages)


def test_it_reads_the_margins_from_settings():
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.test import override_settings

    try:
        settings.INSTALLED_APPS  # noqa: B018 - loads DJANGO_SETTINGS_MODULE if only the variable is set
    except ImproperlyConfigured:
        pytest.skip("no Django settings in this run")

    layout = sample_layouts()["002-ke-hoach-ldld-phu-rieng"]
    with override_settings(PDF_MARGINS_MM={"union": {"left": 35}}):
        style = regime_style("union")
        assert (style.margin_left_mm, style.margin_right_mm) == (35, 15)
        pdf = open_pdf(render_pdf(layout))
    chars = [c for c in pdf.pages[1].chars if c["top"] > 60]
    assert abs(min(c["x0"] for c in chars) - 35 * MM) < 1 * MM


# --- Header -----------------------------------------------------------------------------------------


def header_expectations(layout: OfficialLayout) -> list[tuple[str, str, set[str]]]:
    """(text, size key, style) of every header element the standard fixes."""
    party = layout.is_party
    items = []
    if layout.parent_body:
        items.append((first_line(layout.parent_body).upper(), "parent", set()))
    items.append((first_line(layout.issuer_name).upper(), "issuer", {"bold"}))
    if party:
        items.append(("ĐẢNG CỘNG SẢN VIỆT NAM", "national", {"bold"}))
    else:
        items += [
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "national", {"bold"}),
            ("Độc lập - Tự do - Hạnh phúc", "motto", {"bold"}),
        ]
    items.append(("Số", "number", set()))
    items.append((f"{layout.place}, ngày", "date", {"italic"}))
    if layout.is_cong_van:
        items.append(("V/v", "cv_subject", {"italic"} if party else set()))
    else:
        items.append((layout.doc_type_name.upper(), "type_name", {"bold"}))
        items.append((first_line(layout.title_subject()).split()[0], "subject", {"bold"}))
    return items


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_it_sets_each_header_element_in_its_face_and_size(rendered, name):
    layout, pdf = rendered[name]
    sizes = regime_style(layout.regime).sizes_pt
    page = pdf.pages[0]
    for text, key, expected_style in header_expectations(layout):
        chars = find(page, text)
        assert all("LiberationSerif" in c["fontname"] for c in chars), text
        assert sizes_of(chars) == {sizes[key]}, f"{text!r}: {sizes_of(chars)} != {sizes[key]}"
        assert style_of(chars) == expected_style, text


def test_it_sets_the_state_header_like_the_union_one():
    layout = dataclasses.replace(sample_layouts()["002-ke-hoach-ldld-phu-rieng"], regime="state")
    sizes = regime_style("state").sizes_pt
    page = open_pdf(render_pdf(layout)).pages[0]
    for text, key, expected_style in header_expectations(layout):
        chars = find(page, text)
        assert sizes_of(chars) == {sizes[key]} and style_of(chars) == expected_style, text
    assert "Số:" in page_text(page)


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_it_embeds_only_the_bundled_liberation_serif(rendered, name):
    _, pdf = rendered[name]
    fonts = {c["fontname"].split("+")[-1] for page in pdf.pages for c in page.chars}
    assert fonts and all(font.startswith("LiberationSerif") for font in fonts), fonts


@pytest.mark.parametrize("name", STATE_LIKE)
def test_it_rules_the_motto_exactly_as_wide_as_its_text(rendered, name):
    _, pdf = rendered[name]
    page = pdf.pages[0]
    x0, _, x1, bottom = extent(find(page, "Độc lập - Tự do - Hạnh phúc"))
    rules = rules_below(page, x0, x1, bottom)
    assert rules, "no rule under the motto"
    assert all(abs(r0 - x0) < 1 and abs(r1 - x1) < 1 for r0, r1 in rules), (rules, x0, x1)


@pytest.mark.parametrize("name", PARTY)
def test_it_rules_the_party_heading_as_wide_as_its_text(rendered, name):
    _, pdf = rendered[name]
    page = pdf.pages[0]
    x0, _, x1, bottom = extent(find(page, "ĐẢNG CỘNG SẢN VIỆT NAM"))
    rules = rules_below(page, x0, x1, bottom)
    assert rules and all(abs(r0 - x0) < 1 and abs(r1 - x1) < 1 for r0, r1 in rules), (rules, x0, x1)


@pytest.mark.parametrize("name", STATE_LIKE)
def test_it_rules_a_third_to_a_half_under_the_state_issuer(rendered, name):
    layout, pdf = rendered[name]
    page = pdf.pages[0]
    issuer_lines = [find(page, line.upper()) for line in layout.issuer_name.splitlines()]
    x0 = min(extent(chars)[0] for chars in issuer_lines)
    x1 = max(extent(chars)[2] for chars in issuer_lines)
    bottom = extent(issuer_lines[-1])[3]
    rules = [r for r in rules_below(page, x0, x1, bottom) if r[1] - r[0] < (x1 - x0)]
    assert len(rules) == 1
    share = (rules[0][1] - rules[0][0]) / (x1 - x0)
    assert 1 / 3 <= share <= 1 / 2
    assert abs((rules[0][0] + rules[0][1]) / 2 - (x0 + x1) / 2) < 1, "rule not centred under the issuer"


@pytest.mark.parametrize("name", PARTY)
def test_it_prints_the_party_asterisk_centred_under_the_issuer(rendered, name):
    layout, pdf = rendered[name]
    page = pdf.pages[0]
    issuer_last = find(page, layout.issuer_name.splitlines()[-1].upper())
    number = find(page, "Số")
    stars = [c for c in page.chars if c["text"] == "*"]
    assert len(stars) == 1
    star = stars[0]
    assert extent(issuer_last)[3] <= star["top"] < extent(number)[1]
    x0, _, x1, _ = extent(issuer_last)
    assert abs((star["x0"] + star["x1"]) / 2 - (x0 + x1) / 2) < 2


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_it_writes_the_number_with_a_colon_only_outside_the_party(rendered, name):
    layout, pdf = rendered[name]
    text = page_text(pdf.pages[0])
    assert flat(layout.number_line()) in text
    if layout.is_party:
        assert "Số:" not in text and "Số " in text
    else:
        assert "Số:" in text


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_it_prints_the_number_and_the_date_on_one_level(rendered, name):
    layout, pdf = rendered[name]
    page = pdf.pages[0]
    number, date = find(page, "Số"), find(page, f"{layout.place}, ngày")
    assert abs(extent(number)[3] - extent(date)[3]) < 3


# --- Text ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_it_reads_back_subject_and_signer_exactly_in_nfc(rendered, name):
    layout, pdf = rendered[name]
    first = page_text(pdf.pages[0])
    last = page_text(pdf.pages[-1])
    subject = layout.cong_van_subject() if layout.is_cong_van else layout.title_subject()
    assert flat(unicodedata.normalize("NFC", subject)) in first
    assert layout.signer.name in last
    assert unicodedata.is_normalized("NFC", first) and unicodedata.is_normalized("NFC", last)


def test_it_composes_decomposed_vietnamese_before_printing():
    layout = sample_layouts()["000-cong-van-ldld-bac-giang"]
    layout.signer.name = unicodedata.normalize("NFD", "Nguyễn Mạnh Hùng")
    text = page_text(open_pdf(render_pdf(layout)).pages[-1])
    assert "Nguyễn Mạnh Hùng" in text


def test_it_escapes_plain_text_fields():
    layout = sample_layouts()["002-ke-hoach-ldld-phu-rieng"]
    layout.subject = "Kế hoạch <b>thử</b> & <script>x</script>"
    layout.signer.name = "Trần <i>Văn</i> A"
    pdf = open_pdf(render_pdf(layout))
    assert "Kế hoạch <b>thử</b> & <script>x</script>" in page_text(pdf.pages[0])
    assert "Trần <i>Văn</i> A" in page_text(pdf.pages[-1])


def test_it_prints_state_bases_in_italics_with_official_punctuation():
    layout = sample_layouts()["002-ke-hoach-ldld-phu-rieng"]
    layout.bases = ["Căn cứ Điều lệ Công đoàn Việt Nam", "Căn cứ Kế hoạch số 76/KH-LĐLĐ ngày 25/7/2024;"]
    page = open_pdf(render_pdf(layout)).pages[0]
    text = page_text(page)
    assert "Căn cứ Điều lệ Công đoàn Việt Nam;" in text
    assert "Căn cứ Kế hoạch số 76/KH-LĐLĐ ngày 25/7/2024." in text
    assert style_of(find(page, "Căn cứ Điều lệ")) == {"italic"}


# --- Page numbers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_it_numbers_pages_from_the_second_centred_in_the_top_margin(rendered, name):
    layout, pdf = rendered[name]
    style = regime_style(layout.regime)
    margin_top = style.margin_top_mm * MM
    assert len(pdf.pages) >= 2
    assert not [c for c in pdf.pages[0].chars if c["top"] < margin_top - 1], "page 1 carries a number"
    for index, page in enumerate(pdf.pages[1:], start=2):
        marks = [c for c in page.chars if c["top"] < margin_top - 1]
        assert "".join(c["text"] for c in marks) == str(index)
        x0, top, x1, _ = extent(marks)
        assert abs((x0 + x1) / 2 - page.width / 2) < 2
        assert abs(top - style.page_number_top_mm * MM) < 1 * MM
        assert sizes_of(marks) == {style.page_number_size_pt}


# --- Footnotes, headings, signature -----------------------------------------------------------------------


FOOTNOTES = {
    "001-huong-dan-97-btgtu": ["Chỉ thị số 25-CT/TW, ngày 08/8/2018", "Được thể hiện qua các cuốn sách"],
    "004-ke-hoach-84-bcdttdn": ["Chỉ thị số 25-CT/TW, ngày 08/8/2018"],
}


@pytest.mark.parametrize("name", list(FOOTNOTES))
def test_it_keeps_each_footnote_on_the_page_of_its_call(rendered, name):
    layout, pdf = rendered[name]
    style = regime_style(layout.regime)
    for number, start in enumerate(FOOTNOTES[name], start=1):
        pages = [p for p in pdf.pages if start in page_text(p)]
        assert len(pages) == 1, f"footnote {number} printed {len(pages)} times"
        page = pages[0]
        note_top = extent(find(page, start))[1]
        small = [c for c in page.chars if c["text"] == str(number) and c["size"] < style.body_size_pt * 0.8]
        calls = [c for c in small if c["top"] < note_top - 10]
        markers = [c for c in small if abs(c["top"] - note_top) < 6]
        assert calls, f"the call of footnote {number} is not on page {page.page_number}"
        assert markers, f"footnote {number} has no number"
        assert sizes_of(find(page, start)) == {style.footnote_size_pt}


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_it_never_ends_a_page_on_a_heading(rendered, name):
    layout, pdf = rendered[name]
    style = regime_style(layout.regime)
    for page in pdf.pages[:-1]:
        body = [c for c in body_chars(page, style) if round(c["size"], 1) == style.body_size_pt]
        last_line = lines_of(body)[-1]
        assert not all("Bold" in c["fontname"] for c in last_line if c["text"].strip()), (
            f"page {page.page_number} ends on the heading {''.join(c['text'] for c in last_line)!r}"
        )


def signature_page(pdf, layout) -> int:
    pages = [p.page_number for p in pdf.pages if layout.signer.name in page_text(p)]
    assert len(pages) == 1
    return pages[0]


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_it_prints_signature_and_noi_nhan_on_one_page(rendered, name):
    layout, pdf = rendered[name]
    page = pdf.pages[signature_page(pdf, layout) - 1]
    text = page_text(page)
    assert "Nơi nhận:" in text
    authority, title = layout.signature_lines()
    for line in [authority, *title.splitlines()]:
        if line:
            assert flat(line.upper()) in text
    label, name_chars = find(page, "Nơi nhận:"), find(page, layout.signer.name)
    assert extent(label)[2] < page.width / 2 < extent(name_chars)[0], "Nơi nhận left, signature right"
    first_signature_line = find(page, flat((authority or title.splitlines()[0]).upper()))
    assert abs(extent(label)[1] - extent(first_signature_line)[1]) < 4, "Nơi nhận level with the signature"


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_it_punctuates_noi_nhan_as_the_regime_requires(rendered, name):
    layout, pdf = rendered[name]
    page = pdf.pages[signature_page(pdf, layout) - 1]
    list_size = regime_style(layout.regime).sizes_pt["noi_nhan"]
    text = page_text(
        page.filter(lambda obj: obj["object_type"] != "char" or round(obj["size"], 1) == list_size)
    )
    sep = "," if layout.is_party else ";"
    for line in layout.noi_nhan[:-1]:
        assert f"- {line}{sep}" in text
    assert f"- {layout.noi_nhan[-1]}." in text


@pytest.mark.parametrize("extra_paragraphs", range(2, 10))
def test_it_never_splits_signature_from_noi_nhan_wherever_the_page_ends(extra_paragraphs):
    layout = sample_layouts()["000-cong-van-ldld-bac-giang"]
    filler = "<p>" + "Nội dung bổ sung để đẩy khối chữ ký xuống cuối trang. " * 3 + "</p>"
    layout.closing = filler * extra_paragraphs + layout.closing
    pdf = open_pdf(render_pdf(layout))
    page = pdf.pages[signature_page(pdf, layout) - 1]
    text = page_text(page)
    assert "Nơi nhận:" in text and "TM. BAN THƯỜNG VỤ" in text and "PHÓ CHỦ TỊCH" in text
    assert "Lưu: VT, Ban TG&NC." in text


def test_it_lays_out_a_200_line_noi_nhan_over_two_pages():
    layout = sample_layouts()["000-cong-van-ldld-bac-giang"]
    layout.noi_nhan = [f"Công đoàn cơ sở số {i}" for i in range(1, 201)] + ["Lưu: VT, Ban TG&NC"]
    pdf = open_pdf(render_pdf(layout))
    pages_of = {}
    for page in pdf.pages:
        for i in (1, 200):
            if f"- Công đoàn cơ sở số {i};" in page_text(page):
                pages_of[i] = page.page_number
    assert pages_of[200] > pages_of[1], "the list did not flow onto the next page"
    everything = " ".join(page_text(p) for p in pdf.pages)
    assert all(f"- Công đoàn cơ sở số {i};" in everything for i in range(1, 201))
    assert "- Lưu: VT, Ban TG&NC." in everything
    # The signature still stands level with the start of the list.
    assert signature_page(pdf, layout) == pages_of[1]


def test_it_lays_out_an_extremely_long_subject():
    subject = "Triển khai thực hiện Kết luận số 57-KL/TW về công tác thông tin đối ngoại " * 40
    for name in ("002-ke-hoach-ldld-phu-rieng", "000-cong-van-ldld-bac-giang", "004-ke-hoach-84-bcdttdn"):
        layout = sample_layouts()[name]
        layout.subject = subject.strip()
        pdf = open_pdf(render_pdf(layout))
        text = " ".join(page_text(p) for p in pdf.pages[:3])
        assert "Triển khai thực hiện Kết luận số 57-KL/TW" in text
        assert layout.signer.name in page_text(pdf.pages[-1])


# --- Draft watermark ----------------------------------------------------------------------------------


def test_it_marks_every_page_of_a_draft():
    layout = sample_layouts()["001-huong-dan-97-btgtu"]
    layout.watermark = "DỰ THẢO"
    pdf = open_pdf(render_pdf(layout))
    for page in pdf.pages:
        big = [c["text"] for c in page.chars if c["size"] > 40 and c["text"].strip()]
        assert "".join(big) == "DỰTHẢO", f"page {page.page_number}: {big}"
        grey = {c["non_stroking_color"] for c in page.chars if c["size"] > 40}
        assert all(color != (0,) and color != (0, 0, 0) for color in grey)


def test_it_prints_no_watermark_on_an_issued_document(rendered):
    _, pdf = rendered["004-ke-hoach-84-bcdttdn"]
    assert not [c for page in pdf.pages for c in page.chars if c["size"] > 40]


# --- Nothing remote ------------------------------------------------------------------------------------


class SpyFetcher(LocalOnlyFetcher):
    def __init__(self, roots):
        super().__init__(roots)
        self.asked: list[str] = []
        self.served: list[str] = []

    def fetch(self, url, headers=None):
        self.asked.append(url)
        response = super().fetch(url, headers)
        self.served.append(url)
        return response


REMOTE = [
    "http://example.invalid/x.png",
    "https://example.invalid/style.css",
    "http://example.invalid/background.png",
    "https://example.invalid/imported.css",
]


def test_it_fetches_nothing_remote(monkeypatch):
    attempts: list[object] = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    layout = sample_layouts()["000-cong-van-ldld-bac-giang"]
    layout.body[0].html = (
        f'<p>Ảnh <img src="{REMOTE[0]}"></p>'
        f'<link rel="stylesheet" href="{REMOTE[1]}">'
        f'<p style="background: url({REMOTE[2]})">Nền</p>'
        f"<style>@import url({REMOTE[3]}); p {{ background-image: url({REMOTE[2]}) }}</style>"
        '<p><img src="file:///etc/passwd"></p>' + layout.body[0].html
    )
    spy = SpyFetcher(local_roots())
    pdf = open_pdf(render_pdf(layout, url_fetcher=spy))
    assert attempts == []
    assert set(REMOTE) <= set(spy.asked), spy.asked
    assert "file:///etc/passwd" in spy.asked
    assert spy.served == [], spy.served
    assert "Nguyễn Mạnh Hùng" in page_text(pdf.pages[-1])


def test_the_fetcher_serves_only_files_under_the_local_roots():
    roots = local_roots()
    fetcher = LocalOnlyFetcher(roots)
    font = roots[0] / "fonts" / "LiberationSerif-Regular.ttf"
    assert fetcher.fetch(font.as_uri()).read(4) == b"\x00\x01\x00\x00"
    for url in [
        "http://example.invalid/x.png",
        "https://example.invalid/x.css",
        "ftp://example.invalid/x",
        "data:text/css,p{color:red}",
        "file:///etc/passwd",
        (roots[0] / ".." / "pyproject.toml").as_uri(),
        "file://example.invalid/share/x.png",
    ]:
        with pytest.raises(ValueError):
            fetcher.fetch(url)


# --- Derived text -----------------------------------------------------------------------------------------


def bare(regime="state", **changes) -> OfficialLayout:
    layout = OfficialLayout(
        regime=regime,
        parent_body="",
        issuer_name="LĐLĐ",
        number=76,
        symbol="KH-LĐLĐ",
        doc_type_code="KH",
        doc_type_name="KẾ HOẠCH",
        is_cong_van=False,
        place="Bình Phước",
        issue_date=dt.date(2024, 7, 25),
        subject="Triển khai",
        signer=Signer("TM", "BAN THƯỜNG VỤ", "PHÓ CHỦ TỊCH", "Hoàng Thạch Sơn"),
    )
    return dataclasses.replace(layout, **changes)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, "Số: 76/KH-LĐLĐ"),
        ({"number": 5}, "Số: 05/KH-LĐLĐ"),
        (
            {"number": None, "symbol": "LĐLĐ-TG&NC", "is_cong_van": True},
            "Số: \xa0\xa0\xa0\xa0\xa0\xa0/LĐLĐ-TG&NC",
        ),
        ({"number": 5, "symbol": "LĐLĐ-TG&NC", "is_cong_van": True}, "Số: 05/LĐLĐ-TG&NC"),
        ({"regime": "party", "number": 97, "symbol": "HD/BTGTU"}, "Số 97-HD/BTGTU"),
        ({"regime": "party", "number": 5, "symbol": "CV/BTGDVTU", "is_cong_van": True}, "Số 05-CV/BTGDVTU"),
        ({"regime": "party", "number": None, "symbol": "HD/ĐU"}, "Số \xa0\xa0\xa0\xa0\xa0\xa0-HD/ĐU"),
    ],
)
def test_it_derives_the_number_line(changes, expected):
    assert bare(**changes).number_line() == expected


@pytest.mark.parametrize(
    ("regime", "authority", "body", "title", "expected"),
    [
        ("state", "TM", "BAN THƯỜNG VỤ", "PHÓ CHỦ TỊCH", ("TM. BAN THƯỜNG VỤ", "PHÓ CHỦ TỊCH")),
        ("union", "KT", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")),
        ("party", "TM", "BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", ("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ")),
        ("party", "KT", "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", ("K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN")),
        ("state", "Q", "", "CHỦ TỊCH", ("Q. CHỦ TỊCH", "")),
        ("party", "", "", "TRƯỞNG BAN", ("", "TRƯỞNG BAN")),
    ],
)
def test_it_derives_the_signing_prefix(regime, authority, body, title, expected):
    layout = bare(regime=regime, signer=Signer(authority, body, title, "Nguyễn Văn A"))
    assert layout.signature_lines() == expected


def test_it_writes_the_party_subject_from_a_lower_case_letter():
    assert (
        bare(regime="party", subject="Công tác thông tin đối ngoại").title_subject()
        == "công tác thông tin đối ngoại"
    )
    assert bare(regime="party", subject="TTĐN năm 2024").title_subject() == "TTĐN năm 2024"
    assert bare(regime="state", subject="Công tác").title_subject() == "Công tác"
    assert bare(subject="hướng dẫn công tác", is_cong_van=True).cong_van_subject() == "V/v hướng dẫn công tác"
    assert bare(subject="V/v hướng dẫn", is_cong_van=True).cong_van_subject() == "V/v hướng dẫn"


def test_it_prints_tasks_under_their_section_with_due_dates():
    layout = bare(
        body=[
            BodyNode("Mục đích"),
            BodyNode("Tổ chức thực hiện", children=[BodyNode("", "<p>Việc chung.</p>")], tasks_here=True),
        ],
        tasks=[
            TaskBlock("Các công đoàn cơ sở", "- Xây dựng kế hoạch\n- Báo cáo kết quả", dt.date(2014, 12, 15))
        ],
        noi_nhan=["Các CĐCS (t.h)", "Lưu: VT"],
    )
    text = " ".join(page_text(p) for p in open_pdf(render_pdf(layout)).pages)
    assert (
        "I. MỤC ĐÍCH II. TỔ CHỨC THỰC HIỆN 1. Việc chung. 2. Các công đoàn cơ sở - Xây dựng kế hoạch" in text
    )
    assert "Thời hạn hoàn thành: ngày 15 tháng 12 năm 2014." in text
