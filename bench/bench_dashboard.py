"""The compliance dashboards at national scale: the page's selectors against the best hand-written SQL.

    DATABASE_URL=postgresql://… .venv/bin/python bench/bench_dashboard.py [--grassroots 130000] [--keep]

Works in its own database (``thongsuot_bench_dashboard`` on the server of DATABASE_URL, dropped and
recreated; the main database is never touched). It builds the national trade-union tree of
bench_tree.py (TLĐ → 34 provinces → ~3,500 upper-level unions → ~130,000 grassroots unions), then one
directive cascaded to all of it: TLĐ's plan to the provinces, each province's implementing plan to its
upper-level unions, each of theirs to its grassroots unions (a realistic mix of read, acknowledged and
implemented), each plan carrying a 6-month and an annual reporting requirement down (parent), and the
obligations of 2024 and 2025 for every unit — about 534,000 — with a mix of on time, late, excused and
overdue, and 1.5 % of grassroots unions closed in March 2025. All inserted set-based, then ANALYZE.

It prints, for the national page and for one province's page, the server time of the selector that
computes the page's figures (reporting.dashboard.pages: family, periods, per child, per level, heat
map, trend, the units of the page), the whole page through Django (selector + template), and the best
hand-written SQL for the same figures (one statement: the family CTE and one pass with GROUPING SETS),
checks the figures agree, and prints the ratio selector ÷ hand-written SQL.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_tree import PROVINCES, bench_database, drop_database, national_tree, statement_counter  # noqa: E402

PERIODS = [  # key, label, window start, window end, due date (frequency)
    (
        "2024-S1",
        "6 tháng đầu năm 2024",
        dt.date(2023, 12, 15),
        dt.date(2024, 6, 14),
        dt.date(2024, 6, 17),
        "semiannual",
    ),
    ("2024-Y", "năm 2024", dt.date(2023, 12, 15), dt.date(2024, 12, 14), dt.date(2024, 12, 16), "annual"),
    (
        "2025-S1",
        "6 tháng đầu năm 2025",
        dt.date(2024, 12, 15),
        dt.date(2025, 6, 14),
        dt.date(2025, 6, 16),
        "semiannual",
    ),
    ("2025-Y", "năm 2025", dt.date(2024, 12, 15), dt.date(2025, 12, 14), dt.date(2025, 12, 15), "annual"),
]
LEAD = {1: 0, 2: 5, 3: 10}  # days earlier at each level of the cascade (depth of the issuer)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db-name", default="thongsuot_bench_dashboard")
    parser.add_argument("--provinces", type=int, default=len(PROVINCES))
    parser.add_argument("--uppers-per-province", type=int, default=103)
    parser.add_argument("--grassroots", type=int, default=130_000)
    parser.add_argument("--repeat", type=int, default=9, help="timed runs per figure (median reported)")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database afterwards")
    parser.add_argument(
        "--reuse", action="store_true", help="measure a database kept by an earlier --keep run"
    )
    return parser.parse_args()


def median_ms(fn, repeat: int) -> float:
    fn()  # warm: plan cache, buffer pool — the steady state a page sees
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def build(args) -> dict:
    from django.db import connection, transaction
    from django.utils import timezone

    from directives.models import Document, ReportingRequirement
    from portal.org.models import Unit
    from portal.org.services import units_bulk_build
    from reporting.models import RequirementPeriod

    t0 = time.perf_counter()
    units_bulk_build(roots=[national_tree(args.provinces, args.uppers_per_province, args.grassroots)])
    now = timezone.now()
    issuers = list(Unit.objects.filter(depth__lte=3).values_list("id", "depth", "code"))
    with transaction.atomic():
        Document.objects.bulk_create(
            [
                Document(
                    doc_type="KH",
                    issuer_id=uid,
                    status="issued",
                    number=1,
                    number_symbol=f"1/KH-{code}"[:80],
                    issue_date=dt.date(2024, 1, 10 + depth),
                    subject="Kế hoạch thực hiện Kết luận 57-KL/TW",
                    issued_at=now,
                )
                for uid, depth, code in issuers
            ],
            batch_size=5000,
        )
        doc_of = dict(Document.objects.values_list("issuer_id", "id"))
        req_of: dict[tuple[int, str], int] = {}
        parent_of = {u.id: u for u in Unit.objects.filter(depth__lte=3).only("id", "path", "depth")}
        by_path = {u.path: u.id for u in parent_of.values()}
        for depth in (1, 2, 3):  # parents first: a carried requirement points at its parent's
            rows = []
            for uid, d, _ in issuers:
                if d != depth:
                    continue
                parent_id = by_path.get(parent_of[uid].path[: -Unit.steplen])
                for freq in ("semiannual", "annual"):
                    rows.append(
                        ReportingRequirement(
                            document_id=doc_of[uid],
                            title="Báo cáo kết quả thực hiện Kết luận 57-KL/TW",
                            frequency=freq,
                            to_unit_id=uid,
                            parent_id=req_of.get((parent_id, freq)),
                            lead_days=LEAD[depth],
                        )
                    )
            for r in ReportingRequirement.objects.bulk_create(rows, batch_size=5000):
                req_of[(r.to_unit_id, r.frequency)] = r.pk
        RequirementPeriod.objects.bulk_create(
            [
                RequirementPeriod(
                    requirement_id=rid,
                    period_key=k,
                    period_label=lbl,
                    window_start=ws,
                    window_end=we,
                    due_date=due - dt.timedelta(days=LEAD[parent_of[uid].depth]),
                )
                for (uid, freq), rid in req_of.items()
                for k, lbl, ws, we, due, f in PERIODS
                if f == freq
            ],
            batch_size=5000,
        )
        with connection.cursor() as c:
            # Each unit below TLĐ gets its parent's plan "để thực hiện"; every province and 85 % of the upper-level
            # unions implemented it with their own plan (the others' grassroots get a plan outside the cascade),
            # grassroots read 60 %, acknowledged 40 %.
            c.execute(
                """
                INSERT INTO directives_delivery (document_id, unit_id, purpose, delivered_at, read_at,
                                                 acknowledged_at, implemented_by_id)
                SELECT d.id, u.id, 'thuc_hien', %(now)s,
                       CASE WHEN u.depth < 4 OR abs(hashtext(u.code)) %% 100 < 60 THEN %(now)s END,
                       CASE WHEN u.depth < 4 OR abs(hashtext(u.code)) %% 100 < 40 THEN %(now)s END,
                       CASE WHEN u.depth = 2 OR u.depth = 3 AND abs(hashtext(u.code || 'i')) %% 100 < 85
                            THEN own.id END
                FROM org_unit u
                JOIN org_unit p ON p.path = substring(u.path, 1, length(u.path) - 4)
                JOIN directives_document d ON d.issuer_id = p.id
                LEFT JOIN directives_document own ON own.issuer_id = u.id
                WHERE u.depth > 1""",
                {"now": now},
            )
            deliveries = c.rowcount
            c.execute(
                "UPDATE org_unit SET active_to = '2025-03-31' WHERE kind = 'union_grassroots' AND mod(id, 67) = 0"
            )
            obligations = 0
            for key, label, ws, we, due, freq in PERIODS:
                # The mix: 2024 mostly done; 2025 more and more missing. Closed units keep their 2024 rows.
                c.execute(
                    """
                    INSERT INTO reporting_obligation (requirement_id, unit_id, to_unit_id, period_key, period_label,
                        window_start, window_end, opens_at, due_date, due_at, status, excused_reason, submitted_at,
                        next_stage, created_at, updated_at)
                    SELECT r.id, dl.unit_id, d.issuer_id, %(key)s, %(label)s, %(ws)s, %(we)s, %(opens)s,
                           %(due)s::date - r.lead_days,
                           ((%(due)s::date - r.lead_days) + time '23:59') AT TIME ZONE 'Asia/Ho_Chi_Minh',
                           CASE WHEN x < %(on_time)s THEN 'submitted_on_time' WHEN x < %(late)s THEN 'submitted_late'
                                WHEN x < %(late)s + 4 THEN 'excused' ELSE 'overdue' END, '',
                           CASE WHEN x < %(late)s THEN ((%(due)s::date - r.lead_days) + time '09:00'
                                + (CASE WHEN x < %(on_time)s THEN -2 ELSE 6 END) * interval '1 day')
                                AT TIME ZONE 'Asia/Ho_Chi_Minh' END, '', %(now)s, %(now)s
                    FROM (SELECT dl.*, abs(hashtext(dl.unit_id::text || %(key)s)) %% 100 AS x
                          FROM directives_delivery dl) dl
                    JOIN directives_document d ON d.id = dl.document_id
                    JOIN reporting_reportingrequirement r ON r.document_id = d.id AND r.frequency = %(freq)s
                    JOIN org_unit u ON u.id = dl.unit_id
                    WHERE u.active_to IS NULL OR u.active_to >= %(ws)s""",
                    {
                        "key": key,
                        "label": label,
                        "ws": ws,
                        "we": we,
                        "due": due,
                        "freq": freq,
                        "now": now,
                        "opens": dt.datetime.combine(ws, dt.time.min, tzinfo=dt.UTC),
                        "on_time": 70 if key.startswith("2024") else 55,
                        "late": 85 if key.startswith("2024") else 72,
                    },
                )
                obligations += c.rowcount
            c.execute("ANALYZE")
    return {
        "build_s": time.perf_counter() - t0,
        "deliveries": deliveries,
        "obligations": obligations,
        "units": Unit.objects.count(),
        "documents": len(doc_of),
        "requirements": len(req_of),
    }


REPORT_SQL = """
WITH RECURSIVE fam(id) AS (
    SELECT id FROM reporting_reportingrequirement WHERE id = %(root)s
    UNION SELECT r.id FROM reporting_reportingrequirement r JOIN fam ON r.parent_id = fam.id),
