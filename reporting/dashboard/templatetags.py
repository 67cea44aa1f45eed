"""Template filters of the dashboards: a typed table cell written the Vietnamese way.

`{% load dashboard_tags %}` finds this module through TEMPLATES["OPTIONS"]["libraries"] (portal/settings/):
it reads the dashboards' types, so it lives with them above reporting rather than in reporting/templatetags;
reporting's own pages load it by that name too, which needs no Python import."""

from __future__ import annotations

import datetime as dt

from django import template

from directives.cascade import unit_state
from portal.core.templatetags.vn import percent, vn_number
from portal.lib.dates import vn_datetime, vn_short
from reporting.dashboard.figures import STATE_LABELS
from reporting.dashboard.tables import Percent

register = template.Library()


@register.filter
def cell(value) -> str:
    """87.5 (Percent) → '87,5 %', 1200 → '1.200', a date → '06/02/2024', None → ''."""
    if value is None:
        return ""
    if isinstance(value, Percent):
        return percent(float(value))
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, int):
        return vn_number(value)
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    if isinstance(value, dt.datetime):
        return vn_datetime(value) if value.tzinfo else f"{value:%H:%M %d/%m/%Y}"
    if isinstance(value, dt.date):
        return vn_short(value)
    return str(value)


@register.filter
def is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


@register.simple_tag
def n_link(n, base: str, ds: str, ky: str = ""):
    """A count that opens the list behind it (?ds=…) on the page at `base`; zero is plain text."""
    from urllib.parse import urlencode

    from django.utils.html import format_html

    if not n:
        return "0"
    query = urlencode({"ky": ky, "ds": ds} if ky else {"ds": ds})
    return format_html('<a href="{}?{}#danh-sach">{}</a>', base, query, vn_number(n))


@register.filter
def state_label(state: str) -> str:
    return STATE_LABELS.get(state, state)


@register.filter
def cascade_state(row: dict) -> str:
    """How far a unit of a directive page's listing went (a row of selectors.delivery_listing), by the cascade
    page's own rule (directives.cascade.unit_state)."""
    return unit_state(
        implemented=bool(row.get("implemented")),
        drafting=bool(row.get("draft_id")),
        acknowledged=bool(row.get("acknowledged")),
        read=bool(row.get("read")),
    )


@register.filter
def clip(text, length: int = 100) -> str:
    """The text cut to at most `length` characters at a word boundary, with "…" when cut — a subject is
    never cut mid-word ("Kế hoạch tuyên truyền kỷ niệm…", not "Kế hoạch tuyên truy…")."""
    text = " ".join(str(text or "").split())
    if len(text) <= length:
        return text
    cut = text[:length]
    space = cut.rfind(" ")
    if space > 0 and text[length] != " ":
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + "…"


@register.filter
def with_due_period(summaries) -> list:
    """The overview's requirements whose latest period has come due (those the figures are about)."""
    return [s for s in summaries or () if s.period is not None]


@register.filter
def without_due_period(summaries) -> list:
    return [s for s in summaries or () if s.period is None]
