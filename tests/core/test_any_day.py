"""The portal works on any day of the year, not only on the day the suite was written.

The demo's documents stop in 2024–2025; people will open it in 2026, 2027 and later, on New Year's Day, in
the middle of Tết, on the last day of a reporting window. On each fixed day below the demo is built as the
run command builds it, the nightly jobs run (periods opened, the chase sweep), and every demo account
opens the pages of its daily work; then a fresh document with every reporting frequency is issued on that
day and its obligations are checked against the calendar rules. CI also replays the date-sensitive test
folders on fixed days (THONGSUOT_TEST_TODAY, see scripts/test.sh and tests/conftest.py).
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

# New Year's Day, the first working day of Tết 2027 (17/2 is the fifth day), the last day of a 6-month
# window, the day CI was first red, the last day of a year.
DAYS = [
    dt.date(2026, 1, 1),
    dt.date(2027, 2, 17),
    dt.date(2026, 6, 14),
    dt.date(2026, 12, 2),
    dt.date(2027, 12, 31),
]


def _morning(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))


@pytest.fixture
def fast_hash(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_every_demo_account_works_on_the_day(day, db, fast_hash, client):
    from portal.org.demo import demo_accounts_table
    from reporting.demo import demo_build
    from reporting.models import Obligation
    from reporting.tasks import chase_sweep, open_periods

    with time_machine.travel(_morning(day), tick=True):
        demo_build()
        open_periods()
        chase_sweep()
        now = timezone.now()
        # The nightly jobs leave no pending obligation whose next action is already behind it.
        assert not Obligation.objects.filter(
            status__in=["open", "upcoming", "overdue"], next_action_at__lt=now - dt.timedelta(minutes=5)
        ).exists()
        # Upcoming means not yet open; open means not yet past due.
        assert not Obligation.objects.filter(
            status="upcoming", opens_at__lte=now - dt.timedelta(minutes=5)
        ).exists()
        User = get_user_model()
        pages = [
            reverse("home"),
            reverse("directives:inbox"),
            reverse("directives:outgoing"),
            reverse("reporting:obligations"),
            reverse("reporting:received_reports"),
        ]
        usernames = [row[0] for row in demo_accounts_table()]
        assert len(usernames) == len(set(usernames)) > 10
        for username in usernames:
            client.force_login(User.objects.get(username=username))
            for url in pages:
                status = client.get(url).status_code
                assert status in (200, 302, 403), (day, username, url, status)


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_a_document_issued_on_the_day_gets_obligations_by_the_calendar(day, cast, fast_hash):
    import importlib

    from django.apps import apps

    from reporting.models import Holiday, Obligation
    from tests.reporting.conftest import add_requirement, make_document

    if not Holiday.objects.exists():  # a transactional test elsewhere may have flushed the migration's rows
        importlib.import_module("reporting.migrations.0002_holidays").load(apps, None)
    with time_machine.travel(_morning(day), tick=True):
        from reporting.services import obligations_create_for_document

        doc = make_document(issuer=cast.ldld, recipients=[cast.yenthe, cast.tanyen])
        for frequency in ("monthly", "quarterly", "semiannual", "nine_month", "annual"):
            add_requirement(doc, frequency=frequency, title=f"Báo cáo {frequency}")
        add_requirement(doc, frequency="once", title="Báo cáo một lần", due_date=day + dt.timedelta(days=20))
        created = obligations_create_for_document(document=doc, actor=cast.hung)
        now = timezone.now()
        obligations = list(Obligation.objects.filter(requirement__document=doc))
        assert created == len(obligations) > 0
        for ob in obligations:
            assert ob.opens_at < ob.due_at, ob.period_key
            assert ob.due_date >= day or ob.status == "overdue", (ob.period_key, ob.due_date)
            expected = "upcoming" if now < ob.opens_at else ("open" if now <= ob.due_at else "overdue")
            assert ob.status == expected, (ob.period_key, ob.status, expected)
            if ob.requirement.frequency != "once":  # a one-off keeps the day its author wrote
                assert ob.due_date.weekday() < 5, (ob.period_key, ob.due_date)  # on a working day
        # Each recurring requirement has its current period among those opened.
        keys = {ob.requirement.frequency for ob in obligations}
        assert keys == {"monthly", "quarterly", "semiannual", "nine_month", "annual", "once"}
