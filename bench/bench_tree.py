"""National-scale organisation tree: build time with bulk writes, and the subtree/ancestor queries.

    DATABASE_URL=postgresql://… .venv/bin/python bench/bench_tree.py [--grassroots 130000] [--keep]

The shape of the national trade-union system (SPEC.md §6): Tổng LĐLĐ Việt Nam → 34 provincial
federations → ~3,500 upper-level unions (commune/ward federations, sectoral and industrial-zone
unions) → ~130,000 grassroots unions. The script works in its OWN database (default
``thongsuot_bench``) on the server of DATABASE_URL: dropped, recreated and migrated here, never the
database DATABASE_URL names. It prints one table:

* the build with ``units_bulk_build`` — seconds and the number of INSERT statements;
* a province's whole subtree (COUNT + the first 200 rows in path order) and a grassroots unit's
  ancestors — median of 20 runs each, with the first line of EXPLAIN and the index it uses;
* a per-row baseline: 1,000 ``add_child`` calls, and the cost per unit against the bulk build.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PROVINCES = [
    "Hà Nội",
    "Huế",
    "Lai Châu",
    "Điện Biên",
    "Sơn La",
    "Lạng Sơn",
    "Quảng Ninh",
    "Thanh Hóa",
    "Nghệ An",
    "Hà Tĩnh",
    "Cao Bằng",
    "Tuyên Quang",
    "Lào Cai",
    "Thái Nguyên",
    "Phú Thọ",
    "Bắc Ninh",
    "Hưng Yên",
    "Hải Phòng",
    "Ninh Bình",
    "Quảng Trị",
    "Đà Nẵng",
    "Quảng Ngãi",
    "Gia Lai",
    "Khánh Hòa",
    "Lâm Đồng",
    "Đắk Lắk",
    "Thành phố Hồ Chí Minh",
    "Đồng Nai",
    "Tây Ninh",
    "Cần Thơ",
    "Vĩnh Long",
    "Đồng Tháp",
    "Cà Mau",
    "An Giang",
]
SECTORS = ["Giáo dục", "Y tế", "Công Thương", "Xây dựng", "Giao thông vận tải", "Nông nghiệp và Môi trường"]
REPEAT = 20


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db-name", default="thongsuot_bench", help="the benchmark's own database")
    parser.add_argument("--provinces", type=int, default=len(PROVINCES))
    parser.add_argument("--uppers-per-province", type=int, default=103, help="34 × 103 = 3,502")
    parser.add_argument("--grassroots", type=int, default=130_000)
    parser.add_argument("--baseline", type=int, default=1_000, help="units added one by one with add_child")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database afterwards")
    return parser.parse_args()


# --- the benchmark's own database -------------------------------------------------------------------


def bench_database(args) -> tuple[str, str]:
    """Recreate the benchmark database next to DATABASE_URL's; return (admin_url, bench_url)."""
    main_url = os.environ.get("DATABASE_URL", "")
    parts = urlsplit(main_url)
    if parts.scheme not in ("postgres", "postgresql"):
        sys.exit("DATABASE_URL=postgresql://… is required: the benchmark measures PostgreSQL.")
    main_name = parts.path.lstrip("/")
    if args.db_name == main_name:
        sys.exit(f"--db-name {args.db_name!r} is the main database: refusing to touch it.")
    import psycopg
    from psycopg import sql

    with psycopg.connect(main_url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(args.db_name)))
        conn.execute(sql.SQL("CREATE DATABASE {} ENCODING 'UTF8'").format(sql.Identifier(args.db_name)))
    return main_url, urlunsplit(parts._replace(path="/" + args.db_name))


