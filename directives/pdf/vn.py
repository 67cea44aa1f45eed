"""Vietnamese date lines for official documents (Nghị định 30/2020, Phụ lục I; Hướng dẫn 36-HD/VPTW).

Days below 10 and the months January and February take a leading zero ("ngày 05 tháng 02"), the
other months do not ("tháng 6"). A document that is not dated yet (a draft, or a paper copy the
clerk dates by hand) prints blanks wide enough to write in: "ngày      tháng      năm 2024".

The same rule is in ``portal.lib.dates`` (screens); this module stays free of project imports so
the PDF engine loads without the Django project, and adds the blank form the printed page needs.
"""

from __future__ import annotations

import datetime as dt

# Room for two handwritten digits. Non-breaking, so HTML does not collapse it and the line does
# not wrap inside the blank.
BLANK = "\u00a0" * 6


def format_vn_date(d: dt.date | None, *, year: int | None = None) -> str:
    """'ngày 06 tháng 02 năm 2024'; with no date, blanks for day and month.

    ``year`` is the year printed on a blank line (default: the current year).
    """
    if d is None:
        return f"ngày{BLANK}tháng{BLANK}năm {year or dt.date.today().year}"
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def format_place_date(place: str, d: dt.date | None, *, year: int | None = None) -> str:
    """'Bắc Giang, ngày 06 tháng 02 năm 2024' (place omitted when empty: 'Ngày 06 tháng …')."""
    text = format_vn_date(d, year=year)
    return f"{place}, {text}" if place else text[:1].upper() + text[1:]
