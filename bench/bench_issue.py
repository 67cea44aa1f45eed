"""Issuing to many recipient units: set-based dispatch against a per-row baseline.

    DATABASE_URL=postgresql://… .venv/bin/python bench/bench_issue.py [--sizes 5000 50000]

Works in its own database (``thongsuot_bench_issue`` on the server of DATABASE_URL, dropped and
recreated; the main database is never touched). For each size N it builds a federation with N
grassroots unions, then issues one plan to the whole subtree with ``document_issue`` (one
INSERT … SELECT per Nơi nhận line, notifications by one INSERT … SELECT) and times it, counting
statements; the baseline inserts the same deliveries one row at a time with ``Delivery.objects.create``.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_tree import bench_database, drop_database, statement_counter  # noqa: E402


def per_row_baseline_seconds(document, unit_ids: list[int], n: int) -> float:
    """The per-row reference: the deliveries of unit_ids (made set-based by the issue) deleted and written
    again with one ``Delivery.objects.create`` each, in one transaction; the time scaled to n recipients."""
    from django.db import transaction
    from django.utils import timezone

    from directives.models import Delivery, Purpose

    Delivery.objects.filter(document=document, unit_id__in=unit_ids).delete()
    now = timezone.now()
    with transaction.atomic():
        start = time.perf_counter()
        for uid in unit_ids:
            Delivery.objects.create(
                document=document, unit_id=uid, purpose=Purpose.THUC_HIEN, delivered_at=now
            )
        return (time.perf_counter() - start) / len(unit_ids) * n


def bare_insert_select_seconds(document, issuer) -> tuple[float, int]:
    """The floor under document_issue's dispatch: the same deliveries (every grassroots union below the issuer)
    and the same notifications (every member of those units) written by two bare INSERT … SELECT statements,
    foreign keys checked at once (SET CONSTRAINTS ALL IMMEDIATE, as the issue's commit checks them), then rolled
    back. Returns (seconds, deliveries written)."""
    from django.db import connection, transaction
    from django.utils import timezone

    from directives.models import Delivery
    from portal.notifications.models import Notification

    now = timezone.now()
    with transaction.atomic():
        with connection.cursor() as c:
            start = time.perf_counter()
            c.execute("SET CONSTRAINTS ALL IMMEDIATE")
            c.execute(
                f"INSERT INTO {Delivery._meta.db_table} (document_id, unit_id, purpose, delivered_at) "
                "SELECT %s, u.id, 'thuc_hien', %s FROM org_unit u "
                "WHERE u.path >= %s AND u.path < %s AND u.kind = 'union_grassroots'",
                [document.pk, now, issuer.path, issuer._inc_path()],
            )
            n = c.rowcount
            c.execute(
                f"INSERT INTO {Notification._meta.db_table} (recipient_id, kind, title, body, url, created_at, "
                "wants_email, batch, email_attempts, email_error) "
                "SELECT DISTINCT m.user_id, 'document.received', %s, '', %s, %s, true, 'bench', 0, '' "
                f"FROM org_membership m WHERE m.unit_id IN (SELECT unit_id FROM {Delivery._meta.db_table} "
                "WHERE document_id = %s)",
                [f"Văn bản đến: {document.pk}", f"/van-ban/{document.pk}/", now, document.pk],
            )
            seconds = time.perf_counter() - start
        transaction.set_rollback(True)
    return seconds, n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db-name", default="thongsuot_bench_issue")
    parser.add_argument("--sizes", type=int, nargs="+", default=[5_000, 50_000])
    parser.add_argument(
        "--baseline-rows", type=int, default=5_000, help="per-row inserts timed for the baseline"
    )
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    admin_url, bench_url = bench_database(args)
    os.environ["DATABASE_URL"] = bench_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "0")
    # What is measured is the one-step issue (numbering + dispatch), not the digital signatures (bench/signing.py).
    os.environ["THONGSUOT_SIGNING_REQUIRED"] = "0"
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from directives.models import Delivery, Purpose, Selection
    from directives.services import compose, signing
    from directives.services.compose import RecipientLine
    from portal.org.models import Membership, Unit
    from portal.org.services import units_bulk_build

    call_command("migrate", verbosity=0, interactive=False)
    user = get_user_model().objects.create_user("bench.signer", "", "x")
    rows = []
    for n in args.sizes:
        code = f"fed{n}"
        units_bulk_build(
            roots=[
                {
                    "code": code,
                    "name": f"LĐLĐ thử {n}",
                    "short_name": "LĐLĐ",
                    "kind": "union_province",
                    "regime": "union",
                    "children": [
                        {
                            "code": f"{code}-{i}",
                            "name": f"CĐCS {i}",
                            "short_name": "CĐCS",
                            "kind": "union_grassroots",
                            "regime": "union",
                        }
                        for i in range(n)
                    ],
                }
            ]
        )
        fed = Unit.objects.get(code=code)
        for role in ("drafter", "signer"):
            Membership.objects.create(user=user, unit=fed, role=role)
        user = get_user_model().objects.get(pk=user.pk)  # fresh scope
        doc = compose.document_create_draft(actor=user, issuer=fed, doc_type="KH")
        content = compose.content_of(doc)
        content.subject, content.opening = "Kế hoạch thử tải", "Thực hiện …"
        content.signature = dataclasses.replace(content.signature, title="CHỦ TỊCH", name="Người ký")
        content.recipients = [
            RecipientLine(
                label="Các CĐCS", purpose=Purpose.THUC_HIEN, selection=Selection.CHILDREN, unit_id=fed.pk
            )
        ]
        doc = compose.document_save_draft(actor=user, document=doc, content=content)
        with statement_counter() as counted:
            start = time.perf_counter()
            signing.document_issue(actor=user, document=doc, render=False)
            issue_s = time.perf_counter() - start
        assert Delivery.objects.filter(document=doc).count() == n
        # Per-row baseline: the same deliveries, one INSERT each (measured on a slice, scaled per row).
        sample = list(
            Unit.objects.filter(path__startswith=fed.path, depth=fed.depth + 1).values_list("pk", flat=True)[
                : args.baseline_rows
            ]
        )
        per_row_s = per_row_baseline_seconds(doc, sample, n)
        rows.append((n, issue_s, counted["all"], per_row_s))
    print()
    print(
        f"{'recipients':>10} | {'document_issue (s)':>18} | {'statements':>10} | {'per-row baseline (s)':>20} | ratio"
    )
    print("-" * 80)
    for n, issue_s, statements, per_row_s in rows:
        print(
            f"{n:>10,} | {issue_s:>18.3f} | {statements:>10} | {per_row_s:>20.3f} | {per_row_s / issue_s:>5.1f}×"
        )
    print(
        "\n(baseline: one INSERT per delivery, timed on a slice and scaled to N; dispatch only, "
        "notifications and the document itself are not in it)"
    )
    if not args.keep:
        from django.db import connections

        connections.close_all()
        drop_database(admin_url, args.db_name)


if __name__ == "__main__":
    main()
