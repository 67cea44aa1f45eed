"""The Word round trip (issue 17 item 6, "What it must show"): a .docx export opened by LibreOffice prints where
the WeasyPrint PDF prints, and an edited .docx uploaded back keeps the draft's structure.

Two LibreOffice runs per test session at most: one converts both exported documents to PDF, one saves the
edited draft again as .docx (as a clerk's LibreOffice would) before it is uploaded.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pdfplumber
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx.shared import Pt

from directives.content import Section, Signature
from directives.docx.export import STYLE_ITEM, docx_from_layout
from directives.models import Document
from directives.pdf.render import render_pdf
from directives.pdf.samples import SAMPLES, sample_layouts
from directives.rendering import layout_for
from directives.services.compose import DraftContent, document_create_draft, document_save_draft
from portal.audit.models import Event

MM = 72 / 25.4
TOLERANCE_MM = 2.0
# The demo's Party directive (BTGTU's Hướng dẫn 97) and its union plan (LĐLĐ Phú Riềng's Kế hoạch).
DOCUMENTS = {"party": "001-huong-dan-97-btgtu", "union": "002-ke-hoach-ldld-phu-rieng"}
NATIONAL = {"party": "ĐẢNG CỘNG SẢN VIỆT NAM", "union": "Độc lập - Tự do - Hạnh phúc"}


@pytest.fixture(scope="session")
def printed(libreoffice, tmp_path_factory) -> dict[str, tuple]:
    """regime → (layout, WeasyPrint PDF, LibreOffice PDF of the exported .docx), pdfplumber documents."""
    folder = tmp_path_factory.mktemp("docx-export")
    layouts = sample_layouts()
    paths = []
    for name in DOCUMENTS.values():
        path = folder / f"{name}.docx"
        path.write_bytes(docx_from_layout(layouts[name]))
        paths.append(path)
    converted = libreoffice(paths, "pdf")
    out = {}
    for regime, name in DOCUMENTS.items():
        weasy = pdfplumber.open(io.BytesIO(render_pdf(layouts[name])))
        office = pdfplumber.open(converted[name])
        out[regime] = (layouts[name], weasy, office)
    yield out
    for _, weasy, office in out.values():
        weasy.close()
        office.close()


def _words(page) -> list[dict]:
    # The "DỰ THẢO" watermark (100 pt) is not text of the page.
    return [w for w in page.extract_words(extra_attrs=["size"]) if w["size"] < 30]


def _line(page, text: str) -> dict:
    """Where ``text`` (one printed line) starts and ends on ``page``: its x0, x1 and top, in mm."""
    words = sorted(_words(page), key=lambda w: (round(w["top"]), w["x0"]))
    tokens = text.split()
    for i in range(len(words) - len(tokens) + 1):
        if [w["text"] for w in words[i : i + len(tokens)]] == tokens:
            return {
                "x0": words[i]["x0"] / MM,
                "x1": words[i + len(tokens) - 1]["x1"] / MM,
                "top": words[i]["top"] / MM,
            }
    raise AssertionError(f"«{text}» is not printed on the page")


def _measures(pdf, layout, regime: str) -> dict[str, float]:
    page = pdf.pages[0]
    words = _words(page)
    issuer = _line(page, layout.issuer_name.upper().splitlines()[0])
    national = _line(page, NATIONAL[regime])
    return {
        "page width": page.width / MM,
        "page height": page.height / MM,
        "left margin (first text x)": min(w["x0"] for w in words) / MM,
        "right margin (justified body)": (page.width - max(w["x1"] for w in words)) / MM,
        "top margin (first text y)": min(w["top"] for w in words) / MM,
        "issuer line x": issuer["x0"],
        "issuer line y": issuer["top"],
        "national heading x": national["x0"],
        "national heading centre": (national["x0"] + national["x1"]) / 2,
        "national heading y": national["top"],
    }


@pytest.mark.parametrize("regime", list(DOCUMENTS))
def test_the_word_file_prints_within_2_mm_of_the_pdf(printed, regime):
    layout, weasy, office = printed[regime]
    assert len(office.pages) == len(weasy.pages)
    expected = _measures(weasy, layout, regime)
    measured = _measures(office, layout, regime)
    off = {
        key: (round(expected[key], 1), round(measured[key], 1))
        for key in expected
        if abs(expected[key] - measured[key]) > TOLERANCE_MM
    }
    assert not off, f"WeasyPrint vs LibreOffice, mm: {off}"
    # And both where the regime's rules put them (STANDARDS.md §2: A4, left 30, right 15, top 20 mm).
    assert measured["page width"] == pytest.approx(210, abs=0.5)
    assert measured["page height"] == pytest.approx(297, abs=0.5)
    assert measured["left margin (first text x)"] == pytest.approx(30, abs=1)
    assert measured["right margin (justified body)"] == pytest.approx(15, abs=1)
    assert measured["top margin (first text y)"] == pytest.approx(20, abs=TOLERANCE_MM)


def test_page_two_is_numbered_in_the_top_margin_and_page_one_is_not(printed):
    _, weasy, office = printed["party"]
    for pdf in (weasy, office):
        first = [w for w in _words(pdf.pages[0]) if w["top"] < 18 * MM]
        second = [w["text"] for w in _words(pdf.pages[1]) if w["top"] < 18 * MM]
        assert not first and second == ["2"]


# --- an edited .docx back into the draft ------------------------------------------------------------------------

TABLE = (
    "<p>Kết quả năm 2023:</p><table><thead><tr><th>STT</th><th>Hình thức</th><th>Số buổi</th></tr></thead>"
    "<tbody><tr><td>1</td><td>Hội nghị báo cáo viên</td><td>12</td></tr></tbody></table>"
)


@pytest.fixture
def party_draft(cast) -> Document:
    """Lan's draft at BTGTU: the demo's Party guidance (opening, sections, items, footnotes) with a data table."""
    content = SAMPLES[DOCUMENTS["party"]].content
    body = list(content.body)
    first = body[0]
    body[0] = Section(
        heading=first.heading,
        text=first.text + TABLE,
        footnotes=first.footnotes,
        children=first.children,
        numbered=first.numbered,
        tasks_here=first.tasks_here,
    )
    draft = document_create_draft(actor=cast.lan, issuer=cast.btgtu, doc_type="HD")
    return document_save_draft(
        actor=cast.lan,
        document=draft,
        content=DraftContent(
            doc_type="HD",
            subject="công tác thông tin đối ngoại năm 2024",
            opening=content.opening,
            body=body,
            closing=content.closing,
            signature=Signature(
                authority="KT", authority_body="TRƯỞNG BAN", title="PHÓ TRƯỞNG BAN", name="Hạnh"
            ),
        ),
        expected_version=draft.version,
    )


def _shape(nodes: list[dict]) -> list:
    return [
        (n["heading"], n["numbered"], len(n["footnotes"]), "<table>" in n["text"], _shape(n["children"]))
        for n in nodes
    ]


def _edit(data: bytes) -> bytes:
    """What a clerk does in Word: rewrites a paragraph with a bold word in it, adds a row to the table."""
    document = docx.Document(io.BytesIO(data))
    paragraph = next(p for p in document.paragraphs if p.text.startswith("1. Tạo sự"))
    assert paragraph.style.name == STYLE_ITEM.format(depth=2)
    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)
    paragraph.add_run("1. Tạo sự thống nhất cao về nhận thức, ")
    paragraph.add_run("đặc biệt").bold = True
    paragraph.add_run(" trong cán bộ chủ chốt.")
    table = next(t for t in document.tables if "Hình thức" in t.rows[0].cells[1].text)
    row = table.add_row()
    for cell, text in zip(row.cells, ("2", "Tọa đàm trực tuyến", "4"), strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].font.size = Pt(12.6)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_an_edited_word_file_replaces_the_draft_and_keeps_its_structure(
    cast, party_draft, libreoffice, tmp_path
):
    from directives.docx.services import draft_text_from_docx

    before = Document.objects.get(pk=party_draft.pk)
    exported = docx_from_layout(layout_for(before))
    edited = tmp_path / "huong-dan-da-sua.docx"
    edited.write_bytes(_edit(exported))
    # Saved again by LibreOffice, as a clerk without Microsoft Word would: styles survive, captions do not.
    saved = libreoffice([edited], "docx:MS Word 2007 XML")[edited.stem].read_bytes()

    draft_text_from_docx(
        actor=cast.lan,
        document=before,
        upload=SimpleUploadedFile("huong-dan-da-sua.docx", saved),
        expected_version=before.version,
    )

    after = Document.objects.get(pk=party_draft.pk)
    assert after.version == before.version + 1
    # Sections, numbered items, footnotes and the table where they were.
    assert _shape(after.body) == _shape(before.body)
    item = after.body[0]["children"][0]
    assert item["heading"] == "" and item["numbered"]
    assert item["text"].startswith(
        "<p>Tạo sự thống nhất cao về nhận thức, <strong>đặc biệt</strong> trong cán bộ chủ chốt.</p><p>Thông qua"
    )
    table = after.body[0]["text"]
    assert "<thead><tr><th>STT</th><th>Hình thức</th><th>Số buổi</th></tr></thead>" in table
    assert "<tr><td>2</td><td>Tọa đàm trực tuyến</td><td>4</td></tr>" in table
    footnotes = [f for n in _walk(after.body) for f in n["footnotes"]]
    assert footnotes == [f for n in _walk(before.body) for f in n["footnotes"]] and footnotes
    assert all(f"[^{i}]" in n["text"] for n in _walk(after.body) for i in range(1, len(n["footnotes"]) + 1))
    assert after.opening == before.opening and after.closing == before.closing
    # The header and signature fields are the draft's, never the file's.
    assert (after.subject, after.signer_name, after.issuer_id) == (before.subject, "Hạnh", cast.btgtu.pk)
    event = Event.objects.filter(action="document.docx_imported").get()
    assert event.details["version"] == after.version and event.details["sections"] >= 5


def _walk(nodes: list[dict]):
    for node in nodes:
        yield node
        yield from _walk(node["children"])


def test_libreoffice_is_installed_by_the_test_script():
    script = (Path(__file__).resolve().parents[2] / "scripts" / "test.sh").read_text(encoding="utf-8")
    assert "libreoffice-writer" in script.splitlines()[6]


def test_the_short_rules_clear_the_lines_they_underline(printed):
    """The union plan's rules under the issuer and under the trích yếu, as LibreOffice prints them: each below
    every letter of the line above it (the dots below of «ĐỘNG», «thực hiện» included: a glyph's box reaches the
    font's descent) and above the next line."""
    _, _, office = printed["union"]
    page = office.pages[0]
    chars = [c for c in page.chars if c["size"] < 30 and c["text"].strip()]
    rules = [e for e in page.edges if e["orientation"] == "h" and 15 * MM < e["x1"] - e["x0"] < 70 * MM]
    rules = [e for e in rules if e["top"] < 110 * MM]
    assert len(rules) >= 2, rules
    for rule in rules:
        over = [c for c in chars if c["x1"] > rule["x0"] and c["x0"] < rule["x1"]]
        above = max(c["bottom"] for c in over if c["top"] < rule["top"])
        below = min(c["top"] for c in over if c["top"] > rule["top"])
        assert rule["top"] - above >= 0.3 * MM, (rule["top"] / MM, above / MM)
        assert below - rule["bottom"] >= 0.3 * MM
