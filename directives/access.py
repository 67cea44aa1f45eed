"""Who may see and act on which documents — the one access helper per resource.

A document is visible to members of its issuing unit's scope (leaders above it see it too),
to every unit it was delivered to (and their leaders), and — when external — to everyone
signed in. Drafts are visible only on the issuing side.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from directives.models import Delivery, Document, Status
from portal.org.access import scope_for
from portal.org.models import Role, Unit

DRAFTING_ROLES = (Role.DRAFTER, Role.SIGNER, Role.CLERK)


def documents_visible_to(user) -> QuerySet[Document]:
    scope = scope_for(user)
    if scope.is_system_admin:
        return Document.objects.all()
    if not scope.is_member:
        return Document.objects.none()
    delivered = Delivery.objects.filter(Q(document=OuterRef("pk")) & scope.unit_q("unit__"))
    return Document.objects.filter(
        scope.unit_q("issuer__") | Q(is_external=True) | (Q(status__in=[Status.ISSUED, Status.REVOKED]) & Exists(delivered))
    )


def document_for_user(user, document_id: int) -> Document:
    """Fetch a document the user may read, with what every page needs, or 404."""
    document = (
        documents_visible_to(user)
        .select_related("issuer", "created_by", "signed_by")
        .filter(pk=document_id)
        .first()
    )
    if document is None:
        raise Http404("Không tìm thấy văn bản.")
    return document


def document_for_editing(user, document_id: int) -> Document:
    """A draft of a unit where the user drafts (drafter, signer or clerk of the issuing unit)."""
    document = document_for_user(user, document_id)
    if document.is_external or not scope_for(user).has_role(document.issuer_id, *DRAFTING_ROLES):
        raise Http404("Không tìm thấy văn bản.")
    return document


def delivery_for_user(user, document: Document) -> Delivery | None:
    """The delivery of this document to one of the user's own units (the recipient side), if any."""
    scope = scope_for(user)
    return (Delivery.objects.select_related("unit", "implemented_by")
            .filter(document=document, unit_id__in=list(scope.own_unit_ids)).order_by("unit__path").first())


def can_issue(user, document: Document) -> bool:
    return scope_for(user).has_role(document.issuer_id, Role.SIGNER)


def can_draft_for(user, unit: Unit) -> bool:
    return scope_for(user).is_system_admin or scope_for(user).has_role(unit.pk, *DRAFTING_ROLES)


def drafting_units(user) -> QuerySet[Unit]:
    scope = scope_for(user)
    return Unit.objects.filter(pk__in=scope.unit_ids_with_role(*DRAFTING_ROLES)).order_by("path")


def reach_q(issuer: Unit, prefix: str = "") -> Q:
    """Units the issuer may address: its own subtree, its ancestors (to report up), the units
    that sent it documents (to report back), and the subtrees of the units it is linked to
    across lines (Unit.addressees)."""
    q = Q(**{f"{prefix}path__startswith": issuer.path}) | Q(**{f"{prefix}path__in": issuer.ancestor_paths()})
    q |= Q(**{f"{prefix}pk__in": Delivery.objects.filter(unit=issuer).values("document__issuer_id")})
    for path in issuer.addressees.values_list("path", flat=True):
        q |= Q(**{f"{prefix}path__startswith": path})
    return q


def units_in_reach(issuer: Unit) -> QuerySet[Unit]:
    return Unit.objects.filter(reach_q(issuer))
