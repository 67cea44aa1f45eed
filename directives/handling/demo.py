"""The incoming register and the leader's instruction in the demo (called by reporting/demo after the documents are
issued, beside the reporting story).

LĐLĐ tỉnh Bắc Giang's register tells what happened to what arrived, on the demo's own dates:

- 01/2024 — Hướng dẫn 97-HD/BTGTU of Ban Tuyên giáo Tỉnh ủy, arrived through the portal on 06/02/2024. The clerk
  (bg.vanthu, Đỗ Thị Lan) registered it that morning; the Vice-Chairman (bg.phochutich, Nguyễn Mạnh Hùng) assigned Ban
  Tuyên giáo - Nữ công to lead, Văn phòng to support, by 23/02/2024; the lead posted its progress and reported it done
  on 20/02/2024 with the công văn that forwards the guidance to the districts (on time); the entry is done.
- 02/2024 — a paper công văn of Sở Nội vụ (with its scan): Văn phòng leads, due 20/03/2024, done on 25/03/2024 (late).
- 03/2024 — a paper invitation, «Lưu, không xử lý».
- 01/2025 — a paper công văn of Ban Tuyên giáo Tỉnh ủy assigned to Lê Thị Minh Phương, due 30/09/2025: still open,
  so it is «quá hạn chưa hoàn thành» on any day after that.
- 02/2025 — a công văn of Tổng LĐLĐ Việt Nam awaiting the leader's instruction (the leader's desk is not empty).
- This year's first entry — registered through the clerk's own service on the day the demo is loaded, assigned with
  a deadline three weeks ahead: «đang thực hiện trong hạn» for three weeks after loading, then overdue as a real
  one would be. It is the only date taken from the loading day, and nothing breaks when the demo is older.

The past entries are written as the services leave them (the numbers from the register's own counter of their
year, the instruction through ``entry_instruct``), then dated back — the real services stamp "now" and time_machine
is a test-only dependency — as reporting/demo/story.py does for the reports. The audit log is not back-filled.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from directives.handling.models import (
    AssigneeRole,
    Assignment,
    AssignmentState,
    IncomingEntry,
    Instruction,
    ProgressNote,
)
from directives.handling.services import instruction as instructing
from directives.handling.services.incoming import entry_register_paper
from directives.handling.services.instruction import Assignee
from directives.models import Delivery, Document
from directives.numbering import next_incoming_number
from portal.org.models import Department, Unit

UNIT = "bg-ldld"


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _scan_pdf(title: str) -> bytes:
    """A one-page PDF standing for the scan of a paper document (WeasyPrint, already the PDF layouts' engine)."""
    from weasyprint import HTML  # heavy; only the demo loader needs it here

    return HTML(
        string=f"<html><body style='font-family: serif'><p>BẢN QUÉT VĂN BẢN GIẤY</p><h1>{title}</h1></body></html>"
    ).write_pdf()


def _scan(number_symbol: str, subject: str) -> ContentFile:
    name = number_symbol.replace("/", "-") + ".pdf"
    return ContentFile(_scan_pdf(f"Số {number_symbol} — {subject}"), name=name)


def _user(username: str):
    return get_user_model().objects.get(username=username)


def _past_entry(*, unit: Unit, clerk, leader, arrived: dt.datetime, **fields) -> IncomingEntry:
    """An entry as ``entry_register_*`` leaves it, numbered in its arrival year's book and dated back."""
    scan = fields.pop("scan", None)
    entry = IncomingEntry(
        unit=unit,
        year=arrived.year,
        number=next_incoming_number(unit=unit, year=arrived.year),
        arrived_at=arrived,
        registered_by=clerk,
        handler=leader,
        **fields,
    )
    entry.save()
    if scan:
        entry.scan.save(scan.name, scan, save=False)
        entry.scan_name, entry.scan_size = scan.name, scan.size
        entry.save(update_fields=["scan", "scan_name", "scan_size"])
    # Registered the same working day it arrived (Nghị định 30/2020, Art. 22).
    IncomingEntry.objects.filter(pk=entry.pk).update(registered_at=arrived + dt.timedelta(minutes=40))
    return entry


def _instruct(entry: IncomingEntry, leader, at: dt.datetime, **kwargs) -> Instruction:
    instruction = instructing.entry_instruct(actor=leader, entry=entry, **kwargs)
    Instruction.objects.filter(pk=instruction.pk).update(created_at=at)
    instruction.assignments.update(assigned_at=at)
    return instruction


def _done(
    assignment: Assignment, *, by, at: dt.datetime, result: str, notes: list[tuple[dt.datetime, str]]
) -> None:
    """The task finished as the completion service leaves it (progress notes first), dated back."""
    for when, text in notes:
        note = ProgressNote.objects.create(assignment=assignment, author=by, text=text)
        ProgressNote.objects.filter(pk=note.pk).update(created_at=when)
    Assignment.objects.filter(pk=assignment.pk).update(
        state=AssignmentState.DONE,
        completed_at=at,
        completed_by=by,
        result=result,
        next_stage="",
        next_action_at=None,
    )


@transaction.atomic
def demo_incoming_build(docs: dict[str, Document]) -> list[IncomingEntry]:
    """Write LĐLĐ tỉnh Bắc Giang's incoming register and its instructions. Returns the entries, in number order."""
    unit = Unit.objects.get(code=UNIT)
    clerk, leader = _user("bg.vanthu"), _user("bg.phochutich")
    tgnc = Department.objects.get(unit=unit, code="TG&NC")
    vp = Department.objects.get(unit=unit, code="VP")
    phuong = _user("bg.tgnc")
    long_ = _user("bg.vanphong")
    entries: list[IncomingEntry] = []

    # 01/2024 — 97-HD/BTGTU through the portal: the delivery is registered and acknowledged.
    guidance = docs["97-HD/BTGTU"]
    delivery = Delivery.objects.select_related("document").get(document=guidance, unit=unit)
    arrived = delivery.delivered_at
    day = timezone.localtime(arrived).date()
    entry = _past_entry(
        unit=unit,
        clerk=clerk,
        leader=leader,
        arrived=arrived,
        delivery=delivery,
        document=guidance,
        sender_unit=guidance.issuer,
        sender_name=guidance.issuer_name or guidance.issuer.name,
        number_symbol=guidance.number_symbol,
        document_date=guidance.issue_date,
        doc_type=guidance.doc_type,
        subject=guidance.subject,
        pages=8,
    )
    Delivery.objects.filter(pk=delivery.pk, acknowledged_at__isnull=True).update(
        acknowledged_at=arrived, acknowledged_by=clerk
    )
    instruction = _instruct(
        entry,
        leader,
        _at(day + dt.timedelta(days=1), 9, 30),
        text=(
            "Giao Ban Tuyên giáo - Nữ công chủ trì, tham mưu công văn triển khai Hướng dẫn đến các LĐLĐ huyện, "
            "thành phố, công đoàn ngành và tổng hợp báo cáo theo yêu cầu; Văn phòng phối hợp."
        ),
        lead=Assignee(department=tgnc),
        supports=[Assignee(department=vp)],
        due_date=day + dt.timedelta(days=17),
    )
    forwarded = docs.get("cv-ldld-bg-2024")
    done_day = forwarded.issue_date if forwarded and forwarded.issue_date else day + dt.timedelta(days=14)
    for a in instruction.assignments.all():
        if a.role == AssigneeRole.LEAD:
            _done(
                a,
                by=phuong,
                at=_at(done_day, 16, 30),
                result=(
                    f"Đã tham mưu Công văn số {forwarded.number_symbol if forwarded else ''} triển khai Hướng dẫn "
                    "đến các cấp công đoàn; đã phân công theo dõi, tổng hợp báo cáo."
                ).replace("số  ", "số "),
                notes=[
                    (
                        _at(day + dt.timedelta(days=6), 10),
                        "Đã xây dựng dự thảo công văn triển khai, trình lãnh đạo.",
                    )
                ],
            )
        else:
            _done(
                a,
                by=long_,
                at=_at(done_day, 15),
                result="Đã phát hành công văn đến các đơn vị.",
                notes=[],
            )
    instructing.entry_refresh(entry)
    entries.append(entry)

    # 02/2024 — paper, Văn phòng leads, finished five days late.
    arrived = _at(dt.date(2024, 3, 5), 14, 20)
    title = "V/v rà soát, báo cáo số lượng cán bộ công đoàn chuyên trách năm 2024"
    entry = _past_entry(
        unit=unit,
        clerk=clerk,
        leader=leader,
        arrived=arrived,
        sender_name="Sở Nội vụ tỉnh Bắc Giang",
        number_symbol="312/SNV-CCVC",
        document_date=dt.date(2024, 3, 1),
        doc_type="CV",
        subject=title,
        pages=2,
        scan=_scan("312/SNV-CCVC", title),
    )
    instruction = _instruct(
        entry,
        leader,
        _at(dt.date(2024, 3, 6), 8, 45),
        text="Văn phòng chủ trì rà soát, báo cáo Sở Nội vụ đúng hạn.",
        lead=Assignee(department=vp),
        informs=[Assignee(department=tgnc)],
        due_date=dt.date(2024, 3, 20),
    )
    lead = instruction.assignments.get(role=AssigneeRole.LEAD)
    _done(
        lead,
        by=long_,
        at=_at(dt.date(2024, 3, 25), 10, 0),
        result="Đã gửi báo cáo số lượng cán bộ công đoàn chuyên trách về Sở Nội vụ.",
        notes=[(_at(dt.date(2024, 3, 18), 9), "Đang chờ các ban gửi số liệu.")],
    )
    instructing.entry_refresh(entry)
    entries.append(entry)

    # 03/2024 — an invitation kept on file.
    entry = _past_entry(
        unit=unit,
        clerk=clerk,
        leader=leader,
        arrived=_at(dt.date(2024, 3, 12), 9, 5),
        sender_name="Tỉnh đoàn Bắc Giang",
        number_symbol="86/TB-TĐTN",
        document_date=dt.date(2024, 3, 8),
        doc_type="TB",
        subject="Thông báo kết quả Chương trình Tháng Thanh niên năm 2024",
        pages=1,
        scan=_scan("86/TB-TĐTN", "Thông báo kết quả Chương trình Tháng Thanh niên năm 2024"),
    )
    filed = instructing.entry_file(actor=leader, entry=entry, text="Lưu, để biết.")
    Instruction.objects.filter(pk=filed.pk).update(created_at=_at(dt.date(2024, 3, 12), 15))
    entries.append(entry)

    # 01/2025 — a person leads; still open after its deadline.
    entry = _past_entry(
        unit=unit,
        clerk=clerk,
        leader=leader,
        arrived=_at(dt.date(2025, 8, 27), 8, 40),
        sender_unit=guidance.issuer,
        sender_name=guidance.issuer.name,
        number_symbol="215-CV/BTGTU",
        document_date=dt.date(2025, 8, 25),
        doc_type="CV",
        subject="V/v tuyên truyền Đại hội đại biểu Đảng bộ tỉnh lần thứ I, nhiệm kỳ 2025 - 2030",
        pages=3,
        scan=_scan("215-CV/BTGTU", "V/v tuyên truyền Đại hội đại biểu Đảng bộ tỉnh lần thứ I"),
    )
    _instruct(
        entry,
        leader,
        _at(dt.date(2025, 8, 27), 14),
        text="Đồng chí Phương tham mưu kế hoạch tuyên truyền trong công nhân, viên chức, lao động; báo cáo trước 30/9.",
        lead=Assignee(person=phuong),
        supports=[Assignee(department=vp)],
        due_date=dt.date(2025, 9, 30),
    )
    entries.append(entry)

    # 02/2025 — awaiting the leader's instruction.
    entries.append(
        _past_entry(
            unit=unit,
            clerk=clerk,
            leader=None,
            arrived=_at(dt.date(2025, 9, 15), 10, 10),
            sender_name="Tổng Liên đoàn Lao động Việt Nam",
            sender_unit=Unit.objects.filter(code="tld").first(),
            number_symbol="1520/TLĐ-TG",
            document_date=dt.date(2025, 9, 10),
            doc_type="CV",
            subject="V/v tuyên truyền kỷ niệm 96 năm Ngày thành lập Công đoàn Việt Nam",
            pages=2,
            scan=_scan("1520/TLĐ-TG", "V/v tuyên truyền kỷ niệm 96 năm Ngày thành lập Công đoàn Việt Nam"),
        )
    )

    # This year's first entry: through the clerk's service, today; due three weeks ahead.
    today = timezone.localdate()
    entry = entry_register_paper(
        actor=clerk,
        unit=unit,
        sender_name="Ủy ban nhân dân tỉnh Bắc Giang",
        subject="V/v phối hợp tổ chức Tháng Công nhân",
        arrived_at=_at(today, 8, 0) if timezone.localtime().hour >= 8 else timezone.now(),
        number_symbol=f"{40 + today.month}/UBND-KGVX",
        document_date=today,
        doc_type="CV",
        pages=2,
        scan=_scan(f"{40 + today.month}/UBND-KGVX", "V/v phối hợp tổ chức Tháng Công nhân"),
        handler=leader,
    )
    instructing.entry_instruct(
        actor=leader,
        entry=entry,
        text="Ban Tuyên giáo - Nữ công chủ trì phối hợp; Văn phòng bố trí kinh phí.",
        lead=Assignee(department=tgnc),
        supports=[Assignee(department=vp)],
        informs=[Assignee(person=_user("bg.quantri"))],
        due_date=today + dt.timedelta(days=21),
    )
    entries.append(entry)
    return entries
