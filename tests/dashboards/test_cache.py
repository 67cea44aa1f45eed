"""The dashboards' figures cache (reporting/dashboard/cache.py): a second load costs fewer queries, a change made
through the services shows at once on the pages above it, a new day is a new key, and an outsider is refused
before anything is read from the cache."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from dataclasses import replace

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from directives.handling.services.tasks import assignment_complete
from directives.models import Delivery, Purpose, Selection
from directives.services import compose, receipt, signing
from directives.services.compose import CitationLine, RecipientLine
from portal.audit.models import Event
from portal.core.services import api_token_create
from portal.org.services import membership_grant
from reporting.dashboard import cache, pages, receivers
from reporting.models import Obligation
from reporting.services import obligation_excuse, report_accept, report_submit
from tests.conftest import PASSWORD
from tests.dashboards.conftest import AFTER, PERIOD
from tests.handling.conftest import _d_make_task_factory
from tests.reporting.conftest import local, make_document


@pytest.fixture
def dashboard_cache(settings):
    """The cache on, in a local memory of this test's own (the suite runs with it off: tests/conftest.py)."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "dashboards": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": uuid.uuid4().hex,
        },
    }
    settings.DASHBOARD_CACHE_SECONDS = 60


def _queries(client, url, data=None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, data or {}).status_code == 200
    return len(ctx)


def _report_total(unit, requirement):
    return pages.requirement_page(unit=unit, requirement=requirement, period_key=PERIOD).total


def test_it_serves_the_second_load_of_each_dashboard_with_fewer_queries(cast, login, scene, dashboard_cache):
    client = login(cast.hung)
    with time_machine.travel(AFTER, tick=False):
        for url, data in (
            (reverse("dashboards:requirement", args=[scene.upward.pk, cast.ldld.pk]), {"ky": PERIOD}),
            (reverse("dashboards:directive", args=[scene.plan.pk, cast.ldld.pk]), {}),
            (reverse("dashboards:unit", args=[cast.ldld.pk]), {}),
        ):
            first = _queries(client, url, data)
            second = _queries(client, url, data)
            assert second < first, url
            assert _queries(client, url, data) == second  # and stays warm


def test_it_shows_a_report_submitted_and_accepted_at_once_on_the_leaders_pages(
    cast, scene, dashboard_cache, django_capture_on_commit_callbacks
):
    reporter = get_user_model().objects.create_user("an", "an@thongsuot.test", PASSWORD, first_name="Phan An")
    membership_grant(actor=None, user=reporter, unit=cast.tanyen, role="signer")
    obligation = Obligation.objects.get(unit=cast.tanyen, period_key=PERIOD)
    with time_machine.travel(local(2024, 6, 12), tick=False):
        before = _report_total(cast.ldld, scene.upward)
        assert _report_total(cast.ldld, scene.upward) == before  # cached
        generation = cache.generation(cast.ldld)
        with django_capture_on_commit_callbacks(execute=True):
            report_submit(
                actor=reporter,
                obligation=obligation,
                data={"sections": {"ket_qua_tuyen_truyen": "Ba buổi tuyên truyền."}},
            )
        after = _report_total(cast.ldld, scene.upward)
        assert after.on_time == before.on_time + 1 and after.open == before.open - 1
        # Accepting changes no figure of the page, but the pages above the reporter and of the unit it reports
        # to are refreshed all the same (the list behind a number shows the report's state).
        submitted = cache.generation(cast.ldld)
        assert submitted != generation
        with django_capture_on_commit_callbacks(execute=True):
            report_accept(actor=cast.hung, obligation=Obligation.objects.get(pk=obligation.pk))
        assert cache.generation(cast.ldld) != submitted


def test_it_shows_a_delivery_acknowledged_at_once_on_the_province_and_district_pages(
    cast, scene, dashboard_cache, django_capture_on_commit_callbacks
):
    with time_machine.travel(AFTER, tick=False):
        seen = {u: pages.directive_page(unit=u, document=scene.plan).total for u in (cast.ldld, cast.yenthe)}
        delivery = Delivery.objects.get(document=scene.district, unit=cast.cdcs)
        with django_capture_on_commit_callbacks(execute=True):
            receipt.delivery_acknowledge(actor=cast.khanh, delivery=delivery)
        for unit, before in seen.items():
            after = pages.directive_page(unit=unit, document=scene.plan).total
            assert after.acknowledged == before.acknowledged + 1, unit.code


