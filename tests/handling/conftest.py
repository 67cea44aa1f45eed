"""Fixtures shared by the incoming-register and task tests (the cast is tests/conftest.py's)."""


# --- helper D: tasks made directly (the buckets' and the chase sweep's tests) ------------------------------------

import pytest  # noqa: E402


def _d_make_task_factory(cast):
    import datetime as dt

    from django.utils import timezone

    from directives.handling.models import Assignment, Decision, IncomingEntry, Instruction

    instructions: dict[int, Instruction] = {}

    def make(
        *,
        unit=None,
        department=None,
        person=None,
        due=None,
        role="lead",
        state="open",
        completed_at=None,
        assigned_by=None,
        document=None,
        title="Tổ chức tuyên truyền Nghị quyết",
    ) -> Assignment:
        unit = unit or cast.ldld
        if unit.pk not in instructions:
            entry = IncomingEntry.objects.create(
                unit=unit,
                year=2026,
                number=len(instructions) + 1,
                arrived_at=timezone.make_aware(dt.datetime(2026, 2, 6, 8, 15)),
                sender_name="Ban Tuyên giáo Tỉnh ủy Bắc Giang",
                number_symbol="97-HD/BTGTU",
                subject=title,
                registered_by=cast.thu,
                state="handling",
            )
            instructions[unit.pk] = Instruction.objects.create(
                entry=entry, author=cast.hung, decision=Decision.ASSIGN, text="Giao xử lý"
            )
        instruction = instructions[unit.pk]
        return Assignment.objects.create(
            instruction=instruction,
            entry=instruction.entry,
            document=document,
            unit=unit,
            department=department,
            person=person,
            role=role,
            title=title,
            due_date=due,
            original_due_date=due,
            state=state,
            completed_at=completed_at,
            assigned_by=assigned_by or cast.hung,
            assigned_at=timezone.make_aware(dt.datetime(2026, 2, 6, 9, 0)),
        )

    return make


@pytest.fixture
def make_task(cast):
    """make_task(unit=…, department=…, person=…, due=date, role=…, state=…, completed_at=…) → an Assignment of an
    instruction on an incoming entry of the unit (one entry per unit)."""
    return _d_make_task_factory(cast)


@pytest.fixture
def tmake_task(tcast):
    """make_task for transactional tests (the chase sweep with real workers)."""
    return _d_make_task_factory(tcast)


# --- helper C: directives with «Tổ chức thực hiện» issued through the real services ------------------------------


@pytest.fixture
def issue_directive(cast, settings, tmp_path):
    """issue_directive(tasks=[(text, [units], due)], issuer="btgtu"|"ldld", implements=None) → an issued document.

    BTGTU (Lan drafts, Hạnh signs) sends a guidance to LĐLĐ tỉnh; LĐLĐ tỉnh (Mai drafts, Hùng signs) sends a plan to
    its two districts (Yên Thế, Tân Yên), optionally implementing a document it received. No PDF is rendered."""
    from directives.content import Signature
    from directives.models import Purpose, RelationKind, Selection
    from directives.services import compose, signing
    from directives.services.compose import CitationLine, DraftContent, RecipientLine, TaskLine

    settings.MEDIA_ROOT = str(tmp_path / "media")
    cast.btgtu.addressees.add(cast.ldld)

    def issue(*, tasks, issuer="btgtu", implements=None, subject=None):
        if issuer == "btgtu":
            drafter, signer, unit, doc_type = cast.lan, cast.hanh, cast.btgtu, "HD"
            recipients = [
                RecipientLine(
                    label="Liên đoàn Lao động tỉnh",
                    purpose=Purpose.THUC_HIEN,
                    selection=Selection.UNIT,
                    unit_id=cast.ldld.pk,
                )
            ]
            signature = Signature(
                authority="KT", authority_body="TRƯỞNG BAN", title="PHÓ TRƯỞNG BAN", name="Hạnh"
            )
        else:
            drafter, signer, unit, doc_type = cast.mai, cast.hung, cast.ldld, "KH"
            recipients = [
                RecipientLine(
                    label="LĐLĐ các huyện",
                    purpose=Purpose.THUC_HIEN,
                    selection=Selection.CHILDREN,
                    unit_id=cast.ldld.pk,
                    in_kinh_gui=True,
                )
            ]
            signature = Signature(
                authority="TM", authority_body="BAN THƯỜNG VỤ", title="CHỦ TỊCH", name="Hùng"
            )
        doc = compose.document_create_draft(actor=drafter, issuer=unit, doc_type=doc_type)
        content = DraftContent(
            doc_type=doc_type,
            subject=subject or "Hướng dẫn tuyên truyền kỷ niệm 95 năm Ngày thành lập Đảng",
            opening="Thực hiện chương trình công tác năm 2026.",
            body=[{"heading": "TỔ CHỨC THỰC HIỆN", "text": "", "tasks_here": True}],
            signature=signature,
            recipients=recipients,
            tasks=[
                TaskLine(title=f"Nhiệm vụ {i + 1}", text=text, unit_ids=[u.pk for u in units], due_date=due)
                for i, (text, units, due) in enumerate(tasks)
            ],
            citations=[CitationLine(target_id=implements.pk, kind=RelationKind.IMPLEMENTS)]
            if implements
            else [],
        )
        doc = compose.document_save_draft(actor=drafter, document=doc, content=content)
        return signing.document_issue(actor=signer, document=doc, render=False)

    return issue
