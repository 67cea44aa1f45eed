"""The «Nhiệm vụ» figures on the dashboards: the panel of a unit's dashboard and of a directive's, the drill-down page
(bucket → tasks, per child subtree, per assignee), its Excel and PDF, the API figures — with the dashboards'
refusals (404 to whoever does not lead the unit) and constant query counts.

Scene on 11/03/2026: Ban Tuyên giáo Tỉnh ủy issued 97-HD/BTGTU to LĐLĐ tỉnh (and Lai Châu, outside its tree).
Tasks of the document: LĐLĐ's TG&NC (lead, due 10/03, open → overdue), VP (support, due 05/03, done 04/03 → on
time), Yên Thế (due 20/02, open → overdue), CĐCS (due 01/03, done 05/03 → late), Tân Yên (due 20/03 → in time),
Lai Châu (due 01/03, open → overdue); a TG&NC task «để biết» (not counted). And Mai's own task from an incoming
paper (no document, due 01/03, open → overdue)."""

from __future__ import annotations

import datetime as dt
import io
import re

import pdfplumber
import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from rest_framework.test import APIClient

from portal.core.services import api_token_create
from tests.reporting.conftest import grow, make_document

pytestmark = pytest.mark.django_db

D = dt.date
TODAY = timezone.make_aware(dt.datetime(2026, 3, 11, 10, 0))


def at(y, m, d, h=10):
    return timezone.make_aware(dt.datetime(y, m, d, h))


@pytest.fixture
def scene(cast, make_task):
    doc = make_document(
        issuer=cast.btgtu,
        recipients=[cast.ldld, cast.laichau],
        issue_date=D(2026, 2, 5),
        subject="Hướng dẫn tuyên truyền kỷ niệm 96 năm Ngày thành lập Đảng",
    )
    t = {
        "tgnc": make_task(
            department=cast.tgnc, document=doc, due=D(2026, 3, 10), title="Tuyên truyền trong CNVCLĐ"
        ),
        "vp": make_task(
            department=cast.vp,
            document=doc,
            role="support",
            due=D(2026, 3, 5),
            state="done",
            completed_at=at(2026, 3, 4),
            title="Chuẩn bị khánh tiết",
        ),
        "yenthe": make_task(
            unit=cast.yenthe, document=doc, due=D(2026, 2, 20), title="Tổ chức tọa đàm Yên Thế"
        ),
        "cdcs": make_task(
            unit=cast.cdcs,
            document=doc,
            due=D(2026, 3, 1),
            state="done",
            completed_at=at(2026, 3, 5),
            title="Treo băng rôn tại trường",
        ),
        "tanyen": make_task(
            unit=cast.tanyen, document=doc, due=D(2026, 3, 20), title="Tổ chức tọa đàm Tân Yên"
        ),
        "laichau": make_task(unit=cast.laichau, document=doc, due=D(2026, 3, 1), title="Việc của Lai Châu"),
        "inform": make_task(department=cast.tgnc, document=doc, role="inform", title="Để biết"),
        "mai": make_task(person=cast.mai, due=D(2026, 3, 1), title="Báo cáo nhanh của Mai"),
    }
    return doc, t


def _get(client, url, **query):
    with time_machine.travel(TODAY, tick=False):
        return client.get(url, query)


def _text(response) -> str:
    assert response.status_code == 200, response.status_code
    return " ".join(response.content.decode().split())


# --- the unit's dashboard ---------------------------------------------------------------------------------------


