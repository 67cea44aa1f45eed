"""What invalidates the dashboards' cached figures (reporting/dashboard/cache.py). News travels up by signal: the
audit log and the services below never import a dashboard.

- every audit event (portal.audit: each write service records one, naming its unit) bumps, once the transaction
  commits, the generation of the event's unit and of its ancestors; an event with no unit bumps the global one.
  A report's event also bumps the unit it reports to (or through), and a document's or a task's event the
  document's issuer: their pages count what they asked of units outside their subtree.
- a document issued or revoked (directives.services.signing) bumps every unit it was delivered to and every unit
  that owes one of its reports: the fan-out's deliveries and obligations are written set-based, under one event;
  and it bumps the documents' families (issuing a plan sets implemented_by on the deliveries it answers).
- a unit closed or merged (portal.org.services) bumps the global generation: its obligations move to the successor
  and its place in the tree ends.

The other set-based writes leave the figures as they were: the daily obligations_open_periods turns «upcoming»
into «open» (both pending, counted alike) and adds periods whose keys the cached pages do not hold yet; the chase
sweeps write reminders and stages, not statuses. The demo and the benchmark loaders write before anyone reads.

Connected once, from DashboardConfig.ready (reporting/dashboard/apps.py).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_save

from directives.handling.models import Assignment
from directives.models import Delivery, Document
from directives.services.signing import document_issued, document_revoked
from portal.audit.models import Event
from portal.org.services import unit_closed
from reporting.dashboard import cache
from reporting.models import Obligation, Report


def connect() -> None:
    post_save.connect(_on_event, sender=Event, dispatch_uid="dashboard.cache.on_event")
    document_issued.connect(_on_document_fanout, dispatch_uid="dashboard.cache.on_document_issued")
    document_revoked.connect(_on_document_fanout, dispatch_uid="dashboard.cache.on_document_revoked")
    unit_closed.connect(_on_unit_closed, dispatch_uid="dashboard.cache.on_unit_closed")


def _related_paths(event: Event) -> list[str]:
    """The units outside the event's own line whose pages count the change (one small query, or none)."""
    try:
        pk = int(event.object_id)
    except ValueError:
        return []
    owed = {Report._meta.label_lower: "report__pk", Obligation._meta.label_lower: "pk"}
    if event.object_type in owed:  # a report, or an obligation excused or moved: the unit it reports to
        row = (
            Obligation.objects.filter(**{owed[event.object_type]: pk})
            .values_list("to_unit__path", "via_unit__path")
            .first()
        )
        return [p for p in row or () if p]
    if event.object_type == Document._meta.label_lower:
        return [p for p in Document.objects.filter(pk=pk).values_list("issuer__path", flat=True) if p]
    if event.object_type == Assignment._meta.label_lower:  # the issuer's overview counts its tasks everywhere
        return [
            p for p in Assignment.objects.filter(pk=pk).values_list("document__issuer__path", flat=True) if p
        ]
    return []


def _on_event(sender, instance: Event, created: bool, **kwargs) -> None:
    if not created or cache.seconds() <= 0:
        return
    path = instance.unit_path

    def bump() -> None:
        if not path and instance.unit_id is None:
            cache.bump_all()
            return
        cache.bump_paths([path, *_related_paths(instance)])

    # After the commit: a page read between the bump and the commit would cache the old figures anew.
    transaction.on_commit(bump)


def _on_document_fanout(sender, *, document, **kwargs) -> None:
    if cache.seconds() <= 0:
        return
    pk = document.pk

    def bump() -> None:
        # More units than bump_paths moves one by one means the global generation: read no more paths than that
        # (a national issue would otherwise load 130,000 of them after the issuing commit only to decide so).
        limit = cache.MAX_BUMPS + 1
        paths = set(Delivery.objects.filter(document_id=pk).values_list("unit__path", flat=True)[:limit])
        if len(paths) < limit:
            paths.update(
                Obligation.objects.filter(requirement__document_id=pk)
                .values_list("unit__path", flat=True)
                .distinct()[:limit]
            )
        if len(paths) > cache.MAX_BUMPS:
            cache.bump_all()
        else:
            cache.bump_paths(paths)
        cache.bump_families()  # the issued document joined its parents' families (a delivery's implemented_by)

    transaction.on_commit(bump)


def _on_unit_closed(sender, **kwargs) -> None:
    if cache.seconds() > 0:
        transaction.on_commit(cache.bump_all)
