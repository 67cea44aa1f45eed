"""What an entry registered from a hub packet came with, on the entry page:
``{% exchange_of entry as hub %}`` (None for an entry that did not come through the hub), then
``{% include "exchange/_entry_exchange.html" with exchange=hub %}``."""

from __future__ import annotations

from django import template

from directives.exchange.selectors import EntryExchange, entry_exchange

register = template.Library()


@register.simple_tag
def exchange_of(entry) -> EntryExchange | None:
    return entry_exchange(entry)
