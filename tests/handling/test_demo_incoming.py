"""The demo's incoming register tells the story (directives/handling/demo.py): at LĐLĐ tỉnh Bắc Giang the clerk
bg.vanthu registered 97-HD/BTGTU as số đến 01, the leader assigned Ban Tuyên giáo - Nữ công (chủ trì) and Văn phòng
(phối hợp), and the register's tasks fall in all four buckets; the leader's desk and the entry page show it."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse

from directives.handling.models import AssigneeRole, Assignment, EntryState, IncomingEntry
from directives.handling.selectors.buckets import task_counts
from portal.org.models import Unit
from tests.reporting.conftest import local

# Seen on the same fixed day as the dashboards' demo test, whatever day the suite runs.
SEEN_ON = local(2025, 11, 20)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db, settings, tmp_path):
    from reporting.demo import demo_build

    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with time_machine.travel(SEEN_ON, tick=False):
        demo_build()
        yield


def test_the_demo_register_tells_the_story(demo, client):
    ldld = Unit.objects.get(code="bg-ldld")
    entries = {(e.year, e.number): e for e in IncomingEntry.objects.filter(unit=ldld)}
    first = entries[(2024, 1)]
    assert first.number_symbol == "97-HD/BTGTU" and first.delivery is not None
    assert first.registered_by.username == "bg.vanthu" and first.state == EntryState.DONE
    assert first.delivery.acknowledged_at is not None  # the sender sees the receipt
    roles = {a.role: a for a in first.assignments.select_related("department")}
    assert roles[AssigneeRole.LEAD].department.name == "Ban Tuyên giáo - Nữ công"
    assert roles[AssigneeRole.SUPPORT].department.name == "Văn phòng"
    lead = roles[AssigneeRole.LEAD]
    assert lead.completed_at.date() <= lead.due_date
    assert first.instructions.get().author.username == "bg.phochutich"

    paper = entries[(2024, 2)]
    assert paper.delivery is None and paper.scan and paper.scan_name == "312-SNV-CCVC.pdf"
    assert entries[(2024, 3)].state == EntryState.FILED
    assert {e.state for e in entries.values()} >= {
        EntryState.DONE,
        EntryState.FILED,
        EntryState.HANDLING,
        EntryState.REGISTERED,
    }
    # The register's tasks in all four buckets (the informed are not counted).
    counts = task_counts(Assignment.objects.filter(entry__unit=ldld), dt.date(2025, 11, 20))
    assert counts.on_time >= 2 and counts.late >= 1 and counts.open_in_time >= 1 and counts.open_overdue >= 1

    # The leader's desk, the entry page (through the register's page) as the leader sees them.
    client.force_login(get_user_model().objects.get(username="bg.phochutich"))
    desk = client.get(reverse("handling:awaiting_instruction")).content.decode()
    assert "1520/TLĐ-TG" in desk and 'data-testid="instruction-count">1<' in desk
    page = client.get(reverse("handling:entry", args=[first.pk])).content.decode()
    assert "Ý kiến chỉ đạo" in page and "Ban Tuyên giáo - Nữ công" in page and "Hoàn thành" in page
