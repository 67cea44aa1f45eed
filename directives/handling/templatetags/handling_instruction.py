"""The leader's instruction on pages that are not its own: the entry page's section (``{% entry_instruction entry %}``,
through the shared partial handling/_entry_instruction.html) and the menu's count of entries awaiting it."""

from __future__ import annotations

from django import template

from directives.handling.instruction_forms import forms_for
from directives.handling.selectors import instruction as selectors

register = template.Library()


def _user(context):
    request = context.get("request")
    return getattr(request, "user", None)


@register.inclusion_tag("handling/_instruction_panel.html", takes_context=True)
def entry_instruction(context, entry):
    """The instruction history and the entry's assignments for everyone who reads the entry; the decision forms for
    its leader while it awaits the instruction."""
    user = _user(context)
    panel = selectors.instruction_panel(entry, user)
    out = {
        "panel": panel,
        "entry": entry,
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
    }
    if panel.can_instruct:
        out.update(forms_for(entry, user))
    return out


@register.simple_tag(takes_context=True)
def awaiting_instruction(context) -> int | None:
    """None for someone who leads no unit; else the count of entries awaiting this leader's instruction."""
    user = _user(context)
    if user is None:
        return None
    return selectors.awaiting_instruction_count(user)