kids AS (  -- the unit and its children: joining on them, the planner knows the groups are few and hashes them
    SELECT path FROM org_unit WHERE path = %(lo)s
    UNION ALL SELECT path FROM org_unit WHERE path >= %(lo)s AND path < %(hi)s AND depth = %(depth)s + 1),
o AS (
    SELECT k.path AS key, u.depth, u.kind, o.period_key, o.status,
           (u.active_from IS NULL OR u.active_from <= coalesce(o.window_end, o.due_date))
           AND (u.active_to IS NULL OR u.active_to >= coalesce(o.window_end, o.due_date)) AS active,
           o.status IN ('upcoming', 'open', 'overdue') AS pending,
           (o.due_at < %(now)s OR o.status = 'overdue') AS past_due
    FROM reporting_obligation o JOIN org_unit u ON u.id = o.unit_id
    JOIN kids k ON k.path = substring(u.path, 1, %(n)s)
    WHERE u.path >= %(lo)s AND u.path < %(hi)s AND o.period_key = ANY(%(keys)s)
      AND o.requirement_id IN (SELECT id FROM fam))
SELECT key, depth, kind, period_key, count(*)::int,
       count(*) FILTER (WHERE active AND status <> 'excused')::int,
       count(*) FILTER (WHERE status = 'submitted_on_time')::int, count(*) FILTER (WHERE status = 'submitted_late')::int,
       count(*) FILTER (WHERE active AND pending AND NOT past_due)::int,
       count(*) FILTER (WHERE active AND pending AND past_due)::int,
       count(*) FILTER (WHERE status = 'excused')::int, count(*) FILTER (WHERE pending)::int
