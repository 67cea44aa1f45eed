"""Template filters of the dashboards: a typed table cell written the Vietnamese way."""

from __future__ import annotations

import datetime as dt

from django import template

from portal.core.dates import vn_datetime, vn_short
from portal.core.templatetags.vn import percent, vn_number
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
    from reporting.dashboard.figures import STATE_LABELS

    return STATE_LABELS.get(state, state)
