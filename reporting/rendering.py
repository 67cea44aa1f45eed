"""A unit's report as an official Báo cáo, through the same PDF engine as every document.

The reporting unit is the issuer (its regime chooses the layout); the receiving unit is the
addressee (Kính gửi) and heads the distribution "(để b/c)". A report not yet sent carries the
"DỰ THẢO" watermark and no number; a sent one prints the number from the unit's register and the signature
block as signed (the snapshot on the report: reporting.signature). Indicators print as a ruled table
(STT | Chỉ tiêu | Đơn vị tính | Số liệu), and tab-separated lines typed in a section as a table (the
sanitiser's table detection, as in documents).
"""

from __future__ import annotations

import dataclasses
import html

from django.utils import timezone

from directives.models import type_abbreviation
from directives.pdf.layout import BodyNode, OfficialLayout, Signer
from directives.pdf.render import render_pdf
from directives.pdf.slots import render_pdf_with_slots
from directives.rendering import letterhead_lines, signature_image_height_mm
from directives.sanitize import clean_html
from portal.org.models import Regime
from portal.signing.pdf import Rect, Slots
from reporting.models import Obligation, Report, ReportState
from reporting.services.form_template import template_for


def _paragraphs(text: str) -> str:
    return "".join(
        f"<p>{html.escape(line.strip())}</p>" for line in (text or "").splitlines() if line.strip()
    )


def _section_html(text: str) -> str:
    """A section as typed: one paragraph per line, a run of tab-separated lines as a table (its first row the
    header), through the same sanitiser as a document's text."""
    return clean_html(text or "")


def _number_text(value) -> str:
    if value in (None, ""):
        return "0"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    return str(value)


def indicators_table(indicators: list[dict], values: dict) -> str:
    """The figures as a ruled table: STT | Chỉ tiêu | Đơn vị tính | Số liệu."""
    rows = "".join(
        f"<tr><td>{n}</td><td>{html.escape(i['label'])}</td><td>{html.escape(i.get('unit', '') or '')}</td>"
        f"<td>{html.escape(_number_text(values.get(i['key'])))}</td></tr>"
        for n, i in enumerate(indicators, start=1)
    )
    return (
        "<table><thead><tr><th>STT</th><th>Chỉ tiêu</th><th>Đơn vị tính</th><th>Số liệu</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def report_subject(title: str, period_label: str, *, regime: str) -> str:
    """The trích yếu under "BÁO CÁO": the requirement's title without the type word the title line already
    prints ("Báo cáo kết quả …" → "kết quả …"), with its period; it starts in lower case in the Party's format
    (Hướng dẫn 36) and with a capital in the state's and the union's (Nghị định 30)."""
    words = " ".join(f"{title} {period_label}".split())
    if words.lower().startswith("báo cáo "):
        words = words[len("báo cáo ") :]
    if not words:
        return ""
    first = words[0].lower() if regime == Regime.PARTY else words[0].upper()
    return first + words[1:]


def report_layout(obligation: Obligation, report: Report | None = None) -> OfficialLayout:
    """The report's official layout; ``report`` defaults to the obligation's (a sending service passes the
    row it has just numbered and signed, before it is read back)."""
    if report is None:
        report = Report.objects.filter(obligation=obligation).first()
    data = (report.data if report else None) or {}
    form = template_for(obligation.requirement)
    unit = obligation.unit
    sections = data.get("sections") or {}
    values = data.get("indicators") or {}
    body = [
        BodyNode(
            heading=s["title"].upper(), html=_section_html(sections.get(s["key"], "")) or "<p>(Không có)</p>"
        )
        for s in form.get("sections", [])
    ]
    if form.get("indicators"):
        body.append(BodyNode(heading="SỐ LIỆU", html=indicators_table(form["indicators"], values)))
    # Sent (submitted or accepted): numbered and signed. A draft, one awaiting its signer's signature or one
    # returned for revision prints as a draft: the working copy is not what was sent.
    submitted = report is not None and report.state in (ReportState.SUBMITTED, ReportState.ACCEPTED)
    day = timezone.localdate(report.submitted_at) if submitted and report and report.submitted_at else None
    block = (report.signature or {}) if submitted and report else {}
    to = obligation.to_unit
    via = f" (qua {obligation.via_unit.name})" if obligation.via_unit_id else ""
    subject = report_subject(obligation.requirement.title, obligation.period_label, regime=unit.regime)
    return OfficialLayout(
        regime=unit.regime,
        parent_body=unit.parent_line,
        issuer_name="\n".join(letterhead_lines(unit)),
        number=(report.number or None) if submitted and report else None,
        symbol=(
            f"BC/{unit.short_name}"
            if unit.regime == Regime.PARTY
            else f"{type_abbreviation('BC', unit.regime)}-{unit.short_name}"
        ),
        doc_type_code="BC",
        doc_type_name="BÁO CÁO",
        is_cong_van=False,
        place=unit.place_name,
        issue_date=day,
        subject=subject,
        kinh_gui=[f"{to.name}{via}"],
        opening=_paragraphs(
            f"Thực hiện {obligation.requirement.document.get_doc_type_display()} số "
            f"{obligation.requirement.document.number_symbol} của {obligation.requirement.document.issuer_name}, "
            f"{unit.name} báo cáo kết quả {obligation.period_label} như sau:"
        )
        if obligation.requirement.document_id
        else "",
        body=body,
        signer=Signer(
            authority=block.get("authority", ""),
            authority_body=block.get("authority_body", ""),
            title=block.get("title", ""),
            name=block.get("name", ""),
        ),
        noi_nhan=[
            f"{to.name}{' (b/c)' if unit.regime == Regime.PARTY else ' (để b/c)'}",
            "Lưu VP" if unit.regime == Regime.PARTY else "Lưu: VT",
        ],
        watermark=None if submitted else "DỰ THẢO",
        issue_year=obligation.due_date.year,
    )


def report_pdf_bytes(obligation: Obligation, report: Report | None = None) -> bytes:
    return render_pdf(report_layout(obligation, report))


def report_unsigned_pdf(obligation: Obligation, report: Report) -> tuple[bytes, Slots, OfficialLayout]:
    """The sent layout a signer signs digitally, as a document's (directives.rendering.document_unsigned_pdf):
    the number-symbol and the date left blank for the fields signing fills, the gap between the title and the
    name sized for the signature image. Returns the layout too: its number and date lines are what is filled."""
    layout = report_layout(obligation, report)
    unsigned = dataclasses.replace(
        layout, number=None, issue_date=None, signature_image_mm=signature_image_height_mm()
    )
    data, places = render_pdf_with_slots(unsigned)
    slots = Slots(
        number=Rect(*places["slot-number"]),
        date=Rect(*places["slot-date"]),
        signature=Rect(*places["slot-signature"]),
    )
    return data, slots, layout
