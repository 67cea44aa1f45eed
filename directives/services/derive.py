"""Deriving: a recipient turns what it received into its own implementing (or forwarding) document in one step."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils.html import escape

from directives import access
from directives.content import Section
from directives.errors import NotAllowed
from directives.models import Delivery, Document, Purpose, RelationKind, Selection
from directives.services.compose import (
    CitationLine,
    DraftContent,
    RecipientLine,
    RequirementLine,
    TaskLine,
    document_create_draft,
    document_save_draft,
)
from portal.audit.services import event_record
from portal.lib.dates import vn_short
from portal.org.models import Regime, Unit
from portal.org.services.departments import department_code_for


def citation_phrase(document: Document) -> str:
    """'Hướng dẫn số 97-HD/BTGTU ngày 06/02/2024 của Ban Tuyên giáo Tỉnh ủy Bắc Giang về …'."""
    subject = document.subject.strip()
    about = (
        f" {subject}"
        if subject.lower().startswith(("về", "v/v"))
        else (f" về {subject[0].lower()}{subject[1:]}" if subject else "")
    )
    about = about.replace(" V/v", " về").replace(" v/v", " về")
    return (
        f"{document.get_doc_type_display()} số {document.number_symbol} ngày {vn_short(document.issue_date)} "
        f"của {document.issuer_name}{about}"
    )


def _check(actor, delivery: Delivery) -> Unit:
    unit = delivery.unit
    if not access.can_draft_for(actor, unit):
        raise NotAllowed(
            "Chỉ người soạn thảo, lãnh đạo hoặc văn thư của đơn vị nhận được xây dựng văn bản triển khai."
        )
    return unit


def _carried_requirements(source: Document, unit: Unit) -> list[RequirementLine]:
    """Reporting duties this unit owes upward become duties of its own subordinates,
    due earlier by the cascade lead time so the unit can roll their reports up in time."""
    lead = settings.CASCADE_DEADLINE_LEAD_DAYS
    lines = []
    for req in source.requirements.prefetch_related("named_units"):
        named = {u.pk for u in req.named_units.all()}
        if req.reporters == "named" and unit.pk not in named:
            continue
        due = req.due_date - dt.timedelta(days=lead) if req.due_date else None
        lines.append(
            RequirementLine(
                title=req.title,
                frequency=req.frequency,
                to_unit_id=unit.pk,
                due_date=due,
                deadline_working_days=req.deadline_working_days,
                as_written=req.as_written,
                form_template=req.form_template,
                parent_id=req.pk,
                lead_days=req.lead_days + lead,
                ends_on=req.ends_on,
            )
        )
    return lines


@transaction.atomic
def document_derive(*, actor, delivery: Delivery, doc_type: str = "KH") -> Document:
    """ "Xây dựng văn bản triển khai": a draft for the recipient unit that implements the document.

    Pre-filled: the opening sentence citing the source, the tasks assigned to this unit,
    its reporting duties carried down with earlier deadlines, recipients = its children,
    a report line back to the issuer, and the usual three sections.
    """
    unit = _check(actor, delivery)
    source = delivery.document
    draft = document_create_draft(
        actor=actor, issuer=unit, doc_type=doc_type, subject=_derived_subject(source)
    )
    my_tasks = [t for t in source.tasks.prefetch_related("units") if unit in t.units.all()]
    verb = "Thực hiện"
    opening = (
        f"{verb} {citation_phrase(source)}, {unit.name} xây dựng {draft.get_doc_type_display().lower()} "
        f"triển khai thực hiện như sau:"
    )
    party = unit.regime == Regime.PARTY
    content = DraftContent(
        doc_type=doc_type,
        subject=draft.subject,
        place=unit.place_name,
        opening=opening,
        body_numbering="roman",
        body=[
            Section(heading="MỤC ĐÍCH, YÊU CẦU"),
            # A task's text is plain text: escaped, so a literal "<…>" in it stays text in the rich body.
            Section(heading="NỘI DUNG, NHIỆM VỤ", text="".join(f"<p>{escape(t.text)}</p>" for t in my_tasks)),
            Section(heading="TỔ CHỨC THỰC HIỆN", tasks_here=True),
        ],
        recipients=[
            RecipientLine(
                label=f"Các đơn vị trực thuộc {unit.name}",
                purpose=Purpose.THUC_HIEN,
                selection=Selection.CHILDREN,
                unit_id=unit.pk,
            ),
            RecipientLine(
                label=source.issuer_name,
                purpose=Purpose.BAO_CAO,
                selection=Selection.UNIT,
                unit_id=source.issuer_id,
            ),
            RecipientLine(
                label="Lưu VP" if party else "Lưu: VT", purpose=Purpose.LUU, selection=Selection.NONE
            ),
        ],
        tasks=[TaskLine(title=t.title, text=t.text, unit_ids=[], due_date=t.due_date) for t in my_tasks],
        requirements=_carried_requirements(source, unit),
        citations=[CitationLine(target_id=source.pk, kind=RelationKind.IMPLEMENTS)],
    )
    draft = document_save_draft(actor=actor, document=draft, content=content)
    event_record(actor=actor, action="document.derived", obj=draft, unit=unit, details={"from": source.pk})
    return draft


@transaction.atomic
def document_forward(*, actor, delivery: Delivery) -> Document:
    """The other one-step path (seed 000): a công văn that forwards the document "gửi kèm"."""
    unit = _check(actor, delivery)
    source = delivery.document
    draft = document_create_draft(actor=actor, issuer=unit, doc_type="CV", subject=_derived_subject(source))
    content = DraftContent(
        doc_type="CV",
        subject=draft.subject,
        place=unit.place_name,
        body_numbering="arabic",
        department=department_code_for(unit=unit, user=actor),
        opening=f"Căn cứ {citation_phrase(source)}; {unit.name} đề nghị các đơn vị thực hiện một số nội dung như sau:",
        body=[Section()],
        closing=f"({source.get_doc_type_display()} số {source.number_symbol} ngày {vn_short(source.issue_date)} "
        f"của {source.issuer_name} gửi kèm Công văn này.)",
        recipients=[
            RecipientLine(
                label=f"Các đơn vị trực thuộc {unit.name}",
                purpose=Purpose.THUC_HIEN,
                selection=Selection.CHILDREN,
                unit_id=unit.pk,
                in_kinh_gui=True,
            ),
            RecipientLine(label="Lưu: VT", purpose=Purpose.LUU, selection=Selection.NONE),
        ],
        requirements=_carried_requirements(source, unit),
        citations=[CitationLine(target_id=source.pk, kind=RelationKind.FORWARDS)],
    )
    draft = document_save_draft(actor=actor, document=draft, content=content)
    event_record(
        actor=actor, action="document.forward_drafted", obj=draft, unit=unit, details={"from": source.pk}
    )
    return draft


def _derived_subject(source: Document) -> str:
    subject = source.subject.strip()
    if subject.lower().startswith("v/v "):
        subject = subject[4:]
    return (
        f"Triển khai thực hiện {source.get_doc_type_display()} số {source.number_symbol} "
        f"{'về ' if not subject.lower().startswith('về') else ''}{subject}".strip()
    )
