"""A dashboard page's whole content, assembled from the selectors — the same object feeds the HTML page,
the Excel workbook and the PDF, so an export is exactly the view on screen (all rows, not one page)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.utils import timezone

from directives.cascade import (
    DeliveryCounts,
    document_family_counts,
    document_family_ids,
    requirement_families,
    requirement_family,
)
from directives.handling.selectors.buckets import TaskCounts
from directives.models import Delivery, Document, ReportingRequirement, Status
from portal.lib.idlist import id_list
from portal.org.models import Unit
from portal.org.selectors import unit_ancestors
from reporting.dashboard import cache, scoring
from reporting.dashboard import selectors as sel
from reporting.dashboard.figures import Level, PeriodInfo, ReportCounts, Row
from reporting.dashboard.tasks import document_task_counts
from reporting.models import Obligation, RequirementPeriod

PER_PAGE = 100  # child rows per page (a district may have thousands of grassroots unions)
LIST_PER_PAGE = 100


@dataclass
class RequirementPage:
    unit: Unit
    requirement: ReportingRequirement
    ancestors: list[Unit]
    periods: list[PeriodInfo]
    period: PeriodInfo | None
    total: ReportCounts = field(default_factory=ReportCounts)
    page: Page | None = None
    levels: list[Level] = field(default_factory=list)
    columns: list[PeriodInfo] = field(default_factory=list)
    trend: list[tuple[PeriodInfo, ReportCounts]] = field(default_factory=list)
    listing_key: str = ""
    listing: Page | None = None
    history: list[Obligation] = field(default_factory=list)
    now: dt.datetime | None = None
    outside: list[Row] = field(default_factory=list)  # reporters to this unit that are not below it

    @property
    def rows(self) -> list[Row]:
        return list(self.page.object_list) if self.page else []

    @property
    def listing_label(self) -> str:
        return sel.LISTINGS.get(self.listing_key, "")


def requirement_page(
    *,
    unit: Unit,
    requirement: ReportingRequirement,
    period_key: str = "",
    page: int | str = 1,
    listing: str = "",
    listing_page: int | str = 1,
    per_page: int | None = PER_PAGE,
    now: dt.datetime | None = None,
) -> RequirementPage:
    """Figures of the requirement's family over the unit's subtree for one period. A fixed number of
    queries: the family's periods, ancestors, the figures (one pass: by child, level and period), the units
    of the page, and the list behind a number or the unit's own history when asked for."""
    live = now is None  # only the live page is cached: a question about another moment is computed
    now = now or timezone.now()
    # Every page checks the family as the walk's sub-select, as the best hand-written statement does: with the
    # family's periods kept (FamilyPeriod), a list sent from Python (one more query for the walk, and its
    # thousands of ids to prepare) no longer paid for itself, nationally either.
    family = requirement_family(requirement)
    periods = sel.periods_of(requirement)
    chosen = sel.pick_period(periods, period_key, timezone.localdate(now))
    view = RequirementPage(
        unit=unit,
        requirement=requirement,
        ancestors=unit_ancestors(unit),
        periods=periods,
        period=chosen,
        now=now,
    )
    if chosen is None:
        return view
    view.columns = sel.window(periods, chosen)

    # The one big pass, cached (reporting/dashboard/cache.py): the subtree's figures only, the same for every
    # viewer the access helper let in; what reporters outside the subtree owe is counted afresh below.
    def compute() -> sel.ReportCube:
        return sel.report_cube(unit, family, view.columns, now)

    keys = (requirement.pk, *[p.key for p in view.columns])
    cube = cache.figures("requirement", unit, keys, timezone.localdate(now), compute) if live else compute()
    rows = cube.rows(unit, chosen.key)
    # What the unit asked of units outside its subtree counts too (unit_overview counts the same way).
    outside = sel.reporters_outside(unit, requirement)
    view.outside = sel.outside_report_rows(outside, family, chosen.key, now)
    for r in [*rows, *view.outside]:
        view.total += r.counts
    view.page = Paginator(rows, per_page or max(1, len(rows))).get_page(page)
    shown = sel.attach_units(list(view.page.object_list), unit)
    view.levels = cube.levels(chosen.key)
    cube.heat(shown, view.columns)
    view.trend = cube.trend(view.columns)
    if listing in sel.LISTINGS:
        view.listing_key = listing
        qs = sel.report_listing(unit, family, chosen.key, listing, now, outside)
        view.listing = Paginator(qs, LIST_PER_PAGE if per_page else 100_000).get_page(listing_page)
    if not unit.numchild:
        view.history = sel.unit_history(unit, family)
    return view


