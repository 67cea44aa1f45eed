"""The measures run in-process on the national dataset (bench/run_all.py): dashboards, search, tree, the
chase sweep and issuing — each figure next to its reference from the same run."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import time

from results import Section, ratio

# --- dashboards -------------------------------------------------------------------------------------------------


def dashboards_section(year: int, repeat: int) -> Section:
    import bench_dashboard

    from directives.models import Document, ReportingRequirement
    from portal.org.models import Unit

    tld = Unit.objects.get(code="tld")
    province = Unit.objects.filter(depth=2, path__startswith=tld.path).order_by("path")[
        Unit.objects.filter(depth=2, path__startswith=tld.path).count() // 2
    ]
    # A district-level unit of that province: its largest upper-level union (the most grassroots below).
    district = (
        Unit.objects.filter(depth=3, path__gte=province.path, path__lt=province._inc_path())
        .order_by("-numchild", "path")
        .first()
    )
    plan = Document.objects.filter(issuer=tld, requirements__isnull=False).order_by("issue_date").first()
    requirement = ReportingRequirement.objects.get(document=plan, frequency="semiannual")
    plans: dict[str, str] = {}
    rows = bench_dashboard.measure([tld, province, district], plan, requirement, f"{year}-S1", repeat, plans)
    notes = (
        "EXPLAIN (ANALYZE, BUFFERS) of each page's hot statement (its one big pass), from the same run:\n\n"
    )
    notes += "\n\n".join(f"{label}:\n\n```\n{text}\n```" for label, text in plans.items())
    return Section(
        "Compliance dashboards",
        f"TLĐ's plan for the first directive and its 6-month report ({year}-S1), on the "
        f"national page, one province's page and one district-level union's page ({district.name}, "
        f"{district.numchild:,} grassroots unions). Median of "
        f"{repeat} runs after a warm-up, the selector and its references timed in turn within each run "
        "(bench_dashboard.interleaved_ms), so both see the same moments of the machine. Reference: one hand-written SQL statement for the same figures (checked "
        "equal; for the report page the faster of two: from the family's requirements, or from the subtree's "
        "units on (unit_id, period_key)); ratio = selector ÷ hand SQL (≤ 1.3 for province and district pages, ≤ 1.1 national). 'whole "
        "page' with the dashboards' figures cache off (DASHBOARD_CACHE_SECONDS=0); 'cached' = the same request "
        f"once the cache is warm (reporting/dashboard/cache.py, {cache_backend()}): what a second leader opening "
        "the page within DASHBOARD_CACHE_SECONDS, with no report in between, waits for.",
        [
            "page",
            "units",
            "selector ms",
            "whole page ms",
            "queries",
            "hand SQL ms (reference)",
            "ratio",
            "cached page ms",
            "cached queries",
            "uncached ÷ cached",
        ],
        [
            [label, units, sel, page, q, sql, ratio(sel, sql), cached, cq, ratio(page, cached)]
            for label, units, sel, page, q, sql, cached, cq in rows
        ],
        notes,
    )


def cache_backend() -> str:
    from django.conf import settings

    backend = settings.CACHES["dashboards"]["BACKEND"]
    return "Redis" if backend.endswith("RedisCache") else "files" if "filebased" in backend else backend


# --- search ----------------------------------------------------------------------------------------------------


def search_section(quick: bool) -> Section:
    import bench_search
    from django.contrib.auth import get_user_model
    from django.db import connection

    from directives.models import Document
    from portal.org.models import Unit

    User = get_user_model()
    tld = Unit.objects.get(code="tld")
    province = Unit.objects.filter(depth=2, path__startswith=tld.path).order_by("path").first()
    users = [
        ("system admin", User.objects.get(username="bench.admin")),
        (
            f"leader of {province.short_name} {province.code}",
            User.objects.get(username=f"ld.{province.code}"),
        ),
    ]
    directive = Document.objects.filter(issuer__code="btgdv-tw").order_by("issue_date").first()
    number = directive.number_symbol.split("-")[0]
    queries = ["thong tin doi ngoai", directive.number_symbol, f"Số {number}- HD/BTGDVTW", "1/KH-LDLD"]
    if quick:
        bench_search.REPEAT = 5
    indexed = bench_search.measure(users, queries)
    with connection.cursor() as c:
        c.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'directives_document' "
            "AND indexdef LIKE '%%gin_trgm_ops%%'"
        )
        definitions = c.fetchall()
        if connection.in_atomic_block:  # a test's transaction: DDL waits for no deferred FK check
            c.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for name, _ in definitions:
            c.execute(f'DROP INDEX "{name}"')
        c.execute("ANALYZE directives_document")
    try:
        plain = bench_search.measure(users, queries)
    finally:
        with connection.cursor() as c:
            if connection.in_atomic_block:
                c.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for _, definition in definitions:
                c.execute(definition)
            c.execute("ANALYZE directives_document")
    count = Document.objects.count()
    # The provincial leader's scoped search against the same search written by hand (bench_search.hand_scoped),
    # with the trigram indexes in place: the selector ÷ hand ratio, and both plans.
    leader_label, leader = users[1]
    hand: dict[str, tuple[float, int, str]] = {}
    plans = []
    for query in ("1/KH-LDLD", "thong tin doi ngoai"):
        hand[query] = bench_search.hand_scoped(leader, query)
        from directives.search import documents_search

        selector_plan = documents_search(leader, query).explain(analyze=True, buffers=True)
        plans.append(
            f"{leader_label}, `{query}` — documents_search (first 25):\n\n```\n"
            + "\n".join(line[:160] for line in selector_plan.splitlines())
            + f"\n```\n\nby hand (COUNT):\n\n```\n{hand[query][2]}\n```"
        )
    rows = []
    for (label, query, ms, total, first, _, index), (_, _, plain_ms, _, _, _, _) in zip(
        indexed, plain, strict=True
    ):
        by_hand = hand.get(query) if label == leader_label else None
        if by_hand:
            assert by_hand[1] == total, f"{query!r}: {by_hand[1]} by hand, {total} by documents_search"
        rows.append(
            [
                label,
                f"`{query}`",
                total,
                first,
                ms,
                plain_ms,
                ratio(plain_ms, ms),
                by_hand[0] if by_hand else "—",
                ratio(ms, by_hand[0]) if by_hand else "",
                index[:70],
            ]
        )
    return Section(
        "Search",
        f"`directives.search.documents_search` over the dataset's {count:,} documents as the search page "
        f"calls it (COUNT + first 25), median of {bench_search.REPEAT} runs. Reference: the same query with the "
        f"{len(definitions)} trigram indexes dropped; ratio = without ÷ with. For the provincial leader, also the "
        "raw scoped query written by hand (COUNT + first 25, same matches, indexes in place): "
        "ratio = documents_search ÷ by hand (≤ 1.5).",
        [
            "user",
            "query",
            "matches",
            "first",
            "ms",
            "without indexes ms (reference)",
            "ratio",
            "scoped by hand ms",
            "÷ by hand",
            "index used",
        ],
        rows,
        "EXPLAIN (ANALYZE, BUFFERS) from the same run:\n\n" + "\n\n".join(plans),
    )


# --- tree -------------------------------------------------------------------------------------------------------


def tree_section(dataset: dict, baseline: int) -> Section:
    import bench_tree
    from django.db import transaction

    from portal.org import selectors
    from portal.org.models import Unit

    build_s, units = next((s, n) for label, n, s in dataset["stages"] if label.startswith("units"))
    tld = Unit.objects.get(code="tld")
    provinces = list(Unit.objects.filter(depth=2, path__startswith=tld.path).order_by("path"))
    province, last = provinces[len(provinces) // 2], provinces[-1]
    leaf = (
        Unit.objects.filter(kind="union_grassroots", path__startswith=province.path).order_by("-path").first()
    )

    def subtree_query():
        qs = selectors.unit_subtree(province)
        return qs.count(), list(qs[:200])

    subtree_ms = bench_tree.median_ms(subtree_query)
    ancestors_ms = bench_tree.median_ms(lambda: selectors.unit_ancestors(leaf))
    last_ms = bench_tree.median_ms(lambda: list(selectors.unit_subtree(last)[:200]))
    bounded = selectors.unit_subtree(last).filter(path__gte=last.path, path__lt=last._inc_path())
    bounded_ms = bench_tree.median_ms(lambda: list(bounded[:200]))

    parent = Unit.objects.filter(depth=3, path__startswith=province.path).order_by("-path").first()
    start = time.perf_counter()
    for i in range(baseline):
        with transaction.atomic():
            Unit.objects.add_child(
                parent,
                instance=Unit(
                    code=f"baseline-{i:05}",
                    name=f"Công đoàn cơ sở thêm từng dòng {i}",
                    short_name="CĐCS",
                    kind="union_grassroots",
                    regime="union",
                ),
            )
    row_s = time.perf_counter() - start
    Unit.objects.filter(code__startswith="baseline-").delete()  # treebeard keeps numchild right
    bulk_us, row_us = build_s / units * 1e6, row_s / baseline * 1e6
    rows = [
        [
            f"build {units:,} units with units_bulk_build, per unit (µs)",
            bulk_us,
            f"{baseline:,} × add_child, per unit: {row_us:.1f}",
            ratio(row_us, bulk_us),
        ],
        [
            f"first 200 of {last.name} (last in path order), ms",
            last_ms,
            f"same with a path range: {bounded_ms:.2f}",
            ratio(last_ms, bounded_ms),
        ],
        [f"subtree of {province.name}: COUNT + first 200, ms", subtree_ms, "—", ""],
        ["ancestors of a grassroots unit, ms", ancestors_ms, "—", ""],
    ]
    return Section(
        "Organisation tree",
        "bench_tree's measures on the national tree (median of 20 after a warm-up). The add_child "
        "units are removed again afterwards.",
        ["figure", "value", "reference", "ratio"],
        rows,
    )


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
