"""Reads of documents. Every list here costs a fixed number of queries whatever its size."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from directives.access import cascade_visible_q, documents_visible_to
from directives.models import Delivery, Document, DocumentRelation, RelationKind, Status
from portal.lib.search import fold
from portal.org.access import scope_for

CASCADE_KINDS = [RelationKind.IMPLEMENTS, RelationKind.FORWARDS]


def inbox(user, *, unread: bool = False, pending: bool = False, issuer_id: int | None = None, doc_type: str = "",
          year: int | None = None) -> QuerySet[Delivery]:
    """Văn bản đến: deliveries to the user's own units."""
    scope = scope_for(user)
    qs = (Delivery.objects.filter(unit_id__in=list(scope.own_unit_ids))
          .select_related("document", "document__issuer", "unit", "implemented_by")
          .order_by("-delivered_at", "-id"))
    if unread:
        qs = qs.filter(read_at__isnull=True)
    if pending:  # cần xử lý: not yet acknowledged, or to carry out and not yet implemented
        qs = qs.filter(Q(acknowledged_at__isnull=True) | Q(purpose="thuc_hien", implemented_by__isnull=True))
    if issuer_id:
        qs = qs.filter(document__issuer_id=issuer_id)
    if doc_type:
        qs = qs.filter(document__doc_type=doc_type)
    if year:
        qs = qs.filter(document__issue_date__year=year)
    return qs


def inbox_issuers(user, *, limit: int = 100) -> list[tuple[int, str]]:
    """The bodies that sent documents to the user's units, for the inbox's "Cơ quan ban hành" filter (one
    query, whatever the size of the inbox)."""
    scope = scope_for(user)
    rows = (Document.objects.filter(deliveries__unit_id__in=list(scope.own_unit_ids), issuer__isnull=False)
            .order_by().values_list("issuer_id", "issuer__name").distinct()[:limit])
    return sorted(rows, key=lambda row: fold(row[1]))


def outgoing(user, *, status: str = "", query: str = "") -> QuerySet[Document]:
    """Văn bản đi: documents of the units where the user drafts or leads."""
    scope = scope_for(user)
    qs = (Document.objects.filter(scope.unit_q("issuer__"), is_external=False)
          .select_related("issuer", "created_by").order_by("-updated_at", "-id"))
    if status:
        qs = qs.filter(status=status)
    if query:
        qs = qs.filter(search_text__contains=fold(query))
    return qs


def delivery_counts(document: Document) -> dict[str, int]:
    """Delivered / read / acknowledged / implemented for the issuer's tracking table: one query."""
    return Delivery.objects.filter(document=document).aggregate(
        total=Count("id"), read=Count("id", filter=Q(read_at__isnull=False)),
        acknowledged=Count("id", filter=Q(acknowledged_at__isnull=False)),
        implemented=Count("id", filter=Q(implemented_by__isnull=False)),
    )


def deliveries_of(document: Document, *, state: str = "") -> QuerySet[Delivery]:
    qs = Delivery.objects.filter(document=document).select_related("unit", "implemented_by").order_by("unit__path")
    return {
        "chua-doc": qs.filter(read_at__isnull=True),
        "chua-tiep-nhan": qs.filter(acknowledged_at__isnull=True),
        "chua-trien-khai": qs.filter(purpose="thuc_hien", implemented_by__isnull=True),
    }.get(state, qs)


def related(document: Document, *, user) -> dict[str, list]:
    """Cited documents (out) and documents that cite this one (in), those the user may read only: a
    citation shows the other document's type, number, date and issuer."""
    visible = documents_visible_to(user)
    out = list(document.relations_out.filter(target__in=visible).select_related("target", "target__issuer"))
    incoming = list(DocumentRelation.objects.filter(target=document, source__status__in=[Status.ISSUED, Status.REVOKED],
                                                    source__in=visible)
                    .select_related("source", "source__issuer")[:200])
    return {"out": out, "in": incoming}


@dataclass
class CascadeRow:
    delivery: Delivery
    draft: dict | None = None  # an implementing document still being drafted, if any

    @property
    def state(self) -> str:
        if self.delivery.implemented_by_id:
            return "implemented"
        if self.draft:
            return "drafting"
        if self.delivery.acknowledged_at:
            return "acknowledged"
        if self.delivery.read_at:
            return "read"
        return "none"


@dataclass
class CascadeLevel:
    depth: int
    counts: dict[str, int]
    rows: list[CascadeRow] = field(default_factory=list)
    truncated: bool = False


STATE_LABELS = {"implemented": "Đã ban hành văn bản triển khai", "drafting": "Đang soạn văn bản triển khai",
                "acknowledged": "Đã tiếp nhận", "read": "Đã xem, chưa tiếp nhận", "none": "Chưa xử lý"}


def cascade(document: Document, *, user=None, max_depth: int = 6, rows_per_level: int = 300) -> list[CascadeLevel]:
    """The document's descendants level by level: three queries per level, whatever its width.

    With a user, only the deliveries that user may see (directives.access.cascade_visible_q: all of them for
    the issuer's leaders) are counted, listed and followed further down; without one, the whole cascade (the
    services' own use)."""
    levels: list[CascadeLevel] = []
    docs = [document.pk]
    visible = cascade_visible_q(user, document) if user is not None else Q()
    for depth in range(1, max_depth + 1):
        # Copies sent "để báo cáo" or "để biết" are not part of the cascade; those to carry out are.
        base = Delivery.objects.filter(visible, document_id__in=docs, purpose__in=["thuc_hien", "phoi_hop"])
        counts = base.aggregate(
            received=Count("id"), acknowledged=Count("id", filter=Q(acknowledged_at__isnull=False)),
            implemented=Count("id", filter=Q(implemented_by__isnull=False)),
            nothing=Count("id", filter=Q(read_at__isnull=True, acknowledged_at__isnull=True,
                                         implemented_by__isnull=True)),
            to_implement=Count("id", filter=Q(purpose="thuc_hien")),
        )
        if not counts["received"]:
            break
        drafts = {
            (r["target_id"], r["source__issuer_id"]): r
            for r in DocumentRelation.objects.filter(target_id__in=docs, kind__in=CASCADE_KINDS,
                                                     source__status__in=[Status.DRAFT, Status.SUBMITTED],
                                                     source__issuer_id__in=base.values("unit_id"))
            .values("target_id", "source_id", "source__issuer_id", "source__status")
        }
        counts["drafting"] = len(drafts)
        page = list(base.select_related("unit", "implemented_by", "document").order_by("unit__path", "document_id")
                    [: rows_per_level + 1])
        rows = [CascadeRow(d, drafts.get((d.document_id, d.unit_id))) for d in page[:rows_per_level]]
        levels.append(CascadeLevel(depth=depth, counts=counts, rows=rows, truncated=len(page) > rows_per_level))
        docs = list(base.filter(implemented_by__isnull=False).values_list("implemented_by_id", flat=True).distinct())
        if not docs:
            break
    return levels


def citable_documents(user, query: str, limit: int = 15) -> QuerySet[Document]:
    """Documents to cite, found by number-symbol (exact match first) or subject, within reach."""
    q = query.strip()
    qs = documents_visible_to(user).filter(status__in=[Status.ISSUED, Status.EXTERNAL]).select_related("issuer")
    folded = fold(q)
    return qs.filter(Q(number_symbol__icontains=q.replace(" ", "")) | Q(search_text__contains=folded)) \
        .order_by("-issue_date")[:limit]