@dataclass
class DirectivePage:
    unit: Unit
    document: Document
    ancestors: list[Unit]
    total: DeliveryCounts = field(default_factory=DeliveryCounts)
    page: Page | None = None
    levels: list[Level] = field(default_factory=list)
    family_size: int = 1
    listing_key: str = ""
    listing: Page | None = None
    outside: list[Row] = field(default_factory=list)  # the issuer's recipients that are not below it

    @property
    def rows(self) -> list[Row]:
        return list(self.page.object_list) if self.page else []

    @property
    def listing_label(self) -> str:
        return sel.DELIVERY_LISTINGS.get(self.listing_key, "")


def directive_page(
    *,
    unit: Unit,
    document: Document,
    page: int | str = 1,
    listing: str = "",
    listing_page: int | str = 1,
    per_page: int | None = PER_PAGE,
) -> DirectivePage:
    """The cascade completion of the document over the unit's subtree: per child subtree and per level — and,
    on the issuer's own page, over the recipients it sent the document to outside its subtree."""
    # The family's ids, cached (until a document is issued or revoked anywhere): the walk follows the national
    # cascade whatever the unit. They go to the queries as one array parameter (portal/lib/idlist.py).
    ids = cache.family(document.pk, lambda: document_family_ids(document))
    view = DirectivePage(unit=unit, document=document, ancestors=unit_ancestors(unit), family_size=len(ids))
    family = id_list(ids)
    # Cached like the requirement page's cube; the issuer's recipients outside its subtree are counted afresh.
    rows, view.levels = cache.figures(
        "directive", unit, (document.pk,), None, lambda: sel.delivery_cube(unit, family)
    )
    outside = sel.recipients_outside(unit, document) if document.issuer_id == unit.pk else []
    # What the issuer sent counts wherever it went (unit_overview counts the same way).
    view.outside = sel.outside_cube(outside, family)
    for r in [*rows, *view.outside]:
        view.total += r.counts
    view.page = Paginator(rows, per_page or max(1, len(rows))).get_page(page)
    sel.attach_units(list(view.page.object_list), unit)
    if listing in sel.DELIVERY_LISTINGS:
        view.listing_key = listing
        view.listing = Paginator(
            sel.delivery_listing(unit, family, listing, outside), LIST_PER_PAGE if per_page else 100_000
        ).get_page(listing_page)
    return view


# --- a unit's overview: the requirements and directives it deals with ---------------------------------------


@dataclass
class RequirementSummary:
    requirement: ReportingRequirement
    period: PeriodInfo | None  # the latest period already due; None while no period has come due
    counts: ReportCounts
    upcoming: PeriodInfo | None = None  # the first period, when none is due yet


@dataclass
class DocumentSummary:
    document: Document
    counts: DeliveryCounts
    tasks: TaskCounts = field(default_factory=TaskCounts)  # the four buckets of the document's own tasks


def _latest_due(periods: list[PeriodInfo], today: dt.date) -> PeriodInfo | None:
    due = [p for p in periods if p.due_date and p.due_date <= today]
    return due[-1] if due else None


def unit_overview(
    unit: Unit, *, now: dt.datetime | None = None, limit: int = 20
) -> tuple[list[RequirementSummary], list[DocumentSummary]]:
    """_unit_overview, cached (reporting/dashboard/cache.py): what the unit asked of units outside its subtree
    is counted here too, so a report or an acknowledgement by such a unit bumps the generation of the unit it
    reports to or the document's issuer as well (reporting/dashboard/receivers.py)."""
    if now is not None:  # a question about another moment (tests, benchmarks): not the live page
        return _unit_overview(unit, now=now, limit=limit)
    now = timezone.now()
    return cache.figures(
        "overview",
        unit,
        (limit,),
        timezone.localdate(now),
        lambda: _unit_overview(unit, now=now, limit=limit),
    )