FROM o GROUP BY GROUPING SETS ((key, period_key), (depth, kind, period_key), (period_key))
"""

# Written by hand on purpose, as an independent check and a yardstick: the rule it restates (the cascade's
# purposes, the family walk, each unit counted once) lives in directives/cascade.py, which the pages use.
DIRECTIVE_SQL = """
WITH RECURSIVE fam(id) AS (
    SELECT id FROM directives_document WHERE id = %(root)s
    UNION SELECT d.implemented_by_id FROM directives_delivery d JOIN fam ON d.document_id = fam.id
    WHERE d.implemented_by_id IS NOT NULL),
kids AS (
    SELECT path FROM org_unit WHERE path = %(lo)s
    UNION ALL SELECT path FROM org_unit WHERE path >= %(lo)s AND path < %(hi)s AND depth = %(depth)s + 1),
dl AS (
    SELECT k.path AS key, u.depth, u.kind, d.*
    FROM directives_delivery d JOIN org_unit u ON u.id = d.unit_id JOIN kids k ON k.path = substring(u.path, 1, %(n)s)
    WHERE u.path >= %(lo)s AND u.path < %(hi)s AND d.purpose IN ('thuc_hien', 'phoi_hop')
      AND d.document_id IN (SELECT id FROM fam)),
dr AS (
    SELECT substring(su.path, 1, %(n)s) AS key, su.depth, su.kind, s.issuer_id
    FROM directives_documentrelation r JOIN directives_document s ON s.id = r.source_id
    JOIN org_unit su ON su.id = s.issuer_id
    WHERE r.target_id IN (SELECT id FROM fam) AND r.kind IN ('implements', 'forwards')
      AND s.status IN ('draft', 'submitted') AND su.path >= %(lo)s AND su.path < %(hi)s),