def test_it_shows_a_document_issued_at_once_to_its_issuer_and_its_recipients(
    cast, scene, dashboard_cache, django_capture_on_commit_callbacks
):
    with time_machine.travel(AFTER, tick=False):
        _, ldld_docs = pages.unit_overview(cast.ldld)
        _, yenthe_docs = pages.unit_overview(cast.yenthe)
        doc = compose.document_create_draft(actor=cast.mai, issuer=cast.ldld, doc_type="CV")
        content = compose.content_of(doc)
        content.subject, content.department = "V/v tổng kết công tác thông tin đối ngoại", "TG&NC"
        content.opening = "Thực hiện …"
        content.signature = replace(content.signature, title="PHÓ CHỦ TỊCH", name="Nguyễn Mạnh Hùng")
        content.recipients = [
            RecipientLine(
                label="LĐLĐ các huyện",
                purpose=Purpose.THUC_HIEN,
                selection=Selection.CHILDREN,
                unit_id=cast.ldld.pk,
                in_kinh_gui=True,
            )
        ]
        doc = compose.document_save_draft(actor=cast.mai, document=doc, content=content)
        assert [d.document for d in pages.unit_overview(cast.ldld)[1]] == [d.document for d in ldld_docs]
        with django_capture_on_commit_callbacks(execute=True):
            signing.document_issue(actor=cast.hung, document=doc, render=False)
        assert doc.pk in [d.document.pk for d in pages.unit_overview(cast.ldld)[1]]
        assert doc.pk in [d.document.pk for d in pages.unit_overview(cast.yenthe)[1]]
        assert len(pages.unit_overview(cast.yenthe)[1]) == len(yenthe_docs) + 1


def test_it_grows_a_cached_family_at_once_when_a_unit_issues_its_plan(
    cast, scene, dashboard_cache, django_capture_on_commit_callbacks
):
    """The directive page caches the document's cascade (the family walk is national); Tân Yên issuing its
    implementing plan adds to it and counts Tân Yên as having implemented, on the province's page at once."""
    signer = get_user_model().objects.create_user("an", "an@thongsuot.test", PASSWORD, first_name="Phan An")
    membership_grant(actor=None, user=signer, unit=cast.tanyen, role="signer")
    with time_machine.travel(AFTER, tick=False):
        before = pages.directive_page(unit=cast.ldld, document=scene.plan)
        doc = compose.document_create_draft(actor=signer, issuer=cast.tanyen, doc_type="KH")
        content = compose.content_of(doc)
        content.subject = "Kế hoạch triển khai công tác thông tin đối ngoại"
        content.opening = "Thực hiện …"
        content.signature = replace(content.signature, title="CHỦ TỊCH", name="Phan An")
        content.citations = [CitationLine(target_id=scene.plan.pk)]
        content.recipients = [
            RecipientLine(
                label="LĐLĐ tỉnh", purpose=Purpose.BAO_CAO, selection=Selection.UNIT, unit_id=cast.ldld.pk
            )
        ]
        doc = compose.document_save_draft(actor=signer, document=doc, content=content)
        with django_capture_on_commit_callbacks(execute=True):
            signing.document_issue(actor=signer, document=doc, render=False)
        after = pages.directive_page(unit=cast.ldld, document=scene.plan)
    assert after.family_size == before.family_size + 1
    assert after.total.implemented == before.total.implemented + 1


def test_it_keys_the_figures_by_the_day(cast, login, scene, dashboard_cache):
    client = login(cast.hung)
    url = reverse("dashboards:requirement", args=[scene.upward.pk, cast.ldld.pk])
    with time_machine.travel(local(2024, 7, 10, 23, 58), tick=False):
        first = _queries(client, url, {"ky": PERIOD})
        warm = _queries(client, url, {"ky": PERIOD})
    with time_machine.travel(local(2024, 7, 11, 0, 1), tick=False):  # three minutes later, the next day
        assert _queries(client, url, {"ky": PERIOD}) == first > warm


def test_it_refuses_an_outsider_before_reading_the_cache(cast, login, scene, dashboard_cache, monkeypatch):
    with time_machine.travel(AFTER, tick=False):
        pages_of_ldld = (
            reverse("dashboards:unit", args=[cast.ldld.pk]),
            reverse("dashboards:requirement", args=[scene.upward.pk, cast.ldld.pk]),
            reverse("dashboards:directive", args=[scene.plan.pk, cast.ldld.pk]),
        )
        leader = login(cast.hung)
        for url in pages_of_ldld:  # warm, as the leader
            _queries(leader, url, {"ky": PERIOD})

        def read(*args, **kwargs):
            raise AssertionError("the cache was read for a refused viewer")

        monkeypatch.setattr(cache, "figures", read)
        for user in (cast.charlie, cast.mai):  # an outsider, and a member of the unit who does not lead it
            client = login(user)
            for url in pages_of_ldld:
                response = client.get(url, {"ky": PERIOD})
                assert response.status_code == 404
                assert cast.yenthe.name not in response.content.decode()
            # the API's figures: the same access helpers first, the same 404 with nothing in it
            api = APIClient()
            api.credentials(HTTP_AUTHORIZATION=f"Token {api_token_create(user=user, name='thử')[1]}")
            base = f"/api/v1/dashboards/units/{cast.ldld.pk}/"
            for url in (base, f"{base}requirements/{scene.upward.pk}/", f"{base}documents/{scene.plan.pk}/"):
                response = api.get(url, {"period": PERIOD})
                assert response.status_code == 404
                assert response.json()["code"] == "not_found"


