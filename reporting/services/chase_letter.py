"""Chase letters (công văn đôn đốc): from the list of overdue units, a draft official document addressed
to them, listing their overdue reports — ready to sign and issue through the directives flow."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

if TYPE_CHECKING:
    from directives.models import Document

from directives.content import Section
from directives.services import compose
from directives.services.compose import RecipientLine
from directives.services.derive import citation_phrase
from portal.audit.services import event_record
from portal.org.models import Unit
from portal.org.services.departments import department_code_for
from reporting.errors import RequestInvalid
from reporting.models import PENDING_STATUSES, Obligation
from reporting.services.calendar import working_calendar

MAX_UNITS = 500  # a letter lists at most this many units (a larger list goes as several letters)


def overdue_for(
    unit: Unit, *, requirement_id: int | None = None, period_key: str = "", now: dt.datetime | None = None
) -> list[Obligation]:
    """Pending obligations reporting to (or through) the unit whose deadline has passed, by unit."""
    now = now or timezone.now()
    qs = (
        Obligation.objects.filter(
            Q(to_unit=unit) | Q(via_unit=unit), status__in=PENDING_STATUSES, due_at__lt=now
        )
        .select_related("unit", "requirement", "requirement__document")
        .order_by("unit__path", "due_at")
    )
    if requirement_id:
        qs = qs.filter(requirement_id=requirement_id)
    if period_key:
        qs = qs.filter(period_key=period_key)
    return list(qs[: MAX_UNITS * 4])


@transaction.atomic
def chase_letter_create(
    *,
    actor,
    unit: Unit,
    requirement_id: int | None = None,
    period_key: str = "",
    reply_within_working_days: int = 3,
):
    """Draft a công văn đôn đốc of `unit` to every unit overdue with a report to it.

    Uses the directives compose services, so their refusals apply (the actor must draft for the
    unit; every addressee must be within the unit's reach). Refuses when no unit is overdue.
    Returns the draft Document.
    """
    now = timezone.now()
    today = timezone.localdate(now)
    overdue = overdue_for(unit, requirement_id=requirement_id, period_key=period_key, now=now)
    if not overdue:
        raise RequestInvalid("Không có đơn vị nào quá hạn báo cáo để đôn đốc.")
    titles = sorted({(ob.requirement.title, ob.period_label) for ob in overdue})
    what = (
        f"{titles[0][0][:1].lower()}{titles[0][0][1:]} {titles[0][1]}"
        if len(titles) == 1
        else "các báo cáo quá hạn"
    )
    return chase_letter_draft(
        actor=actor,
        issuer=unit,
        overdue=overdue,
        what=what,
        today=today,
        reply_within_working_days=reply_within_working_days,
        closing_to=f" về {escape(unit.name)}",
        details={},
    )


def chase_letter_draft(
    *,
    actor,
    issuer: Unit,
    overdue: list[Obligation],
    what: str,
    today: dt.date,
    reply_within_working_days: int,
    closing_to: str = "",
    details: dict,
) -> Document:
    """Write the công văn đôn đốc draft listing the overdue units and their reports (one per caller:
    the receiving unit's page and the dashboard share the wording here).

    Composed from the parts of any công văn (issue 17): the cited documents in the derive step's phrase
    ("Thực hiện Hướng dẫn số 97-HD/BTGTU ngày 06/02/2024 của … về …"), the drafting department in the symbol
    ("…/LĐLĐ-TG&NC"), one numbered item per overdue unit, the request as the unnumbered closing paragraph, and
    no Lưu line of its own: the layout prints the regime's form ("Lưu: VT, TG&NC." or the Party's)."""
    by_unit: dict[int, list[Obligation]] = {}
    for ob in overdue:
        by_unit.setdefault(ob.unit_id, []).append(ob)
    units = list(by_unit.items())[:MAX_UNITS]
    reply_by = working_calendar().add(today, reply_within_working_days)
    document = compose.document_create_draft(
        actor=actor, issuer=issuer, doc_type="CV", subject=f"đôn đốc gửi {what}"[:500]
    )
    content = compose.content_of(document)
    content.department = department_code_for(unit=issuer, user=actor)
    sources = {
        ob.requirement.document_id: ob.requirement.document
        for ob in overdue
        if ob.requirement.document is not None
    }
    cited = "; ".join(
        citation_phrase(doc) for doc in sorted(sources.values(), key=lambda d: (d.issue_date or today, d.pk))
    )
    basis = f"Thực hiện {cited}; " if cited else ""
    content.opening = (
        f"<p>{escape(basis)}đến ngày {today:%d/%m/%Y}, {escape(issuer.name)} chưa nhận được báo cáo của các "
        f"đơn vị sau (đã quá hạn nộp):</p>"
    )
    items: list[Section | dict] = []
    for _, obs in units:
        lines = "; ".join(
            f"{ob.requirement.title} {ob.period_label} (hạn {ob.due_date:%d/%m/%Y}, quá hạn "
            f"{(today - ob.due_date).days} ngày)"
            for ob in obs
        )
        items.append(Section(text=f"<p>{escape(obs[0].unit.name)}: {escape(lines)}.</p>"))
    content.body = items
    content.closing = (
        f"<p>Đề nghị các đơn vị khẩn trương hoàn thành, gửi báo cáo{closing_to} qua hệ thống "
        f"trước ngày {reply_by:%d/%m/%Y}. Việc chậm báo cáo sẽ được xem xét khi đánh giá thi đua cuối năm.</p>"
    )
    content.recipients = [
        RecipientLine(label=obs[0].unit.name, unit_id=uid, in_kinh_gui=True) for uid, obs in units
    ]
    document = compose.document_save_draft(actor=actor, document=document, content=content)
    event_record(
        actor=actor,
        action="reporting.chase_letter_drafted",
        obj=document,
        unit=issuer,
        details={"units": len(units), "obligations": len(overdue), **details},
    )
    return document
