"""The «Tình hình thực hiện nhiệm vụ» page of a person: the four buckets of each of their tabs of «Nhiệm vụ» («Của
tôi», «Đơn vị», «Tôi giao»), counted in one query over the tasks they may see, and the units whose dashboards they
lead. The same buckets as the dashboards (selectors.buckets); the same tabs as the task lists (selectors.tasks)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q

from directives.handling import access
from directives.handling.selectors import buckets
from directives.handling.selectors import tasks as task_lists
from directives.handling.selectors.buckets import TaskCounts
from portal.org.access import scope_for
from portal.org.models import Unit


@dataclass
class TabFigures:
    tab: str
    label: str
    counts: TaskCounts


def tab_figures(user, today: dt.date) -> list[TabFigures]:
    """The buckets of each tab the user has, in the tabs' order: one aggregate query."""
    tabs = task_lists.tabs_for(user)
    of_tab = {
        task_lists.MINE: task_lists.mine_q,
        task_lists.UNIT: task_lists.unit_q,
        task_lists.ASSIGNED: task_lists.assigned_q,
    }
    conditions = {tab: of_tab[tab](user) or Q(pk__in=[]) for tab, _ in tabs}
    metrics = {
        f"{tab}__{attr}": Count("id", filter=condition & buckets.bucket_q(key, today))
        for tab, condition in conditions.items()
        for key, _, attr, _ in buckets.BUCKETS
    }
    anywhere = Q(pk__in=[])
    for condition in conditions.values():
        anywhere |= condition
    row = buckets.counted(access.assignments_visible_to(user).filter(anywhere)).aggregate(**metrics)
    return [
        TabFigures(
            tab,
            label,
            TaskCounts(**{attr: int(row[f"{tab}__{attr}"] or 0) for _, _, attr, _ in buckets.BUCKETS}),
        )
        for tab, label in tabs
    ]


def led_units(user) -> list[Unit]:
    """The top units of the subtrees the user leads (their dashboards hold the figures per child and assignee)."""
    scope = scope_for(user)
    if not scope.subtree_paths:
        return []
    return list(Unit.objects.filter(path__in=list(scope.subtree_paths)).order_by("path")[:20])