def _unit_overview(
    unit: Unit, *, now: dt.datetime, limit: int
) -> tuple[list[RequirementSummary], list[DocumentSummary]]:
    """The requirements the unit receives or owes (each with its latest period already due) and the directives
    it issued or must carry out (with their cascade completion). Seven queries.

    Only requirements of issued documents (or đột xuất requests) count: a draft's duties bind nobody yet. What
    the unit itself asked for — a requirement reporting to it, a directive it issued — is counted over
    everyone it reached, whatever the tree (a Party board instructs the provincial union federation, which is
    not below it); what it received is counted over its own subtree. Each document also carries the four buckets of
    its tasks (one more query)."""
    owed = Obligation.objects.filter(unit=unit).values("requirement_id")
    reqs = list(
        ReportingRequirement.objects.filter(Q(to_unit=unit) | Q(pk__in=owed))
        .filter(Q(document__isnull=True) | Q(document__status=Status.ISSUED))
        .select_related("document")
        .order_by("-id")[:limit]
    )
    listed = {r.pk for r in reqs}
    reqs = [r for r in reqs if r.parent_id not in listed]  # a carried-down duty is inside its parent's family
    families = requirement_families([r.pk for r in reqs])
    root_of = {member: root for root, members in families.items() for member in members}
    periods: dict[int, dict[str, PeriodInfo]] = {}
    for p in RequirementPeriod.objects.filter(requirement_id__in=list(root_of)).order_by(
        "due_date", "period_key"
    ):  # a family's periods: those of any member, latest due
        periods.setdefault(root_of[p.requirement_id], {})[p.period_key] = PeriodInfo(
            p.period_key, p.period_label, p.due_date, p.window_start, p.window_end
        )
    today = timezone.localdate(now)
    ordered = {r.pk: sorted(periods.get(r.pk, {}).values(), key=lambda p: (p.due_date, p.key)) for r in reqs}
    chosen = {r.pk: _latest_due(ordered[r.pk], today) for r in reqs}
    own = Q(pk__in=[])
    below = Q(pk__in=[])
    for r in reqs:
        if chosen[r.pk]:
            which = Q(requirement_id__in=families[r.pk], period_key=chosen[r.pk].key)
            if r.to_unit_id == unit.pk:
                own |= which
            else:
                below |= which
    by_req: dict[tuple[int, str], ReportCounts] = {}
    if any(chosen.values()):
        for g in (
            Obligation.objects.filter(own | (sel.in_subtree(unit) & below))
            .values("requirement_id", "period_key")
            .annotate(**sel.report_metrics(now))
            .order_by()
        ):
            by_req[(g["requirement_id"], g["period_key"])] = ReportCounts.of(g)
    summaries = []
    for r in reqs:
        counts = ReportCounts()
        if chosen[r.pk]:
            for member in families[r.pk]:
                counts += by_req.get((member, chosen[r.pk].key), ReportCounts())
        upcoming = None if chosen[r.pk] else next(iter(ordered[r.pk]), None)
        summaries.append(RequirementSummary(r, chosen[r.pk], counts, upcoming))

    own_plans = Delivery.objects.filter(unit=unit, implemented_by__isnull=False).values("implemented_by_id")
    received = Delivery.objects.filter(unit=unit, purpose="thuc_hien").values("document_id")
    docs = list(
        Document.objects.filter(Q(issuer=unit) | Q(pk__in=received), status=Status.ISSUED, is_external=False)
        .exclude(pk__in=own_plans)
        .select_related("issuer")
        .order_by("-issue_date", "-id")[:limit]
    )
    counts = document_family_counts(
        [d.pk for d in docs],
        path=unit.path,
        path_end=unit._inc_path(),
        anywhere=[d.pk for d in docs if d.issuer_id == unit.pk],
    )
    tasks = document_task_counts(
        unit, docs, today=today
    )  # its own tasks: everywhere if issued here, else below
    documents = [
        DocumentSummary(d, DeliveryCounts.of(counts.get(d.pk, {})), tasks.get(d.pk, TaskCounts()))
        for d in docs
    ]
    return summaries, documents


@dataclass
class EmulationPage:
    unit: Unit
    ancestors: list[Unit]
    year: int
    formula: str
    maximum: float
    explanation: list[str] = field(default_factory=list)
    page: Page | None = None

    @property
    def rows(self) -> list[Row]:
        return list(self.page.object_list) if self.page else []


def emulation_page(
    *,
    unit: Unit,
    year: int,
    page: int | str = 1,
    per_page: int | None = PER_PAGE,
    now: dt.datetime | None = None,
) -> EmulationPage:
    """The year's emulation score of the unit and of each child subtree, best first, ranked."""
    now = now or timezone.now()
    w = scoring.weights()
    rows = scoring.emulation_rows(unit, year, now)
    rank = 0
    for r in rows:
        if not r.is_self and r.counts["score"] is not None:
            rank += 1
            r.rank = rank
    view = EmulationPage(
        unit=unit,
        ancestors=unit_ancestors(unit),
        year=year,
        formula=scoring.formula_text(w),
        maximum=w["on_time"] + w["implemented"],
        explanation=scoring.weights_explained(w),
    )
    view.page = Paginator(rows, per_page or max(1, len(rows))).get_page(page)
    sel.attach_units(list(view.page.object_list), unit)
    return view
