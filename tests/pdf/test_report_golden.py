"""Golden checks of report PDFs (issue 17 item 2) in the three regimes, read back from the PDF as sent.

Party: Ban Tuyên giáo Tỉnh ủy's report signed by its deputy head «K/T TRƯỞNG BAN / PHÓ TRƯỞNG BAN», number
"Số 05-BC/BTGTU". State: a Sở's report signed by its director directly. Union: CĐCS Bố Hạ's report signed by its
chairman «TM. BAN CHẤP HÀNH / CHỦ TỊCH», "Số: 05/BC-CĐCS". Each: the signer block (authority line, title,
name), the number once sent (absent on the draft) with its leading zero, no repeated type word, the issuer lines
exactly the unit's header data, and the figures and a typed table measured as tables (ruling lines and cells).
"""

from __future__ import annotations

import re

import pytest
import time_machine

from directives.numbering import next_number
from directives.rendering import letterhead_lines
from portal.org.models import Membership, Unit
from portal.org.services import UnitData, membership_grant, unit_create
from reporting.models import Obligation, ReportVersion
from reporting.rendering import report_pdf_bytes
from reporting.services import obligations_create_for_document, report_submit
from tests.pdf.pdftext import flat, open_pdf
from tests.reporting.conftest import add_requirement, local, make_document

TABLE_TEXT = "Xã\tSố buổi\tSố người\nBố Hạ\t3\t120\nĐồng Kỳ\t2\t85"
DATA = {
    "sections": {"ket_qua_tuyen_truyen": f"Kết quả tuyên truyền theo xã:\n{TABLE_TEXT}\nTổng cộng 5 buổi."},
    "indicators": {"so_buoi_tuyen_truyen": "5", "so_luot_nguoi_tham_gia": "205"},
}


def _state_units(cast):
    """A state agency (Sở) reporting to the provincial people's committee (Nghị định 30/2020)."""
    ubnd = unit_create(
        actor=None,
        parent=None,
        data=UnitData(
            code="bg-ubnd",
            name="Ủy ban nhân dân tỉnh Bắc Giang",
            short_name="UBND",
            kind="state_agency",
            regime="state",
            parent_line="",
            place_name="Bắc Giang",
        ),
    )
    so = unit_create(
        actor=None,
        parent=ubnd,
        data=UnitData(
            code="bg-stttt",
            name="Sở Thông tin và Truyền thông tỉnh Bắc Giang",
            short_name="STTTT",
            kind="state_agency",
            regime="state",
            parent_line="UBND TỈNH BẮC GIANG",
            place_name="Bắc Giang",
        ),
    )
    membership_grant(actor=None, user=cast.hung, unit=so, role="signer", title="Giám đốc")
    return Unit.objects.get(pk=ubnd.pk), Unit.objects.get(pk=so.pk)


CASES = {
    "party": dict(
        unit="btgtu",
        to="tinhuy",
        signer="hanh",
        title="Phó Trưởng ban",
        number="Số 05-BC/BTGTU",
        block=["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Nguyễn Văn Hạnh"],
    ),
    "state": dict(
        unit="stttt",
        to="ubnd",
        signer="hung",
        title="Giám đốc",
        number="Số: 05/BC-STTTT",
        block=["GIÁM ĐỐC", "Nguyễn Mạnh Hùng"],
    ),
    "union": dict(
        unit="cdcs",
        to="yenthe",
        signer="khanh",
        title="Chủ tịch",
        number="Số: 05/BC-CĐCS",
        block=["TM. BAN CHẤP HÀNH", "CHỦ TỊCH", "Lương Văn Khánh"],
    ),
}


