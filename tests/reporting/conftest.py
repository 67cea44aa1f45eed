"""Helpers for the reporting tests: issued documents with deliveries, and the reporting URLs."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.utils import timezone

_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def _reporting_urls(settings, tmp_path):
    from portal.celery import app

    settings.ROOT_URLCONF = "tests.reporting.urls"
    settings.MEDIA_ROOT = str(tmp_path / "media")
    # E-mail of notifications runs in-process (the worker test starts real workers of its own).
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    # The cast has ten users: a fast hasher keeps set-up in milliseconds (no test here is about passwords).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from django.urls import clear_url_caches

    clear_url_caches()
    yield
    clear_url_caches()
    app.conf.task_always_eager = eager


def make_document(
    *,
    issuer,
    recipients=(),
    purpose="thuc_hien",
    issue_date: dt.date | None = None,
    subject="Kế hoạch hoạt động thông tin đối ngoại năm 2024",
):
    """An issued document with one delivery per recipient unit, written directly (as document_issue leaves it)."""
    from directives.models import Delivery, Document

    n = next(_numbers)
    now = timezone.now()
    doc = Document.objects.create(
        doc_type="KH",
        issuer=issuer,
        status="issued",
        number=n,
        number_symbol=f"{n}-KH/{issuer.short_name}",
        issue_date=issue_date or timezone.localdate(),
        subject=subject,
        issued_at=now,
        issuer_snapshot={"name": issuer.name},
    )
    Delivery.objects.bulk_create(
        [
            Delivery(document=doc, unit_id=getattr(u, "pk", u), purpose=purpose, delivered_at=now)
            for u in recipients
        ]
    )
    return doc


def add_requirement(
    document, *, frequency="semiannual", to_unit=None, via_unit=None, named=(), title=None, **fields
):
    from directives.models import ReportingRequirement

    req = ReportingRequirement.objects.create(
        document=document,
        title=title or "Báo cáo kết quả công tác thông tin đối ngoại",
        frequency=frequency,
        to_unit=to_unit or document.issuer,
        via_unit=via_unit,
        reporters="named" if named else "recipients",
        **fields,
    )
    if named:
        req.named_units.set([getattr(u, "pk", u) for u in named])
    return req


def grow(parent, count: int, *, prefix: str = "g"):
    """Attach count grassroots units under parent with bulk INSERTs (the same encoding treebeard uses)."""
    from portal.org.models import Unit

    parent = Unit.objects.get(pk=parent.pk)
    start = parent.numchild + 1
    rows = [
        Unit(
            path=Unit._get_path(parent.path, parent.depth + 1, start + i),
            depth=parent.depth + 1,
            numchild=0,
            code=f"{prefix}{parent.pk}-{start + i}",
            name=f"Công đoàn cơ sở số {start + i}",
            short_name="CĐCS",
            kind="union_grassroots",
            regime="union",
        )
        for i in range(count)
    ]
    Unit.objects.bulk_create(rows, batch_size=2000)
    Unit.objects.filter(pk=parent.pk).update(numchild=parent.numchild + count)
    return list(
        Unit.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("path")
        .values_list("pk", flat=True)
    )[-count:]


def local(y, m, d, hh=9, mm=0):
    """An aware local (Asia/Ho_Chi_Minh) datetime, for time_machine."""
    return timezone.make_aware(dt.datetime(y, m, d, hh, mm))


@pytest.fixture
def holiday_data(db):
    """The holiday calendar the data migration loads (a transactional test elsewhere may have flushed it)."""
    import importlib

    from django.apps import apps

    from reporting.models import Holiday

    if not Holiday.objects.exists():
        importlib.import_module("reporting.migrations.0002_holidays").load(apps, None)


def semiannual_obligation(cast):
    """CĐCS Bố Hạ's 6-month report of 2024 to LĐLĐ Yên Thế: the district's plan issued on 10/02/2024 with a
    6-month duty, its obligations opened that day (the world several API and security tests start from)."""
    import time_machine

    from reporting.models import Obligation
    from reporting.services import obligations_create_for_document

    with time_machine.travel(local(2024, 2, 10), tick=False):
        plan = make_document(issuer=cast.yenthe, recipients=[cast.cdcs])
        add_requirement(plan, frequency="semiannual", to_unit=cast.yenthe)
        obligations_create_for_document(document=plan, actor=cast.binh)
    return Obligation.objects.get(unit=cast.cdcs, period_key="2024-S1")