c AS (  -- one pass: each unit sits in one child and one level, so its distinct counts add up both ways
    SELECT key, depth, kind, count(DISTINCT unit_id) AS received,
           count(DISTINCT unit_id) FILTER (WHERE read_at IS NOT NULL) AS read,
           count(DISTINCT unit_id) FILTER (WHERE acknowledged_at IS NOT NULL) AS acknowledged,
           count(DISTINCT unit_id) FILTER (WHERE implemented_by_id IS NOT NULL) AS implemented,
           count(DISTINCT unit_id) FILTER (WHERE purpose = 'thuc_hien') AS to_implement,
           count(DISTINCT unit_id) FILTER (WHERE read_at IS NOT NULL OR acknowledged_at IS NOT NULL
                                              OR implemented_by_id IS NOT NULL) AS touched
    FROM dl GROUP BY 1, 2, 3),
g AS (
    SELECT key, depth, kind, sum(received)::int AS received, sum(read)::int AS read,
           sum(acknowledged)::int AS acknowledged, sum(implemented)::int AS implemented,
           sum(to_implement)::int AS to_implement, sum(touched)::int AS touched
    FROM c GROUP BY GROUPING SETS ((key), (depth, kind))),
h AS (SELECT key, depth, kind, count(DISTINCT issuer_id)::int AS drafting FROM dr
      GROUP BY GROUPING SETS ((key), (depth, kind)))
SELECT g.key, g.depth, g.kind, g.received, g.read, g.acknowledged, g.implemented, g.to_implement, g.touched,
       coalesce(h.drafting, 0)
FROM g LEFT JOIN h ON h.key IS NOT DISTINCT FROM g.key AND h.depth IS NOT DISTINCT FROM g.depth
                  AND h.kind IS NOT DISTINCT FROM g.kind
