"""Strict parsing of what a request carries: ids, period keys, numbers with bounds, dates, JSON depth, names.

One place for every view, form and serializer, so a hostile value gets the same clear Vietnamese refusal
(HTTP 400) everywhere instead of a 500 from the database, the date arithmetic or the JSON parser.
A refused value raises ``BadParameter`` (a Django ``BadRequest``); ``portal.core.middleware.
BadParameterMiddleware`` turns it into the 400 page, or the API's problem body under /api/.
Form fields and serializers get the same rules as ``ValidationError``s through the ``*_validator`` helpers.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import BadRequest, ValidationError

#: The largest primary key PostgreSQL (bigint) and SQLite (INTEGER) can hold. A larger "id" names nothing;
#: SQLite raises OverflowError on it, which is why it is refused here rather than passed to a query.
MAX_ID = 2**63 - 1
_DIGITS = re.compile(r"[0-9]{1,19}")  # ASCII only: \d would take "١٢" too
#: Dates a person can mean: the first Vietnamese state documents to the end of the century. A due date of
#: 9999-12-31 (no period after it, no working day to add) is a typing mistake, not a deadline.
DATE_MIN = dt.date(1945, 1, 1)
DATE_MAX = dt.date(2100, 12, 31)
#: Bidirectional controls (embedding, override, isolate): they make a name read differently from what it is
#: ("‮fdp.exe" shown as "exe.pdf"), so they are refused in names, not silently dropped.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


class BadParameter(BadRequest):
    """A request parameter that cannot mean anything: answered 400 with ``message`` (Vietnamese)."""

    def __init__(self, name: str, message: str):
        super().__init__(message)
        self.name = name
        self.message = message


# --- Ids and period keys ------------------------------------------------------------------------------


def id_value(raw) -> int:
    """A primary key from text: 1 to 19 digits, at most MAX_ID. Raises ValueError otherwise."""
    text = str(raw).strip()
    if not _DIGITS.fullmatch(text) or not 0 < int(text) <= MAX_ID:
        raise ValueError(raw)
    return int(text)


def is_count(text: str) -> bool:
    """Whether a form's row index, depth or day count can be read with int(): ASCII digits only, at most 9.

    ``str.isdigit`` is not enough: it accepts "²" and "١٢", on which int() raises or reads a foreign script,
    and thousands of digits, on which int() raises (Python's digit limit) — a 500 instead of a silent default.
    """
    return bool(_DIGITS.fullmatch(text)) and len(text) <= 9


def id_coerce(raw) -> int:
    """``id_value`` for a form's TypedChoiceField (coerce): an impossible id is an invalid choice."""
    try:
        return id_value(raw)
    except ValueError as exc:
        raise ValidationError("Mã không hợp lệ.", code="invalid_choice") from exc


def parse_id(raw, *, name: str) -> int | None:
    """An optional id query parameter: empty → None, anything but a possible id → BadParameter."""
    if raw is None or str(raw).strip() == "":
        return None
    try:
        return id_value(raw)
    except ValueError:
        raise BadParameter(name, f"Tham số «{name}» phải là một mã số (tối đa 19 chữ số).") from None


#: A period key: 2024, 2024-H1, 2024-Q3, 2024-07, 2024-W05, 2024-06-15 or a đột xuất key (letters, digits, -).
_PERIOD_KEY = re.compile(r"[0-9A-Za-z][0-9A-Za-z_-]{0,39}")


def parse_period_choice(raw, *, name: str = "ky") -> tuple[int | None, str]:
    """A "<requirement id>:<period key>" filter (the received-reports and dashboard pickers).

    Empty → (None, ""). A part that cannot be a requirement id or a period key → BadParameter.
    """
    text = "" if raw is None else str(raw).strip()
    if not text:
        return None, ""
    raw_id, sep, key = text.partition(":")
    if not sep or not _PERIOD_KEY.fullmatch(key):
        raise BadParameter(name, f"Tham số «{name}» phải có dạng «<mã yêu cầu>:<kỳ>», ví dụ «12:2024-H1».")
    try:
        return id_value(raw_id), key
    except ValueError:
        raise BadParameter(name, f"Tham số «{name}»: mã yêu cầu báo cáo không hợp lệ.") from None


def parse_period_key(raw, *, name: str = "ky") -> str:
    """A bare period key (2024-H1 …): empty → "", anything else that is not one → BadParameter."""
    text = "" if raw is None else str(raw).strip()
    if text and not _PERIOD_KEY.fullmatch(text):
        raise BadParameter(name, f"Tham số «{name}» không phải là một kỳ báo cáo (ví dụ «2024-H1»).")
    return text


def parse_int(raw, *, name: str, minimum: int, maximum: int) -> int | None:
    """An optional whole number within [minimum, maximum]: empty → None."""
    text = "" if raw is None else str(raw).strip()
    if not text:
        return None
    if not re.fullmatch(r"-?[0-9]{1,19}", text) or not minimum <= int(text) <= maximum:
        raise BadParameter(name, f"Tham số «{name}» phải là số nguyên từ {minimum} đến {maximum}.")
    return int(text)


# --- Dates --------------------------------------------------------------------------------------------


def date_in_range(value: dt.date, *, label: str) -> dt.date:
    """A date a person can mean (DATE_MIN–DATE_MAX); raises ValidationError naming the field."""
    if not DATE_MIN <= value <= DATE_MAX:
        raise ValidationError(
            f"{label} phải trong khoảng từ {DATE_MIN:%d/%m/%Y} đến {DATE_MAX:%d/%m/%Y}.", code="date_range"
        )
    return value


def date_range_validator(label: str):
    """The same rule as a form field or serializer validator."""

    def validate(value):
        if isinstance(value, dt.date):
            date_in_range(value, label=label)

    return validate


# --- Numbers (report indicators) -----------------------------------------------------------------------


def indicator_max() -> Decimal:
    return Decimal(settings.INDICATOR_MAX)


def bounded_number(value) -> Decimal:
    """A finite number within 0 … INDICATOR_MAX (a setting, 10^12 by default). Raises ValueError with the
    problem: "nan" (not a finite number, e.g. 1e400 or NaN), "negative", "too_large"."""
    try:
        number = Decimal(str(value)) if not isinstance(value, Decimal) else value
    except (InvalidOperation, ValueError) as exc:
        raise ValueError("nan") from exc
    if not number.is_finite():
        raise ValueError("nan")
    if number < 0:
        raise ValueError("negative")
    if number > indicator_max():
        raise ValueError("too_large")
    return number


# --- JSON ---------------------------------------------------------------------------------------------


def json_depth_exceeds(text: str | bytes, limit: int) -> bool:
    """True when a JSON document nests arrays/objects deeper than ``limit`` — checked on the raw text, before
    the parser (which recurses, and fails with RecursionError on 50,000 levels) ever sees it. Brackets inside
    strings are skipped."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    depth, in_string, escaped = 0, False, False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return True
        elif ch in "]}":
            depth -= 1
    return False


# --- Names ---------------------------------------------------------------------------------------------


def clean_name(value: str, *, label: str) -> str:
    """A name as stored: NFC (so "Yên Thế" typed with combining marks equals the precomposed one), trimmed,
    inner whitespace collapsed; bidi controls and other control characters refused with ValidationError."""
    text = unicodedata.normalize("NFC", value or "")
    if any(ch in BIDI_CONTROLS for ch in text):
        raise ValidationError(
            f"{label} chứa ký tự điều khiển hướng chữ (U+202A–U+202E, U+2066–U+2069); hãy gõ lại tên.",
            code="bidi",
        )
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        raise ValidationError(f"{label} không được chứa ký tự điều khiển (xuống dòng, tab…).", code="control")
    return " ".join(text.split())


# --- The request as a whole -------------------------------------------------------------------------------


def refuse_nul(request) -> None:
    """A NUL character in any query or form value: no text the portal keeps may hold one, and PostgreSQL refuses
    it in a query (a 500 wherever a view passes a parameter on unparsed). Refused once, for every view."""
    sources = [request.GET]
    if request.method == "POST" and request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        sources.append(request.POST)
    for source in sources:
        for name, values in source.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                raise BadParameter(
                    name, f"Tham số «{name.replace(chr(0), '')}» chứa ký tự NUL (\\x00), không hợp lệ."
                )


# --- Header values -------------------------------------------------------------------------------------


def header_safe(text: str) -> str:
    """Text that may go into a response header (a filename): no CR, LF or other control characters."""
    return "".join(ch for ch in str(text) if unicodedata.category(ch) != "Cc")
