"""Who may open which dashboard — one helper per resource, each fetches and authorises (404 otherwise).

A dashboard shows a unit's whole subtree, so it is a leader's view (SPEC §3: signers and unit admins
see their unit's subtree): the user must lead the unit or one of its ancestors. A reporter or a
drafter of the same unit does not get the subtree's figures by typing the URL. The document or
requirement a dashboard is about must itself be readable by the user. Refusals are 404s that give
no hint that the unit, document or requirement exists; exports and actions go through the same helpers.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q
from django.http import Http404

from directives.access import DRAFTING_ROLES, documents_visible_to
from directives.models import Document, ReportingRequirement, Status
from portal.org.access import scope_for
from portal.org.models import Unit
from reporting.models import Obligation


def dashboard_unit_for(user, unit_id: int) -> Unit:
    """A unit whose dashboard the user may open: one they lead, directly or through an ancestor."""
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None or not scope_for(user).leads(unit):
        raise Http404("Không tìm thấy đơn vị.")
    return unit


def dashboard_document_for(user, document_id: int) -> Document:
    """An issued (or revoked) document the user may read."""
    document = (
        documents_visible_to(user)
        .filter(pk=document_id, status__in=[Status.ISSUED, Status.REVOKED])
        .select_related("issuer")
        .first()
    )
    if document is None:
        raise Http404("Không tìm thấy văn bản.")
    return document


def dashboard_requirement_for(user, requirement_id: int) -> ReportingRequirement:
    """A reporting requirement whose document the user may read; a đột xuất request (no document) when
    the user sees the requesting unit or one of the units asked."""
    requirement = (
        ReportingRequirement.objects.select_related("document", "document__issuer", "to_unit")
        .filter(pk=requirement_id)
        .first()
    )
    if requirement is None:
        raise Http404("Không tìm thấy chế độ báo cáo.")
    scope = scope_for(user)
    if requirement.document_id:
        visible = documents_visible_to(user).filter(pk=requirement.document_id).exists()
    else:
        visible = (
            scope.sees_unit(requirement.to_unit)
            or Obligation.objects.filter(Q(requirement=requirement) & scope.unit_q("unit__")).exists()
        )
    if not visible:
        raise Http404("Không tìm thấy chế độ báo cáo.")
    return requirement


def may_draft_chase_letter(user, units: Iterable[Unit]) -> bool:
    """Whether a dashboard offers «Soạn công văn đôn đốc»: the user drafts (directives.access.DRAFTING_ROLES) for
    one of units — the dashboard's unit and those above it, where the letter is issued from
    (actions.issuer_for) — or is the system administrator."""
    scope = scope_for(user)
    drafting = set(scope.unit_ids_with_role(*DRAFTING_ROLES))
    return scope.is_system_admin or any(u.pk in drafting for u in units)


def led_units(user) -> list[Unit]:
    """The top-most units whose dashboards the user opens: the units they lead (roots for a system admin)."""
    scope = scope_for(user)
    if scope.is_system_admin:
        return list(Unit.objects.filter(depth=1).order_by("path"))
    if not scope.subtree_paths:
        return []
    return list(Unit.objects.filter(path__in=list(scope.subtree_paths)).order_by("path"))


def dashboard_units(user):
    """Every unit whose dashboard the user may open (the scope of the dashboards' unit picker): the subtrees
    they lead, everything for a system administrator."""
    scope = scope_for(user)
    if scope.is_system_admin:
        return Unit.objects.all()
    led = Q(pk__in=[])
    for path in scope.subtree_paths:
        led |= Q(path__startswith=path)
    return Unit.objects.filter(led)
