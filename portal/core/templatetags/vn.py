from django import template

from portal.lib import dates
from portal.lib.datefields import vn_date_value

register = template.Library()

register.filter("vn_date", dates.vn_date)
register.filter("vn_short", dates.vn_short)
register.filter("vn_datetime", dates.vn_datetime)
# The value of a date field typed by hand (portal/lib/datefields.py): 06/02/2024.
register.filter("vn_date_input", vn_date_value)


@register.filter
def vn_number(value) -> str:
    """Thousands separated by dots, as Vietnamese readers expect: 130.000."""
    try:
        return f"{int(value):,}".replace(",", ".")
    except (TypeError, ValueError):
        return "" if value is None else str(value)


@register.filter
def percent(value) -> str:
    if value is None:
        return "—"
    return f"{value:.1f} %".replace(".", ",")