def drop_database(admin_url: str, name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


# --- the tree --------------------------------------------------------------------------------------------


def national_tree(provinces: int, uppers_per_province: int, grassroots: int) -> dict:
    uppers_total = provinces * uppers_per_province
    per_upper, extra = divmod(grassroots, uppers_total)
    upper_index = 0

    def upper(p: int, u: int, province: str) -> dict:
        nonlocal upper_index
        count = per_upper + (1 if upper_index < extra else 0)
        upper_index += 1
        code = f"p{p:02}-u{u:03}"
        if u < len(SECTORS):
            name, kind = f"Công đoàn ngành {SECTORS[u]} tỉnh {province}", "union_sector"
        elif u == len(SECTORS):
            name, kind = f"Công đoàn các Khu công nghiệp tỉnh {province}", "union_sector"
        else:
            name, kind = f"Liên đoàn Lao động phường {u - len(SECTORS)}, {province}", "union_district"
        return {
            "code": code,
            "name": name,
            "short_name": "LĐLĐ" if kind == "union_district" else "CĐN",
            "kind": kind,
            "regime": "union",
            "parent_line": f"LĐLĐ TỈNH {province.upper()}",
            "place_name": province,
            "children": [
                {
                    "code": f"{code}-g{g:03}",
                    "name": f"Công đoàn cơ sở số {g + 1} ({code})",
                    "short_name": "CĐCS",
                    "kind": "union_grassroots",
                    "regime": "union",
                    "parent_line": name.upper(),
                    "place_name": province,
                }
                for g in range(count)
            ],
        }

    return {
        "code": "tld",
        "name": "Tổng Liên đoàn Lao động Việt Nam",
        "short_name": "TLĐ",
        "kind": "union_national",
        "regime": "union",
        "place_name": "Hà Nội",
        "children": [
            {
                "code": f"p{p:02}",
                "name": f"Liên đoàn Lao động tỉnh {PROVINCES[p % len(PROVINCES)]}",
                "short_name": "LĐLĐ",
                "kind": "union_province",
                "regime": "union",
                "parent_line": "TỔNG LĐLĐ VIỆT NAM",
                "place_name": PROVINCES[p % len(PROVINCES)],
                "children": [upper(p, u, PROVINCES[p % len(PROVINCES)]) for u in range(uppers_per_province)],
            }
            for p in range(provinces)
        ],
    }


# --- measuring ---------------------------------------------------------------------------------------------


@contextmanager
def statement_counter():
    """Count the statements Django sends, by kind (an execute_wrapper sees executemany as one)."""
    from django.db import connection

    counts = {"INSERT": 0, "all": 0}

    def wrapper(execute, sql, params, many, context):
        counts["all"] += 1
        if sql.lstrip().upper().startswith("INSERT"):
            counts["INSERT"] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield counts


def median_ms(fn) -> float:
    fn()  # warm the plan cache and the buffer pool: we measure the steady state a page sees
    runs = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def plan(qs, *, count: bool = False) -> str:
    """EXPLAIN's first line, and the line naming the index (or a loud NO INDEX)."""
    from django.db import connection

    if count:  # what QuerySet.count() sends: SELECT COUNT(*) over the filtered rows
        sql, params = qs.order_by().values("pk").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN SELECT COUNT(*) FROM ({sql}) AS subtree", params)
            lines = [row[0] for row in cursor.fetchall()]
    else:
        lines = qs.explain(analyze=True).splitlines()
    index = next((ln.strip().lstrip("-> ") for ln in lines if "Index" in ln), "NO INDEX USED")
    removed = next((ln.strip() for ln in lines if "Rows Removed by Filter" in ln), "")
    return f"{_short(lines[0])}  ⟶  {_short(index)}" + (f"  ({removed})" if removed else "")


def _short(line: str) -> str:
    return line.strip().split("  (")[0]


def main() -> None:
    args = parse_args()
    admin_url, bench_url = bench_database(args)
    os.environ["DATABASE_URL"] = bench_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, connections, transaction

    from portal.org import selectors
    from portal.org.models import Unit
    from portal.org.services import units_bulk_build

    print(
        f"Database: {connection.settings_dict['NAME']} (PostgreSQL {connection.pg_version // 10000}); "
        f"main database untouched."
    )
    call_command("migrate", verbosity=0, interactive=False)

    start = time.perf_counter()
    tree = national_tree(args.provinces, args.uppers_per_province, args.grassroots)
    shape_s = time.perf_counter() - start
    with statement_counter() as counted:
        start = time.perf_counter()
        total = units_bulk_build(roots=[tree])
        build_s = time.perf_counter() - start
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE org_unit")

    province = Unit.objects.get(code=f"p{args.provinces // 2:02}")
    leaf = (
        Unit.objects.filter(kind="union_grassroots", path__startswith=province.path).order_by("-path").first()
    )
    subtree = selectors.unit_subtree(province)
    expected = (
        1
        + args.uppers_per_province
        + sum(u.numchild for u in Unit.objects.filter(path__startswith=province.path, depth=3))
    )
    assert subtree.count() == expected, "the bulk-built subtree is not what treebeard would see"
    assert [a.code for a in selectors.unit_ancestors(leaf)] == [
        "tld",
        province.code,
        leaf.code.rsplit("-g", 1)[0],
    ]

    def subtree_query():
        qs = selectors.unit_subtree(province)
        return qs.count(), list(qs[:200])

    subtree_ms = median_ms(subtree_query)
    ancestors_ms = median_ms(lambda: selectors.unit_ancestors(leaf))
    children_ms = median_ms(lambda: list(selectors.unit_children(province)))
    count_plan = plan(selectors.unit_subtree(province), count=True)
    fetch_plan = plan(selectors.unit_subtree(province)[:200])
    ancestors_plan = plan(Unit.objects.filter(path__in=leaf.ancestor_paths()).order_by("depth"))

    # The paged list's query depends on where the province sits in the tree: with LIKE alone the
    # planner walks the unique path index from the start and filters. A range on the same index
    # (the next sibling's path is the upper bound) keeps it proportional to the page.
    last = Unit.objects.get(code=f"p{args.provinces - 1:02}")
    last_page_ms = median_ms(lambda: list(selectors.unit_subtree(last)[:200]))
    bounded = selectors.unit_subtree(last).filter(path__gte=last.path, path__lt=last._inc_path())
    bounded_ms = median_ms(lambda: list(bounded[:200]))
    bounded_plan = plan(bounded[:200])

    # Baseline: the same units one at a time, as add_child() (lock parent, find last child, UPDATE, INSERT).
    parent = Unit.objects.get(code=f"p{args.provinces // 2:02}-u{args.uppers_per_province - 1:03}")
    children_before = parent.numchild  # add_child() keeps the in-memory parent up to date
    with statement_counter() as per_row:
        start = time.perf_counter()
        for i in range(args.baseline):
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
        baseline_s = time.perf_counter() - start
    assert Unit.objects.get(pk=parent.pk).numchild == children_before + args.baseline

    bulk_unit_us = build_s / total * 1e6
    row_unit_us = baseline_s / args.baseline * 1e6
    rows = [
        (
            "Tree built (units)",
            f"{total:,}",
            f"1 TLĐ + {args.provinces} provinces + "
            f"{args.provinces * args.uppers_per_province:,} upper-level + {args.grassroots:,} grassroots",
        ),
        (
            "Build with units_bulk_build",
            f"{build_s:.2f} s",
            f"{counted['INSERT']} INSERT statements, "
            f"{counted['all']} statements in all; shaping the dicts took {shape_s:.2f} s more",
        ),
        ("  per unit", f"{bulk_unit_us:.1f} µs", ""),
        (
            f"Subtree of {province.name}",
            f"{subtree_ms:.2f} ms",
            f"median of {REPEAT}: COUNT ({expected:,} units) + first 200 in path order",
        ),
        ("  EXPLAIN count", "", count_plan),
        ("  EXPLAIN first 200", "", fetch_plan),
        (
            f"First 200 of {last.name} (last in path order)",
            f"{last_page_ms:.2f} ms",
            f"median of {REPEAT}: selectors.unit_subtree as it is",
        ),
        (
            "  same with a path range (path >= p AND path < next sibling)",
            f"{bounded_ms:.2f} ms",
            f"median of {REPEAT}: {bounded_plan}",
        ),
        (
            "Ancestors of a grassroots unit",
            f"{ancestors_ms:.2f} ms",
            f"median of {REPEAT}: one IN query on paths",
        ),
        ("  EXPLAIN ancestors", "", ancestors_plan),
        (
            f"Children of {province.name}",
            f"{children_ms:.2f} ms",
            f"median of {REPEAT}: {province.numchild} rows",
        ),
        (
            f"Baseline: {args.baseline:,} × add_child",
            f"{baseline_s:.2f} s",
            f"{per_row['INSERT']} INSERT statements, {per_row['all']} statements in all",
        ),
        (
            "  per unit",
            f"{row_unit_us:.1f} µs",
            f"{row_unit_us / bulk_unit_us:.0f}× the bulk build's cost per unit",
        ),
        (
            f"  {total:,} units one by one (est.)",
            f"{row_unit_us * total / 1e6:.0f} s",
            "extrapolated, not run",
        ),
    ]
    width = [max(len(r[i]) for r in rows) for i in range(2)]
    print()
    for label, value, note in rows:
        print(f"{label:<{width[0]}}  {value:>{width[1]}}  {note}".rstrip())

    connections.close_all()
    if not args.keep:
        drop_database(admin_url, args.db_name)
        print(f"\nDropped {args.db_name} (use --keep to inspect it).")


if __name__ == "__main__":
    main()
