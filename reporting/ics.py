"""The iCalendar feed of a unit's deadlines (RFC 5545), written by hand: a few fields, no dependency."""

from __future__ import annotations

import datetime as dt
import unicodedata

from django.utils import timezone

PRODID = "-//Thong Suot//Bao cao//VI"


def _escape(text: str) -> str:
    """TEXT per RFC 5545 §3.3.11. Every line break — CRLF, a bare LF and a bare CR alike — becomes "\\n", and
    other control characters are dropped: a bare CR ends a line for some calendar apps, and a title carrying
    "\\rBEGIN:VEVENT" must not become a property or an event of its own."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch) != "Cc")
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets are folded (continuation lines start with a space)."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, current = [], b""
    for ch in line:
        b = ch.encode("utf-8")
        if len(current) + len(b) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += b
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar_for(*, unit_name: str, obligations, url_for, host: str = "thongsuot") -> str:
    """One all-day VEVENT per obligation on its deadline day, with a reminder the day before."""
    now = timezone.now()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape('Hạn báo cáo — ' + unit_name)}",
        "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
    ]
    for ob in obligations:
        day = ob.due_date
        summary = f"Hạn nộp: {ob.requirement.title} — {ob.period_label}"
        description = (
            f"Đơn vị báo cáo: {unit_name}\nGửi về: {ob.to_unit.name}\n"
            f"Tình trạng: {ob.get_status_display()}\nHạn nộp: {day:%d/%m/%Y} "
            f"{timezone.localtime(ob.due_at):%H:%M}"
        )
        lines += [
            "BEGIN:VEVENT",
            f"UID:obligation-{ob.pk}@{host}",
            f"DTSTAMP:{_stamp(now)}",
            f"LAST-MODIFIED:{_stamp(ob.updated_at)}",
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(summary)}",
            f"DESCRIPTION:{_escape(description)}",
            f"URL:{url_for(ob)}",
            f"STATUS:{'CANCELLED' if ob.status == 'excused' else 'CONFIRMED'}",
            "TRANSP:TRANSPARENT",
        ]
        if ob.is_pending:
            lines += [
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                f"DESCRIPTION:{_escape(summary)}",
                "TRIGGER:-P1D",
                "END:VALARM",
            ]
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
