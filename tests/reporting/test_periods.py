"""Reporting periods and working days (STANDARDS.md §6): pure functions, plus the holiday data."""

import datetime as dt

import pytest

from reporting import periods
from reporting.periods import add_working_days, next_period, period_at, period_containing, period_from_key

D = dt.date


@pytest.mark.parametrize(
    "frequency, day, key, label, start, end",
    [
        ("monthly", D(2024, 3, 1), "2024-M03", "tháng 3 năm 2024", D(2024, 2, 15), D(2024, 3, 14)),
        ("monthly", D(2024, 3, 15), "2024-M04", "tháng 4 năm 2024", D(2024, 3, 15), D(2024, 4, 14)),
        ("monthly", D(2024, 12, 20), "2025-M01", "tháng 1 năm 2025", D(2024, 12, 15), D(2025, 1, 14)),
        ("quarterly", D(2024, 5, 2), "2024-Q2", "quý II năm 2024", D(2024, 3, 15), D(2024, 6, 14)),
        ("quarterly", D(2023, 12, 15), "2024-Q1", "quý I năm 2024", D(2023, 12, 15), D(2024, 3, 14)),
        ("quarterly", D(2024, 3, 14), "2024-Q1", "quý I năm 2024", D(2023, 12, 15), D(2024, 3, 14)),
        ("semiannual", D(2024, 1, 29), "2024-S1", "6 tháng đầu năm 2024", D(2023, 12, 15), D(2024, 6, 14)),
        ("nine_month", D(2024, 7, 1), "2024-9M", "9 tháng năm 2024", D(2023, 12, 15), D(2024, 9, 14)),
        ("annual", D(2024, 2, 6), "2024-Y", "năm 2024", D(2023, 12, 15), D(2024, 12, 14)),
        ("annual", D(2024, 12, 15), "2025-Y", "năm 2025", D(2024, 12, 15), D(2025, 12, 14)),
    ],
)
def test_it_follows_the_decree_windows(frequency, day, key, label, start, end):
    p = period_at(frequency, day)
    assert (p.key, p.label, p.window_start, p.window_end) == (key, label, start, end)
    assert p.contains(day)
    assert period_from_key(key) == p


def test_the_six_month_window_leaves_a_gap_until_next_year():
    assert period_containing("semiannual", D(2024, 7, 1)) is None
    assert period_at("semiannual", D(2024, 7, 1)).key == "2025-S1"
    assert period_at("semiannual", D(2024, 6, 14)).key == "2024-S1"
    assert period_containing("semiannual", D(2024, 12, 15)).key == "2025-S1"


@pytest.mark.parametrize(
    "key, following",
    [
        ("2024-M12", "2025-M01"),
        ("2024-M03", "2024-M04"),
        ("2024-Q4", "2025-Q1"),
        ("2024-Q2", "2024-Q3"),
        ("2024-S1", "2025-S1"),
        ("2024-9M", "2025-9M"),
        ("2024-Y", "2025-Y"),
    ],
)
def test_it_knows_the_next_period(key, following):
    assert next_period(period_from_key(key)).key == following


def test_monthly_windows_tile_the_year():
    p = period_from_key("2024-M01")
    for _ in range(24):
        q = next_period(p)
        assert q.window_start == p.window_end + dt.timedelta(days=1)
        p = q


def test_a_one_off_period_is_keyed_by_its_date():
    p = periods.one_off(D(2014, 12, 15))
    assert (p.key, p.label, p.window_end) == ("H-20141215", "hạn 15/12/2014", None)
    assert periods.one_off(D(2024, 10, 3), adhoc=True).key == "DX-20241003"


@pytest.mark.parametrize("bad", ["", "2024", "2024-M13", "2024-Q5", "2024-S2", "24-Y"])
def test_it_refuses_unknown_keys(bad):
    with pytest.raises(ValueError):
        period_from_key(bad)


TET_2024 = {D(2024, 2, d) for d in range(8, 15)}


def test_working_days_skip_weekends():
    assert add_working_days(D(2024, 6, 14), 1) == D(2024, 6, 17)  # Friday → Monday
    assert add_working_days(D(2024, 6, 12), 2) == D(2024, 6, 14)
    assert add_working_days(D(2024, 6, 17), -1) == D(2024, 6, 14)
    assert add_working_days(D(2024, 6, 15), 0) == D(2024, 6, 15)


def test_working_days_skip_tet():
    # The day before Tết Giáp Thìn (off 08/02–14/02/2024): the next working day is Thursday 15/02.
    assert add_working_days(D(2024, 2, 7), 1, TET_2024) == D(2024, 2, 15)
    assert add_working_days(D(2024, 2, 7), 3, TET_2024) == D(2024, 2, 19)
    assert add_working_days(D(2024, 2, 15), -1, TET_2024) == D(2024, 2, 7)


def test_a_make_up_saturday_is_a_working_day():
    holidays = {D(2024, 4, 29), D(2024, 4, 30), D(2024, 5, 1)}
    assert add_working_days(D(2024, 4, 26), 1, holidays) == D(2024, 5, 2)
    assert add_working_days(D(2024, 5, 3), 1, holidays, {D(2024, 5, 4)}) == D(2024, 5, 4)


def test_the_holiday_calendar_is_data(holiday_data):
    from reporting.models import Holiday
    from reporting.services.calendar import working_calendar

    cal = working_calendar()
    assert cal.holidays >= TET_2024
    assert {D(2025, 1, 27), D(2025, 1, 31), D(2026, 2, 16), D(2026, 2, 20)} <= cal.holidays
    assert {D(2024, 4, 18), D(2025, 4, 7), D(2026, 4, 27)} <= cal.holidays  # Giỗ Tổ Hùng Vương
    for year in (2024, 2025, 2026, 2027):
        assert {D(year, 1, 1), D(year, 4, 30), D(year, 5, 1), D(year, 9, 2)} <= cal.holidays
    assert D(2024, 5, 4) in cal.working_weekends
    assert cal.add(D(2024, 2, 7), 1) == D(2024, 2, 15)
    assert cal.add(D(2025, 1, 24), 1) == D(2025, 2, 3)  # Tết Ất Tỵ
    assert Holiday.objects.filter(date__year=2027).exists()
