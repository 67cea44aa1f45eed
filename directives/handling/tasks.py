"""Celery tasks for incoming documents and tasks: thin and idempotent. The sweep claims its rows itself
(SELECT … FOR UPDATE SKIP LOCKED), so two workers or two beat processes may run it at once."""

from __future__ import annotations

from celery import shared_task

from directives.handling.services.chase import task_chase_sweep_run


@shared_task(name="handling.task_chase_sweep", acks_late=True)
def task_chase_sweep(batch_size: int | None = None) -> dict:
    """Every few minutes: the task reminder stages now due (before, on the day, overdue, escalation), each once."""
    return task_chase_sweep_run(size=batch_size).__dict__
