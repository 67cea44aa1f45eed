"""Roll-up: a unit's own upward report pre-filled from the reports it received (SPEC capability 4)."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Q

from portal.org.models import Unit
from reporting.models import Obligation, ReportingRequirement, ReportState
from reporting.services.form_template import template_for

MAX_CASCADE_DEPTH = 8


def requirement_family(requirement: ReportingRequirement) -> list[int]:
    """The requirement and every requirement carried down from it (one query per cascade level)."""
    ids, frontier = [requirement.pk], [requirement.pk]
    for _ in range(MAX_CASCADE_DEPTH):
        frontier = list(ReportingRequirement.objects.filter(parent_id__in=frontier).values_list("id", flat=True))
        if not frontier:
            break
        ids += frontier
    return ids


def _add(a, b):
    if a is None:
        return b
    if b is None:
        return a
    if isinstance(a, int) and isinstance(b, int):
        return a + b
    return float(Decimal(str(a)) + Decimal(str(b)))


def rollup_prefill(*, unit: Unit, requirement: ReportingRequirement, period_key: str) -> dict:
    """The unit's report for (requirement, period) pre-filled from its subordinates' accepted reports.

    Sources: the accepted reports for the same period, on this requirement or one carried down from
    it, that were sent to this unit (or through it) by units below it or assigned to it. Each level
    rolls up the level under it — a grassroots report already summed into the district's report is
    not counted again at the province. Indicators are summed by key; narratives are collated, each
    paragraph headed by the unit's name. Returns {"sections", "indicators", "sources"}.
    """
    template = template_for(requirement)
    rows = list(
        Obligation.objects.filter(requirement_id__in=requirement_family(requirement), period_key=period_key,
                                  report__state=ReportState.ACCEPTED)
        .filter(Q(to_unit=unit) | Q(via_unit=unit)).exclude(unit=unit)
        .select_related("unit", "report").order_by("unit__path"))
    sections = {s["key"]: [] for s in template["sections"]}
    indicators: dict = {i["key"]: None for i in template["indicators"]}
    for ob in rows:
        data = ob.report.data or {}
        for key, text in (data.get("sections") or {}).items():
            if key in sections and (text or "").strip():
                sections[key].append(f"{ob.unit.name}: {text.strip()}")
        for key, value in (data.get("indicators") or {}).items():
            if key in indicators and isinstance(value, int | float) and not isinstance(value, bool):
                indicators[key] = _add(indicators[key], value)
    return {
        "sections": {k: "\n\n".join(v) for k, v in sections.items()},
        "indicators": indicators,
        "sources": [{"unit": ob.unit.name, "obligation": ob.pk} for ob in rows],
    }
