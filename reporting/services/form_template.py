"""Report forms: the outline (đề cương) and the indicators (biểu mẫu) of a requirement, and the
validation of what a unit types into them.

A template is {"sections": [{"key", "title", "help"}], "indicators": [{"key", "label", "unit", "type"}]}
with type "integer" (default) or "decimal". A requirement with an empty form_template uses the
default template for thông tin đối ngoại, drawn from the seeds (Kế hoạch 84-KH/BCĐTTĐN, Hướng dẫn
97-HD/BTGTU, Kế hoạch of LĐLĐ huyện Phú Riềng on Kết luận 57-KL/TW).
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation

from django.conf import settings

from portal.lib.params import bounded_number
from reporting.errors import ReportInvalid

DEFAULT_TEMPLATE: dict = {
    "name": "Báo cáo kết quả công tác thông tin đối ngoại",
    "sections": [
        {
            "key": "ket_qua_tuyen_truyen",
            "title": "Kết quả công tác thông tin, tuyên truyền đối ngoại",
            "help": "Nội dung đã tuyên truyền, quán triệt (Kết luận 57-KL/TW, các văn bản của Trung ương, của tỉnh); "
            "hình thức, đối tượng.",
        },
        {
            "key": "hoat_dong_doi_ngoai",
            "title": "Hoạt động đối ngoại",
            "help": "Các hoạt động đối ngoại, quảng bá hình ảnh địa phương, đơn vị đã tổ chức hoặc tham gia.",
        },
        {"key": "kho_khan", "title": "Khó khăn, vướng mắc", "help": ""},
        {"key": "de_xuat", "title": "Đề xuất, kiến nghị", "help": ""},
    ],
    "indicators": [
        {"key": "so_buoi_tuyen_truyen", "label": "Số buổi tuyên truyền", "unit": "buổi", "type": "integer"},
        {
            "key": "so_luot_nguoi_tham_gia",
            "label": "Số lượt người tham gia",
            "unit": "lượt",
            "type": "integer",
        },
        {"key": "so_tin_bai", "label": "Số tin, bài đăng tải", "unit": "tin, bài", "type": "integer"},
        {
            "key": "so_hoi_nghi_quan_triet",
            "label": "Số hội nghị quán triệt",
            "unit": "hội nghị",
            "type": "integer",
        },
    ],
}


def template_for(requirement) -> dict:
    """The requirement's own form, or the default one when it sets none."""
    form = requirement.form_template or {}
    if form.get("sections") or form.get("indicators"):
        return {
            "sections": list(form.get("sections") or []),
            "indicators": list(form.get("indicators") or []),
            "name": form.get("name", ""),
        }
    return DEFAULT_TEMPLATE


def empty_data() -> dict:
    return {"sections": {}, "indicators": {}}


def _text(value) -> str:
    return str(value if value is not None else "").replace("\r\n", "\n").strip()


#: The longest text one section of a report may hold, in characters: some fifteen printed pages; longer belongs
#: in an attachment. A longer text is refused with this number and the section's name, never cut: a reporter
#: must not read "Đã lưu" over a text the portal shortened (the same bound as a section of a document).
SECTION_MAX_CHARS = 50_000


def clean_draft(template: dict, raw: dict | None) -> dict:
    """A draft keeps what was typed (trimmed), even a half-typed number: drafts are working copies.

    Only the template's keys are kept, so a stale form cannot plant other data. Refuses (ReportInvalid,
    naming every section at fault) a section longer than SECTION_MAX_CHARS, keeping nothing.
    """
    raw = raw or {}
    sections, indicators = raw.get("sections") or {}, raw.get("indicators") or {}
    texts = {s["key"]: _text(sections.get(s["key"])) for s in template["sections"]}
    too_long = {
        f"section_{s['key']}": f"Mục «{s['title']}» dài {_thousands(len(texts[s['key']]))} ký tự, quá giới "
        f"hạn {_thousands(SECTION_MAX_CHARS)} ký tự của một mục; hãy rút gọn hoặc đưa phần dài vào tệp đính "
        "kèm. Bản nháp chưa được lưu."
        for s in template["sections"]
        if len(texts[s["key"]]) > SECTION_MAX_CHARS
    }
    if too_long:
        raise ReportInvalid(" ".join(too_long.values()), field=next(iter(too_long)), errors=too_long)
    return {
        "sections": texts,
        "indicators": {i["key"]: _draft_number(indicators.get(i["key"])) for i in template["indicators"]},
    }


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")  # 50.000, as Vietnamese readers write it


