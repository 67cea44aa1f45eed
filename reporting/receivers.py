"""What reporting does when the floors below it announce something (imports point down; news travels up by
signal): a document issued or revoked (directives.services.signing), a unit closed or merged
(portal.org.services), and the reports section of the search page (directives.search).

Connected once, from ReportingConfig.ready (reporting/apps.py).
"""

from __future__ import annotations

from directives.search import SearchSection, search_section_register
from directives.services.signing import document_issued, document_revoked
from portal.org.services import unit_closed
from reporting.search import reports_search
from reporting.services import obligations_cancel_for_document, obligations_create_for_document
from reporting.services.obligations import on_unit_closed


def connect() -> None:
    # Open obligations of a closed or merged unit pass to its successor (SPEC §3).
    unit_closed.connect(on_unit_closed, dispatch_uid="reporting.on_unit_closed")
    document_issued.connect(_on_document_issued, dispatch_uid="reporting.on_document_issued")
    document_revoked.connect(_on_document_revoked, dispatch_uid="reporting.on_document_revoked")
    search_section_register(
        SearchSection(
            key="reports",
            label="Báo cáo",
            search=reports_search,
            template="reporting/_search_results.html",
            order=20,
        )
    )


def _on_document_issued(sender, *, document, actor, **kwargs) -> None:
    """Obligations of the document's requirements, in the issuing transaction. Periods follow the
    issue date, so a paper document entered later gets the periods of its own time."""
    obligations_create_for_document(document=document, actor=actor, today=document.issue_date)


def _on_document_revoked(sender, *, document, actor, reason="", **kwargs) -> None:
    obligations_cancel_for_document(document=document, actor=actor, reason=reason)
