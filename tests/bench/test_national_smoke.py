"""The national dataset generator at a tiny scale, and the results writer fed by a tiny run of the measures.

No timing is asserted: the figures are whatever this machine gives; what is checked is the shape of the
data (per level, the status mix, the invariants the services keep), that the dashboard selectors read it
as plain counts do, and that RESULTS.md gets every section.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
import time_machine
from django.db.models import Count

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import national  # noqa: E402
import run_all  # noqa: E402

SCALE, DIRECTIVES, REPORTING = 0.001, 3, 2


@pytest.fixture
def dataset(db, settings, tmp_path):
    """The tiny dataset, read on its own reference day (the data are the same whatever day the test runs)."""
    settings.ALLOWED_HOSTS = ["*"]
    settings.MEDIA_ROOT = str(tmp_path / "media")
    with time_machine.travel(national.REFERENCE_NOW, tick=True):
        yield national.generate(
            scale=SCALE, directives=DIRECTIVES, reporting=REPORTING, vacuum=False, log=lambda *_: None
        )


def _family(model_ids: set[int], children) -> set[int]:
    seen, todo = set(model_ids), list(model_ids)
    while todo:
        new = set(children(todo)) - seen
        seen |= new
        todo = list(new)
    return seen


def test_shape_mix_and_invariants(dataset):
    from directives.models import Delivery, Document, DocumentRelation, ReportingRequirement
    from portal.org.models import Membership, Unit
    from reporting.models import Obligation, Report, ReportVersion, RequirementPeriod

    provinces, uppers, grassroots = national.shape(SCALE)
    tld = Unit.objects.get(code="tld")
    below = Unit.objects.filter(path__startswith=tld.path)
    assert below.filter(depth=2, kind="union_province").count() == provinces == dataset["provinces"]
    assert below.filter(depth=3).count() == provinces * uppers
    assert below.filter(depth=4, kind="union_grassroots").count() == grassroots
    board = Unit.objects.get(code="btgdv-tw")  # the Party line on top
    assert Unit.objects.get(path=board.path[: -Unit.steplen]).code == "bch-tw"
    assert Membership.objects.filter(role="reporter").count() == below.count()
    assert Membership.objects.filter(role="signer").count() == below.filter(depth__lte=3).count() + 1

    # Directives at the top, each level's plan implementing the level above.
    assert Document.objects.filter(issuer__code="btgdv-tw", status="issued").count() == DIRECTIVES
    assert Document.objects.filter(issuer=tld, status="issued").count() == DIRECTIVES
    assert (
        Document.objects.filter(issuer__depth=2, issuer__path__startswith=tld.path, status="issued").count()
        == DIRECTIVES * provinces
    )
    derived = Document.objects.exclude(issuer__code="btgdv-tw")
    assert DocumentRelation.objects.filter(kind="implements").count() == derived.count()
    # A delivery is implemented exactly when its unit issued a plan implementing that document.
    for d in Delivery.objects.select_related("document").filter(unit__depth__lte=3)[:200]:
        own = Document.objects.filter(
            issuer=d.unit_id, status="issued", relations_out__target=d.document_id
        ).values_list("pk", flat=True)
        assert d.implemented_by_id == (own[0] if own else None)
        if d.implemented_by_id:
            assert d.read_at and d.acknowledged_at

    # Obligations: one per recipient "để thực hiện" and period of every requirement; the mix is there.
    statuses = dict(Obligation.objects.values_list("status").annotate(n=Count("id")))
    for status in ("submitted_on_time", "submitted_late", "overdue", "open"):
        assert statuses.get(status), (status, statuses)
    expected = sum(
        Delivery.objects.filter(document=r.document_id, purpose="thuc_hien").count()
        for r in ReportingRequirement.objects.all()
    )
    assert Obligation.objects.count() == expected
    for o in Obligation.objects.select_related("requirement"):
        assert RequirementPeriod.objects.filter(
            requirement=o.requirement_id, period_key=o.period_key, due_date=o.due_date
        ).exists()
        assert o.to_unit_id == o.requirement.to_unit_id
    done = Obligation.objects.filter(status__in=["submitted_on_time", "submitted_late"])
    assert not done.filter(submitted_at__isnull=True).exists()
    assert not done.exclude(next_action_at__isnull=True).exists()
    assert not Obligation.objects.filter(
        status__in=["open", "overdue", "excused"], submitted_at__isnull=False
    ).exists()
    assert not Obligation.objects.filter(status="excused", excused_reason="").exists()
    assert not done.filter(submitted_at__gt=dataset_now()).exists()
    on_time = done.filter(status="submitted_on_time")
    assert all(o.submitted_at <= o.due_at for o in on_time)
    assert all(o.submitted_at > o.due_at for o in done.filter(status="submitted_late"))
    # Every submission has its report and versions; late is decided by the first submission.
    assert Report.objects.exclude(state="draft").count() == done.count()
    for r in Report.objects.exclude(state="draft").select_related("obligation"):
        assert r.is_late == (r.obligation.status == "submitted_late")
        assert ReportVersion.objects.filter(report=r).count() == r.version_count >= 1
    assert not Report.objects.filter(state="draft").exclude(obligation__status="open").exists()


def dataset_now():
    from django.utils import timezone

    return timezone.now()


def test_dashboard_selectors_agree_with_plain_counts(dataset, client):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from directives.models import Delivery, Document, ReportingRequirement
    from portal.org.models import Unit
    from reporting.dashboard import pages
    from reporting.models import Obligation

    tld = Unit.objects.get(code="tld")
    key = f"{dataset['year']}-S1"
    plan = Document.objects.filter(issuer=tld, requirements__isnull=False).order_by("issue_date").first()
    requirement = ReportingRequirement.objects.get(document=plan, frequency="semiannual")
    family = _family(
        {requirement.pk},
        lambda ids: ReportingRequirement.objects.filter(parent__in=ids).values_list("pk", flat=True),
    )
    for unit in (tld, Unit.objects.filter(depth=2, path__startswith=tld.path).first()):
        view = pages.requirement_page(unit=unit, requirement=requirement, period_key=key)
        plain = Obligation.objects.filter(
            requirement__in=family, period_key=key, unit__path__startswith=unit.path
        )
        assert view.total.total == plain.count() > 0
        assert view.total.on_time == plain.filter(status="submitted_on_time").count()
        assert view.total.late == plain.filter(status="submitted_late").count()
        assert view.total.excused == plain.filter(status="excused").count()
        assert view.total.overdue == plain.filter(status="overdue").count()

        docs = _family(
            {plan.pk},
            lambda ids: Delivery.objects.filter(document__in=ids, implemented_by__isnull=False).values_list(
                "implemented_by", flat=True
            ),
        )
        dview = pages.directive_page(unit=unit, document=plan)
        deliveries = Delivery.objects.filter(document__in=docs, unit__path__startswith=unit.path)
        assert dview.total.received == deliveries.values("unit").distinct().count() > 0
        assert (
            dview.total.implemented
            == deliveries.filter(implemented_by__isnull=False).values("unit").distinct().count()
        )

    # The accounts the load test uses see their pages.
    accounts = run_all.load_accounts(Path(dataset_tmp()) / "accounts.json", dataset["year"], 5, 3)
    leader = accounts["leaders"][0]
    client.force_login(get_user_model().objects.get(username=leader["username"]))
    assert client.get(leader["requirement_url"]).status_code == 200
    assert client.get(leader["directive_url"]).status_code == 200
    reporter = accounts["reporters"][0]
    client.force_login(get_user_model().objects.get(username=reporter["username"]))
    assert client.get(reverse("directives:inbox")).status_code == 200
    assert client.get(reverse("reporting:report_edit", args=[reporter["obligations"][0]])).status_code == 200
    assert reporter["session"] and leader["session"]


def dataset_tmp():
    import tempfile

    return tempfile.mkdtemp(prefix="bench-smoke-")


def test_results_writer_has_every_section(dataset, tmp_path):
    sections = [
        run_all.machine_section(SCALE),
        run_all.dataset_section(dataset),
        run_all.dashboards_section(dataset["year"], 1),
        run_all.search_section(quick=True),
        run_all.tree_section(dataset, 3),
    ]
    national_chase = run_all.chase_national(5)
    # The compared sweep owes the first reminder only (one stage, one reporter each); the escalation sweep after it
    # owes its own five, reaching more people.
    assert national_chase["due"] == 5 and national_chase["ledger"] == 5
    assert national_chase["escalation"]["due"] == 5 and national_chase["escalation"]["ledger"] >= 5
    # The claim's plan is printed, read on the partial index of what is due (not a scan of what is stored).
    assert "obligation_chase_due" in national_chase["claim_plan"], national_chase["claim_plan"]
    # The subprocess benchmarks (own databases, Celery workers, gunicorn + locust) are not run here: their
    # sections are fed rows of the shape their --json / --csv output has.
    sections.append(
        run_all.chase_section(
            national_chase,
            [
                {"stored": 1000, "due": 5, "sweep_s": 0.1, "statements": 20, "digests": 5},
                {"stored": 100, "due": 5, "sweep_s": 0.1, "statements": 20, "digests": 5},
            ],
            5,
        )
    )
    sections.append(run_all.issue_section(10))
    sections.append(
        run_all.pdf_section(
            [
                {
                    "document": "công văn",
                    "pages": 1,
                    "import_s": 1.0,
                    "cold_s": 0.5,
                    "cold_pps": 2.0,
                    "warm_s": 0.2,
                    "warm_pps": 5.0,
                }
            ]
        )
    )
    sections.append(
        run_all.batch_section(
            [
                {"mode": "Celery, 1 worker", "documents": 2, "seconds": 2.0, "pages": 2, "cpu": 1.0},
                {"mode": "Celery, 2 workers", "documents": 2, "seconds": 1.0, "pages": 2, "cpu": 1.5},
            ]
        )
    )
    sections.append(
        run_all.load_section(
            [[10, "inbox", 100, 5.0, 20.0, 50.0, 90.0, 0], [50, "inbox", 300, 15.0, 60.0, 150.0, 300.0, 0]],
            "gunicorn 4 sync workers",
            5,
            [10, 50],
            5,
            3,
            [{"users": 10, "requests": 100, "seconds": 5.0, "cpu_s": 4.0, "background": {"sweeps": 1}}],
            "Server chosen by measurement",
        )
    )
    out = tmp_path / "RESULTS.md"
    run_all.write_results(out, sections, title="Benchmark results", preface="tiny run")
    text = out.read_text()
    for title in (
        "Machine",
        "National dataset",
        "Compliance dashboards",
        "Search",
        "Organisation tree",
        "Chase sweep",
        "Issuing (fan-out writes)",
        "PDF rendering",
        "Batch PDF",
        "HTTP load test",
    ):
        assert f"## {title}" in text, title
    assert "load average at start" in text and "hand SQL ms (reference)" in text
    assert "without indexes ms (reference)" in text and "per-row baseline s (reference)" in text
    assert "| 50 | inbox | 300 | 15.00 | 60.00 | 150.00 | 300.00 | 0 | 3.00× |" in text
    assert "25.0 requests per CPU-second" in text and "Server chosen by measurement" in text
    dashboards = next(s for s in sections if s.title == "Compliance dashboards")
    # National, one province and one district-level union, each with its two pages and its hot plan printed.
    assert len(dashboards.rows) == 6 and all(r[-1].endswith("×") for r in dashboards.rows)
    assert dashboards.notes.count("Execution Time") == 6
    search = next(s for s in sections if s.title == "Search")
    assert sum(1 for r in search.rows if r[8].endswith("×")) == 2  # the leader's two scoped queries by hand
    chase = next(s for s in sections if s.title == "Chase sweep")
    assert "statements per due" in chase.header
    assert "EXPLAIN (ANALYZE, BUFFERS) of the sweep's claim" in chase.notes
    from portal.org.models import Unit

    issue = next(s for s in sections if s.title.startswith("Issuing"))
    first = (
        Unit.objects.filter(depth=2, path__startswith=Unit.objects.get(code="tld").path)
        .order_by("path")
        .first()
    )
    grassroots = Unit.objects.filter(kind="union_grassroots")
    assert [r[1] for r in issue.rows] == [
        grassroots.filter(path__startswith=first.path).count(),
        grassroots.count(),
    ]

    # The benchmark drops the e-mail messages only while it measures: the tasks work again afterwards
    # (a leaked stub once silenced every e-mail of the tests that ran after this one).
    from portal.notifications import tasks

    for task in (tasks.send_notification_emails, tasks.send_notification_batch):
        task = getattr(task, "_get_current_object", lambda task=task: task)()
        assert "apply_async" not in vars(task), task.name


def test_the_dataset_is_the_same_whatever_the_day_it_is_generated(db, settings, tmp_path):
    """Generated on a day far from its reference, the data still describe the reference day: the same year,
    the 6-month period past due, the annual one open, reporters with open obligations for the load test."""
    from reporting.models import Obligation

    settings.MEDIA_ROOT = str(tmp_path / "media")
    with time_machine.travel(dt.datetime(2031, 3, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))):
        data = national.generate(
            scale=SCALE, directives=DIRECTIVES, reporting=REPORTING, vacuum=False, log=lambda *_: None
        )
    assert data["year"] == national.REFERENCE_NOW.year
    semiannual = Obligation.objects.filter(period_key=f"{data['year']}-S1")
    annual = Obligation.objects.filter(period_key=f"{data['year']}-Y")
    assert semiannual.exists() and not semiannual.filter(status__in=["open", "upcoming"]).exists()
    assert annual.filter(status="open", unit__kind="union_grassroots").exists()
    assert not annual.filter(status__in=["overdue", "upcoming"]).exists()