def test_the_unit_dashboard_has_the_tasks_panel(cast, login, scene):
    doc, _ = scene
    response = _get(login(cast.hung), reverse("dashboards:unit", args=[cast.ldld.pk]))
    html = _text(response)
    assert 'data-testid="tasks-panel"' in html
    tasks_url = reverse("dashboards:tasks", args=[cast.ldld.pk])
    # on time 1 (VP), late 1 (CĐCS), in time 1 (Tân Yên), overdue 3 (TG&NC, Yên Thế, Mai); Lai Châu is not below
    assert (
        f'<dd data-testid="tasks-dung-han"><a href="{tasks_url}?nhom=dung-han#danh-sach">1</a></dd>' in html
    )
    assert (
        f'<dd data-testid="tasks-hoan-thanh-qua-han"><a href="{tasks_url}?nhom=hoan-thanh-qua-han#danh-sach">1</a>'
        in html
    )
    assert f'<dd data-testid="tasks-trong-han"><a href="{tasks_url}?nhom=trong-han#danh-sach">1</a>' in html
    assert 'data-testid="tasks-qua-han"' in html and '<span class="status status-overdue">3</span>' in html
    assert f'<dd data-testid="tasks-total"><a href="{tasks_url}">6</a></dd>' in html
    assert "Bốn nhóm tình trạng nhiệm vụ" in html  # the chart
    # the child units most behind, each opening its overdue tasks
    assert (
        f'<a href="{tasks_url}?nhom=qua-han&amp;don_vi_con={cast.yenthe.pk}#danh-sach">Liên đoàn Lao động huyện Yên Thế</a>: '
        '<span class="status status-overdue">1</span> quá hạn / 2 nhiệm vụ' in html
    )
    # the overview's documents carry their tasks: 97's five below LĐLĐ, three overdue
    directive_tasks = reverse("dashboards:directive_tasks", args=[doc.pk, cast.ldld.pk])
    assert f'<a href="{directive_tasks}">5</a>' in html
    assert (
        f'<a href="{directive_tasks}?nhom=qua-han#danh-sach"><span class="status status-overdue">2</span></a>'
        in html
    )


def test_tasks_page_children_assignees_and_drill_down(cast, login, scene):
    _, t = scene
    url = reverse("dashboards:tasks", args=[cast.ldld.pk])
    html = _text(_get(login(cast.hung), url))
    assert "<h1>Nhiệm vụ: Liên đoàn Lao động tỉnh Bắc Giang</h1>" in html
    assert "tính đến ngày 11/03/2026" in html
    # children: the unit itself, Yên Thế (with CĐCS), Tân Yên
    assert 'data-unit="bg-ldld-yenthe"' in html and 'data-unit="bg-ldld-tanyen"' in html
    assert f'href="{url}?nhom=qua-han&amp;don_vi_con={cast.yenthe.pk}#danh-sach"' in html
    # the unit's own assignees by name
    assert "Ban Tuyên giáo - Nữ công" in html and "Văn phòng" in html and "Trần Thị Mai" in html
    assert 'data-testid="listing"' not in html  # no list until a number is opened

    html = _text(_get(login(cast.hung), url, nhom="qua-han"))
    assert "Danh sách: quá hạn chưa hoàn thành (3)" in html
    for title in ("Tuyên truyền trong CNVCLĐ", "Tổ chức tọa đàm Yên Thế", "Báo cáo nhanh của Mai"):
        assert title in html
    assert "Việc của Lai Châu" not in html and "Tổ chức tọa đàm Tân Yên" not in html
    assert "quá hạn 19 ngày" in html  # Yên Thế: due 20/02
    assert f'href="/nhiem-vu/{t["yenthe"].pk}/"' in html  # the leader opens each task
    assert scene[0].number_symbol in html  # where each task comes from

    html = _text(_get(login(cast.hung), url, nhom="qua-han", don_vi_con=cast.yenthe.pk))
    assert "Danh sách: quá hạn chưa hoàn thành — Liên đoàn Lao động huyện Yên Thế (1)" in html
    html = _text(_get(login(cast.hung), url, nhom="hoan-thanh-qua-han"))
    assert "Treo băng rôn tại trường" in html and "05/03/2026" in html
    # a bucket that does not exist shows no list, not an error
    assert 'data-testid="listing"' not in _text(_get(login(cast.hung), url, nhom="khong-co"))


