"""A report as an official document of the reporting unit (issue 17 item 2): who signs it, the signature block
they sign with, its number from the unit's outgoing register and — when the signer holds a signing credential —
the digital signatures on the PDF as sent.

Sending a report upward is the act of the unit's head or deputy: its members in the signer role
(STANDARDS.md §3). The block is derived from the signer's rank in the unit and the unit's kind:

- a collective body (a Party committee or cell, a union's executive committee) signs "TM. <BODY>" — its head
  and, as the Party's and the unions' habit is, its deputies too ("T/M BAN THƯỜNG VỤ / PHÓ BÍ THƯ",
  "TM. BAN THƯỜNG VỤ / PHÓ CHỦ TỊCH");
- any other body (a Party board, a state agency) is signed by its head directly ("TRƯỞNG BAN"), and by a
  deputy "KT. <HEAD'S TITLE>" above their own title ("K/T TRƯỞNG BAN / PHÓ TRƯỞNG BAN").

A deputy is a signer whose title (the membership's «chức vụ») starts with "Phó"; a signer without a title is
taken as the head, with the head's usual title for the unit's kind.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from directives.numbering import next_number, number_symbol_for
from portal.org.access import scope_for
from portal.org.models import Membership, Role, Unit, UnitKind
from reporting.models import Report, ReportState, ReportVersion

#: The collective body a head (or deputy) signs for, by the unit's kind.
COLLECTIVE_BODY: dict[str, str] = {
    UnitKind.PARTY_COMMITTEE: "BAN THƯỜNG VỤ",
    UnitKind.PARTY_CELL: "CHI ỦY",
    UnitKind.UNION_NATIONAL: "ĐOÀN CHỦ TỊCH",
    UnitKind.UNION_PROVINCE: "BAN THƯỜNG VỤ",
    UnitKind.UNION_DISTRICT: "BAN THƯỜNG VỤ",
    UnitKind.UNION_SECTOR: "BAN THƯỜNG VỤ",
    UnitKind.UNION_GRASSROOTS: "BAN CHẤP HÀNH",
}

#: The head's usual title by the unit's kind, for a signer whose membership names none.
HEAD_TITLE: dict[str, str] = {
    UnitKind.PARTY_CENTRAL: "Trưởng ban",
    UnitKind.PARTY_COMMITTEE: "Bí thư",
    UnitKind.PARTY_BOARD: "Trưởng ban",
    UnitKind.PARTY_CELL: "Bí thư",
    UnitKind.STEERING_COMMITTEE: "Trưởng ban",
    UnitKind.UNION_NATIONAL: "Chủ tịch",
    UnitKind.UNION_PROVINCE: "Chủ tịch",
    UnitKind.UNION_DISTRICT: "Chủ tịch",
    UnitKind.UNION_SECTOR: "Chủ tịch",
    UnitKind.UNION_GRASSROOTS: "Chủ tịch",
}
DEFAULT_HEAD_TITLE = "Thủ trưởng cơ quan"

#: The document type of a report in the outgoing register (the same register the unit's documents use).
REPORT_DOC_TYPE = "BC"


def is_signer(user, unit: Unit) -> bool:
    """The person signs for the unit: a member in the signer role (its head or a deputy)."""
    return scope_for(user).has_role(unit.pk, Role.SIGNER)


def signer_title(membership: Membership | None, unit: Unit) -> str:
    title = " ".join(((membership.title if membership else "") or "").split())
    return title or HEAD_TITLE.get(unit.kind, DEFAULT_HEAD_TITLE)


def is_deputy(title: str) -> bool:
    return title.lower().startswith("phó ")


def signature_block(*, user, unit: Unit) -> dict:
    """The block the person signs the unit's report with, as a snapshot kept on the report and its version:
    {"authority": "TM" | "KT" | "", "authority_body", "title", "name", "user_id"} (upper-case lines as printed;
    the layout adds the regime's prefix "TM." / "T/M")."""
    membership = (
        Membership.objects.filter(user=user, unit=unit, role=Role.SIGNER).exclude(title="").first()
        or Membership.objects.filter(user=user, unit=unit, role=Role.SIGNER).first()
    )
    title = signer_title(membership, unit)
    body = COLLECTIVE_BODY.get(unit.kind, "")
    if body:
        authority, authority_body = "TM", body
    elif is_deputy(title):
        head = title[4:].strip()
        authority, authority_body = "KT", (head[:1].upper() + head[1:]).upper()
    else:
        authority, authority_body = "", ""
    return {
        "authority": authority,
        "authority_body": authority_body,
        "title": title.upper(),
        "name": user.get_full_name() or user.get_username(),
        "user_id": user.pk,
    }


def number_take(report, unit: Unit, day: dt.date) -> None:
    """Give the report its number from the unit's outgoing register (doc type BC), inside the sending
    transaction (next_number's row lock: two leaders pressing «Ký và gửi» at once get one number each, and a
    refused send gives its number back). A report resubmitted after the receiving unit's «Trả lại để chỉnh
    sửa» keeps the number it was first sent with: it is the same document, corrected, not a new one."""
    if report.number:
        return
    report.number = next_number(unit=unit, doc_type=REPORT_DOC_TYPE, year=day.year)
    report.number_symbol = number_symbol_for(number=report.number, doc_type=REPORT_DOC_TYPE, issuer=unit)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def unit_signers(unit: Unit) -> list:
    """The people who sign for the unit (its head and deputies), by name: whom «Trình ký» offers."""
    memberships = (
        Membership.objects.filter(unit=unit, role=Role.SIGNER, user__is_active=True)
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "user_id")
    )
    return [m.user for m in memberships]


def awaiting_signature(user):
    """Reports waiting for a signature in the units the person signs for (asked of them or of a colleague),
    oldest request first: the list «Báo cáo chờ ký». A queryset: count() for the menu's badge."""
    unit_ids = scope_for(user).unit_ids_with_role(Role.SIGNER)
    return (
        Report.objects.filter(state=ReportState.SIGNING, obligation__unit_id__in=unit_ids)
        .select_related("obligation", "obligation__unit", "obligation__requirement", "sign_requested_by")
        .order_by("sign_requested_at", "id")
    )


def sent_pdf(obligation):
    """The stored PDF of the report's latest sent version (submitted or accepted), or None: a draft, a report
    awaiting signature or returned for revision is rendered afresh; a sent one is never rendered again."""
    version = (
        ReportVersion.objects.filter(
            report__obligation=obligation,
            report__state__in=(ReportState.SUBMITTED, ReportState.ACCEPTED),
        )
        .exclude(pdf="")
        .order_by("-number")
        .first()
    )
    return version.pdf if version is not None else None
