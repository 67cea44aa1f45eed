"""The dashboards' story in the demo data (called by reporting/demo/__init__.py after directives/demo/load.py).

The seeds stop in early 2024; the dashboards need reporting history. LĐLĐ tỉnh Bắc Giang's công văn
forwards 97-HD/BTGTU and with it the guidance's quarterly reporting duty (the district federations
report to LĐLĐ tỉnh, which reports to Ban Tuyên giáo Tỉnh ủy); the district plans carry it down to
their grassroots unions. This module opens the quarters of the công văn and the district plans up to
quý III/2025 through the reporting service (obligations_create_for_document, as the nightly job would
have done on those days; the guidance keeps the two quarters it was issued with), then
writes what the units did, with explicit past timestamps — the real services stamp "now", and
time_machine is a test-only dependency. Each answered obligation gets a Report and its version 1
(same data, same time, same late flag) exactly as report_submit leaves them, then acceptance by the
receiving unit a few days later (the last quarter is left awaiting acceptance); an unanswered one past
its deadline is marked overdue as the chaser would have. The audit log is not back-filled.

The story (visible at LĐLĐ tỉnh and on drill-down): three district federations always on time, Yên Thế
always late, Lạng Giang slipping, Tân Yên stopped after two quarters, Lục Nam never reports, Lục Ngạn
erratic, Yên Dũng improving, Sơn Động on time until it closed on 30/6/2025 (its last quarter does not
count); grassroots unions vary the same way by their place in the list.
"""

from __future__ import annotations

import datetime as dt
import zlib

from django.contrib.auth import get_user_model
from django.utils import timezone

from directives.cascade import requirement_families
from directives.models import Document, RegisterCounter
from directives.numbering import number_symbol_for, register_book_for, register_past
from portal.org.models import Membership, Role, Unit
from reporting.models import Obligation, ObligationStatus, Report, ReportState, ReportVersion
from reporting.services import obligations_create_for_document
from reporting.services.form_template import clean_submission, template_for
from reporting.signature import REPORT_DOC_TYPE, signature_block

# The days the quarters were opened (each call opens the current quarter and the next).
OPENING_DAYS = [
    dt.date(2024, 5, 15),
    dt.date(2024, 8, 15),
    dt.date(2024, 11, 15),
    dt.date(2025, 2, 15),
    dt.date(2025, 5, 15),
]

DISTRICTS = {
    "bg-ldld-vietyen": "on_time",
    "bg-ldld-hiephoa": "on_time",
    "bg-ldld-tpbacgiang": "on_time",
    "bg-ldld-yenthe": "late",
    "bg-ldld-langgiang": "slipping",
    "bg-ldld-tanyen": "stopped",
    "bg-ldld-lucnam": "never",
    "bg-ldld-lucngan": "erratic",
    "bg-ldld-yendung": "improving",
    "bg-ldld-sondong": "on_time",
    "bg-ldld": "on_time",
}
GRASSROOTS_BY_PLACE = ["on_time", "erratic", "slipping", "late", "stopped"]


def outcome(profile: str, index: int, last: int, seed: int) -> str | None:
    """'on_time', 'late' or None (nothing) for the index-th period of `last + 1`."""
    if profile == "on_time":
        return "on_time"
    if profile == "late":
        return "late"
    if profile == "never":
        return None
    if profile == "stopped":
        return "on_time" if index < 2 else None
    if profile == "slipping":
        return None if index == last else ("on_time" if index < 3 else "late")
    if profile == "erratic":
        return None if index == last else ("late" if index % 2 else "on_time")
    if profile == "improving":
        return None if index == 0 else ("late" if index < 3 else "on_time")
    return ("on_time", "on_time", "on_time", "late", None)[seed % 5]


def _profile(unit: Unit, parent_children: dict[str, list[str]]) -> str:
    if unit.code in DISTRICTS:
        return DISTRICTS[unit.code]
    siblings = parent_children.get(unit.path[: -Unit.steplen], [])
    if unit.kind == "union_grassroots" and unit.code in siblings:
        return GRASSROOTS_BY_PLACE[siblings.index(unit.code) % len(GRASSROOTS_BY_PLACE)]
    return "mixed"


