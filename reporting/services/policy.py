"""The chasing schedule of one obligation (SPEC capability 5).

Stages, in time order, each at the policy's reminder time on its day (local), moved out of quiet hours:

    before_7, before_1   N days before the deadline                 → the unit's reporters
    due                  on the deadline day                         → the unit's reporters
    overdue              the day after (the obligation turns overdue) → the unit's reporters
    escalate             after N days                                → the unit's leaders and the parent unit's
    weekly_1, weekly_2 … every N days after that, until submitted    → reporters and the unit's leaders

A stage is a key in the Reminder ledger, so each reaches each person once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils import timezone

from reporting import conf

REPORTERS, LEADERS, REPORTERS_AND_LEADERS = "reporters", "leaders", "reporters_and_leaders"
OVERDUE_STAGES_PREFIXES = ("overdue", "escalate", "weekly_")


@dataclass(frozen=True)
class Stage:
    key: str
    at: dt.datetime
    audience: str
    rank: int  # order of stages falling at the same moment

    @property
    def marks_overdue(self) -> bool:
        return self.key.startswith(OVERDUE_STAGES_PREFIXES)

    @property
    def is_escalation(self) -> bool:
        return self.key == "escalate"


def _hm(value: str) -> dt.time:
    hours, minutes = (int(x) for x in str(value).split(":"))
    return dt.time(hours, minutes)


class ReminderPolicy:
    """Settings defaults (reporting/conf.py) overridden by a requirement's reminder_policy."""

    def __init__(self, overrides: dict | None = None):
        values = conf.reminder_policy_defaults()
        values.update({k: v for k, v in (overrides or {}).items() if k in values})
        self.before_days = sorted({int(d) for d in values["before_days"] if int(d) > 0}, reverse=True)
        self.on_due_day = bool(values["on_due_day"])
        self.overdue_after_days = max(1, int(values["overdue_after_days"]))
        self.escalation_after_days = max(self.overdue_after_days, int(values["escalation_after_days"]))
        self.repeat_every_days = max(0, int(values["repeat_every_days"]))
        self.repeat_max = max(0, int(values["repeat_max"]))
        self.reminder_time = _hm(values["reminder_time"])
        quiet = values.get("quiet_hours") or []
        self.quiet = (_hm(quiet[0]), _hm(quiet[1])) if len(quiet) == 2 else None

    # --- time -----------------------------------------------------------------------------------------
    def _in_quiet(self, local: dt.datetime) -> bool:
        if not self.quiet:
            return False
        start, end = self.quiet
        t = local.time()
        return (start <= t < end) if start <= end else (t >= start or t < end)

    def out_of_quiet_hours(self, moment: dt.datetime) -> dt.datetime:
        """The moment itself, or the end of the quiet hours it falls in."""
        local = timezone.localtime(moment)
        if self.quiet is None or not self._in_quiet(local):
            return moment
        end = self.quiet[1]
        day = local.date() if local.time() < end else local.date() + dt.timedelta(days=1)
        return timezone.make_aware(dt.datetime.combine(day, end))

    def _at(self, day: dt.date) -> dt.datetime:
        return self.out_of_quiet_hours(timezone.make_aware(dt.datetime.combine(day, self.reminder_time)))

    # --- the schedule ---------------------------------------------------------------------------------
    def stages(self, due_date: dt.date) -> Iterator[Stage]:
        """Every stage of an obligation due on due_date, in time order (endless when repeating without a cap)."""
        fixed = [
            Stage(f"before_{n}", self._at(due_date - dt.timedelta(days=n)), REPORTERS, 0)
            for n in self.before_days
        ]
        if self.on_due_day:
            fixed.append(Stage("due", self._at(due_date), REPORTERS, 1))
        fixed.append(
            Stage("overdue", self._at(due_date + dt.timedelta(days=self.overdue_after_days)), REPORTERS, 2)
        )
        escalate_day = due_date + dt.timedelta(days=self.escalation_after_days)
        fixed.append(Stage("escalate", self._at(escalate_day), LEADERS, 3))
        yield from sorted(fixed, key=lambda s: (s.at, s.rank))
        if not self.repeat_every_days:
            return
        k = 1
        while not self.repeat_max or k <= self.repeat_max:
            day = escalate_day + dt.timedelta(days=k * self.repeat_every_days)
            yield Stage(f"weekly_{k}", self._at(day), REPORTERS_AND_LEADERS, 4)
            k += 1

    def next_after(self, due_date: dt.date, moment: dt.datetime) -> Stage | None:
        """The first stage strictly after the moment (None when the schedule is exhausted)."""
        for stage in self.stages(due_date):
            if stage.at > moment:
                return stage
        return None

    def due_between(self, due_date: dt.date, start: dt.datetime, moment: dt.datetime) -> list[Stage]:
        """Stages whose time lies in [start, moment]: what a sweep at `moment` owes since `start`."""
        out = []
        for stage in self.stages(due_date):
            if stage.at > moment:
                break
            if stage.at >= start:
                out.append(stage)
        return out

    def initial(self, due_date: dt.date, due_at: dt.datetime, moment: dt.datetime) -> Stage | None:
        """Where a new obligation's schedule starts: the next stage, or — created after its deadline
        (a late issue, a backdated import) — the latest stage already due, so the sweep catches up now."""
        if due_at > moment:
            return self.next_after(due_date, moment)
        passed = self.due_between(due_date, dt.datetime.min.replace(tzinfo=dt.UTC), moment)
        return passed[-1] if passed else self.next_after(due_date, moment)

    @staticmethod
    def to_send(due: list[Stage]) -> list[Stage]:
        """Of the stages a late sweep finds due, send only the latest — a "7 days left" reminder is
        wrong on the deadline day — but never skip the escalation to the leaders."""
        if not due:
            return []
        chosen = [due[-1]]
        chosen += [s for s in due[:-1] if s.is_escalation]
        return chosen


def stage_label(
    key: str, due_date: dt.date | None = None, today: dt.date | None = None, *, repeat: int | None = None
) -> str:
    """Vietnamese wording of a stage for digests and the ledger view. `repeat` numbers a weekly reminder
    among those the person actually received (chase._repeat_numbers), not by its place in the schedule."""
    if key.startswith("before_"):
        if due_date and today:
            left = (due_date - today).days
            if left > 0:
                return f"còn {left} ngày đến hạn"
        return f"còn {key.split('_')[1]} ngày đến hạn"
    if key == "due":
        return "đến hạn hôm nay"
    if key == "overdue":
        return "đã quá hạn"
    if key == "escalate":
        if due_date and today:
            return f"quá hạn {(today - due_date).days} ngày — báo cáo lãnh đạo"
        return "quá hạn — báo cáo lãnh đạo"
    if key.startswith("weekly_"):
        return f"nhắc lại lần {repeat or key.split('_')[1]}: vẫn chưa nộp"
    return key
