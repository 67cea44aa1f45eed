"""The reading measures run in-process on the national dataset (bench/run_all.py): dashboards, search and the
tree — each figure next to its reference from the same run. The writing ones (chase sweep, issuing) are in
measure_writes.py."""

from __future__ import annotations

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