def _local(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def reporting_story(docs: dict[str, Document], *, actor) -> int:
    """Open the quarters of the 97-HD family and write the units' answers. Returns the reports written."""
    guidance = docs["97-HD/BTGTU"]
    # The guidance itself keeps the periods it was issued with (its monthly duty would open too).
    family_docs = [
        docs["cv-ldld-bg-2024"],
        *Document.objects.filter(relations_out__target=docs["cv-ldld-bg-2024"], status="issued").order_by(
            "issue_date"
        ),
    ]
    for day in OPENING_DAYS:
        for doc in family_docs:
            obligations_create_for_document(document=doc, actor=actor, today=day)
    roots = list(guidance.requirements.values_list("pk", flat=True))  # its monthly report too
    family = [i for ids in requirement_families(roots).values() for i in ids]
    now = timezone.now()
    obligations = list(
        Obligation.objects.filter(requirement_id__in=family, due_at__lt=now)
        .select_related("unit", "requirement")
        .order_by("period_key", "unit__path")
    )
    keys = sorted({ob.period_key for ob in obligations})
    children: dict[str, list[str]] = {}
    for path, code in (
        Unit.objects.filter(kind="union_grassroots").order_by("path").values_list("path", "code")
    ):
        children.setdefault(path[: -Unit.steplen], []).append(code)
    people = {}
    for unit_id, role, user_id in Membership.objects.values_list("unit_id", "role", "user_id").order_by("id"):
        people.setdefault((unit_id, role == Role.SIGNER), user_id)
    reports, versions, changed = [], [], []
    for ob in obligations:
        index = keys.index(ob.period_key)
        seed = zlib.crc32(f"{ob.unit.code}:{ob.period_key}".encode())
        what = outcome(_profile(ob.unit, children), index, len(keys) - 1, seed)
        if ob.unit.active_to and ob.unit.active_to < (ob.window_end or ob.due_date):
            what = None  # closed before the period ended: nothing came, and nothing is expected
        if what is None:
            ob.status, ob.updated_at = ObligationStatus.OVERDUE, ob.due_at
            changed.append(ob)
            continue
        day = ob.due_date + dt.timedelta(days=-(1 + seed % 6) if what == "on_time" else 2 + seed % 9)
        at = _local(day, 9 + seed % 8)
        late = at > ob.due_at
        # Sent by the unit's signer (issue 17: sending a report up is the head's or deputy's act), prepared by
        # its reporter.
        author = people.get((ob.unit_id, True)) or people.get((ob.unit_id, False))
        drafter = people.get((ob.unit_id, False)) or author
        receiver = people.get((ob.to_unit_id, True))
        data = clean_submission(
            template_for(ob.requirement),
            {
                "sections": {
                    "ket_qua_tuyen_truyen": f"{ob.unit.name} quán triệt Hướng dẫn số 97-HD/BTGTU đến cán bộ, "
                    f"đoàn viên; tuyên truyền về thông tin đối ngoại {ob.period_label}."
                },
                "indicators": {
                    "so_buoi_tuyen_truyen": 1 + seed % 6,
                    "so_luot_nguoi_tham_gia": 40 + seed % 260,
                    "so_tin_bai": seed % 9,
                    "so_hoi_nghi_quan_triet": 1 + seed % 2,
                },
            },
        )
        accepted = index < len(keys) - 1
        reports.append(
            Report(
                obligation=ob,
                state=ReportState.ACCEPTED if accepted else ReportState.SUBMITTED,
                data=data,
                created_by_id=drafter,
                updated_by_id=author,
                submitted_by_id=author,
                signed_by_id=author,
                signed_at=at,
                submitted_at=at,
                is_late=late,
                version_count=1,
                accepted_at=at + dt.timedelta(days=2) if accepted else None,
                accepted_by_id=receiver if accepted else None,
            )
        )
        versions.append((ob, data, author, at, late))
        ob.status = ObligationStatus.SUBMITTED_LATE if late else ObligationStatus.SUBMITTED_ON_TIME
        ob.submitted_at, ob.next_action_at, ob.next_stage, ob.updated_at = at, None, "", at
        changed.append(ob)
    _number_and_sign(reports, {ob.pk: ob for ob in obligations})
    Report.objects.bulk_create(reports, batch_size=500)
    for report in reports:  # the stamps of the day it happened, not of the demo build
        report.created_at = report.submitted_at - dt.timedelta(hours=2)
        report.updated_at = report.accepted_at or report.submitted_at
    Report.objects.bulk_update(reports, ["created_at", "updated_at"], batch_size=500)
    by_ob = {r.obligation_id: r for r in reports}
    ReportVersion.objects.bulk_create(
        [
            ReportVersion(
                report=by_ob[ob.pk],
                number=1,
                data=data,
                attachments=[],
                submitted_by_id=author,
                submitted_at=at,
                is_late=late,
                signature={
                    **by_ob[ob.pk].signature,
                    "number": by_ob[ob.pk].number,
                    "number_symbol": by_ob[ob.pk].number_symbol,
                    "signed_at": at.isoformat(),
                },
            )
            for ob, data, author, at, late in versions
        ],
        batch_size=500,
    )
    Obligation.objects.bulk_update(
        changed, ["status", "submitted_at", "next_action_at", "next_stage", "updated_at"], batch_size=500
    )
    return len(reports)


def _number_and_sign(reports: list[Report], obligations: dict[int, Obligation]) -> None:
    """Each sent report as «Ký và gửi» leaves it: a number from its unit's outgoing register (type BC, in the
    order they were sent, the register moved past the last one so the unit's next document or report follows)
    and the signature block of the person who signed it."""
    signers = get_user_model().objects.in_bulk({r.submitted_by_id for r in reports if r.submitted_by_id})
    blocks: dict[tuple[int, int], dict] = {}
    last: dict[tuple[int, int], int] = {}
    for report in sorted(reports, key=lambda r: (r.submitted_at, r.obligation_id)):
        unit = obligations[report.obligation_id].unit
        year = timezone.localdate(report.submitted_at).year
        if (unit.pk, year) not in last:  # after the numbers the unit's documents of that year already took
            book = register_book_for(unit)
            counter = RegisterCounter.objects.filter(
                book=book, series_key=book.series_key(doc_type=REPORT_DOC_TYPE, year=year)
            ).first()
            last[(unit.pk, year)] = counter.last_number if counter else 0
        last[(unit.pk, year)] = number = last[(unit.pk, year)] + 1
        report.number = number
        report.number_symbol = number_symbol_for(number=number, doc_type=REPORT_DOC_TYPE, issuer=unit)
        signer = signers.get(report.submitted_by_id)
        if signer is not None:
            key = (unit.pk, signer.pk)
            if key not in blocks:
                blocks[key] = signature_block(user=signer, unit=unit)
            report.signature = blocks[key]
    units = {ob.unit.pk: ob.unit for ob in obligations.values()}
    for (unit_id, year), number in last.items():
        register_past(unit=units[unit_id], doc_type=REPORT_DOC_TYPE, year=year, number=number)