def test_the_list_of_one_assignee_and_of_everything(cast, login, scene):
    _, t = scene
    url = reverse("dashboards:tasks", args=[cast.ldld.pk])
    client = login(cast.hung)
    # TG&NC's row opens TG&NC's tasks (not Mai's own, though she works there; not the «để biết» one)
    html = _text(_get(client, url, thuc_hien=f"d{cast.tgnc.pk}"))
    assert f'href="{url}?nhom=qua-han&amp;thuc_hien=d{cast.tgnc.pk}#danh-sach"' in html
    assert "Danh sách: tất cả nhiệm vụ — Ban Tuyên giáo - Nữ công (1)" in html
    assert "Tuyên truyền trong CNVCLĐ" in html and "Báo cáo nhanh của Mai" not in html
    html = _text(_get(client, url, nhom="qua-han", thuc_hien=f"p{cast.mai.pk}"))
    assert "Danh sách: quá hạn chưa hoàn thành — Trần Thị Mai (1)" in html and "Báo cáo nhanh của Mai" in html
    html = _text(_get(client, url, nhom="dung-han", thuc_hien=f"p{cast.mai.pk}"))
    assert "Danh sách: hoàn thành đúng hạn — Trần Thị Mai (0)" in html
    # an assignee that is not one of the unit's lists nothing (no hint of anyone else's tasks)
    html = _text(_get(client, url, thuc_hien=f"p{cast.charlie.pk}"))
    assert 'data-testid="listing"' not in html
    # every counted task of the page
    html = _text(_get(client, url, nhom="tat-ca"))
    assert "Danh sách: tất cả nhiệm vụ (6)" in html and "Để biết" not in html


def test_a_district_leader_sees_the_district_only(cast, login, scene):
    url = reverse("dashboards:tasks", args=[cast.yenthe.pk])
    html = _text(_get(login(cast.binh), url, nhom="qua-han"))
    assert "Tổ chức tọa đàm Yên Thế" in html and "Tuyên truyền trong CNVCLĐ" not in html
    # crumbs: Bình does not lead LĐLĐ tỉnh: named, not linked
    assert f'href="{reverse("dashboards:tasks", args=[cast.ldld.pk])}"' not in html


@pytest.mark.parametrize("who", ["charlie", "mai", "thu", "binh", "tuan"])
def test_refused_who_does_not_lead_the_unit(cast, login, scene, who):
    doc, _ = scene
    client = login(getattr(cast, who))
    for url in (
        reverse("dashboards:tasks", args=[cast.ldld.pk]),
        reverse("dashboards:tasks_export", args=[cast.ldld.pk, "xlsx"]),
        reverse("dashboards:directive_tasks", args=[doc.pk, cast.ldld.pk]),
        reverse("dashboards:directive_tasks_export", args=[doc.pk, cast.ldld.pk, "pdf"]),
    ):
        assert _get(client, url, nhom="qua-han").status_code == 404, (who, url)


def test_anonymous_is_sent_to_log_in(client, cast, scene):
    response = _get(client, reverse("dashboards:tasks", args=[cast.ldld.pk]))
    assert response.status_code == 302


# --- a directive's dashboard ------------------------------------------------------------------------------------


def test_the_directive_dashboard_has_the_tasks_panel(cast, login, scene):
    doc, _ = scene
    html = _text(_get(login(cast.hung), reverse("dashboards:directive", args=[doc.pk, cast.ldld.pk])))
    assert 'data-testid="tasks-panel"' in html
    assert "Nhiệm vụ — giao theo văn bản và các văn bản triển khai" in html
    url = reverse("dashboards:directive_tasks", args=[doc.pk, cast.ldld.pk])
    assert f'<dd data-testid="tasks-total"><a href="{url}">5</a></dd>' in html


def test_the_issuer_counts_its_tasks_wherever_they_went(cast, login, scene):
    doc, t = scene
    url = reverse("dashboards:directive_tasks", args=[doc.pk, cast.btgtu.pk])
    html = _text(_get(login(cast.hanh), url))
    assert (
        f'<dd data-testid="tasks-total"><a href="{url}?nhom=tat-ca#danh-sach">6</a></dd>' in html
    )  # Lai Châu's too
    assert "Nơi nhận ngoài đơn vị trực thuộc" in html
    html = _text(_get(login(cast.hanh), url, nhom="qua-han"))
    assert "Việc của Lai Châu" in html and "Báo cáo nhanh của Mai" not in html  # Mai's has no document
    # Hạnh does not lead LĐLĐ: she reads the figures but LĐLĐ's task pages are theirs (no link where refused)
    assert not re.search(r'href="/nhiem-vu/\d+/"', html), "a task page Hạnh may not open is linked"
    assert t["laichau"].title in html


