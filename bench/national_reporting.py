"""The reporting half of the national dataset (bench/national.py): every level's 6-month and annual requirements
carried down the cascade, their periods (and the families' periods the service keeps), one obligation per
recipient and period with the mix the services would have left, the reports and their versions. Set-based, as the
rest of the dataset; called by national.generate once the documents and deliveries exist."""

from __future__ import annotations

import datetime as dt
import json

from national import LEAD, SECTIONS, TOPICS, Stages, _execute


def generate_reporting(
    *,
    stages: Stages,
    units: list[tuple],
    top,
    parent_of: dict,
    plans: dict[tuple[int, int], tuple[int, str]],
    reporting: int,
    year: int,
    now: dt.datetime,
) -> None:
    """Requirements, periods, obligations, reports and versions of the first `reporting` directives' plans."""
    from directives.models import ReportingRequirement
    from portal.lib.search import fold
    from reporting import periods
    from reporting.models import RequirementPeriod
    from reporting.services.calendar import deadline_for, due_at_for, start_of, working_calendar
    from reporting.services.family_periods import family_periods_rebuild
    from reporting.services.policy import ReminderPolicy

    # --- reporting requirements, periods ----------------------------------------------------------------------
    calendar = working_calendar()
    req_of: dict[tuple[int, int, str], int] = {}  # (directive, issuer unit, frequency) → requirement id
    title = "Báo cáo kết quả thực hiện"

    def requirements() -> int:
        n = 0
        levels = [(0, [top.pk])] + [(d, [u[0] for u in units if u[2] == d]) for d in (1, 2, 3)]
        for depth, issuers in levels:
            rows, keys = [], []
            for uid in issuers:
                parent = top.pk if depth == 1 else (parent_of[uid][0] if depth > 1 else None)
                for k in range(reporting):
                    doc = plans.get((k, uid))
                    if doc is None or doc[1] != "issued":
                        continue
                    for freq in ("semiannual", "annual"):
                        rows.append(
                            ReportingRequirement(
                                document_id=doc[0],
                                title=f"{title} {TOPICS[k % len(TOPICS)]}",
                                frequency=freq,
                                to_unit_id=uid,
                                parent_id=req_of.get((k, parent, freq)) if parent else None,
                                lead_days=LEAD * depth,
                                as_written="Định kỳ 6 tháng, năm báo cáo kết quả thực hiện.",
                            )
                        )
                        keys.append((k, uid, freq))
            for r, key in zip(
                ReportingRequirement.objects.bulk_create(rows, batch_size=10_000), keys, strict=True
            ):
                req_of[key] = r.pk
            n += len(rows)
        return n

    stages.run("reporting requirements (bulk_create)", requirements)

    policy = ReminderPolicy()
    due_of: dict[tuple[str, int], tuple[periods.Period, dt.date]] = {}
    for freq, period in (("semiannual", periods.semiannual(year)), ("annual", periods.annual(year))):
        for depth in range(4):
            probe = ReportingRequirement(frequency=freq, lead_days=LEAD * depth)
            due_of[(freq, depth)] = (period, deadline_for(probe, period, calendar))

    def requirement_periods() -> int:
        depth_of = {u[0]: u[2] for u in units} | {top.pk: 0}
        rows = [
            RequirementPeriod(
                requirement_id=rid,
                period_key=p.key,
                period_label=p.label,
                window_start=p.window_start,
                window_end=p.window_end,
                due_date=due,
            )
            for (k, uid, freq), rid in req_of.items()
            for p, due in [due_of[(freq, depth_of[uid])]]
        ]
        RequirementPeriod.objects.bulk_create(rows, batch_size=10_000)
        return len(rows)

    stages.run("requirement periods (bulk_create)", requirement_periods)
    # What the service keeps as periods are marked one plan at a time, here in one statement.
    stages.run("family periods (one INSERT … SELECT)", family_periods_rebuild)

    # --- obligations: one per delivery "để thực hiện" of a document with requirements, per period ---------
    def obligations() -> int:
        n = 0
        for (freq, depth), (period, due) in due_of.items():
            due_at = due_at_for(due)
            opens_at = start_of(period.window_start)
            past = due_at < now
            nxt = policy.next_after(due, now)
            # past due: 68 % on time, 14 % late, 3 % excused, 15 % missing (overdue).
            # open: 12 % already submitted, the rest open (or upcoming before the window opens). Every
            # submission lies between the opening and now: on time before the deadline, late after it.
            pending = "overdue" if past else ("open" if opens_at <= now else "upcoming")
            early = 12 if opens_at <= now else 0  # submitted before the deadline, only once the period opened
            n += _execute(
                """
                INSERT INTO reporting_obligation (requirement_id, unit_id, to_unit_id, period_key, period_label,
                    window_start, window_end, opens_at, due_date, due_at, status, excused_reason, submitted_at,
                    next_action_at, next_stage, created_at, updated_at)
                SELECT r.id, dl.unit_id, r.to_unit_id, %(key)s, %(label)s, %(ws)s, %(we)s, %(opens)s, %(due)s,
                       %(due_at)s,
                       CASE WHEN x < %(on_time)s THEN 'submitted_on_time' WHEN x < %(late)s THEN 'submitted_late'
                            WHEN x < %(excused)s THEN 'excused' ELSE %(pending)s END,
                       CASE WHEN x >= %(late)s AND x < %(excused)s THEN 'Đơn vị đang sáp nhập, giải thể' ELSE '' END,
                       CASE WHEN x < %(on_time)s THEN %(opens)s + (least(%(due_at)s, %(now)s) - %(opens)s)
                                                              * (0.55 + (x %% 9) / 20.0)
                            WHEN x < %(late)s THEN %(due_at)s + (%(now)s - %(due_at)s) * ((1 + x %% 17) / 36.0) END,
                       CASE WHEN x >= %(excused)s THEN %(next_at)s::timestamptz END,
                       CASE WHEN x >= %(excused)s THEN %(next_key)s ELSE '' END, %(opens)s, %(opens)s
                FROM directives_delivery dl
                JOIN reporting_reportingrequirement r ON r.document_id = dl.document_id AND r.frequency = %(freq)s
                                                   AND r.lead_days = %(lead)s
                CROSS JOIN LATERAL (SELECT abs(hashtext(dl.unit_id::text || r.id::text || %(key)s)) %% 100 AS x) h
                WHERE dl.purpose = 'thuc_hien'""",
                {
                    "key": period.key,
                    "label": period.label,
                    "ws": period.window_start,
                    "we": period.window_end,
                    "opens": opens_at,
                    "due": due,
                    "due_at": due_at,
                    "freq": freq,
                    "lead": LEAD * depth,
                    "pending": pending,
                    "next_at": nxt.at if nxt else None,
                    "next_key": nxt.key if nxt else "",
                    "now": now,
                    "on_time": 68 if past else early,
                    "late": 82 if past else early,
                    "excused": 85 if past else early,
                },
            )
        return n

    stages.run("obligations (INSERT … SELECT)", obligations)
    _execute("ANALYZE reporting_obligation")

    data = (
        '{"sections": %s, "indicators": {"so_buoi_tuyen_truyen": 4, "so_luot_nguoi_tham_gia": 120, '
        '"so_tin_bai": 3, "so_hoi_nghi_quan_triet": 1}}'
    )
    data = data % json.dumps(SECTIONS, ensure_ascii=False)
    search = fold(" ".join(v for v in SECTIONS.values() if v))

    def reports() -> int:
        # One report per submission: accepted (80 %), awaiting review (20 %); 5 % were returned once and
        # submitted again (two versions). Open obligations: 6 % have a draft.
        n = _execute(
            """
            INSERT INTO reporting_report (obligation_id, state, data, created_by_id, updated_by_id, created_at,
                updated_at, submitted_by_id, submitted_at, is_late, version_count, returned_at, return_comment,
                accepted_at, accepted_by_id, search_text, revision, number_symbol, sign_comment, signature)
            SELECT o.id, CASE WHEN x < 80 THEN 'accepted' ELSE 'submitted' END, %(data)s::jsonb, m.user_id, m.user_id,
                   o.submitted_at - interval '1 day', o.submitted_at, m.user_id,
                   CASE WHEN x >= 95 AND o.submitted_at + interval '3 days' <= %(now)s
                        THEN o.submitted_at + interval '3 days' ELSE o.submitted_at END,
                   o.status = 'submitted_late',
                   CASE WHEN x >= 95 AND o.submitted_at + interval '3 days' <= %(now)s THEN 2 ELSE 1 END,
                   CASE WHEN x >= 95 AND o.submitted_at + interval '3 days' <= %(now)s
                        THEN o.submitted_at + interval '1 day' END,
                   CASE WHEN x >= 95 AND o.submitted_at + interval '3 days' <= %(now)s
                        THEN 'Đề nghị bổ sung số liệu' ELSE '' END,
                   CASE WHEN x < 80 THEN least(o.submitted_at + interval '5 days', %(now)s) END,
                   CASE WHEN x < 80 THEN lm.user_id END, %(search)s, 1, '', '', '{}'::jsonb
            FROM reporting_obligation o
            CROSS JOIN LATERAL (SELECT abs(hashtext(o.id::text)) %% 100 AS x) h
            LEFT JOIN org_membership m ON m.unit_id = o.unit_id AND m.role = 'reporter'
            LEFT JOIN org_membership lm ON lm.unit_id = o.to_unit_id AND lm.role = 'signer'
            WHERE o.status IN ('submitted_on_time', 'submitted_late')""",
            {"data": data, "now": now, "search": search},
        )
        n += _execute(
            """
            INSERT INTO reporting_report (obligation_id, state, data, created_by_id, updated_by_id, created_at,
                updated_at, is_late, version_count, return_comment, search_text, revision, number_symbol,
                sign_comment, signature)
            SELECT o.id, 'draft', %(data)s::jsonb, m.user_id, m.user_id, %(now)s, %(now)s, false, 0, '', %(search)s, 1,
                   '', '', '{}'::jsonb
            FROM reporting_obligation o
            LEFT JOIN org_membership m ON m.unit_id = o.unit_id AND m.role = 'reporter'
            WHERE o.status = 'open' AND abs(hashtext(o.id::text || 'd')) %% 100 < 6""",
            {"data": data, "now": now, "search": search},
        )
        return n

    stages.run("reports (INSERT … SELECT)", reports)

    def versions() -> int:
        return _execute("""
            INSERT INTO reporting_reportversion (report_id, number, data, attachments, submitted_by_id, submitted_at,
                                                 is_late, pdf, pdf_sha256, signature)
            SELECT r.id, v.n, r.data, '[]'::jsonb, r.submitted_by_id,
                   CASE WHEN v.n = 1 THEN o.submitted_at ELSE r.submitted_at END,
                   CASE WHEN v.n = 1 THEN r.is_late ELSE r.submitted_at > o.due_at END, '', '', '{}'::jsonb
            FROM reporting_report r JOIN reporting_obligation o ON o.id = r.obligation_id
            JOIN generate_series(1, 2) v(n) ON v.n <= r.version_count""")

    stages.run("report versions (INSERT … SELECT)", versions)
