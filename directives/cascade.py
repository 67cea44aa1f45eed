"""The cascade (cây triển khai): the one home of its rule, used by the cascade page, the batch ZIP, the
roll-up and the dashboards.

- Which copies count: those sent "để thực hiện" or "để phối hợp" (CASCADE_PURPOSES). A copy sent
  "để báo cáo" or "để biết" is neither counted nor followed further down.
- A document's family: the document, the documents its recipients issued to implement or forward it
  (a cascade copy's Delivery.implemented_by), theirs, and so on down, at most MAX_DEPTH levels. One
  recursive query (_walk) gives it as a sub-select, as ids, with each document's depth, or for several
  documents at once; a national family of thousands of documents never travels as a parameter list.
- A reporting requirement's family: the requirement and every requirement carried down from it (parent),
  so a province's 6-month report and the districts' and grassroots' reports that feed it are one figure.
- A unit's state (unit_state) and the one way of counting (DeliveryCounts, delivery_metrics): each unit
  once, however many copies it got (from its province and from its district), with the furthest it went on
  any copy; a unit is "drafting" when it received a copy and a draft of it implements or forwards a document
  of the family.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.db.models.expressions import RawSQL

from directives.access import cascade_visible_q, documents_visible_to
from directives.models import (
    Delivery,
    Document,
    DocumentRelation,
    Purpose,
    RelationKind,
    ReportingRequirement,
    Status,
)
from portal.org.models import Unit

CASCADE_PURPOSES = (Purpose.THUC_HIEN, Purpose.PHOI_HOP)
CASCADE_KINDS = (RelationKind.IMPLEMENTS, RelationKind.FORWARDS)  # what a recipient's own document does
# An answer on its way: drafted, awaiting the signature, or signed and awaiting the body's seal.
DRAFTING_STATUSES = (Status.DRAFT, Status.SUBMITTED, Status.SEALING)
ISSUED_STATUSES = (Status.ISSUED, Status.REVOKED)  # a document that went out (and has its issued PDF)
# The deepest implementing document below the root. The organisation is at most a handful of levels deep;
# the bound also stops a citation loop (which the depth column would otherwise walk for ever).
MAX_DEPTH = 6


def cascade_q(prefix: str = "") -> Q:
    """The copies that are part of the cascade (on Delivery, or through `prefix` on a related model)."""
    return Q(**{f"{prefix}purpose__in": CASCADE_PURPOSES})


# --- the walk ----------------------------------------------------------------------------------------------


def _sql_of(q: Q) -> tuple[str, list]:
    """A condition on Delivery's own columns as SQL on its table name, so the counts written in raw SQL
    (document_family_counts) use the very Q objects of delivery_metrics."""
    query = Delivery.objects.filter(q).query
    sql, params = query.get_compiler(connection=connection).compile(query.where)
    return sql, list(params)


def _walk(roots: list[int], *, visible: Q | None = None) -> tuple[str, list]:
    """WITH RECURSIVE fam(root, id, depth): each root and the documents of its cascade with their depth.
    With `visible`, only the deliveries matching it are followed down (the cascade page of a viewer who
    may not see all of it)."""
    deliveries = Delivery._meta.db_table
    purposes, params = _sql_of(cascade_q() & Q(implemented_by__isnull=False))
    if visible is not None:
        query = Delivery.objects.filter(visible).values("id").query
        sub, sub_params = query.get_compiler(connection=connection).as_sql()
        purposes, params = f"{purposes} AND {deliveries}.id IN ({sub})", [*params, *sub_params]
    marks = ", ".join(["%s"] * len(roots))
    sql = (
        f"WITH RECURSIVE fam(root, id, depth) AS ("
        f" SELECT id, id, 0 FROM {Document._meta.db_table} WHERE id IN ({marks})"
        f" UNION SELECT fam.root, {deliveries}.implemented_by_id, fam.depth + 1"
        f" FROM {deliveries} JOIN fam ON {deliveries}.document_id = fam.id"
        f" WHERE {purposes} AND fam.depth < %s)"
    )
    return sql, [*roots, *params, MAX_DEPTH]


def _pk(obj) -> int:
    return getattr(obj, "pk", obj)


def document_family(document: Document | int) -> RawSQL:
    """The family as a sub-select for `document_id__in=`: the database walks it inside each query."""
    sql, params = _walk([_pk(document)])
    return RawSQL(f"{sql} SELECT id FROM fam", params)


def document_family_ids(document: Document | int) -> list[int]:
    """The family's ids, sorted: a list, for a big scan PostgreSQL runs in parallel (a recursive sub-select
    is not; bench/bench_dashboard.py measured both)."""
    return sorted(document_family_depths(document))


def document_family_depths(document: Document | int, *, visible: Q | None = None) -> dict[int, int]:
    """{id: depth} of the family, each document at the shallowest level it is reached (the root at 0)."""
    sql, params = _walk([_pk(document)], visible=visible)
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} SELECT id, MIN(depth) FROM fam GROUP BY id", params)
        return dict(cursor.fetchall())


def cascade_entries(document: Document, *, user) -> list[dict]:
    """The document and the implementing documents of its cascade that the user may see, issued ones only,
    in the batch ZIP's order (by level, then by issuing unit): two queries, whatever its width."""
    depth_of = document_family_depths(document)
    ordered = (
        documents_visible_to(user)
        .filter(pk__in=list(depth_of), status__in=ISSUED_STATUSES)
        .order_by("issuer__path", "issue_date", "pk")
        .values_list("pk", flat=True)
    )
    return sorted(({"id": pk, "depth": depth_of[pk]} for pk in ordered), key=lambda e: e["depth"])


