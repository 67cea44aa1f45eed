"""A report as an editable Word file (.docx) in the official format of a Báo cáo (issue 17 item 6).

The same layout the report's PDF prints (reporting.rendering.report_layout) written by directives.docx; the access
is the PDF's (reporting.access.obligation_for_viewer)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required

from directives.docx.export import docx_from_layout
from directives.docx.views import docx_file_name, docx_response
from reporting import access
from reporting.rendering import report_layout


@login_required
def report_docx(request, obligation_id: int):
    """«Tải bản Word (.docx)» of a report — for whoever may read the report."""
    obligation = access.obligation_for_viewer(request.user, obligation_id)
    layout = report_layout(obligation)
    number_symbol = layout.number_symbol_text() if layout.number else ""
    name = docx_file_name(
        number_symbol, "", fallback=f"bao-cao-{obligation.unit.code}-{obligation.period_key}"
    )
    return docx_response(docx_from_layout(layout), name)
