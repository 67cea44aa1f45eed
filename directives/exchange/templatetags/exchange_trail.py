"""The status trail of deliveries to units reached through the hub, on the delivery tracking table:
``{% status_trails deliveries as trails %}`` once per page (one query), then ``trails|trail_of:d.pk`` per row."""

from __future__ import annotations

from django import template

from directives.exchange import status

register = template.Library()


@register.simple_tag
def status_trails(page) -> dict:
    rows = getattr(page, "object_list", page)
    return status.trails_for([d.pk for d in rows])


@register.filter
def trail_of(trails: dict, delivery_id: int) -> list:
    return trails.get(delivery_id, []) if trails else []


@register.filter
def trail_label(event) -> str:
    return status.TRAIL_LABELS.get(event.code, event.get_code_display())
