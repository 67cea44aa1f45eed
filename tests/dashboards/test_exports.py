"""Exports opened back: the workbook with openpyxl, the PDF with pdfplumber."""

import datetime as dt
import io

import pdfplumber
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from portal.org.models import Unit
from reporting.dashboard.exports import neutralise
from tests.dashboards.conftest import AFTER, PERIOD


def _workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert response["Content-Disposition"].startswith("attachment; filename=")
    return load_workbook(io.BytesIO(response.content))


def _pdf_text(response) -> tuple[str, str]:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    flat = " ".join(text.split())
    return flat, "".join(text.split())  # SVG text comes back without its spaces


def _rows(sheet) -> dict:
    """{first cell: row} below the title and header lines."""
    return {row[0]: row for row in sheet.iter_rows(min_row=3, values_only=True)}


def test_the_requirement_workbook_has_a_sheet_per_table_with_numbers_as_numbers(cast, login, scene):
    url = reverse("dashboards:requirement_export", args=[scene.upward.pk, cast.ldld.pk, "xlsx"])
    with time_machine.travel(AFTER, tick=False):  # the period's deadlines have passed: Tân Yên is overdue
        wb = _workbook(login(cast.hung).get(url, {"ky": PERIOD, "ds": "qua-han"}))
    assert wb.sheetnames == [
        "Tổng hợp",
        "Đơn vị trực thuộc",
        "Theo cấp",
        "Bản đồ nhiệt",
        "Xu hướng",
        "Danh sách",
    ]
    children = wb["Đơn vị trực thuộc"]
    assert [c.value for c in children[2]][:4] == ["Đơn vị", "Mã đơn vị", "Phải nộp", "Đã nộp"]
    yenthe = _rows(children)["Liên đoàn Lao động huyện Yên Thế"]
    assert yenthe[2:7] == (3, 3, 2, 1, 0) and isinstance(yenthe[2], int)
    assert yenthe[9] == 1.0 and children.cell(row=3, column=10).number_format == "0.0%"
    summary = _rows(wb["Tổng hợp"])
    assert summary["Phải nộp"][1] == 4 and summary["Tỷ lệ đúng hạn"][1] == 0.5
    assert isinstance(summary["Hạn nộp"][1], dt.datetime)  # a date cell, shown dd/mm/yyyy
    heat = _rows(wb["Bản đồ nhiệt"])
    assert heat["Liên đoàn Lao động huyện Tân Yên"][1:] == ("Quá hạn",)  # a leaf names its status
    assert heat["Liên đoàn Lao động huyện Yên Thế"][1:] == ("3/3",)  # a subtree counts reports in / expected
    assert [r[0] for r in wb["Danh sách"].iter_rows(min_row=3, values_only=True)] == [
        "Liên đoàn Lao động huyện Tân Yên"
    ]


def test_text_that_a_spreadsheet_would_run_is_neutralised(cast, login, scene):
    Unit.objects.filter(pk=scene.g1.pk).update(name='=HYPERLINK("http://x.example","bấm")')
    Unit.objects.filter(pk=scene.g2.pk).update(name="+SUM(1,2)")
    Unit.objects.filter(pk=scene.g3.pk).update(name="-2+3")
    Unit.objects.filter(pk=cast.cdcs.pk).update(name="@cmd")
    url = reverse("dashboards:requirement_export", args=[scene.upward.pk, cast.yenthe.pk, "xlsx"])
    wb = _workbook(login(cast.hung).get(url, {"ky": PERIOD}))
    names = [r[0] for r in wb["Đơn vị trực thuộc"].iter_rows(min_row=3, values_only=True)]
    assert '\'=HYPERLINK("http://x.example","bấm")' in names and "'+SUM(1,2)" in names
    assert "'-2+3" in names and "'@cmd" in names
    for sheet in wb.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula"
    assert neutralise("\t=1") == "'\t=1" and neutralise(-5) == -5 and neutralise("Bắc Giang") == "Bắc Giang"


def test_the_requirement_pdf_has_the_figures_and_the_charts(cast, login, scene):
    url = reverse("dashboards:requirement_export", args=[scene.upward.pk, cast.ldld.pk, "pdf"])
    flat, tight = _pdf_text(login(cast.hung).get(url, {"ky": PERIOD}))
    assert "Báo cáo kết quả công tác thông tin đối ngoại — 6 tháng đầu năm 2024" in flat
    assert "Liên đoàn Lao động huyện Yên Thế" in flat and "75,0 %" in flat and "Lập lúc" in flat
    assert "Bốn nhóm tình trạng" in flat and "Bản đồ nhiệt đơn vị × kỳ" in flat
    assert "Đãnộpđúnghạn:2" in tight and "6T/2024" in tight and "Tỷlệnộpđúnghạn" in tight  # the SVG charts


def test_the_directive_exports(cast, login, scene):
    client = login(cast.hung)
    wb = _workbook(
        client.get(reverse("dashboards:directive_export", args=[scene.plan.pk, cast.ldld.pk, "xlsx"]))
    )
    assert wb.sheetnames == [
        "Tổng hợp",
        "Đơn vị trực thuộc",
        "Theo cấp",
        # the page's «Nhiệm vụ» panel travels with it (issue 16)
        "Nhiệm vụ - Tổng hợp",
        "Nhiệm vụ - Đơn vị trực thuộc",
        "Nhiệm vụ - Người, ban thực hiện",
    ]
    assert _rows(wb["Tổng hợp"])["Đã nhận"][1] == 6
    assert _rows(wb["Nhiệm vụ - Tổng hợp"])["Tổng số nhiệm vụ"][1] == 0
    flat, tight = _pdf_text(
        client.get(reverse("dashboards:directive_export", args=[scene.plan.pk, cast.ldld.pk, "pdf"]))
    )
    assert f"Tình hình triển khai Kế hoạch {scene.plan.number_symbol}" in flat and "16,7 %" in flat
    assert "Chưaxửlý:3" in tight


def test_the_emulation_exports(cast, login, scene):
    client = login(cast.hung)
    wb = _workbook(
        client.get(reverse("dashboards:emulation_export", args=[cast.ldld.pk, "xlsx"]), {"nam": 2024})
    )
    scores = _rows(wb["Điểm thi đua"])
    assert scores[1][1] == "Liên đoàn Lao động huyện Yên Thế" and isinstance(scores[1][10], float)
    flat, _ = _pdf_text(
        client.get(reverse("dashboards:emulation_export", args=[cast.ldld.pk, "pdf"]), {"nam": 2024})
    )
    assert "Điểm thi đua năm 2024" in flat and "Điểm thi đua = 60 × tỷ lệ báo cáo nộp đúng hạn" in flat
