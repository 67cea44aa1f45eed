"""A unit's report as an official Báo cáo, through the same PDF engine as every document.

The reporting unit is the issuer (its regime chooses the layout); the receiving unit is the
addressee (Kính gửi) and heads the distribution "(để b/c)". A report not yet submitted carries the
"DỰ THẢO" watermark.
"""

from __future__ import annotations

import html

from django.utils import timezone

from directives.models import type_abbreviation
from directives.pdf.layout import BodyNode, OfficialLayout, Signer
from directives.pdf.render import render_pdf
from directives.rendering import letterhead_lines
from portal.org.models import Membership, Regime, Role
from reporting.models import Obligation, ReportState
from reporting.services.form_template import template_for


def _paragraphs(text: str) -> str:
    return "".join(
        f"<p>{html.escape(line.strip())}</p>" for line in (text or "").splitlines() if line.strip()
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


def report_layout(obligation: Obligation) -> OfficialLayout:
    report = getattr(obligation, "report", None)
    data = (report.data if report else None) or {}
    form = template_for(obligation.requirement)
    unit = obligation.unit
    sections = data.get("sections") or {}
    values = data.get("indicators") or {}
    body = [
        BodyNode(
            heading=s["title"].upper(), html=_paragraphs(sections.get(s["key"], "")) or "<p>(Không có)</p>"
        )
        for s in form.get("sections", [])
    ]
    if form.get("indicators"):
        lines = "".join(
            f"<p>- {html.escape(i['label'])}: {html.escape(str(values.get(i['key'], '') or 0))} "
            f"{html.escape(i.get('unit', ''))}.</p>"
            for i in form["indicators"]
        )
        body.append(BodyNode(heading="SỐ LIỆU", html=lines))
    submitted = report is not None and report.state in (ReportState.SUBMITTED, ReportState.ACCEPTED)
    day = timezone.localdate(report.submitted_at) if submitted and report.submitted_at else None
    signer = report.submitted_by if submitted else None
    membership = (
        Membership.objects.filter(user=signer, unit=unit).order_by("role").first() if signer else None
    )
    to = obligation.to_unit
    via = f" (qua {obligation.via_unit.name})" if obligation.via_unit_id else ""
    subject = report_subject(obligation.requirement.title, obligation.period_label, regime=unit.regime)
    return OfficialLayout(
        regime=unit.regime,
        parent_body=unit.parent_line,
        issuer_name="\n".join(letterhead_lines(unit)),
        number=None,
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
            authority="",
            title=(
                membership.title
                if membership and membership.title
                else dict(Role.choices).get(membership.role, "")
                if membership
                else ""
            ).upper(),
            name=signer.get_full_name() if signer else "",
        ),
        noi_nhan=[
            f"{to.name}{' (b/c)' if unit.regime == Regime.PARTY else ' (để b/c)'}",
            "Lưu VP" if unit.regime == Regime.PARTY else "Lưu: VT",
        ],
        watermark=None if submitted else "DỰ THẢO",
        issue_year=obligation.due_date.year,
    )


def report_pdf_bytes(obligation: Obligation) -> bytes:
    return render_pdf(report_layout(obligation))
