"""Steps taken on the receiving instance (B) of the two-instance test, on B's database: B's worker imports this
module (``celery worker -I tests.exchange.instance``) and runs the task ``exchange_test.handle`` — no process of its
own to start — or, by hand, with B's environment (DATABASE_URL of B's database, EXCHANGE_QUEUE of B's worker):

    python -m tests.exchange.instance handle 97-HD/BTGTU

``handle``: the leader of the unit that registered the entry from the hub assigns it to himself with a deadline,
posts progress, then completes it — each through the handling services, as the pages would. Prints a JSON line of
what it did. The status packets these steps queue are flushed by B's worker.
"""

from __future__ import annotations

import datetime as dt
import json
import sys

import django
from celery import shared_task


def handle(number_symbol: str) -> dict:
    from django.utils import timezone

    from directives.handling.models import Assignment, IncomingEntry
    from directives.handling.services import instruction, tasks
    from directives.handling.services.assigning import Assignee
    from portal.org.models import Membership, Role

    entry = IncomingEntry.objects.select_related("unit").get(number_symbol=number_symbol)
    leader = Membership.objects.filter(unit=entry.unit, role=Role.SIGNER).select_related("user").first().user
    instruction.entry_instruct(
        actor=leader,
        entry=entry,
        text="Đồng chí chủ trì triển khai, báo cáo kết quả.",
        lead=Assignee(person=leader),
        due_date=timezone.localdate() + dt.timedelta(days=10),
    )
    task = Assignment.objects.get(entry=entry, role="lead")
    tasks.assignment_note(actor=leader, assignment=task, text="Đã phổ biến đến các công đoàn cơ sở.")
    tasks.assignment_complete(actor=leader, assignment=task, result="Đã tổ chức tuyên truyền theo hướng dẫn.")
    entry.refresh_from_db()
    return {"entry": entry.pk, "number": entry.number, "state": entry.state}


@shared_task(name="exchange_test.handle")
def handle_task(number_symbol: str) -> dict:
    return handle(number_symbol)


def main() -> None:
    django.setup()
    step, *args = sys.argv[1:]
    print(json.dumps({"handle": handle}[step](*args)), flush=True)


if __name__ == "__main__":
    main()
