"""Vietnamese public holidays 2024–2027 (Bộ luật Lao động 2019, Điều 112, and the yearly notices of
the Ministry of Home Affairs on days off for civil servants).

Tết and Giỗ Tổ Hùng Vương follow the lunar calendar, and the government swaps working days around
them every year, so the calendar is data an administrator keeps up to date in the admin. Days
marked "(dự kiến)" are computed from the law and the lunar calendar before the year's notice.
A weekend day listed with is_day_off=False is a make-up working day (làm bù).
"""

import datetime as dt

from django.db import migrations

TET_DL = "Tết Dương lịch"
TET = "Tết Nguyên đán"
GIO_TO = "Giỗ Tổ Hùng Vương (10/3 âm lịch)"
GP = "Ngày Chiến thắng (30/4)"
LD = "Ngày Quốc tế Lao động (1/5)"
QK = "Quốc khánh"


def _days(start: dt.date, end: dt.date, name: str):
    day = start
    while day <= end:
        yield day, name, True
        day += dt.timedelta(days=1)


def _calendar():
    d = dt.date
    rows = [
        # 2024
        (d(2024, 1, 1), TET_DL, True),
        *_days(d(2024, 2, 8), d(2024, 2, 14), f"{TET} Giáp Thìn"),
        (d(2024, 4, 18), GIO_TO, True),
        (d(2024, 4, 29), "Nghỉ hoán đổi dịp 30/4 (làm bù thứ Bảy 04/5)", True),
        (d(2024, 4, 30), GP, True),
        (d(2024, 5, 1), LD, True),
        (d(2024, 5, 4), "Làm bù cho ngày nghỉ 29/4", False),
        (d(2024, 9, 2), QK, True),
        (d(2024, 9, 3), f"{QK} (ngày liền kề)", True),
        # 2025
        (d(2025, 1, 1), TET_DL, True),
        *_days(d(2025, 1, 25), d(2025, 2, 2), f"{TET} Ất Tỵ"),
        (d(2025, 4, 7), GIO_TO, True),
        (d(2025, 4, 26), "Làm bù cho ngày nghỉ 02/5", False),
        (d(2025, 4, 30), GP, True),
        (d(2025, 5, 1), LD, True),
        (d(2025, 5, 2), "Nghỉ hoán đổi dịp 30/4 (làm bù thứ Bảy 26/4)", True),
        (d(2025, 9, 1), f"{QK} (ngày liền kề)", True),
        (d(2025, 9, 2), QK, True),
        # 2026
        (d(2026, 1, 1), TET_DL, True),
        *_days(d(2026, 2, 14), d(2026, 2, 22), f"{TET} Bính Ngọ"),
        (d(2026, 4, 26), GIO_TO, True),
        (d(2026, 4, 27), f"Nghỉ bù {GIO_TO} (trùng Chủ nhật)", True),
        (d(2026, 4, 30), GP, True),
        (d(2026, 5, 1), LD, True),
        (d(2026, 9, 2), QK, True),
        (d(2026, 9, 3), f"{QK} (ngày liền kề, dự kiến)", True),
        # 2027 (dự kiến: Tết Đinh Mùi is Saturday 06/02/2027)
        (d(2027, 1, 1), TET_DL, True),
        *_days(d(2027, 2, 5), d(2027, 2, 11), f"{TET} Đinh Mùi (dự kiến)"),
        (d(2027, 4, 16), f"{GIO_TO} (dự kiến)", True),
        (d(2027, 4, 30), GP, True),
        (d(2027, 5, 1), LD, True),
        (d(2027, 5, 3), "Nghỉ bù ngày 1/5 (trùng thứ Bảy)", True),
        (d(2027, 9, 2), QK, True),
        (d(2027, 9, 3), f"{QK} (ngày liền kề, dự kiến)", True),
    ]
    return rows


def load(apps, schema_editor):
    Holiday = apps.get_model("reporting", "Holiday")
    Holiday.objects.bulk_create(
        [Holiday(date=day, name=name, is_day_off=off) for day, name, off in _calendar()], ignore_conflicts=True)


def unload(apps, schema_editor):
    Holiday = apps.get_model("reporting", "Holiday")
    Holiday.objects.filter(date__in=[day for day, _, _ in _calendar()]).delete()


class Migration(migrations.Migration):
    dependencies = [("reporting", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
