"""The home page by role (issue 6, item 7): what each person opens the portal for.

- a leader (signer, unit admin) lands on the dashboard of the unit they lead;
- a reporter on their unit's obligations (returned for revision, overdue, due) — the reporting:obligations
  page in short; so does a leader or drafter of a unit without a reporter, when it has a report to write;
- a drafter (also a signer or clerk, who draft too) on their drafts, the drafts waiting for their
  signature, and the documents received that still wait for their unit's action.

Several roles give several panels, the leader's first. Each panel costs a fixed number of queries.
"""

from __future__ import annotations

from django.utils import timezone

from directives import access as directive_access
from directives import selectors as directive_selectors
from directives.models import Status
from portal.org.access import scope_for
from portal.org.models import Role, Unit
from reporting import selectors as reporting_selectors
from reporting.access import WRITER_ROLES
from reporting.dashboard.access import led_units
from reporting.dashboard.pages import unit_overview

PANEL_ROWS = 8


def _reporting_unit(scope, roles: set[str]) -> tuple[Unit | None, bool]:
    """(the unit whose reports this person writes, whether as its reporter). A unit with no reporter — a
    district federation whose chair reports himself — is written by its leaders and drafters, whom the
    chaser reminds too: they get the panel when the unit has a report to write or one sent back."""
    if Role.REPORTER in roles:
        return Unit.objects.filter(pk__in=scope.unit_ids_with_role(Role.REPORTER)).order_by(
            "path"
        ).first(), True
    writable = scope.unit_ids_with_role(*WRITER_ROLES)
    if not writable:
        return None, False
    unit = (
        Unit.objects.filter(pk__in=list(writable))
        .exclude(memberships__role=Role.REPORTER)
        .order_by("path")
        .first()
    )
    return unit, False


def home_panels(user) -> dict:
    scope = scope_for(user)
    roles = {role for (_, role) in scope.roles}
    panels: dict = {}
    if scope.subtree_paths:
        led = led_units(user)
        requirements, documents = unit_overview(led[0], limit=8)
        panels["leader"] = {
            "unit": led[0],
            "others": led[1:],
            "requirements": requirements,
            "documents": documents,
            "year": timezone.localdate().year,
        }
    unit, is_reporter = _reporting_unit(scope, roles)
    if unit is not None:
        counts = reporting_selectors.obligation_counts(unit)
        if is_reporter or counts["returned"] or counts["overdue"] or counts["due"] or counts["signing"]:
            lists = reporting_selectors.obligations_of_unit(unit, limit=PANEL_ROWS)
            panels["reporter"] = {
                "unit": unit,
                "returned": lists["returned"],
                "signing": lists["signing"],
                "overdue": lists["overdue"],
                "due": lists["due"],
                "counts": counts,
            }
    if roles & {Role.DRAFTER, Role.SIGNER, Role.CLERK}:
        signer_units = set(scope.unit_ids_with_role(Role.SIGNER))
        panels["drafter"] = {
            # the drafts the user can open in the editor (a leader's subordinates' drafts are theirs to edit)
            "drafts": list(
                directive_selectors.outgoing(user, status=Status.DRAFT).filter(
                    directive_access.editable_q(user)
                )[:PANEL_ROWS]
            ),
            "to_sign": list(
                directive_selectors.outgoing(user, status=Status.SUBMITTED).filter(
                    issuer_id__in=signer_units
                )[:PANEL_ROWS]
            )
            if signer_units
            else [],
            "pending": list(directive_selectors.inbox(user, pending=True)[:PANEL_ROWS]),
        }
    return {"panels": panels}