def _requirement_walk(roots: list[int]) -> tuple[str, list]:
    # No depth here: parent links only ever point to an older requirement, and UNION stops on a repeat.
    table = ReportingRequirement._meta.db_table
    marks = ", ".join(["%s"] * len(roots))
    return (
        f"WITH RECURSIVE fam(root, id) AS ("
        f" SELECT id, id FROM {table} WHERE id IN ({marks})"
        f" UNION SELECT fam.root, r.id FROM {table} r JOIN fam ON r.parent_id = fam.id)"
    ), list(roots)


def requirement_family(requirement: ReportingRequirement | int) -> RawSQL:
    """The requirement's family as a sub-select for `requirement_id__in=` (see document_family)."""
    sql, params = _requirement_walk([_pk(requirement)])
    return RawSQL(f"{sql} SELECT id FROM fam", params)


def requirement_families(root_ids: list[int]) -> dict[int, list[int]]:
    """{root id: [the root and every requirement carried down from it]} for several roots, one query."""
    if not root_ids:
        return {}
    sql, params = _requirement_walk(root_ids)
    out: dict[int, list[int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} SELECT root, id FROM fam", params)
        for root, req_id in cursor.fetchall():
            out.setdefault(root, []).append(req_id)
    return {root: sorted(ids) for root, ids in out.items()}


def requirement_family_ids(requirement: ReportingRequirement | int) -> list[int]:
    root = _pk(requirement)
    return requirement_families([root]).get(root, [root])


# --- one way of counting -------------------------------------------------------------------------------------

_TOUCHED = Q(read_at__isnull=False) | Q(acknowledged_at__isnull=False) | Q(implemented_by__isnull=False)
# What DeliveryCounts counts, as conditions on a delivery; each figure is COUNT(DISTINCT unit) of the copies
# meeting it, so a unit counts once, with the furthest it went on any of its copies.
UNIT_METRICS: dict[str, Q] = {
    "received": Q(),
    "read": Q(read_at__isnull=False),
    "acknowledged": Q(acknowledged_at__isnull=False),
    "implemented": Q(implemented_by__isnull=False),
    "to_implement": Q(purpose=Purpose.THUC_HIEN),
    "touched": _TOUCHED,
}


def delivery_metrics() -> dict[str, Count]:
    """UNIT_METRICS as aggregates of a Delivery queryset (COUNT(DISTINCT unit_id) FILTER …)."""
    return {name: Count("unit_id", distinct=True, filter=q or None) for name, q in UNIT_METRICS.items()}


def _rate(part: int, whole: int) -> float | None:
    """part ÷ whole as a percentage capped at 100 %; None when there is no whole (as the dashboards' rates)."""
    return None if not whole else min(100.0, 100.0 * part / whole)


@dataclass
class DeliveryCounts:
    """Units that received a document of the cascade (each unit once, whatever the number of copies it got),
    and what they did with it."""

    received: int = 0
    read: int = 0
    acknowledged: int = 0
    implemented: int = 0
    to_implement: int = 0
    touched: int = 0
    drafting: int = 0

    @classmethod
    def of(cls, row: dict) -> DeliveryCounts:
        return cls(*(int(row.get(name) or 0) for name in _DELIVERY_FIELDS))

    def __add__(self, other: DeliveryCounts) -> DeliveryCounts:
        # Positional over names read once (dataclasses.fields() on each of a page's thousands of additions
        # was a tenth of a province's page).
        return DeliveryCounts(*(getattr(self, n) + getattr(other, n) for n in _DELIVERY_FIELDS))

    @property
    def nothing(self) -> int:
        """Received and neither opened, acknowledged nor implemented."""
        return max(0, self.received - self.touched)

    @property
    def not_implemented(self) -> int:
        return max(0, self.to_implement - self.implemented)

    @property
    def implemented_rate(self) -> float | None:
        return _rate(self.implemented, self.to_implement)

    @property
    def acknowledged_rate(self) -> float | None:
        return _rate(self.acknowledged, self.received)

    def as_dict(self) -> dict[str, int]:
        return {**asdict(self), "nothing": self.nothing, "not_implemented": self.not_implemented}


_DELIVERY_FIELDS = tuple(f.name for f in fields(DeliveryCounts))


def drafting_relations(family) -> QuerySet[DocumentRelation]:
    """Drafts (or drafts awaiting signature) that implement or forward a document of the family, by units that
    received a copy of it in the cascade: those units' answer is on its way."""
    recipients = Delivery.objects.filter(cascade_q(), document_id__in=family).values("unit_id")
    return DocumentRelation.objects.filter(
        target_id__in=family,
        kind__in=CASCADE_KINDS,
        source__status__in=DRAFTING_STATUSES,
        source__issuer_id__in=recipients,
    )


def unit_counts(deliveries: QuerySet[Delivery], drafts: QuerySet[DocumentRelation]) -> DeliveryCounts:
    """The figures of a set of cascade copies and of the drafts answering them: two queries."""
    counts = deliveries.aggregate(**delivery_metrics())
    counts["drafting"] = drafts.aggregate(n=Count("source__issuer_id", distinct=True))["n"]
    return DeliveryCounts.of(counts)


def document_family_counts(
    root_ids: list[int], *, path: str, path_end: str, anywhere: list[int] | tuple[int, ...] = ()
) -> dict[int, dict[str, int]]:
    """For several documents at once: the units of the subtree [path, path_end) that received a document of
    each one's cascade, and what they did — UNIT_METRICS per root. One query.

    For the roots in `anywhere` (the documents the unit issued itself) every recipient of the cascade counts,
    wherever it sits in the tree: what the issuer sent, not only what landed below it."""
    if not root_ids:
        return {}
    anywhere = [r for r in anywhere if r in root_ids]
    where_any = f"fam.root IN ({', '.join(['%s'] * len(anywhere))}) OR " if anywhere else ""
    walk, params = _walk(list(root_ids))
    deliveries, units = Delivery._meta.db_table, Unit._meta.db_table
    columns, column_params = [], []
    for q in UNIT_METRICS.values():
        condition, condition_params = _sql_of(q) if q else ("TRUE", [])
        columns.append(f"COUNT(DISTINCT CASE WHEN {condition} THEN {deliveries}.unit_id END)")
        column_params += condition_params
    cascade, cascade_params = _sql_of(cascade_q())
    sql = (
        f"{walk} SELECT fam.root, {', '.join(columns)}"
        f" FROM fam JOIN {deliveries} ON {deliveries}.document_id = fam.id"
        f" JOIN {units} u ON u.id = {deliveries}.unit_id"
        f" WHERE {cascade} AND ({where_any}(u.path >= %s AND u.path < %s))"
        f" GROUP BY fam.root"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *column_params, *cascade_params, *anywhere, path, path_end])
        return {row[0]: dict(zip(UNIT_METRICS, row[1:], strict=True)) for row in cursor.fetchall()}


