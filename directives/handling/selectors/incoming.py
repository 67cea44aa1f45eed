"""Reads of the incoming register: the register page's rows, what waits to be registered, an entry's page, and
the rows of the yearly registers (incoming and outgoing) printed as books. Each list costs a fixed number of
queries whatever its length."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from directives.access import documents_visible_to
from directives.handling import access
from directives.handling.models import AssigneeRole, Assignment, AssignmentState, EntryState, IncomingEntry
from directives.models import Delivery, Document, Purpose, Recipient, Status
from portal.lib.search import Folded, fold
from portal.org.access import scope_for
from portal.org.models import Membership, Role, Unit

#: The register page's source filter: through the portal, through the national exchange hub, or on paper.
SOURCES = {"he-thong": "Qua hệ thống", "truc": "Qua trục liên thông", "giay": "Văn bản giấy"}


def register_units(user) -> QuerySet[Unit]:
    """The units whose incoming register the user reads from the register page: those where the user is a clerk,
    a leader or the administrator (a leader of a unit above opens a unit below through ``?don-vi=``)."""
    ids = scope_for(user).unit_ids_with_role(*access.REGISTER_READERS)
    return Unit.objects.filter(pk__in=ids).order_by("path")


def register_unit_choices(user, unit: Unit) -> list[Unit]:
    """The units the register page offers: those whose register the user keeps or reads, and — for a leader of
    the unit shown — the units directly below it, so a leader walks down the tree one level at a time."""
    units = {u.pk: u for u in register_units(user)}
    units.setdefault(unit.pk, unit)
    if scope_for(user).leads(unit):
        for child in unit.get_children():
            units.setdefault(child.pk, child)
    return sorted(units.values(), key=lambda u: u.path)


def register_rows(
    *, unit: Unit, year: int, query: str = "", state: str = "", source: str = ""
) -> QuerySet[IncomingEntry]:
    """The unit's register for one year, newest number first, with what a row shows: the leader who gives the
    instruction and the lead assignee (one prefetch)."""
    qs = (
        IncomingEntry.objects.filter(unit=unit, year=year)
        .select_related("handler", "registered_by", "document", "delivery")
        .prefetch_related(_leads())
        .order_by("-number")
    )
    if state in EntryState.values:
        qs = qs.filter(state=state)
    if source == "he-thong":
        qs = qs.filter(delivery__isnull=False)
    elif source == "truc":
        qs = qs.filter(via_hub=True)
    elif source == "giay":
        qs = qs.filter(delivery__isnull=True, via_hub=False)
    words = fold(query).split()
    if words:
        qs = qs.annotate(_s=Folded("subject"), _n=Folded("number_symbol"), _f=Folded("sender_name"))
        for word in words[:8]:
            condition = Q(_s__contains=word) | Q(_n__contains=word) | Q(_f__contains=word)
            if word.isdigit():
                condition |= Q(number=int(word))
            qs = qs.filter(condition)
    return qs


def _leads() -> Prefetch:
    """The entry's open-or-done lead assignments (not those replaced by a reassignment or cancelled), as
    ``entry.leads``."""
    return Prefetch(
        "assignments",
        queryset=Assignment.objects.filter(role=AssigneeRole.LEAD, replaced_by__isnull=True)
        .exclude(state=AssignmentState.CANCELLED)
        .select_related("department", "person", "unit")
        .order_by("id"),
        to_attr="leads",
    )


def register_years(unit: Unit) -> list[int]:
    """The years the unit's register has entries for, and this year, newest first."""
    years = set(IncomingEntry.objects.filter(unit=unit).values_list("year", flat=True).distinct())
    years.add(timezone.localdate().year)
    return sorted(years, reverse=True)


def register_counts(*, unit: Unit, year: int) -> dict[str, int]:
    """Per state, for the filter links: one query."""
    rows = IncomingEntry.objects.filter(unit=unit, year=year).values("state").annotate(n=Count("id"))
    counts = {row["state"]: row["n"] for row in rows}
    counts["total"] = sum(counts.values())
    return counts


