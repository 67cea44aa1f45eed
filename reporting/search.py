"""Reports in the one search box: narratives matched without diacritics, within what the user may see."""

from __future__ import annotations

from portal.lib.search import fold
from portal.org.access import scope_for
from reporting.models import Report

LIMIT = 10


def reports_search(user, parsed) -> list[Report]:
    """Reports of obligations the user may see (own units, or received to/via them) whose narratives
    hold every folded word of the query; newest first, at most LIMIT, in one query."""
    words = fold(parsed.text).split()[:10]
    if not words:
        return []
    scope = scope_for(user)
    visible = (
        scope.unit_q("obligation__unit__")
        | scope.unit_q("obligation__to_unit__")
        | scope.unit_q("obligation__via_unit__")
    )
    qs = Report.objects.filter(visible)
    for word in words:
        qs = qs.filter(search_text__contains=word)
    return list(
        qs.select_related("obligation", "obligation__unit", "obligation__requirement").order_by(
            "-updated_at"
        )[:LIMIT]
    )
