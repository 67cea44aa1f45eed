"""Dates in forms the Vietnamese way: typed and shown as dd/mm/yyyy whatever the browser's language.

A browser's <input type="date"> follows the browser's locale (mm/dd/yyyy in an English Chromium), so every date
field of the portal is a text input with a dd/mm/yyyy pattern, parsed on the server by VN_DATE_INPUT_FORMATS —
never the US order, whatever language the page is in. ISO (yyyy-mm-dd) is still accepted, for links and API-like
posts.
"""

from __future__ import annotations

import datetime as dt

from django import forms

VN_DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
VN_DATE_DISPLAY = "%d/%m/%Y"
INVALID = "Ngày «{value}» không hợp lệ: hãy nhập theo dạng ngày/tháng/năm, ví dụ 06/02/2024."
ATTRS = {
    "placeholder": "ngày/tháng/năm",
    "inputmode": "numeric",
    "autocomplete": "off",
    "maxlength": "10",
    "pattern": r"\d{1,2}[\/.\-]\d{1,2}[\/.\-]\d{4}|\d{4}-\d{1,2}-\d{1,2}",
    "title": "Ngày theo dạng ngày/tháng/năm, ví dụ 06/02/2024",
}


def parse_vn_date(value: str) -> dt.date | None:
    """A date typed as dd/mm/yyyy (or dd-mm-yyyy, dd.mm.yyyy, yyyy-mm-dd); None when empty; ValueError otherwise."""
    value = (value or "").strip()
    if not value:
        return None
    for fmt in VN_DATE_INPUT_FORMATS:
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(INVALID.format(value=value))


def vn_date_value(value) -> str:
    """A date as the text a date field shows (dd/mm/yyyy); "" for nothing."""
    return value.strftime(VN_DATE_DISPLAY) if isinstance(value, dt.date) else (value or "")


class VnDateInput(forms.DateInput):
    input_type = "text"

    def __init__(self, attrs=None):
        super().__init__(attrs={**ATTRS, **(attrs or {})}, format=VN_DATE_DISPLAY)


class VnDateField(forms.DateField):
    widget = VnDateInput
    input_formats = VN_DATE_INPUT_FORMATS

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", VN_DATE_INPUT_FORMATS)
        super().__init__(**kwargs)
        self.help_text = self.help_text or "Dạng ngày/tháng/năm, ví dụ 06/02/2024."

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError as exc:
            raise forms.ValidationError(INVALID.format(value=str(value).strip()), code="invalid") from exc
