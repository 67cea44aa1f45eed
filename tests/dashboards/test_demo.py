"""The demo data tells the dashboards' story: at LĐLĐ tỉnh Bắc Giang some district federations report on
time, some late, some not at all — visible at the provincial level and on drill-down."""

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse

from directives.models import Document, ReportingRequirement
from portal.org.models import Unit
from reporting.dashboard import pages
from reporting.models import Report, ReportVersion
from tests.reporting.conftest import local

# The demo is seen from a fixed day after its story's last deadline (quý III năm 2025), whatever day the
# suite runs: the figures asserted below are those of that day.
SEEN_ON = local(2025, 11, 20)


@pytest.fixture
def demo(db, settings):
    from reporting.demo import demo_build

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with time_machine.travel(SEEN_ON, tick=False):
        return demo_build()[1]


@pytest.fixture
def seen_on(demo):
    with time_machine.travel(SEEN_ON, tick=False):
        yield


def test_the_demo_tells_the_story_at_the_province_and_below(demo, seen_on, client):
    ldld = Unit.objects.get(code="bg-ldld")
    quarterly = ReportingRequirement.objects.get(document=demo["97-HD/BTGTU"], frequency="quarterly")
    view = pages.requirement_page(unit=ldld, requirement=quarterly, period_key="2024-Q4")
    rows = {r.unit.code: r.counts for r in view.rows}
    assert (rows["bg-ldld-vietyen"].on_time, rows["bg-ldld-vietyen"].late) == (
        2,
        2,
    )  # federation on time, unions vary
    assert rows["bg-ldld-lucnam"].overdue == 1 and rows["bg-ldld-lucnam"].submitted == 0  # never reports
    assert rows["bg-ldld-tanyen"].overdue == 1  # stopped after two quarters
    assert [c.state for c in next(r for r in view.rows if r.unit.code == "bg-ldld-lucnam").cells] == [
        "overdue"
    ] * 4
    assert 0 < view.total.on_time_rate < 100 and view.total.late and view.total.overdue
    last = pages.requirement_page(unit=ldld, requirement=quarterly, period_key="2025-Q3")
    sondong = next(r for r in last.rows if r.unit.code == "bg-ldld-sondong").counts
    assert (sondong.expected, sondong.inactive) == (0, 1)  # closed on 30/6/2025: not expected
    yenthe = pages.requirement_page(
        unit=Unit.objects.get(code="bg-ldld-yenthe"), requirement=quarterly, period_key="2024-Q4"
    )
    assert yenthe.rows[0].is_self and yenthe.rows[0].counts.state == "late"  # always late
    assert [p.key for p in yenthe.columns] == ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]
    # Every answer is a report with its first version, at the same moment, late or not alike.
    report = (
        Report.objects.filter(obligation__unit__code="bg-ldld-yenthe").select_related("obligation").first()
    )
    version = ReportVersion.objects.get(report=report)
    assert report.is_late and version.is_late and version.submitted_at == report.submitted_at
    assert (
        report.obligation.status == "submitted_late" and report.obligation.submitted_at == report.submitted_at
    )
    # Sent as official documents of their units (issue 17): signed by the unit's leader, numbered from its
    # register, the block kept on the version too.
    assert (
        report.signature["name"] and report.signature["title"] and report.number_symbol.endswith("/BC-LĐLĐ")
    )
    assert version.signature["number_symbol"] == report.number_symbol
    assert not Report.objects.filter(state__in=("submitted", "accepted"), number__isnull=True).exists()
    # (a grassroots union of the demo without any account sends under its number, with no one to name)
    sent = Report.objects.filter(state__in=("submitted", "accepted"), submitted_by__isnull=False)
    assert sent.exists() and not sent.filter(signature={}).exists()
    # The provincial leader lands on it.
    client.force_login(get_user_model().objects.get(username="bg.phochutich"))
    body = client.get(reverse("home")).content.decode()
    assert 'data-testid="home-leader"' in body and "quý III năm 2025" in body
    cv = Document.objects.get(issuer=ldld, number_symbol="05/LĐLĐ-TG&NC")
    page = client.get(reverse("dashboards:directive", args=[cv.pk, ldld.pk])).content.decode()
    assert 'data-testid="drafting">' in page and "Liên đoàn Lao động huyện Lục Nam" in page