# --- a unit's state, and the cascade page ---------------------------------------------------------------------

STATE_LABELS = {
    "implemented": "Đã ban hành văn bản triển khai",
    "drafting": "Đang soạn văn bản triển khai",
    "acknowledged": "Đã tiếp nhận",
    "read": "Đã xem, chưa tiếp nhận",
    "none": "Chưa xử lý",
}


def unit_state(*, implemented: bool, drafting: bool, acknowledged: bool, read: bool) -> str:
    """How far a unit went with what it received, the furthest step winning (a key of STATE_LABELS)."""
    if implemented:
        return "implemented"
    if drafting:
        return "drafting"
    if acknowledged:
        return "acknowledged"
    return "read" if read else "none"


@dataclass
class CascadeRow:
    delivery: Delivery
    draft: Mapping[str, Any] | None = (
        None  # an implementing document still being drafted, if any (a values() row)
    )

    @property
    def state(self) -> str:
        d = self.delivery
        return unit_state(
            implemented=bool(d.implemented_by_id),
            drafting=bool(self.draft),
            acknowledged=bool(d.acknowledged_at),
            read=bool(d.read_at),
        )


@dataclass
class CascadeLevel:
    depth: int
    counts: dict[str, int]  # DeliveryCounts.as_dict() of the level
    rows: list[CascadeRow] = field(default_factory=list)
    truncated: bool = False


