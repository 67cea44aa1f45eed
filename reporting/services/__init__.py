"""Reporting services (STYLE.md: keyword-only, atomic, an audit event per state change, refusals
from reporting.errors). Split by sub-domain:

- obligations — generating obligations from requirements and đột xuất requests, opening periods,
  excusing, moving them to a successor unit
- reports     — drafts, «Ký và gửi» (number, signature block, the PDF as sent) with versions, return, acceptance, attachments, roll-up fill (only the fields the reporter chose)
- report_signing — «Trình ký» to the unit's leader and the leader's «Trả lại»
- rollup      — summing and collating the reports a unit received
- chase       — the reminder sweep and digests
- chase_letter — the công văn đôn đốc drafted from the overdue units
- policy, calendar, form_template — the pure-ish rules those use
"""

from reporting.services.attachments import report_attachment_add, report_attachment_remove
from reporting.services.calendar import calendar_token_issue, calendar_token_revoke
from reporting.services.chase import SweepResult, chase_sweep_run
from reporting.services.chase_letter import chase_letter_create
from reporting.services.obligations import (
    adhoc_request_create,
    obligation_excuse,
    obligations_cancel_for_document,
    obligations_create_for_document,
    obligations_open_periods,
    obligations_transfer_on_unit_closed,
)
from reporting.services.report_signing import report_sign_request, report_sign_return
from reporting.services.reports import report_fill_from_rollup, report_save_draft, report_submit
from reporting.services.review import report_accept, report_return
from reporting.services.rollup import rollup_prefill, rollup_preview, rollup_sources

__all__ = [
    "SweepResult",
    "adhoc_request_create",
    "calendar_token_issue",
    "calendar_token_revoke",
    "chase_letter_create",
    "chase_sweep_run",
    "obligation_excuse",
    "obligations_cancel_for_document",
    "obligations_create_for_document",
    "obligations_open_periods",
    "obligations_transfer_on_unit_closed",
    "report_accept",
    "report_attachment_add",
    "report_attachment_remove",
    "report_fill_from_rollup",
    "report_return",
    "report_save_draft",
    "report_sign_request",
    "report_sign_return",
    "report_submit",
    "rollup_prefill",
    "rollup_preview",
    "rollup_sources",
]
