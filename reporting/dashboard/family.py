"""The cascade of a document and of a reporting requirement, each found by one recursive query.

- A document's family: the document, the documents that implement or forward it (a recipient's
  Delivery.implemented_by, set when the recipient issues its own document), theirs, and so on down.
- A requirement's family: the requirement and every requirement carried down from it (parent), so
  a province's 6-month report and the districts' and grassroots' 6-month reports that feed it are
  one figure. Within a family, one period key names the same period at every level.

Both are a handful of rows per level of the tree (one per unit that issued an implementing document),
never one per grassroots unit, and UNION (not UNION ALL) stops on a cycle.
"""

from __future__ import annotations

from django.db import connection
from django.db.models.expressions import RawSQL

from directives.models import Delivery, Document, ReportingRequirement


def _document_family_sql() -> str:
    docs, deliveries = Document._meta.db_table, Delivery._meta.db_table
    return (f"WITH RECURSIVE fam(id) AS ("
            f" SELECT id FROM {docs} WHERE id = %s"
            f" UNION SELECT d.implemented_by_id FROM {deliveries} d JOIN fam ON d.document_id = fam.id"
            f" WHERE d.implemented_by_id IS NOT NULL"
            f") SELECT id FROM fam")


def _requirement_family_sql() -> str:
    table = ReportingRequirement._meta.db_table
    return (f"WITH RECURSIVE fam(id) AS ("
            f" SELECT id FROM {table} WHERE id = %s"
            f" UNION SELECT r.id FROM {table} r JOIN fam ON r.parent_id = fam.id"
            f") SELECT id FROM fam")


def document_family(document: Document | int) -> RawSQL:
    """The family as a sub-select for `document_id__in=`: the database walks it inside each query, so a
    national cascade of thousands of documents never travels as a parameter list."""
    return RawSQL(_document_family_sql(), [getattr(document, "pk", document)])


def requirement_family(requirement: ReportingRequirement | int) -> RawSQL:
    """The family as a sub-select for `requirement_id__in=` (see document_family)."""
    return RawSQL(_requirement_family_sql(), [getattr(requirement, "pk", requirement)])


def document_family_ids(document: Document | int) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(_document_family_sql(), [getattr(document, "pk", document)])
        return sorted(row[0] for row in cursor.fetchall())


def requirement_families(root_ids: list[int]) -> dict[int, list[int]]:
    """{root id: [the root and every requirement carried down from it]} for several roots, one query."""
    if not root_ids:
        return {}
    table = ReportingRequirement._meta.db_table
    marks = ", ".join(["%s"] * len(root_ids))
    sql = (f"WITH RECURSIVE fam(root, id) AS ("
           f" SELECT id, id FROM {table} WHERE id IN ({marks})"
           f" UNION SELECT fam.root, r.id FROM {table} r JOIN fam ON r.parent_id = fam.id"
           f") SELECT root, id FROM fam")
    out: dict[int, list[int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, list(root_ids))
        for root, req_id in cursor.fetchall():
            out.setdefault(root, []).append(req_id)
    return {root: sorted(ids) for root, ids in out.items()}


def requirement_family_ids(requirement: ReportingRequirement | int) -> list[int]:
    root = getattr(requirement, "pk", requirement)
    return requirement_families([root]).get(root, [root])


def document_family_counts(root_ids: list[int], *, path: str, path_end: str,
                           anywhere: list[int] | tuple[int, ...] = ()) -> dict[int, dict[str, int]]:
    """For several documents at once: the units of the subtree [path, path_end) that received a document of
    each one's cascade, and what they did — each unit once (COUNT DISTINCT). One query.

    For the roots in `anywhere` (the documents the unit issued itself) every recipient of the cascade counts,
    wherever it sits in the tree: what the issuer sent, not only what landed below it."""
    if not root_ids:
        return {}
    anywhere = [r for r in anywhere if r in root_ids]
    where_any = f"fam.root IN ({', '.join(['%s'] * len(anywhere))}) OR " if anywhere else ""
    from portal.org.models import Unit

    docs, deliveries, units = Document._meta.db_table, Delivery._meta.db_table, Unit._meta.db_table
    marks = ", ".join(["%s"] * len(root_ids))
    sql = (f"WITH RECURSIVE fam(root, id) AS ("
           f" SELECT id, id FROM {docs} WHERE id IN ({marks})"
           f" UNION SELECT fam.root, d.implemented_by_id FROM {deliveries} d JOIN fam ON d.document_id = fam.id"
           f" WHERE d.implemented_by_id IS NOT NULL)"
           f" SELECT fam.root, COUNT(DISTINCT d.unit_id),"
           f" COUNT(DISTINCT CASE WHEN d.read_at IS NOT NULL THEN d.unit_id END),"
           f" COUNT(DISTINCT CASE WHEN d.acknowledged_at IS NOT NULL THEN d.unit_id END),"
           f" COUNT(DISTINCT CASE WHEN d.implemented_by_id IS NOT NULL THEN d.unit_id END),"
           f" COUNT(DISTINCT CASE WHEN d.purpose = 'thuc_hien' THEN d.unit_id END),"
           f" COUNT(DISTINCT CASE WHEN d.read_at IS NOT NULL OR d.acknowledged_at IS NOT NULL"
           f"  OR d.implemented_by_id IS NOT NULL THEN d.unit_id END)"
           f" FROM fam JOIN {deliveries} d ON d.document_id = fam.id JOIN {units} u ON u.id = d.unit_id"
           f" WHERE d.purpose IN ('thuc_hien', 'phoi_hop') AND ({where_any}(u.path >= %s AND u.path < %s))"
           f" GROUP BY fam.root")
    names = ("received", "read", "acknowledged", "implemented", "to_implement", "touched")
    with connection.cursor() as cursor:
        cursor.execute(sql, [*root_ids, *anywhere, path, path_end])
        return {row[0]: dict(zip(names, row[1:], strict=True)) for row in cursor.fetchall()}
