"""The main menu's «Nhiệm vụ» with how many of the user's own tasks are open (one COUNT on top of the scope the page
already has)."""

from django import template

from directives.handling.selectors.tasks import open_count

register = template.Library()


@register.simple_tag(takes_context=True)
def open_tasks(context) -> int | None:
    """None for someone not signed in; else the count of the user's open tasks («Của tôi»)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    return open_count(user)
