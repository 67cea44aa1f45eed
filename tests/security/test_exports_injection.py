"""CSV/Excel formula injection: every Excel export written with hostile unit names, subject and titles.

Each workbook is read back with openpyxl: no cell is a formula, every text cell that would start a
formula carries the neutralising apostrophe, and the figures are still numbers.
"""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from directives.models import Document, ReportingRequirement
from portal.org.models import Unit
from reporting.dashboard.exports import neutralise
from tests.dashboards.conftest import PERIOD, build_scene
from tests.security.payloads import FORMULA_STARTS, FORMULAS

pytestmark = [pytest.mark.security, pytest.mark.usefixtures("eager_media")]


@pytest.fixture
def hostile(cast):
    """The dashboards' scene with a formula in every text a spreadsheet would show."""
    scene = build_scene(cast)
    names = {
        cast.yenthe.pk: FORMULAS[0],
        cast.tanyen.pk: FORMULAS[1],
        cast.cdcs.pk: FORMULAS[2],
        scene.g1.pk: FORMULAS[3],
        scene.g2.pk: FORMULAS[4],
    }
    for pk, name in names.items():
        Unit.objects.filter(pk=pk).update(name=name)
    Document.objects.filter(pk=scene.plan.pk).update(subject=FORMULAS[5])
    ReportingRequirement.objects.filter(pk=scene.upward.pk).update(title='=cmd|"/c calc"!A1')
    return scene


def _check(response) -> tuple[list[str], list]:
    """Every cell of the workbook: assert none is a formula; return the texts and the numbers."""
    assert response.status_code == 200, response.status_code
    wb = load_workbook(io.BytesIO(response.content))
    texts, numbers = [], []
    for sheet in wb.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                where = f"{sheet.title}!{cell.coordinate}"
                assert cell.data_type != "f", f"{where} is a formula: {cell.value!r}"
                if isinstance(cell.value, str):
                    assert cell.data_type in ("s", "inlineStr"), where
                    assert not cell.value.startswith(FORMULA_STARTS), (
                        f"{where} starts a formula: {cell.value!r}"
                    )
                    texts.append(cell.value)
                elif isinstance(cell.value, int | float):
                    assert cell.data_type == "n", where
                    numbers.append(cell.value)
    return texts, numbers


def test_the_requirement_workbook_neutralises_names_and_titles(cast, login, hostile):
    client = login(cast.hung)
    url = reverse("dashboards:requirement_export", args=[hostile.upward.pk, cast.ldld.pk, "xlsx"])
    texts, numbers = _check(client.get(url, {"ky": PERIOD, "ds": "qua-han"}))
    assert "'" + FORMULAS[0] in texts and "'" + FORMULAS[1] in texts  # the children sheet and the heat map
    assert any(t.startswith("'=cmd|") for t in texts)  # the title line of the summary sheet
    assert numbers and all(isinstance(n, int | float) for n in numbers)
    # Drill into Yên Thế: the grassroots names (-, @, tab) are rows there.
    url = reverse("dashboards:requirement_export", args=[hostile.upward.pk, cast.yenthe.pk, "xlsx"])
    texts, numbers = _check(client.get(url, {"ky": PERIOD, "ds": "phai-nop"}))
    for payload in FORMULAS[2:5]:
        assert "'" + payload in texts, payload
    assert any(isinstance(n, int) and n > 0 for n in numbers)


def test_the_directive_workbook_neutralises_the_subject_and_names(cast, login, hostile):
    client = login(cast.hung)
    url = reverse("dashboards:directive_export", args=[hostile.plan.pk, cast.ldld.pk, "xlsx"])
    texts, numbers = _check(client.get(url, {"ds": "da-nhan"}))
    assert "'" + FORMULAS[5] in texts  # the Trích yếu cell
    assert "'" + FORMULAS[0] in texts and "'" + FORMULAS[1] in texts
    assert 6 in numbers  # Đã nhận stays a number


def test_the_emulation_workbook_neutralises_names(cast, login, hostile):
    client = login(cast.hung)
    url = reverse("dashboards:emulation_export", args=[cast.ldld.pk, "xlsx"])
    texts, numbers = _check(client.get(url, {"nam": 2024}))
    assert "'" + FORMULAS[0] in texts and "'" + FORMULAS[1] in texts
    assert 1 in numbers and any(isinstance(n, float) for n in numbers)  # rank and score


def test_the_shared_function():
    for payload in FORMULAS:
        assert neutralise(payload) == "'" + payload
    assert neutralise("Bắc Giang") == "Bắc Giang" and neutralise(-5) == -5 and neutralise(2.5) == 2.5
    assert neutralise(None) is None and neutralise("") == ""
