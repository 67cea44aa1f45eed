"""Roll-up: a unit's own upward report pre-filled from the reports it received (SPEC capability 4).

The roll-up proposes; the reporter decides. `rollup_preview` lays the proposal beside the draft field by
field — an empty field is proposed for filling, a field the reporter already wrote is only offered, never
taken — and `reports.report_fill_from_rollup` writes exactly the fields the reporter ticked.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q

from directives.cascade import requirement_family
from directives.models import ReportingRequirement
from portal.org.models import Unit
from reporting.models import Obligation, ReportState
from reporting.services.form_template import template_for


def _add(a, b):
    if a is None:
        return b
    if b is None:
        return a
    if isinstance(a, int) and isinstance(b, int):
        return a + b
    return float(Decimal(str(a)) + Decimal(str(b)))


def _received(unit: Unit, requirement: ReportingRequirement, period_key: str):
    """The obligations of the same period, on this requirement or one carried down from it, that report to
    this unit (or through it) from another unit: what a roll-up can draw on."""
    return (
        Obligation.objects.filter(requirement_id__in=requirement_family(requirement), period_key=period_key)
        .filter(Q(to_unit=unit) | Q(via_unit=unit))
        .exclude(unit=unit)
    )


def rollup_sources(*, unit: Unit, requirement: ReportingRequirement, period_key: str) -> dict[str, int]:
    """{"expected": reports owed to this unit for the period, "accepted": those accepted} — one query.
    A grassroots union is owed nothing: expected 0, and the roll-up is not offered at all."""
    return _received(unit, requirement, period_key).aggregate(
        expected=Count("id"), accepted=Count("id", filter=Q(report__state=ReportState.ACCEPTED))
    )


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
        _received(unit, requirement, period_key)
        .filter(report__state=ReportState.ACCEPTED)
        .select_related("unit", "report")
        .order_by("unit__path")
    )
    sections: dict[str, list[str]] = {s["key"]: [] for s in template["sections"]}
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


# --- what the roll-up would change in a draft ----------------------------------------------------------

EMPTY, SAME, DIFFERS, NOTHING = "empty", "same", "differs", "nothing"


@dataclass
class RollupField:
    """One field of the report form: what the draft holds and what the roll-up proposes."""

    name: str  # the form field's name: section_<key> or indicator_<key>
    label: str
    is_number: bool
    current: object
    proposed: object
    state: str  # EMPTY (draft empty, roll-up has a value), SAME, DIFFERS (both written), NOTHING (no value)

    @property
    def offered(self) -> bool:
        return self.state in (EMPTY, DIFFERS)

    @property
    def ticked(self) -> bool:
        """Proposed for filling without asking twice: only a field the reporter left empty."""
        return self.state == EMPTY


@dataclass
class RollupPreview:
    sources: list[dict]
    fields: list[RollupField] = field(default_factory=list)
    fingerprint: str = ""

    @property
    def offered(self) -> list[RollupField]:
        return [f for f in self.fields if f.offered]

    @property
    def differing(self) -> list[RollupField]:
        return [f for f in self.fields if f.state == DIFFERS]


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def draft_fingerprint(data: dict | None) -> str:
    """A short digest of a draft's content: the preview carries it, and the fill refuses when the draft
    changed in between (another tab, a colleague), so nothing the reporter did not see is replaced."""
    return hashlib.sha256(
        json.dumps(data or {}, sort_keys=True, ensure_ascii=False, default=str).encode()
    ).hexdigest()[:20]


def rollup_preview(*, template: dict, draft: dict | None, rollup: dict) -> RollupPreview:
    """The roll-up laid beside the draft, field by field, in the form's order."""
    draft = draft or {}
    sections, numbers = draft.get("sections") or {}, draft.get("indicators") or {}
    preview = RollupPreview(sources=rollup.get("sources", []), fingerprint=draft_fingerprint(draft))
    pairs = [
        (
            f"section_{s['key']}",
            s["title"],
            False,
            sections.get(s["key"]),
            (rollup.get("sections") or {}).get(s["key"]),
        )
        for s in template["sections"]
    ] + [
        (
            f"indicator_{i['key']}",
            i["label"],
            True,
            numbers.get(i["key"]),
            (rollup.get("indicators") or {}).get(i["key"]),
        )
        for i in template["indicators"]
    ]
    for name, label, is_number, current, proposed in pairs:
        if _blank(proposed):
            state = NOTHING
        elif _blank(current):
            state = EMPTY
        elif str(current).strip() == str(proposed).strip():
            state = SAME
        else:
            state = DIFFERS
        preview.fields.append(RollupField(name, label, is_number, current, proposed, state))
    return preview
