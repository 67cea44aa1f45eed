"""The best hand-written SQL for each dashboard page's figures (one statement: the family CTE and one pass with
GROUPING SETS), and the EXPLAIN of a page's hot statement, which bench_dashboard prints beside its figures."""

from __future__ import annotations

import re

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

# The same figures starting from the subtree's units: each unit's rows of the periods on (unit_id, period_key),
# then the family as a hashed semi-join. PostgreSQL's own choice for REPORT_SQL starts from the family's
# requirements (every obligation of the period in the country, then the subtree's units); for a province the
# units first is faster, for the nation slower. The benchmark's reference is the faster of the two.
REPORT_SQL_BY_UNIT = REPORT_SQL.replace(
    """o AS (
    SELECT""",
    """su AS MATERIALIZED (  -- the subtree's units, on the path index
    SELECT id, path, depth, kind, active_from, active_to FROM org_unit WHERE path >= %(lo)s AND path < %(hi)s),
o AS (
    SELECT""",
).replace(
    """    FROM reporting_obligation o JOIN org_unit u ON u.id = o.unit_id
    JOIN kids k ON k.path = substring(u.path, 1, %(n)s)
    WHERE u.path >= %(lo)s AND u.path < %(hi)s AND o.period_key = ANY(%(keys)s)
      AND o.requirement_id IN (SELECT id FROM fam))""",
    """    FROM su u JOIN kids k ON k.path = substring(u.path, 1, %(n)s)
    CROSS JOIN LATERAL (  -- OFFSET 0: each unit's rows by its index, not the planner's family-first hash join
        SELECT * FROM reporting_obligation o WHERE o.unit_id = u.id AND o.period_key = ANY(%(keys)s) OFFSET 0) o
    WHERE o.requirement_id IN (SELECT id FROM fam))""",
)
assert REPORT_SQL_BY_UNIT.count("su AS MATERIALIZED") == 1 and "CROSS JOIN LATERAL" in REPORT_SQL_BY_UNIT

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