def test_it_bumps_every_ancestor_and_starts_a_lost_counter_from_the_clock(cast, dashboard_cache):
    province, district, grassroots = (cache.generation(u)[1] for u in (cast.ldld, cast.yenthe, cast.cdcs))
    beside = cache.generation(cast.tanyen)[1]
    assert cache.bump_paths([cast.cdcs.path]) == cast.cdcs.depth
    assert cache.generation(cast.ldld)[1] == province + 1
    assert cache.generation(cast.yenthe)[1] == district + 1
    assert cache.generation(cast.cdcs)[1] == grassroots + 1
    assert cache.generation(cast.tanyen)[1] == beside  # a sibling's pages stay warm
    cache.cache.delete(f"{cache.PREFIX}:gen:{cast.yenthe.path}")  # evicted
    assert cache.generation(cast.yenthe)[1] > district + 1


def _shared_store(kind: str, tmp_path) -> dict:
    if kind == "files":
        return {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path)}
    if not os.environ.get("REDIS_URL"):
        pytest.skip("needs REDIS_URL (the production cache)")
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
    }


@pytest.mark.parametrize("kind", ["files", "redis"])
def test_it_works_on_the_stores_the_processes_share(cast, settings, tmp_path, monkeypatch, kind):
    """The embedded default's files and production's Redis: what one process bumps, another reads."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "dashboards": _shared_store(kind, tmp_path),
    }
    settings.DASHBOARD_CACHE_SECONDS = 60
    calls = []

    def compute():
        calls.append(1)
        return {"on_time": len(calls)}

    assert cache.figures("t", cast.ldld, (1,), None, compute) == {"on_time": 1}
    assert cache.figures("t", cast.ldld, (1,), None, compute) == {"on_time": 1}
    # Another process (its own handle on the same store) records a report in Bố Hạ: this one sees it.
    monkeypatch.setattr(cache, "cache", caches.create_connection("dashboards"))
    cache.bump_paths([cast.cdcs.path])
    monkeypatch.undo()
    assert cache.figures("t", cast.ldld, (1,), None, compute) == {"on_time": 2}


def test_it_refreshes_the_issuers_overview_when_a_task_moves_outside_its_tree(
    cast, dashboard_cache, django_capture_on_commit_callbacks
):
    """Ban Tuyên giáo's overview counts its document's tasks wherever they went: Lai Châu, outside its tree,
    completing its task bumps Ban Tuyên giáo's pages as well as Lai Châu's line."""
    with time_machine.travel(local(2026, 3, 11), tick=False):
        doc = make_document(issuer=cast.btgtu, recipients=[cast.ldld, cast.laichau])
        task = _d_make_task_factory(cast)(unit=cast.laichau, person=cast.charlie, document=doc)
        _, before = pages.unit_overview(cast.btgtu)
        with django_capture_on_commit_callbacks(execute=True):
            assignment_complete(
                actor=cast.charlie, assignment=task, result="Đã tổ chức hai buổi tuyên truyền."
            )
        _, after = pages.unit_overview(cast.btgtu)
    counted = {d.document.pk: d.tasks for d in before}, {d.document.pk: d.tasks for d in after}
    assert counted[0][doc.pk] != counted[1][doc.pk]


@pytest.mark.parametrize(
    ("env", "backend"), [({}, "FileBasedCache"), ({"REDIS_URL": "redis://r:6379/0"}, "RedisCache")]
)
def test_the_settings_choose_a_store_every_process_shares(env, backend, tmp_path):
    """Two gunicorn workers and a Celery worker each have their own memory: never a local-memory store."""
    clean = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "CACHE_URL")}
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.CACHES['dashboards']['BACKEND'], settings.DASHBOARD_CACHE_SECONDS)",
        ],
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "portal.settings",
            "THONGSUOT_DATA_DIR": str(tmp_path),
            **env,
        },
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert out[-2].endswith(backend) and out[-1] == "60"


def test_it_shows_an_obligation_excused_at_once_and_bumps_the_unit_reported_to(
    cast, scene, dashboard_cache, django_capture_on_commit_callbacks
):
    obligation = Obligation.objects.get(unit=cast.tanyen, period_key=PERIOD)
    assert receivers._related_paths(
        Event(object_type="reporting.obligation", object_id=str(obligation.pk))
    ) == [cast.ldld.path]  # to_unit: the province asked, whatever tree the reporter is in
    with time_machine.travel(AFTER, tick=False):
        before = _report_total(cast.ldld, scene.upward)
        with django_capture_on_commit_callbacks(execute=True):
            obligation_excuse(actor=cast.hung, obligation=obligation, reason="Đơn vị sáp nhập.")
        after = _report_total(cast.ldld, scene.upward)
    assert after.excused == before.excused + 1
