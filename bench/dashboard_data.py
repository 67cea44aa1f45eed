"""bench_dashboard's dataset: the national trade-union tree of bench_tree.py and one directive cascaded to all of it,
with its 6-month and annual requirements and the obligations of 2024 and 2025 in a realistic mix, set-based."""

from __future__ import annotations

import datetime as dt
import time

from bench_tree import national_tree

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


def build(args) -> dict:
    from django.db import connection, transaction
    from django.utils import timezone

    from directives.models import Document, ReportingRequirement
    from portal.org.models import Unit
    from portal.org.services import units_bulk_build
    from reporting.models import RequirementPeriod
    from reporting.services.family_periods import family_periods_rebuild

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
        family_periods_rebuild()
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
