"""Chasing (SPEC capability 5): reminders before the deadline, on the day, after it, escalation to the
leaders, then weekly — each stage exactly once per person, with several workers and after a crash.

One sweep has two steps, each in small transactions:

1. advance — claim a batch of obligations whose next action is due (the partial index
   obligation_chase_due answers exactly that; rows are claimed with SELECT … FOR UPDATE SKIP LOCKED
   so two workers never take the same one), write the Reminder ledger rows of the stages now due
   (unique (obligation, recipient, stage), INSERT … ON CONFLICT DO NOTHING) *before* anything is
   sent, turn the obligation overdue when the stage says so, and move next_action_at to the next
   stage. A worker killed mid-batch rolls the whole batch back: the next sweep redoes it.
2. digest — claim the queued ledger rows of a batch of people (SKIP LOCKED again) and send each
   person ONE notification listing all their pending obligations, marking the rows sent in the same
   transaction that writes the notification. Rows of obligations submitted in between are skipped.
   A crash leaves the rows queued (sent by the next sweep), never a second notification.

The cost of a sweep follows the number of obligations due, not the number stored.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from portal.audit.services import events_record_bulk
from portal.notifications.services import notify_each
from portal.org.models import Membership, Role, Unit
from reporting import conf
from reporting.models import (
    PENDING_STATUSES,
    Obligation,
    ObligationStatus,
    Reminder,
    ReminderOutcome,
)
from reporting.services.bulk import bulk_set
from reporting.services.notify import reminder_message
from reporting.services.policy import LEADERS, REPORTERS, REPORTERS_AND_LEADERS, ReminderPolicy, stage_label

log = logging.getLogger(__name__)


@dataclass
class SweepResult:
    batches: int = 0
    obligations: int = 0
    ledger_rows: int = 0
    digests: int = 0
    reminders_sent: int = 0
    reminders_skipped: int = 0
    without_recipient: int = 0


def _claim(qs):
    """Lock the selected rows, skipping rows another worker holds. SQLite has no row locks, but its
    IMMEDIATE transactions already serialise writers (settings), so the plain select is safe there."""
    if connection.features.has_select_for_update_skip_locked:
        return qs.select_for_update(skip_locked=True, of=("self",))
    return qs


def due_batch(now: dt.datetime, size: int):
    """One batch of what a sweep at `now` owes, oldest action first, locked for this worker: pending rows whose
    next action is due, read on the partial index of pending obligations' next_action_at, so the claim costs
    what is due, not what is stored. Evaluate it inside the transaction that advances the rows."""
    return _claim(
        Obligation.objects.filter(status__in=PENDING_STATUSES, next_action_at__lte=now)
        .select_related("unit", "requirement")
        .order_by("next_action_at")
    )[:size]


def chase_sweep_run(
    *, now: dt.datetime | None = None, batch_size: int | None = None, max_batches: int | None = None
) -> SweepResult:
    """Run one sweep: advance every obligation whose next action is due, then send the digests."""
    now = now or timezone.now()
    size = batch_size or conf.chase_batch_size()
    result = SweepResult()
    while max_batches is None or result.batches < max_batches:
        claimed = _advance_batch(now=now, size=size, result=result)
        if not claimed:
            break
        result.batches += 1
    _send_digests(result=result)
    if result.obligations or result.digests:
        log.info("chase sweep: %s", result)
    return result


# --- step 1: advance ------------------------------------------------------------------------------------


def _recipients_for(
    obligations: list[Obligation], stages_by_ob: dict[int, list]
) -> dict[tuple[int, str], set[int]]:
    """Who each (obligation, stage) reaches, resolved for the whole batch in two queries."""
    steplen = Unit.steplen
    needs_parent = {
        ob.pk: ob.unit.path[:-steplen]
        for ob in obligations
        if any(s.audience == LEADERS for s in stages_by_ob.get(ob.pk, ()))
    }
    parent_ids = (
        dict(Unit.objects.filter(path__in=[p for p in needs_parent.values() if p]).values_list("path", "id"))
        if needs_parent
        else {}
    )
    unit_ids = (
        {ob.unit_id for ob in obligations}
        | set(parent_ids.values())
        | {ob.to_unit_id for ob in obligations if ob.pk in needs_parent and not needs_parent[ob.pk]}
    )
    by_role: dict[tuple[int, str], set[int]] = defaultdict(set)
    for unit_id, role, user_id in Membership.objects.filter(
        unit_id__in=unit_ids, role__in=[Role.REPORTER, Role.SIGNER, Role.UNIT_ADMIN], user__is_active=True
    ).values_list("unit_id", "role", "user_id"):
        by_role[(unit_id, role)].add(user_id)

    def leaders(unit_id: int) -> set[int]:
        return by_role[(unit_id, Role.SIGNER)] or by_role[(unit_id, Role.UNIT_ADMIN)]

    def reporters(unit_id: int) -> set[int]:
        return by_role[(unit_id, Role.REPORTER)] or leaders(unit_id)

    out: dict[tuple[int, str], set[int]] = {}
    for ob in obligations:
        for stage in stages_by_ob.get(ob.pk, ()):
            if stage.audience == REPORTERS:
                people = reporters(ob.unit_id)
            elif stage.audience == REPORTERS_AND_LEADERS:
                people = reporters(ob.unit_id) | leaders(ob.unit_id)
            else:  # escalation: the unit's leaders and the parent unit's (the receiving unit's for a root)
                parent_path = needs_parent.get(ob.pk)
                above = parent_ids.get(parent_path) if parent_path else ob.to_unit_id
                people = leaders(ob.unit_id) | (leaders(above) if above else set())
            out[(ob.pk, stage.key)] = people
    return out


def _advance_batch(*, now: dt.datetime, size: int, result: SweepResult) -> int:
    with transaction.atomic():
        obligations = list(due_batch(now, size))
        if not obligations:
            return 0
        policies: dict[int, ReminderPolicy] = {}
        stages_by_ob = {}
        turned_overdue: dict[
            int, str
        ] = {}  # obligation id → the status it had before the sweep turned it overdue
        for ob in obligations:
            policy = policies.get(ob.requirement_id)
            if policy is None:
                policy = policies[ob.requirement_id] = ReminderPolicy(ob.requirement.reminder_policy)
            due = policy.due_between(ob.due_date, ob.next_action_at, now)
            stages_by_ob[ob.pk] = policy.to_send(due)
            if any(s.marks_overdue for s in due) and ob.status in (
                ObligationStatus.UPCOMING,
                ObligationStatus.OPEN,
            ):
                turned_overdue[ob.pk] = ob.status
                ob.status = ObligationStatus.OVERDUE
            elif ob.status == ObligationStatus.UPCOMING and ob.opens_at <= now:
                ob.status = ObligationStatus.OPEN
            following = policy.next_after(ob.due_date, now)
            ob.next_action_at = following.at if following else None
            ob.next_stage = following.key if following else ""
            ob.updated_at = now
        people = _recipients_for(obligations, stages_by_ob)
        rows = []
        for (ob_id, stage), user_ids in people.items():
            if not user_ids:
                result.without_recipient += 1
                log.warning("obligation %s stage %s: the unit has nobody to remind", ob_id, stage)
            rows += [Reminder(obligation_id=ob_id, recipient_id=uid, stage=stage) for uid in sorted(user_ids)]
        # The ledger is written before anything is sent; a stage already in it is not queued again.
        Reminder.objects.bulk_create(rows, ignore_conflicts=True)
        bulk_set(obligations, ["status", "next_action_at", "next_stage", "updated_at"])
        # The batch's rows are this worker's alone (claimed above, SKIP LOCKED), so the obligations it turned
        # overdue are exactly those in turned_overdue: one event row each, in one INSERT and in the same
        # transaction as the UPDATE (a crash loses both). No acting user: the deadline passed.
        events_record_bulk(
            actor=None,
            action="obligation.overdue",
            items=[(ob, ob.unit) for ob in obligations if ob.pk in turned_overdue],
            details_of=lambda ob: {"from": turned_overdue[ob.pk], "due_date": ob.due_date.isoformat()},
        )
        result.obligations += len(obligations)
        result.ledger_rows += len(rows)
        return len(obligations)


# --- step 2: digests ------------------------------------------------------------------------------------


def _repeat_numbers(rows: list[Reminder]) -> dict[int, int]:
    """{reminder id: its number among the repeats the person actually received for the obligation}, one query.

    A weekly stage's key counts schedule steps since the escalation, not reminders sent: an obligation
    created long after its deadline (a late issue, the demo's 2024 documents seen from 2026) starts its
    schedule at weekly_101, and its first reminder must not read "nhắc lại lần 101"."""
    weekly = [r for r in rows if r.stage.startswith("weekly_")]
    if not weekly:
        return {}
    sent = defaultdict(int)
    for ob_id, user_id, n in (
        Reminder.objects.filter(
            outcome=ReminderOutcome.SENT,
            stage__startswith="weekly_",
            obligation_id__in={r.obligation_id for r in weekly},
            recipient_id__in={r.recipient_id for r in weekly},
        )
        .values_list("obligation_id", "recipient_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        sent[(ob_id, user_id)] = n
    numbers = {}
    for r in sorted(weekly, key=lambda r: (r.obligation_id, r.recipient_id, int(r.stage.split("_")[1]))):
        sent[(r.obligation_id, r.recipient_id)] += 1
        numbers[r.pk] = sent[(r.obligation_id, r.recipient_id)]
    return numbers


def _digest(reminders: list[Reminder], today: dt.date, repeats: dict[int, int]) -> tuple[str, str, str]:
    return reminder_message(
        [
            (r.obligation, stage_label(r.stage, r.obligation.due_date, today, repeat=repeats.get(r.pk)))
            for r in reminders
        ],
        today=today,
    )


def _send_digests(*, result: SweepResult) -> None:
    size = conf.digest_batch_size()
    cursor = 0  # keyset over recipients, so a batch another worker holds is passed over, not retried forever
    while True:
        with transaction.atomic():
            recipients = list(
                Reminder.objects.filter(outcome=ReminderOutcome.QUEUED, recipient_id__gt=cursor)
                .order_by("recipient_id")
                .values_list("recipient_id", flat=True)
                .distinct()[:size]
            )
            if not recipients:
                return
            cursor = recipients[-1]
            rows = list(
                _claim(Reminder.objects.filter(outcome=ReminderOutcome.QUEUED, recipient_id__in=recipients))
                .select_related("obligation", "obligation__requirement", "obligation__unit")
                .order_by("recipient_id", "obligation__due_date", "id")
            )
            if not rows:
                continue
            now = timezone.now()
            today = timezone.localdate(now)
            by_person: dict[int, list[Reminder]] = defaultdict(list)
            for r in rows:
                by_person[r.recipient_id].append(r)
            repeats = _repeat_numbers([r for r in rows if r.obligation.status in PENDING_STATUSES])
            digests: list[tuple[int, str, str, str]] = []
            lives: list[list[Reminder]] = []
            for user_id, items in by_person.items():
                live = [r for r in items if r.obligation.status in PENDING_STATUSES]
                for r in items:
                    r.attempts += 1
                    if r not in live:
                        r.outcome, r.sent_at = ReminderOutcome.SKIPPED, None
                        result.reminders_skipped += 1
                if not live:
                    continue
                digests.append((user_id, *_digest(live, today, repeats)))
                lives.append(live)
            # The batch's digests in one INSERT: the statements follow the batches, not the people reminded.
            ids = notify_each(kind="reporting.reminder", items=digests)
            for live, notification_id in zip(lives, ids, strict=True):
                for r in live:
                    r.outcome, r.sent_at = ReminderOutcome.SENT, now
                    r.notification_id = notification_id
                result.digests += 1
                result.reminders_sent += len(live)
            bulk_set(rows, ["outcome", "sent_at", "attempts", "notification"])
