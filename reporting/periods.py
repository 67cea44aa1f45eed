"""Reporting periods and working days (STANDARDS.md §6, Nghị định 09/2019/NĐ-CP). Pure: no database.

A periodic report covers a data window (thời gian chốt số liệu) that closes on the 14th and opens on
the 15th of an earlier month:

=============  ==========================================  ===========  ==========================
frequency      window                                      key          label
=============  ==========================================  ===========  ==========================
monthly        15th of the previous month → 14th           2024-M03     tháng 3 năm 2024
quarterly      15th of the month before the quarter → 14th 2024-Q2      quý II năm 2024
               of its last month
semiannual     15/12 of the previous year → 14/6           2024-S1      6 tháng đầu năm 2024
nine_month     15/12 of the previous year → 14/9           2024-9M      9 tháng năm 2024
annual         15/12 of the previous year → 14/12          2024-Y       năm 2024
=============  ==========================================  ===========  ==========================

The 6-month and 9-month reports are made once a year (sơ kết 6 tháng, báo cáo 9 tháng); the second
half of the year is covered by the annual report, so a semiannual requirement has one period a year.
Monthly and quarterly windows tile the calendar; 6- and 9-month windows leave a gap until the next
year's window opens.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from dataclasses import dataclass

MONTHLY, QUARTERLY, SEMIANNUAL, NINE_MONTH, ANNUAL = (
    "monthly",
    "quarterly",
    "semiannual",
    "nine_month",
    "annual",
)
RECURRING_FREQUENCIES = (MONTHLY, QUARTERLY, SEMIANNUAL, NINE_MONTH, ANNUAL)
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
WINDOW_CLOSE_DAY = 14  # the window closes on the 14th; the next opens on the 15th


@dataclass(frozen=True)
class Period:
    """One reporting period of a recurring requirement, or the single period of a one-off report."""

    frequency: str
    key: str
    label: str
    window_start: dt.date | None = None
    window_end: dt.date | None = None

    @property
    def year(self) -> int:
        return int(self.key[:4])

    def contains(self, day: dt.date) -> bool:
        return bool(self.window_start and self.window_end and self.window_start <= day <= self.window_end)


def _month_add(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _window(end_year: int, end_month: int, months: int) -> tuple[dt.date, dt.date]:
    """A window of `months` months closing on the 14th of end_month (opening on the 15th, months earlier)."""
    start_year, start_month = _month_add(end_year, end_month, -months)
    return dt.date(start_year, start_month, WINDOW_CLOSE_DAY + 1), dt.date(
        end_year, end_month, WINDOW_CLOSE_DAY
    )


def monthly(year: int, month: int) -> Period:
    start, end = _window(year, month, 1)
    return Period(MONTHLY, f"{year}-M{month:02d}", f"tháng {month} năm {year}", start, end)


def quarterly(year: int, quarter: int) -> Period:
    start, end = _window(year, quarter * 3, 3)
    return Period(QUARTERLY, f"{year}-Q{quarter}", f"quý {ROMAN[quarter]} năm {year}", start, end)


def semiannual(year: int) -> Period:
    start, end = _window(year, 6, 6)
    return Period(SEMIANNUAL, f"{year}-S1", f"6 tháng đầu năm {year}", start, end)


def nine_month(year: int) -> Period:
    start, end = _window(year, 9, 9)
    return Period(NINE_MONTH, f"{year}-9M", f"9 tháng năm {year}", start, end)


def annual(year: int) -> Period:
    start, end = _window(year, 12, 12)
    return Period(ANNUAL, f"{year}-Y", f"năm {year}", start, end)


def one_off(due_date: dt.date, *, adhoc: bool = False) -> Period:
    """The single period of a one-off (một lần) or đột xuất report, keyed by its due date."""
    prefix, frequency = ("DX", "adhoc") if adhoc else ("H", "once")
    return Period(frequency, f"{prefix}-{due_date:%Y%m%d}", f"hạn {due_date:%d/%m/%Y}")


_KEY = re.compile(r"^(?P<year>\d{4})-(?:M(?P<month>\d{2})|Q(?P<quarter>[1-4])|(?P<s>S1)|(?P<n>9M)|(?P<y>Y))$")


def period_from_key(key: str) -> Period:
    """The period a key names ("2024-S1", "2024-M03" …). Raises ValueError for anything else."""
    m = _KEY.match(key or "")
    if not m:
        raise ValueError(f"Mã kỳ báo cáo không hợp lệ: {key!r}")
    year = int(m["year"])
    if m["month"]:
        month = int(m["month"])
        if not 1 <= month <= 12:
            raise ValueError(f"Mã kỳ báo cáo không hợp lệ: {key!r}")
        return monthly(year, month)
    if m["quarter"]:
        return quarterly(year, int(m["quarter"]))
    if m["s"]:
        return semiannual(year)
    if m["n"]:
        return nine_month(year)
    return annual(year)


def _reporting_month(day: dt.date) -> tuple[int, int]:
    """The month whose monthly window holds the day (from the 15th on, the next month's)."""
    if day.day <= WINDOW_CLOSE_DAY:
        return day.year, day.month
    return _month_add(day.year, day.month, 1)


def period_at(frequency: str, day: dt.date) -> Period:
    """The current period on `day`: the first period whose window has not closed yet.

    For monthly, quarterly and annual reports this is the period whose window holds the day;
    in the gap after a 6- or 9-month window it is next year's period.
    """
    year, month = _reporting_month(day)
    if frequency == MONTHLY:
        return monthly(year, month)
    if frequency == QUARTERLY:
        return quarterly(year, (month - 1) // 3 + 1)
    if frequency == SEMIANNUAL:
        return semiannual(day.year if day <= dt.date(day.year, 6, WINDOW_CLOSE_DAY) else day.year + 1)
    if frequency == NINE_MONTH:
        return nine_month(day.year if day <= dt.date(day.year, 9, WINDOW_CLOSE_DAY) else day.year + 1)
    if frequency == ANNUAL:
        return annual(day.year if day <= dt.date(day.year, 12, WINDOW_CLOSE_DAY) else day.year + 1)
    raise ValueError(f"Không phải kỳ báo cáo định kỳ: {frequency!r}")


def period_containing(frequency: str, day: dt.date) -> Period | None:
    """The period whose data window holds the day, or None in the gap between 6- or 9-month windows."""
    period = period_at(frequency, day)
    return period if period.contains(day) else None


def next_period(period: Period) -> Period:
    """The period after this one."""
    year = period.year
    if period.frequency == MONTHLY:
        return monthly(*_month_add(year, int(period.key[6:8]), 1))
    if period.frequency == QUARTERLY:
        quarter = int(period.key[6])
        return quarterly(year + 1, 1) if quarter == 4 else quarterly(year, quarter + 1)
    if period.frequency == SEMIANNUAL:
        return semiannual(year + 1)
    if period.frequency == NINE_MONTH:
        return nine_month(year + 1)
    if period.frequency == ANNUAL:
        return annual(year + 1)
    raise ValueError(f"Báo cáo một lần không có kỳ tiếp theo: {period.key!r}")


# --- Working days -------------------------------------------------------------------------------------


def is_working_day(
    day: dt.date, holidays: Collection[dt.date] = (), working_weekends: Collection[dt.date] = ()
) -> bool:
    """Monday–Friday except public holidays; a weekend day set as a make-up working day (làm bù) counts."""
    if day in working_weekends:
        return True
    return day.weekday() < 5 and day not in holidays


def add_working_days(
    day: dt.date, n: int, holidays: Collection[dt.date] = (), working_weekends: Collection[dt.date] = ()
) -> dt.date:
    """The date n working days after `day` (before it when n is negative); n = 0 returns the day itself.

    "N ngày làm việc sau khi chốt số liệu": add_working_days(window_end, N). Weekends and public
    holidays (Tết moves every year: the holiday calendar is data) are skipped.
    """
    step = 1 if n >= 0 else -1
    remaining = abs(n)
    current = day
    while remaining:
        current += dt.timedelta(days=step)
        if is_working_day(current, holidays, working_weekends):
            remaining -= 1
    return current


def working_days_between(
    start: dt.date,
    end: dt.date,
    holidays: Collection[dt.date] = (),
    working_weekends: Collection[dt.date] = (),
) -> int:
    """How many working days lie after start up to and including end (0 when end <= start)."""
    count, current = 0, start
    while current < end:
        current += dt.timedelta(days=1)
        count += is_working_day(current, holidays, working_weekends)
    return count
