"""The main menu's «Sổ văn bản đến» for the clerks, leaders and administrators of a unit, with how many documents
that arrived through the portal wait for the clerk to register them. Everyone else costs no query beyond the scope
the page already has."""

from django import template

from directives.handling import access
from directives.handling.selectors.incoming import awaiting_count
from portal.org.access import scope_for

register = template.Library()


@register.simple_tag(takes_context=True)
def incoming_register(context) -> int | None:
    """None when the signed-in person reads no unit's register; else the count awaiting registration (0 for a
    leader, who does not register)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    if not scope_for(user).unit_ids_with_role(*access.REGISTER_READERS):
        return None
    return awaiting_count(user)
