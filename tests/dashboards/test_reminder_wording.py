"""A reminder reads the same whoever sends it: the chase's digest and the dashboard's «Nhắc nhở» are both worded
by reporting.services.notify.reminder_message (one line per report, the title naming a single one with how it
stands, or counting them and those overdue)."""

from __future__ import annotations

import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse

from portal.notifications.models import Notification
from portal.org.services import membership_grant
from reporting.models import Obligation
from tests.dashboards.conftest import PERIOD
from tests.reporting.conftest import local


def test_the_dashboards_reminder_is_worded_as_the_chases_digest(cast, login, scene):
    tam = get_user_model().objects.create_user("tam", first_name="Lê Văn Tâm")
    membership_grant(actor=None, user=tam, unit=cast.tanyen, role="signer")
    owed = Obligation.objects.select_related("unit", "requirement").get(unit=cast.tanyen, period_key=PERIOD)
    with time_machine.travel(local(2024, 7, 10, 9), tick=False):
        late = (local(2024, 7, 10).date() - owed.due_date).days
        client = login(cast.hung)
        client.post(
            reverse("dashboards:requirement_action", args=[scene.upward.pk, cast.ldld.pk]),
            {"ky": PERIOD, "action": "nhac", "don_vi": [cast.tanyen.pk]},
        )
    note = Notification.objects.get(recipient=tam, kind="reporting.reminder")
    assert late > 0
    assert note.title == f"Nhắc báo cáo: {owed.requirement.title} — {owed.period_label} (quá hạn {late} ngày)"
    assert note.body.splitlines() == [
        f"- Liên đoàn Lao động huyện Tân Yên: {owed.requirement.title} — {owed.period_label}, hạn nộp "
        f"{owed.due_date:%d/%m/%Y} (quá hạn {late} ngày)",
        f"{cast.ldld.name} nhắc qua bảng tổng hợp.",
    ]
    assert note.url == reverse("reporting:report_detail", args=[owed.pk])