def awaiting_registration(user) -> QuerySet[Delivery]:
    """Deliveries to the units whose register the user keeps (clerk) that are not registered yet: not returned
    to the sender, the document not recalled. Oldest first: what arrived first is registered first."""
    return (
        Delivery.objects.filter(
            unit_id__in=access.register_units(user),
            incoming_entry__isnull=True,
            returned_at__isnull=True,
        )
        .exclude(document__status=Status.REVOKED)
        .select_related("document", "document__issuer", "unit")
        .order_by("delivered_at", "id")
    )


def awaiting_count(user) -> int:
    if not access.register_units(user):
        return 0
    return awaiting_registration(user).count()


def leaders_by_unit(unit_ids: list[int]) -> dict[int, list]:
    """The leaders (signers) of each unit, by name, for «Trình lãnh đạo»: one query for all the units."""
    result: dict[int, list] = {uid: [] for uid in unit_ids}
    rows = (
        Membership.objects.filter(unit_id__in=unit_ids, role=Role.SIGNER)
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "user__username")
    )
    for m in rows:
        result[m.unit_id].append(m.user)
    return result


def unit_leaders(unit: Unit) -> list:
    return leaders_by_unit([unit.pk])[unit.pk]


def leader_choice(unit: Unit, user_id: int | None):
    """The leader of the unit with this id, or None (an id that is not one of its leaders)."""
    if not user_id:
        return None
    return (
        get_user_model()
        .objects.filter(pk=user_id, memberships__unit=unit, memberships__role=Role.SIGNER)
        .first()
    )


@dataclass(frozen=True)
class EntryDetail:
    entry: IncomingEntry
    leads: list[Assignment]
    can_route: bool
    leaders: list
    document_readable: bool


def entry_detail(entry: IncomingEntry, *, user) -> EntryDetail:
    """What the entry page shows beside the entry: its lead assignees, whether the user may route it and to whom,
    and whether the user may open the document it registers."""
    can_route = access.can_register(user, entry.unit) and entry.state in (
        EntryState.REGISTERED,
        EntryState.RETURNED,
    )
    leads = list(_leads().queryset.filter(entry=entry))  # type: ignore[union-attr]
    readable = bool(entry.document_id and documents_visible_to(user).filter(pk=entry.document_id).exists())
    return EntryDetail(
        entry=entry,
        leads=leads,
        can_route=can_route,
        leaders=unit_leaders(entry.unit) if can_route else [],
        document_readable=readable,
    )


# --- the yearly registers, printed as books ------------------------------------------------------------------


def incoming_book_rows(*, unit: Unit, year: int) -> list[IncomingEntry]:
    """Every entry of the unit's register for the year, in number order, with the lead assignees."""
    return list(
        IncomingEntry.objects.filter(unit=unit, year=year)
        .select_related("handler")
        .prefetch_related(_leads())
        .order_by("number")
    )


def incoming_book_span(rows: list[IncomingEntry]) -> dict:
    """From/to date and number for the book's cover («Từ ngày … đến ngày …; Từ số … đến số …»)."""
    if not rows:
        return {}
    dates = [timezone.localtime(r.arrived_at).date() for r in rows]
    return {
        "first_date": min(dates),
        "last_date": max(dates),
        "first": rows[0].number,
        "last": rows[-1].number,
    }


def outgoing_book_rows(*, unit: Unit, year: int) -> list[Document]:
    """Every document the unit issued in the year (recalled ones too: the book keeps them, marked), in issue
    order, with their recipients (one prefetch) and the number of deliveries."""
    return list(
        Document.objects.filter(
            issuer=unit, status__in=[Status.ISSUED, Status.REVOKED], issue_date__year=year
        )
        .annotate(copies=Count("deliveries", distinct=True))
        .prefetch_related(
            Prefetch(
                "recipients", queryset=Recipient.objects.order_by("order", "id"), to_attr="recipient_rows"
            )
        )
        .order_by("issue_date", "issued_at", "id")
    )


def outgoing_book_span(rows: list[Document]) -> dict:
    if not rows:
        return {}
    return {"first_date": rows[0].issue_date, "last_date": rows[-1].issue_date}


def outgoing_recipients(document: Document) -> tuple[list[str], list[str]]:
    """The document's recipients as printed under «Nơi nhận»: those it was sent to, and the copies kept
    («Lưu: VT, …»)."""
    sent: list[str] = []
    kept: list[str] = []
    for r in getattr(document, "recipient_rows", []):
        (kept if r.purpose == Purpose.LUU else sent).append(r.label)
    return sent, kept
