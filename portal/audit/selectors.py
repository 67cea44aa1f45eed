from django.db.models import Q, QuerySet

from portal.audit.models import Event
from portal.org.access import scope_for


def events_visible_to(user, *, action: str = "", object_type: str = "") -> QuerySet[Event]:
    """Events within the user's scope: everything for a system admin, the subtrees a leader leads."""
    scope = scope_for(user)
    qs = Event.objects.select_related("actor", "unit")
    if not scope.is_system_admin:
        q = Q(pk__in=[])
        for path in scope.subtree_paths:
            q |= Q(unit_path__startswith=path)
        qs = qs.filter(q)
    if action:
        qs = qs.filter(action=action)
    if object_type:
        qs = qs.filter(object_type=object_type)
    return qs
