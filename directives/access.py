"""Who may see and act on which documents — the one access helper per resource.

A document is visible to members of its issuing unit's scope (leaders above it see it too),
to every unit it was delivered to (and their leaders), and — when external — to everyone
signed in. Drafts are visible only on the issuing side.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from directives.models import Delivery, Document, Purpose, RenderBatch, Selection, Status
from portal.org.access import scope_for
from portal.org.models import Role, Unit

DRAFTING_ROLES = (Role.DRAFTER, Role.SIGNER, Role.CLERK)


def documents_visible_to(user, *, many: bool = False) -> QuerySet[Document]:
    """The documents the user may see. `many`: the caller filters and counts many rows (search, lists) rather
    than fetching one: for a scope below the national level the visible deliveries are then reached from the
    user's subtree first — its units on the path index, their deliveries on (unit_id, …), one hashed set of
    document ids — instead of an EXISTS over the deliveries of every matching document in the country."""
    scope = scope_for(user)
    if scope.is_system_admin:
        return Document.objects.all()
    if not scope.is_member:
        return Document.objects.none()
    issued = Q(status__in=[Status.ISSUED, Status.REVOKED])
    if many and scope.below_national:
        units = scope.unit_ids()
        return Document.objects.filter(
            Q(issuer_id__in=units)
            | Q(is_external=True)
            | (issued & Q(pk__in=Delivery.objects.filter(unit_id__in=units).values("document_id")))
        )
    delivered = Delivery.objects.filter(Q(document=OuterRef("pk")) & scope.unit_q("unit__"))
    return Document.objects.filter(
        scope.unit_q("issuer__") | Q(is_external=True) | (issued & Exists(delivered))
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


def readable_ids(user, ids) -> set[int]:
    """Which of these documents the user may open, in one query: a page naming documents the viewer did not
    pick (what the recipients issued to carry a directive out) links only these and names the others."""
    ids = {i for i in ids if i}
    if not ids:
        return set()
    return set(documents_visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))


def may_edit(user, document: Document) -> bool:
    """The user drafts for the issuing unit (drafter, signer or clerk): the rule of the editor's pages —
    not a leader above it, not the system administrator."""
    return not document.is_external and document.issuer_id in scope_for(user).unit_ids_with_role(
        *DRAFTING_ROLES
    )


def editable_q(user) -> Q:
    """may_edit as a filter on documents, for lists that link to the editor."""
    return Q(is_external=False, issuer_id__in=scope_for(user).unit_ids_with_role(*DRAFTING_ROLES))


def document_for_editing(user, document_id: int) -> Document:
    """A draft of a unit where the user drafts (drafter, signer or clerk of the issuing unit)."""
    document = document_for_user(user, document_id)
    if not may_edit(user, document):
        raise Http404("Không tìm thấy văn bản.")
    return document


def may_alter_external(user, document: Document) -> bool:
    """A document recorded from outside the system is its owner unit's record: that unit's drafting roles
    (and the system administrator) may correct or remove it; everyone else only reads and cites it."""
    if not document.is_external:
        return False
    scope = scope_for(user)
    return scope.is_system_admin or (
        document.owner_id is not None and scope.has_role(document.owner_id, *DRAFTING_ROLES)
    )


def external_document_for_owner(user, document_id: int) -> Document:
    """An external document the user may correct or remove, or 404 (whether cited is the service's check)."""
    document = Document.objects.filter(pk=document_id, is_external=True).select_related("owner").first()
    if document is None or not may_alter_external(user, document):
        raise Http404("Không tìm thấy văn bản.")
    return document


def owner_unit_for(user) -> Unit | None:
    """The unit a document entered from outside is recorded for: the first unit where the user drafts."""
    return drafting_units(user).first()


def issuing_side_q(user, prefix: str = "") -> Q:
    """Units whose documents the user follows as the issuing side: where they draft, and the subtrees they lead."""
    scope = scope_for(user)
    if scope.is_system_admin:
        return Q()
    q = Q(**{f"{prefix}id__in": scope.unit_ids_with_role(*DRAFTING_ROLES)})
    for path in scope.subtree_paths:
        q |= Q(**{f"{prefix}path__startswith": path})
    return q


def batch_for_user(user, batch_id: int) -> RenderBatch:
    """A ZIP batch its requester (or a system administrator) may follow and download, or 404."""
    qs = RenderBatch.objects.select_related("document", "document__issuer").filter(pk=batch_id)
    if not scope_for(user).is_system_admin:
        qs = qs.filter(requested_by_id=user.pk)
    batch = qs.first()
    if batch is None:
        raise Http404("Không tìm thấy lô tải văn bản.")
    return batch


def document_for_cascade(user, document_id: int) -> Document:
    """The cascade page of a document (who has carried it out below): a leader's view, as the dashboards —
    a reporter or a drafter of a receiving unit gets the same 404 — and the issuing unit's drafters, who
    follow their own document's deliveries. Which rows the viewer sees is cascade_visible_q's business."""
    document = document_for_user(user, document_id)
    if not may_follow_cascade(user, document):
        raise Http404("Không tìm thấy văn bản.")
    return document


def may_follow_cascade(user, document: Document) -> bool:
    scope = scope_for(user)
    issuer = document.issuer  # None without a query for a document recorded from outside the system
    issuing_side = issuer is not None and (scope.leads(issuer) or scope.has_role(issuer.pk, *DRAFTING_ROLES))
    return scope.is_system_admin or bool(scope.subtree_paths) or issuing_side


def cascade_visible_q(user, document: Document) -> Q:
    """The deliveries of a document's cascade a viewer may see. The leaders of the issuing unit (or above
    it) see all of it — following who has done what in the whole tree below their directive is the
    cascade's point; anyone else only the deliveries to units in their scope or of documents of units
    they follow as the issuing side — never another district's progress, drafts or plan numbers."""
    scope = scope_for(user)
    issuer = document.issuer
    if issuer is not None and scope.leads(issuer):
        return Q()
    return scope.unit_q("unit__") | issuing_side_q(user, "document__issuer__")


def delivery_for_user(user, document: Document) -> Delivery | None:
    """The delivery of this document to one of the user's own units (the recipient side), if any."""
    scope = scope_for(user)
    return (
        Delivery.objects.select_related("unit", "implemented_by")
        .filter(document=document, unit_id__in=list(scope.own_unit_ids))
        .order_by("unit__path")
        .first()
    )


def can_return_delivery(user, delivery: Delivery | None) -> bool:
    """The clerk (văn thư) of the receiving unit checks the authenticity and integrity of what arrives and
    returns what fails (Nghị định 30/2020, Art. 21.2): only a clerk of the unit the delivery is for."""
    return delivery is not None and scope_for(user).has_role(delivery.unit_id, Role.CLERK)


def can_confirm_recall(user, delivery: Delivery | None) -> bool:
    """The clerk (văn thư) of the receiving unit confirms that its copy of a recalled document is withdrawn (thu
    hồi, Nghị định 30/2020 Art. 18.4b), once; a copy returned to the sender needs no confirmation."""
    return (
        delivery is not None
        and delivery.document.status == Status.REVOKED
        and delivery.recall_confirmed_at is None
        and delivery.returned_at is None
        and scope_for(user).has_role(delivery.unit_id, Role.CLERK)
    )


def can_issue(user, document: Document) -> bool:
    return document.issuer_id is not None and scope_for(user).has_role(document.issuer_id, Role.SIGNER)


def can_seal(user, document: Document) -> bool:
    """A clerk (văn thư) of the issuing unit: the one who holds the body's key and applies its signature, the
    electronic seal (Nghị định 30/2020 Art. 14.3, 32.2). Not a leader above it, not the system administrator."""
    return document.issuer_id is not None and scope_for(user).has_role(document.issuer_id, Role.CLERK)


def sealing_units(user) -> list[int]:
    """The units whose documents the user seals: where they are a clerk."""
    return scope_for(user).unit_ids_with_role(Role.CLERK)


def can_draft_for(user, unit: Unit) -> bool:
    return scope_for(user).is_system_admin or scope_for(user).has_role(unit.pk, *DRAFTING_ROLES)


def drafting_units(user) -> QuerySet[Unit]:
    scope = scope_for(user)
    return Unit.objects.filter(pk__in=scope.unit_ids_with_role(*DRAFTING_ROLES)).order_by("path")


def units_for_new_document(user) -> QuerySet[Unit]:
    """The units the user may start a draft for, or 403 when there is none (no drafting role anywhere)."""
    units = drafting_units(user)
    if not units.exists():
        raise PermissionDenied("Bạn không có vai trò soạn thảo ở đơn vị nào.")
    return units


def is_issuer_side(user, document: Document) -> bool:
    """The user follows the document from the issuing side — a drafting role in the issuing unit, or a leader of
    it or of a unit above — and so sees how far its deliveries have got, not only their own unit's."""
    issuer = document.issuer  # None without a query for a document recorded from outside the system
    if document.is_external or issuer is None:
        return False  # recorded from outside: its deliveries were never the portal's
    return can_draft_for(user, issuer) or scope_for(user).leads(issuer)


# --- reach: which units a unit may address (issue 20) -------------------------------------------------------
#
# The one rule, checked on what a draft *expands to*, not only on the ids it names:
#
#   * downward reach = the issuer's own subtree and the subtrees of the units it is linked to across lines
#     (Unit.addressees). Anything that makes a unit act — a recipient "để thực hiện" or "để phối hợp", a task,
#     an obligation to report (named reporters, a đột xuất request) — must expand to units inside it only;
#   * upward and sideways = the issuer's ancestors and the units that sent it documents. They may be addressed
#     only "để báo cáo" or "để biết", and only as a single named unit (never "subtree of", "children of" or
#     "every unit of a kind below" them), and may be where reports go (a requirement's "gửi về" / "qua").
#
# Every writer of recipients, tasks and requirements goes through addressing_refusals(): the editor, the API's
# PATCH, derived drafts and chase letters (document_save_draft), submitting and issuing (checked again, since
# the tree may have changed since the draft was saved), đột xuất requests and the successor of a merger.

UPWARD_PURPOSES = (Purpose.BAO_CAO, Purpose.DE_BIET)
NOT_DELIVERED = (Purpose.LUU,)


def reach_down_q(issuer: Unit, prefix: str = "") -> Q:
    """The units the issuer may make act: its own subtree and its addressees' subtrees."""
    q = Q(**{f"{prefix}path__startswith": issuer.path})
    for path in issuer.addressees.values_list("path", flat=True):
        q |= Q(**{f"{prefix}path__startswith": path})
    return q


def reach_up_q(issuer: Unit, prefix: str = "") -> Q:
    """The units the issuer may only report to or inform, one at a time: its ancestors and its senders."""
    return Q(**{f"{prefix}path__in": issuer.ancestor_paths()}) | Q(
        **{f"{prefix}pk__in": Delivery.objects.filter(unit=issuer).values("document__issuer_id")}
    )


def reach_q(issuer: Unit, prefix: str = "") -> Q:
    """Every unit the issuer may name at all (the recipient picker): downward and upward reach together."""
    return reach_down_q(issuer, prefix) | reach_up_q(issuer, prefix)


def units_in_reach(issuer: Unit) -> QuerySet[Unit]:
    return Unit.objects.filter(reach_q(issuer))


def delivered_within_reach_q(issuer: Unit, prefix: str = "unit__") -> Q:
    """Deliveries the rule permits: downward ones, and upward ones "để báo cáo" / "để biết"."""
    return reach_down_q(issuer, prefix) | (Q(purpose__in=UPWARD_PURPOSES) & reach_up_q(issuer, prefix))


def expand_recipient(*, issuer: Unit, selection: str, unit: Unit, kind: str = "", today) -> QuerySet[Unit]:
    """The units a recipient line is delivered to on `today` (never the issuer itself, no closed unit)."""
    base = Unit.objects.exclude(pk=issuer.pk).filter(Q(active_to__isnull=True) | Q(active_to__gte=today))
    if selection == Selection.UNIT:
        return base.filter(pk=unit.pk)
    below = base.filter(path__startswith=unit.path)
    if selection == Selection.SUBTREE:
        return below
    if selection == Selection.CHILDREN:
        return below.filter(depth=unit.depth + 1)
    if selection == Selection.KIND_BELOW:
        return below.filter(depth__gt=unit.depth, kind=kind)
    return base.none()


@dataclass(frozen=True)
class Addressed:
    """One place of a draft (or a request) that names a unit, in the words the refusal uses."""

    where: str  # "Nơi nhận dòng 2 («Các LĐLĐ huyện»)"
    unit_id: int
    act: str  # ACTS: what the unit is asked to do
    selection: str = Selection.UNIT
    kind: str = ""


# What a named unit is asked to do, and so which reach it must lie in.
ACT = "act"  # carry out, coordinate, do a task, owe a report: downward reach only (the expansion)
INFORM = "inform"  # "để báo cáo" / "để biết": downward, or one single unit upward or sideways
REPORT_TO = "report_to"  # where reports go ("gửi về", "qua"): the issuer, downward, or one unit upward
NAME_ONLY = "name_only"  # printed but not delivered ("Lưu", "chỉ ghi tên"): anywhere within reach


def recipient_act(purpose: str, selection: str) -> str:
    if purpose in NOT_DELIVERED or selection == Selection.NONE:
        return NAME_ONLY
    return INFORM if purpose in UPWARD_PURPOSES else ACT


def addressing_refusals(issuer: Unit, lines: list[Addressed]) -> list[str]:
    """What breaks the reach rule, one Vietnamese sentence per line at fault (empty: all is well).

    A unit outside every reach is never named in the sentence, so a refusal does not tell what an id
    belongs to; a unit above or beside the issuer (which the issuer knows) is.
    """
    if not lines:
        return []
    down, up = reach_down_q(issuer), reach_up_q(issuer)
    ids = {line.unit_id for line in lines}
    units = Unit.objects.in_bulk(ids)
    in_down = set(Unit.objects.filter(down, pk__in=ids).values_list("pk", flat=True))
    in_up = set(Unit.objects.filter(up, pk__in=ids).values_list("pk", flat=True))
    problems = []
    for line in lines:
        unit = units.get(line.unit_id)
        if unit is None or (line.unit_id not in in_down and line.unit_id not in in_up):
            problems.append(f"{line.where}: đơn vị ngoài phạm vi gửi văn bản của {issuer.name}.")
            continue
        if line.act == NAME_ONLY:
            continue
        single = line.selection == Selection.UNIT
        # The downward reach is a union of whole subtrees, so a line whose unit lies in it expands (subtree,
        # children, a kind below) to units that all lie in it too; a line whose unit lies above or beside the
        # issuer would expand beyond it, so it may only name that one unit.
        if line.unit_id not in in_down:
            # Above or beside the issuer: only one named unit, only to inform or to report to.
            if not single:
                problems.append(
                    f"{line.where}: «{unit.name}» là cấp trên hoặc ngang cấp của {issuer.name}; "
                    f"không gửi được cho các đơn vị thuộc «{unit.name}», chỉ gửi riêng "
                    f"«{unit.name}» để báo cáo hoặc để biết."
                )
            elif line.act == ACT:
                problems.append(
                    f"{line.where}: «{unit.name}» là cấp trên hoặc ngang cấp của {issuer.name}; "
                    f"chỉ gửi được «Để báo cáo» hoặc «Để biết», không giao thực hiện."
                )
            continue
    return problems
