"""One chase sweep over 1,000,000 stored obligations against 100,000, with the same number due.

    DATABASE_URL=postgresql://… .venv/bin/python bench/bench_chase.py [--units 10000] [--due 10000]

Works in its own database (``thongsuot_bench_chase`` on the server of DATABASE_URL, dropped and
recreated; the main database is never touched). It builds a federation of --units grassroots unions,
each with its own reporter, then for each size loads the obligations with COPY: --due of them (1 % of
a million) have their "7 days before" reminder due now, the others are either done (submitted, no
next action) or pending with their next action weeks away. It times one ``chase_sweep_run`` — claim
batches through the partial index, write the Reminder ledger, send one digest per person — and counts
its statements. The sweep's cost must follow the number due, not the number stored.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def bench_database(name: str) -> tuple[str, str]:
    main_url = os.environ.get("DATABASE_URL", "")
    parts = urlsplit(main_url)
    if parts.scheme not in ("postgres", "postgresql"):
        sys.exit("DATABASE_URL=postgresql://… is required: the benchmark measures PostgreSQL.")
    if parts.path.lstrip("/") == name:
        sys.exit(f"--db-name {name!r} is the main database: refusing to touch it.")
    import psycopg
    from psycopg import sql

    with psycopg.connect(main_url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {} ENCODING 'UTF8'").format(sql.Identifier(name)))
    return main_url, urlunsplit(parts._replace(path="/" + name))


@contextmanager
def statement_counter():
    from django.db import connection

    counts = {"all": 0, "INSERT": 0, "SELECT": 0, "UPDATE": 0}

    def wrapper(execute, sql, params, many, context):
        counts["all"] += 1
        verb = sql.lstrip().split(" ", 1)[0].upper()
        if verb in counts:
            counts[verb] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db-name", default="thongsuot_bench_chase")
    parser.add_argument("--units", type=int, default=10_000, help="grassroots unions (one reporter each)")
    parser.add_argument("--due", type=int, default=10_000, help="obligations due in the sweep (1 %% of 1M)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 100_000])
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database afterwards")
    parser.add_argument("--json", help="also write the rows to this JSON file (bench/run_all.py reads it)")
    args = parser.parse_args()
    admin_url, bench_url = bench_database(args.db_name)
    os.environ["DATABASE_URL"] = bench_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "0"
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.urls import NoReverseMatch, clear_url_caches, reverse
    from django.utils import timezone

    import portal.notifications.tasks as notification_tasks
    from directives.models import Document, ReportingRequirement
    from portal.org.models import Membership, Unit
    from portal.org.services import units_bulk_build
    from reporting.models import Obligation
    from reporting.services import chase_sweep_run
    from reporting.services.calendar import due_at_for
    from reporting.services.policy import ReminderPolicy

    try:
        reverse("reporting:obligations")
    except NoReverseMatch:  # until portal/urls.py includes the reporting URLs
        settings.ROOT_URLCONF = "tests.reporting.urls"
        clear_url_caches()
    # E-mail goes out through the notifications app's own task after commit: not part of the sweep.
    enqueued = {"n": 0}
    # The e-mails are not what is measured: count the messages instead of publishing them (portal.lib.queue
    # publishes with apply_async).
    notification_tasks.send_notification_emails.apply_async = lambda *args, **kwargs: enqueued.__setitem__(
        "n", enqueued["n"] + 1
    )

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    units_bulk_build(
        roots=[
            {
                "code": "fed",
                "name": "LĐLĐ tỉnh thử tải",
                "short_name": "LĐLĐ",
                "kind": "union_province",
                "regime": "union",
                "children": [
                    {
                        "code": f"cdcs-{i}",
                        "name": f"Công đoàn cơ sở số {i}",
                        "short_name": "CĐCS",
                        "kind": "union_grassroots",
                        "regime": "union",
                    }
                    for i in range(args.units)
                ],
            }
        ]
    )
    fed = Unit.objects.get(code="fed")
    unit_ids = list(Unit.objects.filter(depth=2).order_by("path").values_list("pk", flat=True))
    User = get_user_model()
    User.objects.bulk_create(
        [User(username=f"bc{i}", password="!") for i in range(args.units)], batch_size=5000
    )
    user_ids = list(
        User.objects.filter(username__startswith="bc").order_by("pk").values_list("pk", flat=True)
    )
    Membership.objects.bulk_create(
        [Membership(user_id=u, unit_id=n, role="reporter") for u, n in zip(user_ids, unit_ids, strict=True)],
        batch_size=5000,
    )
    doc = Document.objects.create(
        doc_type="KH",
        issuer=fed,
        status="issued",
        number=1,
        number_symbol="1/KH-LĐLĐ",
        issue_date=dt.date(2024, 1, 29),
        subject="Kế hoạch thử tải",
        issued_at=timezone.now(),
    )
    print(f"tree: {args.units:,} units, {len(user_ids):,} reporters ({time.perf_counter() - t0:.1f} s)")

    due_date = dt.date(2024, 6, 17)
    policy = ReminderPolicy()
    stage = next(policy.stages(due_date))  # before_7: 10/06/2024 08:00
    now = stage.at + dt.timedelta(hours=1)
    later = policy.next_after(due_date, now)
    rows = []
    for size in args.sizes:
        with connection.cursor() as c:
            c.execute(
                "TRUNCATE reporting_reminder, reporting_obligation, notifications_notification, "
                "reporting_requirementperiod, reporting_reportingrequirement CASCADE"
            )
        per_req = args.units
        n_req = -(-size // per_req)
        reqs = ReportingRequirement.objects.bulk_create(
            [
                ReportingRequirement(
                    document=doc,
                    order=i,
                    title=f"Báo cáo thử {i}",
                    frequency="once",
                    due_date=due_date,
                    to_unit=fed,
                )
                for i in range(n_req)
            ]
        )
        rng = random.Random(size)
        due_slots = set(rng.sample(range(size), args.due))
        t1 = time.perf_counter()
        columns = (
            "requirement_id",
            "unit_id",
            "to_unit_id",
            "period_key",
            "period_label",
            "opens_at",
            "due_date",
            "due_at",
            "status",
            "excused_reason",
            "next_action_at",
            "next_stage",
            "created_at",
            "updated_at",
            "submitted_at",
        )
        due_at = due_at_for(due_date)
        opened = timezone.make_aware(dt.datetime(2024, 1, 29))
        with connection.cursor() as c:
            raw = c.cursor  # psycopg cursor under Django's wrapper
            with raw.copy(f"COPY reporting_obligation ({', '.join(columns)}) FROM STDIN") as copy:
                for i in range(size):
                    req_id = reqs[i // per_req].pk
                    unit_id = unit_ids[i % per_req]
                    if i in due_slots:
                        status, nxt, key, submitted = "open", stage.at, stage.key, None
                    elif i % 10 < 6:  # most stored obligations are history: submitted, nothing left to do
                        status, nxt, key, submitted = "submitted_on_time", None, "", opened
                    else:  # pending, next action weeks away
                        status, nxt, key, submitted = (
                            "open",
                            later.at + dt.timedelta(days=i % 60),
                            later.key,
                            None,
                        )
                    copy.write_row(
                        (
                            req_id,
                            unit_id,
                            fed.pk,
                            "H-20240617",
                            "hạn 17/06/2024",
                            opened,
                            due_date,
                            due_at,
                            status,
                            "",
                            nxt,
                            key,
                            opened,
                            opened,
                            submitted,
                        )
                    )
            c.execute("VACUUM ANALYZE reporting_obligation")
        load_s = time.perf_counter() - t1
        stored = Obligation.objects.count()
        from reporting.models import PENDING_STATUSES

        explained = (
            Obligation.objects.filter(status__in=PENDING_STATUSES, next_action_at__lte=now)
            .order_by("next_action_at")[:200]
            .explain()
        )
        plan = " / ".join(
            line.strip() for line in explained.splitlines() if "Scan" in line or "Index" in line
        )
        enqueued["n"] = 0
        with statement_counter() as counted:
            start = time.perf_counter()
            result = chase_sweep_run(now=now)
            sweep_s = time.perf_counter() - start
        assert result.obligations == args.due, result
        rows.append(
            {
                "stored": stored,
                "due": args.due,
                "load_s": load_s,
                "sweep_s": sweep_s,
                "statements": counted["all"],
                "inserts": counted["INSERT"],
                "batches": result.batches,
                "ledger": result.ledger_rows,
                "digests": result.digests,
                "plan": plan,
            }
        )
        print(
            f"{stored:>10,} stored: loaded in {load_s:.1f} s; sweep {sweep_s:.2f} s, {counted['all']:,} statements"
            f" ({result.batches} claim batches, {result.ledger_rows:,} ledger rows, {result.digests:,} digests)"
        )
        print(f"           claim plan: {plan}")

    print()
    print(f"{'stored':>12} {'due':>8} {'sweep (s)':>10} {'statements':>11} {'INSERTs':>8} {'digests':>8}")
    for r in rows:
        print(
            f"{r['stored']:>12,} {r['due']:>8,} {r['sweep_s']:>10.2f} {r['statements']:>11,} {r['inserts']:>8,}"
            f" {r['digests']:>8,}"
        )
    if len(rows) >= 2:
        big, small = rows[0], rows[1]
        print(
            f"\nratio {big['stored']:,} / {small['stored']:,} stored: time ×{big['sweep_s'] / small['sweep_s']:.2f}, "
            f"statements ×{big['statements'] / small['statements']:.2f} "
            f"(stored ×{big['stored'] / small['stored']:.0f})"
        )
    if args.json:
        import json

        Path(args.json).write_text(json.dumps(rows, ensure_ascii=False, indent=1))
    connection.close()
    if not args.keep:
        import psycopg
        from psycopg import sql

        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(args.db_name))
            )


if __name__ == "__main__":
    main()