@pytest.fixture
def sent(cast, settings, tmp_path, request):
    """(case, unit, draft PDF, sent PDF as stored) for the regime named by the test's parameter."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    case = CASES[request.param]
    units = dict(cast.units)
    units.update({k: getattr(cast, k) for k in ("btgtu", "tinhuy", "cdcs", "yenthe")})
    if request.param == "state":
        units["ubnd"], units["stttt"] = _state_units(cast)
    unit, to = units[case["unit"]], units[case["to"]]
    signer = cast.users[case["signer"]]
    Membership.objects.filter(user=signer, unit=unit, role="signer").update(title=case["title"])
    with time_machine.travel(local(2024, 2, 10), tick=False):
        plan = make_document(issuer=to, recipients=[unit])
        add_requirement(plan, frequency="semiannual", to_unit=to)
        obligations_create_for_document(document=plan, actor=None)
    ob = Obligation.objects.get(unit=unit, period_key="2024-S1")
    draft = report_pdf_bytes(ob)
    with time_machine.travel(local(2024, 6, 5), tick=False):
        for _ in range(4):  # the unit's register has given four numbers this year: the report takes 05
            next_number(unit=unit, doc_type="BC", year=2024)
        report_submit(actor=signer, obligation=ob, data=DATA)
    stored = ReportVersion.objects.get(report__obligation=ob).pdf.read()
    return case, unit, open_pdf(draft), open_pdf(stored)


def _text(pdf) -> str:
    return "\n".join(page.extract_text() or "" for page in pdf.pages)


@pytest.mark.parametrize("sent", ["party", "state", "union"], indirect=True)
def test_a_sent_report_is_numbered_and_signed_by_its_unit(sent):
    case, unit, draft, pdf = sent
    text = _text(pdf)
    # The number once sent, with its leading zero; none on the draft (a blank is left for it).
    assert case["number"] in flat(text)
    symbol = case["number"].split("05")[1]
    assert not re.search(r"\d" + re.escape(symbol), flat(_text(draft)))
    # The signer block (the right column of the last page): authority line, title, name, in this order, each
    # on its own line.
    last = pdf.pages[-1]
    column = [
        flat(x) for x in last.crop((last.width * 0.5, 0, last.width, last.height)).extract_text().splitlines()
    ]
    where = [column.index(part) if part in column else -1 for part in case["block"]]
    assert -1 not in where and where == sorted(where), (case["block"], column[-8:])
    assert "DỰ THẢO" not in flat(text) and "Người soạn" not in text
    # The type word is printed once: "BÁO CÁO" as the type line, the trích yếu without "Báo cáo".
    assert flat(text).count("BÁO CÁO") == 1
    lines = [flat(line) for line in text.splitlines()]
    subject = lines[lines.index("BÁO CÁO") + 1]
    assert subject.lower().startswith("kết quả công tác") and "báo cáo" not in subject.lower()
    # The issuer lines are exactly the unit's header data, printed as its lines.
    page = pdf.pages[0]
    header = page.crop((0, 0, page.width * 0.45, 150)).extract_text().splitlines()
    expected = list(letterhead_lines(unit))
    start = header.index(expected[0])
    assert header[start : start + len(expected)] == expected


@pytest.mark.parametrize("sent", ["party", "union"], indirect=True)
def test_the_figures_and_a_typed_table_are_ruled_tables(sent):
    _, _, _, pdf = sent
    tables = [t for page in pdf.pages for t in page.find_tables()]
    cells = [[[flat(c or "") for c in row] for row in t.extract()] for t in tables]
    typed = next(t for t in cells if t[0] == ["Xã", "Số buổi", "Số người"])
    assert typed[1:] == [["Bố Hạ", "3", "120"], ["Đồng Kỳ", "2", "85"]]
    figures = next(t for t in cells if t[0] == ["STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu"])
    assert ["1", "Số buổi tuyên truyền", "buổi", "5"] in figures
    # Measured as a table: ruling lines around every cell of the figures (rows + 1 horizontal rules).
    figures_table = next(
        t for page in pdf.pages for t in page.find_tables() if flat(t.extract()[0][0] or "") == "STT"
    )
    assert len(figures_table.rows) == len(figures) and len(figures_table.rows[0].cells) == 4
