"""Who may do what with obligations and reports — used by services (refusals) and views (404/403).

- A report is written and submitted by the reporting unit's own members (reporter, drafter, leader,
  unit admin) — never by another unit, not even the unit above.
- The receiving unit (to_unit) and the unit it passes through (via_unit) review it: their leaders
  (signer, unit admin) return or accept it.
- Anyone who sees the reporting unit (its members, leaders above it) or the receiving units may read it.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from portal.org.access import Scope, scope_for, unit_for_user
from portal.org.models import Role, Unit
from reporting.models import Obligation, ReportAttachment

WRITER_ROLES = (Role.REPORTER, Role.DRAFTER, Role.SIGNER, Role.UNIT_ADMIN)
RECEIVER_ROLES = (Role.SIGNER, Role.UNIT_ADMIN)
REQUESTER_ROLES = (Role.SIGNER, Role.UNIT_ADMIN)


def can_view(scope: Scope, obligation: Obligation) -> bool:
    if scope.is_system_admin or scope.sees_unit(obligation.unit) or scope.sees_unit(obligation.to_unit):
        return True
    via_unit = obligation.via_unit  # None without a query when the report goes straight up
    return via_unit is not None and scope.sees_unit(via_unit)


def writes_for(scope: Scope, unit_id: int) -> bool:
    """The user writes and submits the reports this unit owes (its own members in a writer role)."""
    return scope.has_role(unit_id, *WRITER_ROLES)


def can_write(scope: Scope, obligation: Obligation) -> bool:
    return writes_for(scope, obligation.unit_id)


def sees_received(scope: Scope, unit) -> bool:
    """The list of reports sent to a unit is its own members' (and the system administrator's) — not the
    leaders above, who read each report through the reporting unit instead."""
    return scope.is_system_admin or unit.pk in scope.own_unit_ids


def can_receive(scope: Scope, obligation: Obligation) -> bool:
    if scope.has_role(obligation.to_unit_id, *RECEIVER_ROLES):
        return True
    return obligation.via_unit_id is not None and scope.has_role(obligation.via_unit_id, *RECEIVER_ROLES)


def is_receiving_member(scope: Scope, obligation: Obligation) -> bool:
    return obligation.to_unit_id in scope.own_unit_ids or (
        obligation.via_unit_id is not None and obligation.via_unit_id in scope.own_unit_ids
    )


def _fetch(user, obligation_id: int) -> Obligation:
    obligation = (
        Obligation.objects.select_related(
            "requirement", "requirement__document", "unit", "to_unit", "via_unit"
        )
        .filter(pk=obligation_id)
        .first()
    )
    if obligation is None or not can_view(scope_for(user), obligation):
        raise Http404("Không tìm thấy nghĩa vụ báo cáo.")
    return obligation


def obligation_for_viewer(user, obligation_id: int) -> Obligation:
    """An obligation the user may read, or 404 — never a hint that it exists."""
    return _fetch(user, obligation_id)


def obligation_for_writer(user, obligation_id: int) -> Obligation:
    """An obligation the user reports for: 404 if unseen, 403 if seen but not the user's to write."""
    obligation = _fetch(user, obligation_id)
    if not can_write(scope_for(user), obligation):
        raise PermissionDenied("Chỉ thành viên của đơn vị báo cáo được soạn và nộp báo cáo này.")
    return obligation


def obligation_for_receiver(user, obligation_id: int) -> Obligation:
    """An obligation whose report the user reviews (leader of the receiving or via unit)."""
    obligation = _fetch(user, obligation_id)
    if not can_receive(scope_for(user), obligation):
        raise PermissionDenied("Chỉ lãnh đạo đơn vị nhận báo cáo được trả lại hoặc tiếp nhận báo cáo.")
    return obligation


def unit_for_received(user, unit):
    """The unit whose received reports the user lists, or 403 (the unit itself is seen: unit_for_user)."""
    if not sees_received(scope_for(user), unit):
        raise PermissionDenied("Chỉ thành viên của đơn vị nhận báo cáo được xem danh sách này.")
    return unit


def can_request(scope: Scope, unit_id: int) -> bool:
    """The unit's leaders ask the units below it for a đột xuất report."""
    return scope.has_role(unit_id, *REQUESTER_ROLES)


def reviews_for(scope: Scope, unit_id: int) -> bool:
    """The user returns or accepts the reports sent to this unit (its leaders)."""
    return scope.has_role(unit_id, *RECEIVER_ROLES)


def unit_for_adhoc_request(user, unit_id: int) -> Unit:
    """The unit whose leader asks for a đột xuất report: 404 if unseen, 403 if seen but not led by the user."""
    unit = unit_for_user(user, unit_id)
    if not can_request(scope_for(user), unit.pk):
        raise PermissionDenied("Chỉ lãnh đạo đơn vị được yêu cầu báo cáo đột xuất.")
    return unit


def unit_for_chase_letter(user, unit_id: int) -> Unit:
    """The receiving unit whose members draft a công văn đôn đốc to the units overdue with it: 404 if unseen,
    403 if seen from above (a leader of a parent unit writes under the parent's own name)."""
    unit = unit_for_user(user, unit_id)
    if unit.pk not in scope_for(user).own_unit_ids:
        raise PermissionDenied("Chỉ thành viên của đơn vị nhận báo cáo được soạn công văn đôn đốc.")
    return unit


def unit_for_calendar(user, unit_id: int, *, by_token: bool) -> Unit:
    """The unit whose deadlines the calendar feed lists, or 404. Opened by the secret token, only the token
    owner's own units (not a leader's whole subtree): the token travels in a URL, so it may end up in an access
    log or a shared calendar; the answer is the same 404 whether the unit exists or not."""
    unit = unit_for_user(user, unit_id)
    if by_token and unit.pk not in scope_for(user).own_unit_ids:
        raise Http404("Không tìm thấy lịch.")
    return unit


def attachment_for_viewer(user, attachment_id: int) -> ReportAttachment:
    """A report's attachment the user may download: whoever may read the report, else 404."""
    attachment = ReportAttachment.objects.select_related("report").filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404("Không tìm thấy tệp đính kèm.")
    obligation_for_viewer(user, attachment.report.obligation_id)
    return attachment
