"""Vietnamese date writing (Nghị định 30/2020, Phụ lục I).

Days below 10 and the months January and February take a leading zero
("ngày 05 tháng 02"), other months do not ("tháng 6").
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def _as_date(value) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def vn_day_month(d: dt.date) -> tuple[str, str]:
    return f"{d.day:02d}", (f"{d.month:02d}" if d.month <= 2 else str(d.month))


def vn_date(value) -> str:
    """'ngày 06 tháng 02 năm 2024'."""
    d = _as_date(value)
    if d is None:
        return ""
    day, month = vn_day_month(d)
    return f"ngày {day} tháng {month} năm {d.year}"


def vn_place_date(place: str, value) -> str:
    """'Bắc Giang, ngày 06 tháng 02 năm 2024'."""
    text = vn_date(value)
    return f"{place}, {text}" if place else text[:1].upper() + text[1:]


def vn_short(value) -> str:
    """'06/02/2024' — for tables and citations ('ngày 06/02/2024')."""
    d = _as_date(value)
    return f"{d:%d/%m/%Y}" if d else ""


def vn_datetime(value) -> str:
    if value is None:
        return ""
    local = timezone.localtime(value)
    return f"{local:%H:%M} {local:%d/%m/%Y}"
