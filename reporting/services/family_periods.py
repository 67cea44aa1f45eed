"""The periods of each requirement's family (reporting.models.FamilyPeriod), kept as periods are marked.

A requirement's family is the requirement and every requirement carried down from it. The dashboards list its
periods: with the national plan carried down to every province, district and grassroots union that is the
walk of thousands of requirements and their periods on every page (15–20 ms of a province's page at national
scale, bench/RESULTS.md). Here each new period is merged into the rows of the requirement and of each of its
ancestors instead: a few rows per period, written once.

The merge is monotone (the latest due date, the widest window, the least label), so two plans issued at the
same moment under one ancestor give the same rows in any order; PostgreSQL and SQLite each merge in the
database (INSERT … ON CONFLICT DO UPDATE), not read-then-write.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

from directives.models import ReportingRequirement
from reporting.models import FamilyPeriod, RequirementPeriod

# What is kept of a period, and how two of them merge (an SQL function of the stored and the new value).
COLUMNS = ("period_label", "window_start", "window_end", "due_date")
_MERGE = {"period_label": "least", "window_start": "least", "window_end": "greatest", "due_date": "greatest"}


# The same rule as an aggregate over rows, for the rebuild.
_AGGREGATE = {"least": "MIN", "greatest": "MAX"}


def _merged(column: str) -> str:
    """`column` merged with the incoming row's: NULL only when both are (as MIN/MAX over rows)."""
    fn = _MERGE[column]
    if connection.vendor != "postgresql":  # SQLite's scalar MIN/MAX; they return NULL if either is
        fn = _AGGREGATE[fn]
    stored, new = f"{FamilyPeriod._meta.db_table}.{column}", f"excluded.{column}"
    return f"{fn}(COALESCE({stored}, {new}), COALESCE({new}, {stored}))"


def _ancestors_sql(marks: str) -> str:
    """(ancestor, requirement) for the requirements named and every ancestor of each, themselves included."""
    table = ReportingRequirement._meta.db_table
    return (
        f"WITH RECURSIVE up(anc, id) AS (SELECT id, id FROM {table} WHERE id IN ({marks})"
        f" UNION SELECT r.parent_id, up.id FROM up JOIN {table} r ON r.id = up.anc WHERE r.parent_id IS NOT NULL)"
    )


def family_periods_merge(periods: Iterable[RequirementPeriod]) -> None:
    """Merge newly marked periods into their requirements' families and those of every ancestor. Two
    statements whatever the number of periods: the ancestors, then one upsert."""
    periods = list(periods)
    if not periods:
        return
    ids = sorted({p.requirement_id for p in periods})
    with connection.cursor() as cursor:
        cursor.execute(f"{_ancestors_sql(', '.join(['%s'] * len(ids)))} SELECT anc, id FROM up", ids)
        ancestors: dict[int, list[int]] = {}
        for anc, rid in cursor.fetchall():
            ancestors.setdefault(rid, []).append(anc)
    rows: dict[tuple[int, str], dict] = {}
    for p in periods:
        for anc in ancestors.get(p.requirement_id, [p.requirement_id]):
            new = {c: getattr(p, c) for c in COLUMNS}
            old = rows.get((anc, p.period_key))
            rows[(anc, p.period_key)] = new if old is None else _merge_values(old, new)
    _upsert(rows)


def _merge_values(a: dict, b: dict) -> dict:
    out = {}
    for c in COLUMNS:
        values = [v for v in (a[c], b[c]) if v is not None]
        out[c] = (min if _MERGE[c] == "least" else max)(values) if values else None
    return out


def _upsert(rows: dict[tuple[int, str], dict]) -> None:
    table = FamilyPeriod._meta.db_table
    fields = {f.attname: f for f in FamilyPeriod._meta.concrete_fields}
    names = ["requirement_id", "period_key", *COLUMNS]
    values, params = [], []
    for (anc, key), row in sorted(rows.items()):
        values.append(f"({', '.join(['%s'] * len(names))})")
        params += [anc, key, *(fields[c].get_db_prep_save(row[c], connection) for c in COLUMNS)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(names)}) VALUES {', '.join(values)}"
            f" ON CONFLICT (requirement_id, period_key) DO UPDATE SET "
            + ", ".join(f"{c} = {_merged(c)}" for c in COLUMNS),
            params,
        )


def family_periods_rebuild() -> int:
    """Every family's periods afresh from the marked periods (a migration, the benchmark's generated data). One
    statement, and the count of rows made."""
    table, periods = FamilyPeriod._meta.db_table, RequirementPeriod._meta.db_table
    everyone = f"SELECT id FROM {ReportingRequirement._meta.db_table}"
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")
        cursor.execute(
            f"{_ancestors_sql(everyone)} INSERT INTO {table} (requirement_id, period_key, {', '.join(COLUMNS)})"
            f" SELECT up.anc, p.period_key, {', '.join(f'{_AGGREGATE[_MERGE[c]]}(p.{c})' for c in COLUMNS)}"
            f" FROM up JOIN {periods} p ON p.requirement_id = up.id GROUP BY up.anc, p.period_key"
        )
    return FamilyPeriod.objects.count()  # (a CTE's INSERT reports no row count through every driver)