"""


def hand_sql(sql: str, params: dict) -> list[tuple]:
    from django.db import connection

    with connection.cursor() as c:
        c.execute(sql, params)
        return c.fetchall()


def hot_plan(fn) -> str:
    """EXPLAIN (ANALYZE, BUFFERS) of the slowest statement `fn` sends (the page's one big pass), its long
    IN lists shortened: what the benchmark prints next to each page's figures."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        fn()
    hot = max(ctx.captured_queries, key=lambda q: float(q["time"]))
    with connection.cursor() as c:
        c.execute("EXPLAIN (ANALYZE, BUFFERS) " + hot["sql"])
        lines = [r[0] for r in c.fetchall()]
    return "\n".join(re.sub(r"'\{([^}]{60})[^}]*\}'", r"'{\1…}'", line)[:160] for line in lines)


def measure(
    units, plan, requirement, period_key: str, repeat: int, plans: dict[str, str] | None = None
) -> list[tuple]:
    """For each unit: the requirement page (period_key) and the directive page (plan), selector vs hand SQL.

    Checks the figures agree; returns (label, units, selector ms, page ms, queries, hand SQL ms, cached page ms,
    cached queries) rows — 'page' with the dashboards' figures cache off (DASHBOARD_CACHE_SECONDS=0), 'cached
    page' the same request once the cache is warm (reporting/dashboard/cache.py: the subtree's figures kept,
    the rest of the page computed as always); `plans`, when given, receives each page's hot statement's
    EXPLAIN (ANALYZE, BUFFERS) by the row's label.
    """
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client, override_settings
    from django.utils import timezone

    settings.ALLOWED_HOSTS = ["*"]
    now = timezone.now()
    admin = get_user_model().objects.filter(is_superuser=True).first()
    if admin is None:
        admin = get_user_model().objects.create(username="bench.admin", is_superuser=True)
    client = Client()
    client.force_login(admin)
    # Everything but the 'cached' columns is measured with the figures cache off (page_ms turns it on for those):
    # the selector and the uncached page are what every first viewer, and every viewer after a change, waits for.
    with override_settings(DASHBOARD_CACHE_SECONDS=0):
        return [
            row
            for unit in units
            for row in _measure_unit(client, unit, plan, requirement, period_key, repeat, plans, now)
        ]


def _measure_unit(client, unit, plan, requirement, period_key: str, repeat: int, plans, now) -> list[tuple]:
    """One unit's two pages (measure's rows)."""
    from django.urls import reverse

    from portal.org.models import Unit
    from reporting.dashboard import pages

    rows = []
    n = len(unit.path) + Unit.steplen
    bounds = {"lo": unit.path, "hi": unit._inc_path(), "n": n, "depth": unit.depth, "now": now}

    # The requirement page (6-month report): the figures, then the same by hand.
    def req_view(unit=unit):
        return pages.requirement_page(unit=unit, requirement=requirement, period_key=period_key, now=now)

    view = req_view()
    keys = [p.key for p in view.columns]
    sql_params = {**bounds, "root": requirement.pk, "keys": keys}
    by_hand = hand_sql(REPORT_SQL, sql_params)
    hand_rows = {r[0]: r[4:] for r in by_hand if r[0] is not None and r[3] == period_key}
    for r in view.rows:
        c = r.counts
        assert hand_rows[r.key] == (
            c.total,
            c.expected,
            c.on_time,
            c.late,
            c.open,
            c.overdue,
            c.excused,
            c.pending,
        ), f"figures differ for {r.key}"
    url = reverse("dashboards:requirement", args=[requirement.pk, unit.pk]) + f"?ky={period_key}"
    if plans is not None:
        plans[f"{unit.name} — báo cáo 6 tháng"] = hot_plan(req_view)
    rows.append(
        (
            f"{unit.name} — báo cáo 6 tháng",
            view.total.expected,
            median_ms(req_view, repeat),
            *page_ms(client, url, repeat),
            median_ms(lambda p=sql_params: hand_sql(REPORT_SQL, p), repeat),
            *page_ms(client, url, repeat, cached=True),
        )
    )

    # The directive page: the cascade of the plan.
    def doc_view(unit=unit):
        return pages.directive_page(unit=unit, document=plan)

    dview = doc_view()
    dparams = {**bounds, "root": plan.pk}
    hand_rows = {r[0]: r[3:] for r in hand_sql(DIRECTIVE_SQL, dparams) if r[0] is not None}
    for r in dview.rows:
        c = r.counts
        assert hand_rows[r.key] == (
            c.received,
            c.read,
            c.acknowledged,
            c.implemented,
            c.to_implement,
            c.touched,
            c.drafting,
        ), f"figures differ for {r.key}"
    url = reverse("dashboards:directive", args=[plan.pk, unit.pk])
    if plans is not None:
        plans[f"{unit.name} — văn bản chỉ đạo"] = hot_plan(doc_view)
    rows.append(
        (
            f"{unit.name} — văn bản chỉ đạo",
            dview.total.received,
            median_ms(doc_view, repeat),
            *page_ms(client, url, repeat),
            median_ms(lambda p=dparams: hand_sql(DIRECTIVE_SQL, p), repeat),
            *page_ms(client, url, repeat, cached=True),
        )
    )
    return rows


def page_ms(client, url: str, repeat: int, *, cached: bool = False) -> tuple[float, int]:
    """The whole request's median ms and its statement count, with the figures cache off, or warm (the
    warm-up run of median_ms fills it; each timed run then finds it, as a second viewer within
    DASHBOARD_CACHE_SECONDS does)."""
    from django.test import override_settings

    with override_settings(DASHBOARD_CACHE_SECONDS=60 if cached else 0):
        ms = median_ms(lambda: client.get(url), repeat)
        with statement_counter() as queries:
            assert client.get(url).status_code == 200
    return ms, queries["all"]


def main() -> None:
    args = parse_args()
    if args.reuse:
        from urllib.parse import urlsplit, urlunsplit

        admin_url = os.environ["DATABASE_URL"]
        bench_url = urlunsplit(urlsplit(admin_url)._replace(path="/" + args.db_name))
        args.keep = True
    else:
        admin_url, bench_url = bench_database(args)
    os.environ["DATABASE_URL"] = bench_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "0")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, connections

    from directives.models import Document, ReportingRequirement
    from portal.org.models import Unit

    settings.ALLOWED_HOSTS = ["*"]
    print(
        f"Database: {connection.settings_dict['NAME']} (PostgreSQL {connection.pg_version // 10000}); "
        f"main database untouched. Building …",
        flush=True,
    )
    if not args.reuse:
        call_command("migrate", verbosity=0, interactive=False)
        built = build(args)
        print(
            f"Built in {built['build_s']:.0f} s: {built['units']:,} units, {built['documents']:,} plans, "
            f"{built['requirements']:,} requirements, {built['deliveries']:,} deliveries, "
            f"{built['obligations']:,} obligations.\n",
            flush=True,
        )

    tld = Unit.objects.get(code="tld")
    province = Unit.objects.get(code=f"p{args.provinces // 2:02}")
    plan = Document.objects.get(issuer=tld)
    requirement = ReportingRequirement.objects.get(document=plan, frequency="semiannual")
    # A district-level unit of that province: its largest upper-level union (as measure_dataset's section).
    district = (
        Unit.objects.filter(depth=3, path__gte=province.path, path__lt=province._inc_path())
        .order_by("-numchild", "path")
        .first()
    )
    rows = measure([tld, province, district], plan, requirement, "2025-S1", args.repeat)
    print(
        f"{'page':<62} {'units':>8} {'selector ms':>12} {'page ms':>9} {'queries':>8} {'hand SQL ms':>12} "
        f"{'ratio':>6} {'cached ms':>10} {'queries':>8}"
    )
    print("-" * 144)
    for label, units, sel_ms, whole_ms, queries, sql_ms, cached_ms, cached_q in rows:
        print(
            f"{label:<62} {units:>8,} {sel_ms:>12.1f} {whole_ms:>9.1f} {queries:>8} {sql_ms:>12.1f} "
            f"{sel_ms / sql_ms:>5.2f}× {cached_ms:>10.1f} {cached_q:>8}"
        )
    print(
        f"\n(median of {args.repeat} runs after one warm-up; 'selector' = the page's figures as "
        "reporting.dashboard.pages computes them; 'page' = the whole request through Django with the template; "
        "'hand SQL' = one statement: the family CTE, one pass grouped on the children (joined, so the "
        "planner hashes the groups) with GROUPING SETS for the levels and the trend — the same figures, checked "
        "equal; ratio = selector ÷ hand SQL; 'page' with the dashboards' figures cache off, 'cached' = the same "
        "request once that cache is warm, reporting/dashboard/cache.py, in the 'dashboards' cache: Redis when "
        "REDIS_URL is set, else files)"
    )
    connections.close_all()
    if not args.keep:
        drop_database(admin_url, args.db_name)
        print(f"Dropped {args.db_name} (use --keep to inspect it).")


if __name__ == "__main__":
    main()
