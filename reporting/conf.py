"""Reporting settings, each with its default (portal/settings/ may set any of them).

The reminder policy below is the default for every requirement; a requirement overrides any key
in its own `reminder_policy` JSON (lower-case names without the REPORTING_ prefix, e.g.
{"before_days": [10, 3], "escalation_after_days": 5}).
"""

from __future__ import annotations

from django.conf import settings


def _get(name: str, default):
    return getattr(settings, name, default)


def deadline_cutoff() -> str:
    """Local time on the deadline day after which a report is late (STYLE: deadlines are dates + a cut-off)."""
    return _get("REPORT_DEADLINE_CUTOFF", "23:59")


def deadline_working_days() -> int:
    """NĐ 09/2019: the deadline is at least one working day after the window closes."""
    return int(_get("REPORT_DEADLINE_WORKING_DAYS", 1))


def cascade_lead_days() -> int:
    return int(_get("CASCADE_DEADLINE_LEAD_DAYS", 5))


def reminder_policy_defaults() -> dict:
    """The default chasing policy (SPEC capability 5)."""
    return {
        # reminders this many days before the deadline
        "before_days": list(_get("REPORTING_REMINDER_BEFORE_DAYS", [7, 1])),
        # a reminder on the deadline day itself
        "on_due_day": bool(_get("REPORTING_REMINDER_ON_DUE_DAY", True)),
        # the "quá hạn" reminder (the obligation becomes overdue) this many days after the deadline
        "overdue_after_days": int(_get("REPORTING_OVERDUE_AFTER_DAYS", 1)),
        # escalation to the unit's leaders and the parent unit's leaders this many days after the deadline
        "escalation_after_days": int(_get("REPORTING_ESCALATION_AFTER_DAYS", 3)),
        # then a reminder every N days until the report is submitted (0: none)
        "repeat_every_days": int(_get("REPORTING_REPEAT_EVERY_DAYS", 7)),
        # at most this many repeats (0: until submitted)
        "repeat_max": int(_get("REPORTING_REPEAT_MAX", 0)),
        # reminders go out at this local time of the stage's day
        "reminder_time": str(_get("REPORTING_REMINDER_TIME", "08:00")),
        # no reminder is scheduled inside these local hours [start, end); the action moves to the end
        "quiet_hours": list(_get("REPORTING_QUIET_HOURS", ["21:00", "07:00"])),
    }


def chase_batch_size() -> int:
    """Obligations claimed per transaction by one chase worker."""
    return int(_get("REPORTING_CHASE_BATCH_SIZE", 200))


def digest_batch_size() -> int:
    """People whose queued reminders one digest transaction sends."""
    return int(_get("REPORTING_DIGEST_BATCH_SIZE", 200))


def attachment_max_bytes() -> int:
    return int(_get("ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024))


def attachment_allowed_extensions() -> list[str]:
    return [
        e.lower().lstrip(".")
        for e in _get(
            "ATTACHMENT_ALLOWED_EXTENSIONS",
            ["pdf", "docx", "doc", "xlsx", "xls", "odt", "ods", "jpg", "jpeg", "png"],
        )
    ]
