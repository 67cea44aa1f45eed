"""Reads of documents. Every list here costs a fixed number of queries whatever its size."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from directives import access
from directives.access import documents_visible_to
from directives.models import Delivery, Document, DocumentRelation, Status
from portal.lib.search import fold
from portal.org.access import scope_for
from portal.signing.selectors import PdfCheck, pdf_verification


def inbox(
    user,
    *,
    unread: bool = False,
    pending: bool = False,
    recalled: bool = False,
    issuer_id: int | None = None,
    doc_type: str = "",
    year: int | None = None,
) -> QuerySet[Delivery]:
    """Văn bản đến: deliveries to the user's own units."""
    scope = scope_for(user)
    qs = (
        Delivery.objects.filter(unit_id__in=list(scope.own_unit_ids))
        # The incoming register's entry by its relation's name (directives.handling stands above: not imported).
        .select_related("document", "document__issuer", "unit", "implemented_by", "incoming_entry")
        .order_by("-delivered_at", "-id")
    )
    if unread:
        qs = qs.filter(read_at__isnull=True)
    if (
        pending
    ):  # cần xử lý: not yet acknowledged, or to carry out and not yet implemented — not one returned;
        # a recalled document is no longer carried out: only its recall waits to be confirmed
        qs = qs.filter(
            (
                ~Q(document__status=Status.REVOKED)
                & (Q(acknowledged_at__isnull=True) | Q(purpose="thuc_hien", implemented_by__isnull=True))
            )
            | Q(document__status=Status.REVOKED, recall_confirmed_at__isnull=True),
            returned_at__isnull=True,
        )
    if recalled:
        qs = qs.filter(document__status=Status.REVOKED)
    if issuer_id:
        qs = qs.filter(document__issuer_id=issuer_id)
    if doc_type:
        qs = qs.filter(document__doc_type=doc_type)
    if year:
        qs = qs.filter(document__issue_date__year=year)
    return qs


def awaiting_seal(user) -> QuerySet[Document]:
    """Văn bản chờ đóng dấu: documents signed by their signer and numbered, waiting for a clerk of the issuing
    unit to apply the body's signature — those of the units where the user is a clerk, oldest first."""
    return (
        Document.objects.filter(status=Status.SEALING, issuer_id__in=access.sealing_units(user))
        .select_related("issuer", "signed_by")
        .order_by("signed_at", "id")
    )


def inbox_issuers(user, *, limit: int = 100) -> list[tuple[int, str]]:
    """The bodies that sent documents to the user's units, for the inbox's "Cơ quan ban hành" filter (one
    query, whatever the size of the inbox)."""
    scope = scope_for(user)
    rows = (
        Document.objects.filter(deliveries__unit_id__in=list(scope.own_unit_ids), issuer__isnull=False)
        .order_by()
        .values_list("issuer_id", "issuer__name")
        .distinct()[:limit]
    )
    return sorted(rows, key=lambda row: fold(row[1]))


def outgoing(user, *, status: str = "", query: str = "") -> QuerySet[Document]:
    """Văn bản đi: documents of the units where the user drafts or leads."""
    scope = scope_for(user)
    qs = (
        Document.objects.filter(scope.unit_q("issuer__"), is_external=False)
        .select_related("issuer", "created_by")
        .order_by("-updated_at", "-id")
    )
    if status:
        qs = qs.filter(status=status)
    if query:
        qs = qs.filter(search_text__contains=fold(query))
    return qs


def delivery_counts(document: Document) -> dict[str, int]:
    """Delivered / read / acknowledged / implemented / returned (and, once recalled, confirmed out of expected)
    for the issuer's tracking table: one query."""
    return Delivery.objects.filter(document=document).aggregate(
        total=Count("id"),
        read=Count("id", filter=Q(read_at__isnull=False)),
        acknowledged=Count("id", filter=Q(acknowledged_at__isnull=False)),
        implemented=Count("id", filter=Q(implemented_by__isnull=False)),
        returned=Count("id", filter=Q(returned_at__isnull=False)),
        # A recalled document: the copies whose clerk confirmed the withdrawal, out of those not returned.
        recall_confirmed=Count("id", filter=Q(recall_confirmed_at__isnull=False)),
        recall_expected=Count("id", filter=Q(returned_at__isnull=True)),
    )


def deliveries_of(document: Document, *, state: str = "") -> QuerySet[Delivery]:
    qs = (
        Delivery.objects.filter(document=document)
        # «Đã tiếp nhận — số đến 01»: the recipient's register entry, by its relation's name (not imported).
        .select_related("unit", "implemented_by", "incoming_entry", "recall_confirmed_by")
        .order_by("unit__path")
    )
    return {
        "chua-doc": qs.filter(read_at__isnull=True),
        "chua-tiep-nhan": qs.filter(acknowledged_at__isnull=True),
        "chua-trien-khai": qs.filter(purpose="thuc_hien", implemented_by__isnull=True),
        "bi-tra-lai": qs.filter(returned_at__isnull=False),
        "chua-xac-nhan-thu-hoi": qs.filter(recall_confirmed_at__isnull=True, returned_at__isnull=True),
        "da-xac-nhan-thu-hoi": qs.filter(recall_confirmed_at__isnull=False),
    }.get(state, qs)


def document_signatures(document: Document) -> PdfCheck | None:
    """The digital signatures of a document's file as its page shows them; None for a document that has no
    file of its own yet (a draft, one awaiting signature) or was recorded from outside the system.

    An issued document shows the report recorded when it was sealed while its stored file still hashes to
    ``pdf_sha256``; a file changed since is verified again and said to be changed. A document signed by its
    signer and waiting for the body's signature has no recorded report: its file is verified (once per file
    contents, see portal.signing.selectors)."""
    if document.is_external or document.status in (Status.DRAFT, Status.SUBMITTED):
        return None
    if not document.is_issued:  # signed, waiting for the seal
        return pdf_verification(document.pdf, recorded_sha256="", recorded_report=None)
    return pdf_verification(
        document.pdf, recorded_sha256=document.pdf_sha256, recorded_report=document.signature_report
    )


def related(document: Document, *, user) -> dict[str, list]:
    """Cited documents (out) and documents that cite this one (in), those the user may read only: a
    citation shows the other document's type, number, date and issuer."""
    visible = documents_visible_to(user)
    out = list(document.relations_out.filter(target__in=visible).select_related("target", "target__issuer"))
    incoming = list(
        DocumentRelation.objects.filter(
            target=document, source__status__in=[Status.ISSUED, Status.REVOKED], source__in=visible
        ).select_related("source", "source__issuer")[:200]
    )
    return {"out": out, "in": incoming}


def citable_documents(user, query: str, limit: int = 15) -> QuerySet[Document]:
    """Documents to cite, found by number-symbol (exact match first) or subject, within reach."""
    q = query.strip()
    qs = (
        documents_visible_to(user)
        .filter(status__in=[Status.ISSUED, Status.EXTERNAL])
        .select_related("issuer")
    )
    folded = fold(q)
    return qs.filter(
        Q(number_symbol__icontains=q.replace(" ", "")) | Q(search_text__contains=folded)
    ).order_by("-issue_date")[:limit]
