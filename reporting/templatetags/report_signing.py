"""The menu's «Báo cáo chờ ký» with its count, for the people who sign for a unit (issue 17 item 2)."""

from django import template

from portal.org.access import scope_for
from portal.org.models import Role
from reporting.signature import awaiting_signature

register = template.Library()


@register.simple_tag(takes_context=True)
def reports_to_sign(context) -> int | None:
    """None when the signed-in person signs for no unit; else the count of reports awaiting a signature."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not scope_for(user).unit_ids_with_role(Role.SIGNER):
        return None
    return awaiting_signature(user).count()