def test_a_recipient_counts_only_its_subtree(cast, login, scene):
    doc, _ = scene
    html = _text(
        _get(
            login(cast.hung),
            reverse("dashboards:directive_tasks", args=[doc.pk, cast.ldld.pk]),
            nhom="qua-han",
        )
    )
    assert "Danh sách: quá hạn chưa hoàn thành (2)" in html
    assert "Việc của Lai Châu" not in html


# --- exports and the API ----------------------------------------------------------------------------------------


def test_the_tasks_workbook_has_numbers_as_numbers(cast, login, scene):
    response = _get(
        login(cast.hung), reverse("dashboards:tasks_export", args=[cast.ldld.pk, "xlsx"]), nhom="qua-han"
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="nhiem-vu-bg-ldld-20260311.xlsx"'
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["Tổng hợp", "Đơn vị trực thuộc", "Người, ban thực hiện", "Danh sách nhiệm vụ"]
    summary = {row[0]: row[1] for row in wb["Tổng hợp"].iter_rows(min_row=3, values_only=True)}
    assert summary["Quá hạn chưa hoàn thành"] == 3 and summary["Tổng số nhiệm vụ"] == 6
    assert summary["Tỷ lệ đúng hạn"] == pytest.approx(1 / 6, abs=0.001)
    children = {row[0]: row for row in wb["Đơn vị trực thuộc"].iter_rows(min_row=3, values_only=True)}
    assert children["Liên đoàn Lao động huyện Yên Thế"][2:7] == (2, 0, 1, 0, 1)
    listing = list(wb["Danh sách nhiệm vụ"].iter_rows(min_row=3, values_only=True))
    assert len(listing) == 3
    yenthe = next(r for r in listing if r[0] == "Tổ chức tọa đàm Yên Thế")
    assert (
        yenthe[4] == dt.datetime(2026, 2, 20) and yenthe[5] == "Quá hạn chưa hoàn thành" and yenthe[7] == 19
    )


def test_the_workbook_of_done_tasks_carries_their_local_completion_time(cast, login, scene):
    """A done task's completion time goes into the sheet as the local time (a cell holds no time zone)."""
    response = _get(
        login(cast.hung), reverse("dashboards:tasks_export", args=[cast.ldld.pk, "xlsx"]), nhom="tat-ca"
    )
    assert response.status_code == 200
    listing = list(
        load_workbook(io.BytesIO(response.content))["Danh sách nhiệm vụ"].iter_rows(
            min_row=3, values_only=True
        )
    )
    done = [row for row in listing if row[6] is not None]
    assert done and all(isinstance(row[6], dt.datetime) and row[6].tzinfo is None for row in done)


def test_the_tasks_pdf_reads_back(cast, login, scene):
    doc, _ = scene
    response = _get(
        login(cast.hung), reverse("dashboards:directive_tasks_export", args=[doc.pk, cast.ldld.pk, "pdf"])
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        text = " ".join(" ".join((page.extract_text() or "") for page in pdf.pages).split())
    assert "tính đến ngày 11/03/2026" in text
    assert "Quá hạn chưa hoàn thành" in text and "Liên đoàn Lao động huyện Yên Thế" in text


def test_the_directive_export_carries_the_tasks(cast, login, scene):
    doc, _ = scene
    response = _get(
        login(cast.hung), reverse("dashboards:directive_export", args=[doc.pk, cast.ldld.pk, "xlsx"])
    )
    wb = load_workbook(io.BytesIO(response.content))
    assert "Nhiệm vụ - Tổng hợp" in wb.sheetnames
    summary = {row[0]: row[1] for row in wb["Nhiệm vụ - Tổng hợp"].iter_rows(min_row=3, values_only=True)}
    assert summary["Tổng số nhiệm vụ"] == 5


def _api(user):
    _, key = api_token_create(user=user, name="bảng tổng hợp")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_the_api_figures_carry_the_tasks(cast, scene):
    doc, _ = scene
    body = _get(_api(cast.hung), f"/api/v1/dashboards/units/{cast.ldld.pk}/").json()
    assert body["tasks"] == {"on_time": 1, "late": 1, "open_in_time": 1, "open_overdue": 3, "total": 6}
    listed = {d["document"]["id"]: d["tasks"] for d in body["documents"]}
    assert listed[doc.pk]["total"] == 5
    body = _get(_api(cast.hung), f"/api/v1/dashboards/units/{cast.ldld.pk}/documents/{doc.pk}/").json()
    assert body["tasks"] == {"on_time": 1, "late": 1, "open_in_time": 1, "open_overdue": 2, "total": 5}
    body = _get(_api(cast.hanh), f"/api/v1/dashboards/units/{cast.btgtu.pk}/documents/{doc.pk}/").json()
    assert body["tasks"]["total"] == 6
    assert _get(_api(cast.charlie), f"/api/v1/dashboards/units/{cast.ldld.pk}/").status_code == 404


# --- cost ---------------------------------------------------------------------------------------------------------


def test_the_tasks_page_costs_the_same_queries_for_more_tasks(cast, login, scene, make_task):
    doc, _ = scene
    client = login(cast.hung)
    pages = [
        (reverse("dashboards:tasks", args=[cast.ldld.pk]), {"nhom": "qua-han"}),
        (reverse("dashboards:directive_tasks", args=[doc.pk, cast.ldld.pk]), {"nhom": "trong-han"}),
        (reverse("dashboards:unit", args=[cast.ldld.pk]), {}),
        (reverse("dashboards:directive", args=[doc.pk, cast.ldld.pk]), {}),
        (
            reverse("dashboards:tasks", args=[cast.yenthe.pk]),
            {"nhom": "qua-han", "don_vi_con": cast.yenthe.pk},
        ),
        (reverse("handling:figures"), {}),
    ]
    _get(client, pages[0][0])  # warm: session, content types

    def count(url, query):
        with CaptureQueriesContext(connection) as ctx:
            assert _get(client, url, **query).status_code == 200
        return len(ctx.captured_queries)

    few = [count(u, q) for u, q in pages]
    units = [cast.ldld, cast.yenthe, cast.cdcs, cast.tanyen]
    for i in range(40):
        make_task(unit=units[i % 4], document=doc, due=D(2026, 3, 1 + i % 28), title=f"Nhiệm vụ {i}")
        make_task(person=cast.mai, due=D(2026, 3, 1 + i % 28), title=f"Việc {i}")
    # and Yên Thế grows to 250 grassroots unions, a few of them with tasks: its page is paged, not longer
    from portal.org.models import Unit

    grown = grow(cast.yenthe, 250, prefix="t")
    for uid in grown[:30]:
        make_task(
            unit=Unit.objects.get(pk=uid), document=doc, due=D(2026, 3, 2), title="Việc của công đoàn cơ sở"
        )
    assert [count(u, q) for u, q in pages] == few
    assert max(few) <= 30
    html = _text(_get(client, reverse("dashboards:tasks", args=[cast.yenthe.pk])))
    assert "Trang 1/3" in html


# --- the person's own figures (/nhiem-vu/tong-hop/) ---------------------------------------------------------------


def test_a_specialist_reads_the_buckets_of_her_own_tasks(cast, login, scene):
    """Mai (TG&NC): her own overdue task and TG&NC's lead task; VP's, Yên Thế's and the «để biết» one are not hers."""
    html = _text(_get(login(cast.mai), reverse("handling:figures")))
    assert "<h1>Tình hình thực hiện nhiệm vụ</h1>" in html and "Tính đến ngày 11/03/2026" in html
    tasks = reverse("handling:tasks")
    assert (
        f'data-testid="cua-toi-qua-han"><a href="{tasks}?tab=cua-toi&amp;nhom=qua-han">'
        '<span class="status status-overdue">2</span></a>' in html
    )
    assert 'data-testid="cua-toi-dung-han">0<' in html
    assert 'data-testid="figures-don-vi"' not in html  # she leads nothing
    assert 'data-testid="figures-dashboards"' not in html


def test_a_leader_reads_each_tab_and_is_shown_the_dashboards(cast, login, scene):
    html = _text(_get(login(cast.hung), reverse("handling:figures")))
    # «Đơn vị»: LĐLĐ's whole subtree, as the dashboard counts it
    assert 'data-testid="don-vi-qua-han"><a' in html and ">3</span>" in html
    # «Tôi giao»: everything Hùng assigned (the scene's tasks all name him), Lai Châu's included
    assert 'data-testid="figures-toi-giao"' in html
    assert f'href="{reverse("dashboards:tasks", args=[cast.ldld.pk])}"' in html


def test_the_figures_page_counts_only_what_the_person_may_see(cast, login, scene):
    """Charlie (Lai Châu's reporter) carries out his unit's task; nothing of LĐLĐ's is counted for him."""
    html = _text(_get(login(cast.charlie), reverse("handling:figures")))
    assert '<span class="status status-overdue">1</span>' in html
    assert html.count("status-overdue") == 1 and 'data-testid="figures-don-vi"' not in html
    html = _text(_get(login(cast.lan), reverse("handling:figures")))  # Ban Tuyên giáo has no task of its own
    assert "Chưa có nhiệm vụ nào." in html and "status-overdue" not in html


def test_the_figures_page_needs_a_login(client, cast):
    assert client.get(reverse("handling:figures")).status_code == 302


def test_the_figures_page_is_one_query_for_its_figures(cast, login, scene, make_task):
    client = login(cast.hung)
    url = reverse("handling:figures")
    _get(client, url)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert _get(client, url).status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for i in range(20):
        make_task(unit=cast.yenthe, due=D(2026, 3, 1 + i), title=f"Việc {i}")
    assert count() == few


def test_the_api_drill_down(cast, scene):
    doc, t = scene
    client = _api(cast.hung)
    body = _get(client, f"/api/v1/dashboards/units/{cast.ldld.pk}/tasks/", bucket="qua-han").json()
    assert body["total"]["open_overdue"] == 3 and body["today"] == "2026-03-11"
    children = {(c["unit"] or {}).get("code"): c["counts"] for c in body["children"]}
    assert children["bg-ldld-yenthe"]["open_overdue"] == 1
    assert {a["key"] for a in body["assignees"]} == {f"d{cast.tgnc.pk}", f"d{cast.vp.pk}", f"p{cast.mai.pk}"}
    listed = {row["title"]: row for row in body["tasks"]}
    assert set(listed) == {"Tuyên truyền trong CNVCLĐ", "Tổ chức tọa đàm Yên Thế", "Báo cáo nhanh của Mai"}
    assert (
        listed["Tổ chức tọa đàm Yên Thế"]["late_days"] == 19 and listed["Tổ chức tọa đàm Yên Thế"]["visible"]
    )
    assert body["tasks_paging"]["count"] == 3
    body = _get(client, f"/api/v1/dashboards/units/{cast.ldld.pk}/tasks/").json()
    assert body["tasks"] is None  # no number opened
    body = _get(
        client, f"/api/v1/dashboards/units/{cast.ldld.pk}/tasks/", assignee=f"p{cast.mai.pk}", bucket="tat-ca"
    ).json()
    assert [row["title"] for row in body["tasks"]] == ["Báo cáo nhanh của Mai"]
    body = _get(_api(cast.hanh), f"/api/v1/dashboards/units/{cast.btgtu.pk}/documents/{doc.pk}/tasks/").json()
    assert body["total"]["total"] == 6 and any(c["outside"] for c in body["children"])
    # refusals: bad parameters are 400, someone who does not lead the unit 404
    assert _get(client, f"/api/v1/dashboards/units/{cast.ldld.pk}/tasks/", bucket="khac").status_code == 400
    assert _get(client, f"/api/v1/dashboards/units/{cast.ldld.pk}/tasks/", assignee="x1").status_code == 400
    assert _get(_api(cast.charlie), f"/api/v1/dashboards/units/{cast.ldld.pk}/tasks/").status_code == 404
    assert _get(_api(cast.mai), f"/api/v1/dashboards/units/{cast.ldld.pk}/tasks/").status_code == 404
