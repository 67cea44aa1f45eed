"""Celery tasks for reporting: thin and idempotent. Each unit of work claims its rows in the service
(SELECT … FOR UPDATE SKIP LOCKED), so two workers or two beat processes may run them at once."""

from __future__ import annotations

from celery import shared_task

from reporting.services import chase_sweep_run, obligations_open_periods


@shared_task(name="reporting.chase_sweep", acks_late=True)
def chase_sweep(batch_size: int | None = None) -> dict:
    """Every few minutes: send the reminder stages now due (each exactly once) as one digest per person."""
    result = chase_sweep_run(batch_size=batch_size)
    return result.__dict__


@shared_task(name="reporting.open_periods", acks_late=True)
def open_periods() -> dict:
    """Daily: open the periods that began; create the next period's obligations of recurring requirements."""
    return obligations_open_periods()