@dataclass
class Cascade:
    levels: list[CascadeLevel]
    total: DeliveryCounts  # the whole cascade, each unit once: the figures of the dashboard's directive page


def cascade_of(document: Document, *, user=None, rows_per_level: int = 300) -> Cascade:
    """The document's descendants level by level (level n: the copies of the documents n − 1 steps below it),
    and the whole cascade's figures. A fixed number of queries per level, whatever its width.

    With a user, only the deliveries that user may see (directives.access.cascade_visible_q: all of them for
    the issuer's leaders) are counted, listed and followed further down; without one, the whole cascade (the
    services' own use)."""
    visible = cascade_visible_q(user, document) if user is not None else Q()
    depth_of = document_family_depths(document, visible=visible or None)  # Q() (see everything): no filter
    family = list(depth_of)
    seen = Delivery.objects.filter(visible, cascade_q(), document_id__in=family)
    total = unit_counts(seen, drafting_relations(family).filter(source__issuer_id__in=seen.values("unit_id")))
    levels: list[CascadeLevel] = []
    for depth in range(1, max(depth_of.values()) + 2):
        docs = [pk for pk, d in depth_of.items() if d == depth - 1]
        base = seen.filter(document_id__in=docs)
        drafts = drafting_relations(family).filter(
            target_id__in=docs, source__issuer_id__in=base.values("unit_id")
        )
        counts = unit_counts(base, drafts)
        if not counts.received:
            break
        draft_of = {
            (r["target_id"], r["source__issuer_id"]): r
            for r in drafts.values("target_id", "source_id", "source__issuer_id", "source__status")
        }
        page = list(
            base.select_related("unit", "implemented_by", "document").order_by("unit__path", "document_id")[
                : rows_per_level + 1
            ]
        )
        rows = [CascadeRow(d, draft_of.get((d.document_id, d.unit_id))) for d in page[:rows_per_level]]
        levels.append(
            CascadeLevel(
                depth=depth, counts=counts.as_dict(), rows=rows, truncated=len(page) > rows_per_level
            )
        )
    return Cascade(levels=levels, total=total)