def _draft_number(value):
    if value is None:
        return None
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            return repr(value)  # "inf", "nan": kept as the text it reads as, refused on submit
        if abs(value) > settings.INDICATOR_MAX:
            # Beyond the bound: kept as (at most 40 characters of) text, refused on submit; a number of
            # thousands of digits is never turned into text whole (Python refuses to, a 500).
            return (str(value) if abs(value) < 10**39 else "9" * 40)[:40]
        return value
    text = _text(value)[:40]
    return text or None


_INT = re.compile(r"^\d{1,3}(?:[. ]\d{3})+$|^\d+$")
_DEC = re.compile(r"^\d+(?:[.,]\d+)?$")


def parse_indicator(indicator: dict, value) -> int | float | None:
    """A number from what a person typed: "1.200" or "1 200" is one thousand two hundred; a decimal
    indicator takes "2,5" or "2.5". Raises ValueError("negative") or ValueError("nan")."""
    if value is None or value == "":
        return None
    kind = indicator.get("type", "integer")
    if isinstance(value, bool):
        raise ValueError("nan")
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
    else:
        text = _text(value).replace("\u00a0", " ")
        if not text:
            return None
        negative = text.startswith("-")
        body = text[1:].strip() if negative else text
        if kind == "decimal":
            if not _DEC.match(body):
                raise ValueError("nan")
            number = Decimal(body.replace(",", "."))
        else:
            if not _INT.match(body):
                raise ValueError("nan")
            number = Decimal(body.replace(".", "").replace(" ", ""))
        if negative:
            number = -number
    try:
        if number < 0:
            raise ValueError("negative")
    except InvalidOperation as exc:
        raise ValueError("nan") from exc
    bounded_number(number)  # finite and within 0 … INDICATOR_MAX, or ValueError("nan" / "too_large")
    if kind == "decimal":
        return float(number)
    if number != number.to_integral_value():
        raise ValueError("nan")
    return int(number)


def indicator_error(indicator: dict, problem: str) -> str:
    label = indicator.get("label") or indicator["key"]
    if problem == "negative":
        return f"Chỉ tiêu «{label}» không được là số âm."
    if problem == "too_large":
        limit = f"{settings.INDICATOR_MAX:,}".replace(",", ".")
        return f"Chỉ tiêu «{label}» vượt quá giới hạn {limit}; hãy kiểm tra lại số đã nhập."
    if indicator.get("type") == "decimal":
        return f"Chỉ tiêu «{label}» phải là một số (ví dụ: 2,5)."
    return f"Chỉ tiêu «{label}» phải là một số nguyên (ví dụ: 12)."


def clean_submission(template: dict, raw: dict | None) -> dict:
    """The report as it will be submitted: every indicator a non-negative number (or empty), at least
    something filled in. Refuses with every field's error at once, each naming the field."""
    draft = clean_draft(template, raw)
    errors: dict[str, str] = {}
    indicators = {}
    for indicator in template["indicators"]:
        key = indicator["key"]
        try:
            indicators[key] = parse_indicator(indicator, (raw or {}).get("indicators", {}).get(key))
        except ValueError as exc:
            errors[f"indicator_{key}"] = indicator_error(indicator, str(exc))
            continue
        if indicator.get("required") and indicators[key] is None:
            errors[f"indicator_{key}"] = f"Chỉ tiêu «{indicator.get('label', key)}» là bắt buộc."
    for section in template["sections"]:
        if section.get("required") and not draft["sections"].get(section["key"]):
            errors[f"section_{section['key']}"] = f"Mục «{section['title']}» là bắt buộc."
    if errors:
        first = next(iter(errors.values()))
        message = (
            first
            if len(errors) == 1
            else f"Báo cáo có {len(errors)} chỗ chưa hợp lệ: " + " ".join(errors.values())
        )
        raise ReportInvalid(message, field=next(iter(errors)), errors=errors)
    if not any(draft["sections"].values()) and all(v is None for v in indicators.values()):
        raise ReportInvalid("Báo cáo chưa có nội dung: hãy điền ít nhất một mục hoặc một chỉ tiêu.")
    return {"sections": draft["sections"], "indicators": indicators}
