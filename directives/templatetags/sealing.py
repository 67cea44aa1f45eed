"""The clerk's desk in the main menu: «Chờ đóng dấu» with how many signed documents wait for the body's
signature. Only a clerk (văn thư) sees it; everyone else costs no query beyond the scope the page has."""

from django import template

from directives import access, selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def sealing_desk(context) -> int | None:
    """None when the signed-in person is a clerk of no unit; else the count of documents awaiting the seal."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not access.sealing_units(user):
        return None
    return selectors.awaiting_seal(user).count()
