"""A long list of ids for `field__in=`, sent as one value.

Django writes `IN (%s, %s, …)` with one parameter per id and prepares each one in Python: for the few thousand
documents of a national plan's cascade that preparation cost a directive page 60 ms, more than its database
work for a district (bench/RESULTS.md). On PostgreSQL the list goes as one array, unnested in a sub-select the
planner sizes from the array itself; elsewhere (the embedded SQLite) as the list it is.
"""

from __future__ import annotations

from collections.abc import Collection

from django.db import connection
from django.db.models.expressions import RawSQL


def id_list(ids: Collection[int]):
    """`ids` as the right-hand side of an `__in` lookup: one array parameter on PostgreSQL."""
    if connection.vendor != "postgresql" or len(ids) < 100:
        return list(ids)
    return RawSQL("SELECT unnest(%s::bigint[])", (list(ids),))
