"""What runs beside the users during the load test's working day (bench/load_http.py starts it, SIGTERM stops
it): the chase sweep every 15 seconds (at most 1,000 obligations each), and a batch PDF job every 20 seconds — a
district-level union's plan and its cascade, rendered and zipped in this process as a worker would (run back to back,
the job held a whole core of the two for the day: more ZIPs a minute than a federation asks for in a week). Prints a JSON line after each
piece of work and at the end: sweeps, obligations advanced, batches, documents rendered, errors.

    DATABASE_URL=postgresql://… .venv/bin/python bench/day_background.py
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
STOP = False


def _stop(*_):
    global STOP
    STOP = True


def main() -> None:
    signal.signal(signal.SIGTERM, _stop)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from directives.models import Document, RenderBatch
    from directives.services.batch import render_batch_request, render_batch_run
    from portal.org.models import Unit
    from reporting.services import chase_sweep_run

    done = {"sweeps": 0, "obligations": 0, "batches": 0, "documents": 0, "errors": 0}
    upper = Unit.objects.filter(depth=3, kind__startswith="union_").order_by("path").first()
    leader = get_user_model().objects.get(username=f"ld.{upper.code}") if upper else None
    plans = list(
        Document.objects.filter(issuer=upper, status="issued")
        .order_by("issue_date")
        .values_list("pk", flat=True)
    )
    next_sweep = next_batch = 0.0
    while not STOP:
        try:
            if time.monotonic() >= next_sweep:
                # At most 5 batches of 200 a sweep: on the dataset every pending obligation is long due (its
                # reference day is in the past), and a worker's sweep is bounded the same way in production.
                result = chase_sweep_run(batch_size=200, max_batches=5)
                done["sweeps"] += 1
                done["obligations"] += result.obligations
                next_sweep = time.monotonic() + 15
            if leader and plans and time.monotonic() >= next_batch:
                next_batch = time.monotonic() + 20
                plan = Document.objects.get(pk=plans[done["batches"] % len(plans)])
                batch = render_batch_request(actor=leader, document=plan)
                render_batch_run(batch_id=batch.pk)
                done["batches"] += 1
                done["documents"] += RenderBatch.objects.get(pk=batch.pk).total
            else:
                time.sleep(1)
            print(json.dumps(done), flush=True)  # the figures so far: the load test reads the last line
        except Exception as exc:  # noqa: BLE001 — counted and shown; the day goes on
            done["errors"] += 1
            print(f"background: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
            time.sleep(1)
    print(json.dumps(done), flush=True)


if __name__ == "__main__":
    main()
