"""The writing measures run in-process on the national dataset (bench/run_all.py): the chase sweep and issuing —
each figure next to its reference from the same run. The reading ones are in measure_dataset.py."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import time

from results import Section, ratio

# --- chase sweep --------------------------------------------------------------------------------------------------


@contextlib.contextmanager
def email_messages_dropped():
    """The e-mails are not what is measured: while inside, their messages are not published
    (portal.lib.queue calls apply_async). Restored on the way out, so a caller — the smoke test in the
    test suite — keeps working tasks afterwards."""
    import portal.notifications.tasks as notification_tasks

    tasks = (notification_tasks.send_notification_emails, notification_tasks.send_notification_batch)
    for task in tasks:
        task.apply_async = lambda *args, **kwargs: None
    try:
        yield
    finally:
        for task in tasks:
            del task.apply_async  # the instance attribute: the task's own method shows through again


def chase_national(due: int) -> dict:
    """Two sweeps on the national dataset, each owing `due` grassroots obligations:

    - "same stage": `due` open obligations at the very stage bench_chase's own database owes (the first reminder,
      "7 days before", to the unit's reporters), so its time compares with bench_chase's sizes for the same work:
      the ratio the issue asks (national stored ÷ 100,000 stored, same number due);
    - "escalation": `due` overdue obligations at their latest stage (weekly repeats reaching the unit's leaders and
      the leaders above): the heaviest sweep of a working day, given for what it costs, not compared.
    """
    import bench_tree
    import national
    from django.db import connection

    from reporting.models import Obligation
    from reporting.services import chase_sweep_run
    from reporting.services.calendar import due_at_for
    from reporting.services.policy import ReminderPolicy

    # The dataset's own clock: on its reference day nothing else is due (every pending obligation's next stage
    # lies after it), so each sweep at `now` owes exactly the `due` put below, whatever day the benchmark runs.
    now = national.REFERENCE_NOW + dt.timedelta(minutes=1)
    policy = ReminderPolicy()
    stored = Obligation.objects.count()

    def sweep() -> dict:
        with email_messages_dropped(), bench_tree.statement_counter() as counted:
            start = time.perf_counter()
            result = chase_sweep_run(now=now)
            sweep_s = time.perf_counter() - start
        return {
            "stored": stored,
            "due": result.obligations,
            "sweep_s": sweep_s,
            "statements": counted["all"],
            "digests": result.digests,
            "ledger": result.ledger_rows,
        }

    # Same stage as bench_chase: due in six days, so "7 days before" has passed (yesterday) and the next stage
    # ("1 day before") has not; open, grassroots, each unit's reporter reminded.
    due_date = national.REFERENCE_NOW.date() + dt.timedelta(days=6)
    first = next(policy.stages(due_date))
    same_ids = list(
        Obligation.objects.filter(status="open", unit__kind="union_grassroots")
        .order_by("id")
        .values_list("id", flat=True)[:due]
    )
    with connection.cursor() as c:
        c.execute(
            "UPDATE reporting_obligation SET due_date = %s, due_at = %s, next_action_at = %s, next_stage = %s "
            "WHERE id = ANY(%s)",
            [due_date, due_at_for(due_date), first.at, first.key, same_ids],
        )
        c.execute("ANALYZE reporting_obligation")
    claim_plan = _claim_plan(now)
    same_stage = sweep()

    sample = list(
        Obligation.objects.filter(status="overdue", unit__kind="union_grassroots")
        .order_by("id")
        .values_list("id", "due_date")[:due]
    )
    by_due: dict = {}
    for pk, overdue_date in sample:
        by_due.setdefault(overdue_date, []).append(pk)
    with connection.cursor() as c:
        for overdue_date, ids in by_due.items():
            # The latest stage already passed: the sweep at `now` owes it (due_between is inclusive).
            stage = [
                s for s in policy.due_between(overdue_date, dt.datetime.min.replace(tzinfo=dt.UTC), now)
            ][-1]
            c.execute(
                "UPDATE reporting_obligation SET next_action_at = %s, next_stage = %s WHERE id = ANY(%s)",
                [stage.at, stage.key, ids],
            )
        c.execute("ANALYZE reporting_obligation")
    return {**same_stage, "escalation": sweep(), "claim_plan": claim_plan}


def _claim_plan(now: dt.datetime) -> str:
    """EXPLAIN (ANALYZE, BUFFERS) of the sweep's claim of one batch (reporting.services.chase.due_batch), in a
    transaction rolled back: the rows it locks are released, nothing is advanced."""
    from django.db import transaction

    from reporting import conf
    from reporting.services.chase import due_batch

    with transaction.atomic():
        plan = due_batch(now, conf.chase_batch_size()).explain(analyze=True, buffers=True)
        transaction.set_rollback(True)
    return plan


def chase_section(national: dict, sizes: list[dict] | None, due: int) -> Section:
    rows = [
        [
            "national dataset — first reminder (7 days before), reporters",
            national["stored"],
            national["due"],
            national["sweep_s"],
            national["statements"],
            national["statements"] / max(national["due"], 1),
            national["digests"],
        ]
    ]
    escalation = national.get("escalation")
    if escalation:
        rows.append(
            [
                "national dataset — overdue, latest stage (leaders and those above); not compared",
                escalation["stored"],
                escalation["due"],
                escalation["sweep_s"],
                escalation["statements"],
                escalation["statements"] / max(escalation["due"], 1),
                escalation["digests"],
            ]
        )
    notes = ""
    small = None
    for r in sizes or []:
        rows.append(
            [
                "bench_chase's own database — first reminder (7 days before), reporters",
                r["stored"],
                r["due"],
                r["sweep_s"],
                r["statements"],
                r["statements"] / max(r["due"], 1),
                r["digests"],
            ]
        )
        if small is None or r["stored"] < small["stored"]:
            small = r
    if small:
        big = max(sizes, key=lambda r: r["stored"])
        notes = (
            f"Ratios: national ({national['stored']:,} stored) ÷ {small['stored']:,} stored, same {due:,} due: "
            f"time {ratio(national['sweep_s'], small['sweep_s'])} (≤ 1.2), statements "
            f"{ratio(national['statements'], small['statements'])}. Sweep at two sizes ({big['stored']:,} ÷ "
            f"{small['stored']:,} stored): time {ratio(big['sweep_s'], small['sweep_s'])}, statements "
            f"{ratio(big['statements'], small['statements'])}. The cost must follow the number due, "
            "not the number stored."
        )
    else:
        notes = "bench_chase's two-size run failed; see the log."
    if national.get("claim_plan"):
        notes += (
            "\n\nEXPLAIN (ANALYZE, BUFFERS) of the sweep's claim of one batch on the national dataset "
            f"(`reporting.services.chase.due_batch`, {national['due']:,} due), from the same run:\n\n"
            f"```\n{national['claim_plan']}\n```"
        )
    return Section(
        "Chase sweep",
        f"One `chase_sweep_run` with {due:,} obligations due among everything stored. Reference: the same "
        "number due at the same stage (the first reminder, to each unit's reporter) among fewer stored, in "
        "bench_chase's own database (COPY-loaded, one reporter per unit). A second national sweep owes the "
        "heaviest stage instead (overdue, repeated weekly to the unit's leaders and those above): its time "
        "is shown, not compared, since its work per obligation differs.",
        ["where", "stored", "due", "sweep s", "statements", "statements per due", "digests"],
        rows,
        notes,
    )


# --- issue fan-out -------------------------------------------------------------------------------------------------


def issue_section(baseline_rows: int) -> Section:
    import bench_tree
    from bench_issue import bare_insert_select_seconds, per_row_baseline_seconds
    from django.contrib.auth import get_user_model

    from directives.models import Delivery, Purpose, Selection
    from directives.services import compose, signing
    from directives.services.compose import RecipientLine
    from portal.org.models import Unit

    User = get_user_model()
    tld = Unit.objects.get(code="tld")
    province = Unit.objects.filter(depth=2, path__startswith=tld.path).order_by("path").first()
    rows = []
    for issuer in (province, tld):
        user = User.objects.get(username=f"ld.{issuer.code}")
        doc = compose.document_create_draft(actor=user, issuer=issuer, doc_type="KH")
        content = compose.content_of(doc)
        content.subject, content.opening = "Kế hoạch thử tải gửi mọi công đoàn cơ sở", "Thực hiện …"
        content.signature = dataclasses.replace(content.signature, title="CHỦ TỊCH", name="Người ký")
        content.recipients = [
            RecipientLine(
                label="Các công đoàn cơ sở",
                purpose=Purpose.THUC_HIEN,
                selection=Selection.KIND_BELOW,
                unit_id=issuer.pk,
                kind="union_grassroots",
            )
        ]
        doc = compose.document_save_draft(actor=user, document=doc, content=content)
        with email_messages_dropped(), bench_tree.statement_counter() as counted:
            start = time.perf_counter()
            signing.document_issue(actor=user, document=doc, render=False)
            issue_s = time.perf_counter() - start
        n = Delivery.objects.filter(document=doc).count()
        # The floor: the same rows by two bare INSERT … SELECT, on a second draft of the same issuer (rolled back).
        twin = compose.document_create_draft(actor=user, issuer=issuer, doc_type="KH")
        bare_s, bare_n = bare_insert_select_seconds(twin, issuer)
        assert bare_n == n, f"{bare_n} bare deliveries, {n} issued"
        sample = list(Delivery.objects.filter(document=doc).values_list("unit_id", flat=True)[:baseline_rows])
        per_row_s = per_row_baseline_seconds(doc, sample, n)
        rows.append(
            [
                f"{issuer.name} → every grassroots union below",
                n,
                issue_s,
                counted["all"],
                bare_s,
                ratio(issue_s, bare_s),
                per_row_s,
                ratio(per_row_s, issue_s),
            ]
        )
    return Section(
        "Issuing (fan-out writes)",
        "`signing.document_issue` of a plan to every grassroots union of a province and "
        "of the whole country (one INSERT … SELECT per Nơi nhận line, notifications to every member set-based). "
        f"Reference: one `Delivery.objects.create` per recipient, timed on {baseline_rows:,} rows and scaled to N "
        "(dispatch only); ratio = per-row ÷ set-based. Floor: the same deliveries and notifications by two bare "
        "INSERT … SELECT statements, foreign keys checked, in the same run (rolled back); document_issue ÷ bare "
        "≤ 1.5.",
        [
            "issue",
            "recipients",
            "document_issue s",
            "statements",
            "bare INSERT … SELECT s",
            "÷ bare",
            "per-row baseline s (reference)",
            "ratio",
        ],
        rows,
    )
