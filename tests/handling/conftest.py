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
