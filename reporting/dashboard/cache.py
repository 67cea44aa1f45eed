"""A short-lived cache of the dashboards' expensive figures, invalidated by the writes that change them.

What is cached: the aggregates of a page that are the same for everyone allowed to open it — the requirement
page's cube (the subtree's obligations by child × level × period), the directive page's cube (the subtree's
deliveries by child × level), a document's cascade family and a unit's overview. Never a page's HTML (a user's name, a CSRF token), never a
list of names behind a number, and never read before the access helper has let the viewer in: the views call
the page assemblers only after access.dashboard_unit_for and its siblings returned.

The key: the page kind and its parameters, the unit (id and path), today's date (an obligation's status depends
on the day) and two generation numbers — the unit's and the global one. Every write service records an audit
event naming its unit; the receivers (reporting/dashboard/receivers.py) bump, when the transaction commits, the
generation of that unit and of all its ancestors (the prefixes of its materialised path: one counter per level),
so a report submitted in a commune shows at once on the district's, the province's and the nation's pages. The
fan-outs that change figures of many units at once (a document issued or revoked, a unit closed) bump every
unit they touched, or the global generation when they touched too many to count. A generation that is missing
(never bumped, or evicted) starts from the clock, never from zero, so it cannot meet a value cached under an
earlier one. Entries live DASHBOARD_CACHE_SECONDS (default 60; 0 turns the cache off): what no event announces
— the clock passing a deadline's cut-off within the day, two bumps racing in the embedded deployment's file
cache (its increment is a read and a write) — is stale for at most that long. The store is the "dashboards"
cache of settings.CACHES, shared by every process that writes: Redis in production, files when embedded.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone

from portal.org.models import Unit

T = TypeVar("T")
log = logging.getLogger(__name__)

PREFIX = "dash"
GLOBAL = f"{PREFIX}:gen:*"
# The documents' cascades (directives.cascade.document_family_ids): a family grows only when a document is issued
# (its deliveries' implemented_by), anywhere in the country, so it has a generation of its own.
FAMILIES = f"{PREFIX}:gen:families"
# Above this many counters a write bumps the global generation instead (a national directive's fan-out).
MAX_BUMPS = 500


class _Store:
    """The "dashboards" cache of settings.CACHES, looked up at each use (a test's settings may swap it)."""

    def __getattr__(self, name: str):
        return getattr(caches["dashboards"], name)


cache = _Store()


def seconds() -> int:
    """How long a page's figures are kept (DASHBOARD_CACHE_SECONDS; 0: not cached)."""
    return int(getattr(settings, "DASHBOARD_CACHE_SECONDS", 60))


def _gen_key(path: str) -> str:
    return f"{PREFIX}:gen:{path}"


def prefixes(path: str) -> list[str]:
    """The unit's path and its ancestors' (treebeard: each level adds steplen characters)."""
    step = Unit.steplen
    return [path[:n] for n in range(step, len(path) + 1, step)]


def _fresh() -> int:
    # A new counter starts from the clock: a counter evicted and recreated never repeats an old value.
    return time.time_ns()


def _generations(keys: list[str]) -> list[int]:
    found = cache.get_many(keys)  # one round trip; a missing counter is created
    for key in keys:
        if key not in found:
            cache.add(key, _fresh(), timeout=None)
            found[key] = cache.get(key)
    return [found[key] for key in keys]


def generation(unit: Unit) -> tuple[int, int]:
    """The global generation and the unit's."""
    g_all, g_unit = _generations([GLOBAL, _gen_key(unit.path)])
    return g_all, g_unit


def _bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # never set, or evicted
        if not cache.add(key, _fresh(), timeout=None):
            cache.incr(key)


def bump_paths(paths: Iterable[str]) -> int:
    """Invalidate the pages of these units and of all their ancestors; returns how many counters moved.

    Runs after a commit: a cache that is down must not turn a saved change into an error page, so a failure is
    logged and the pages it should have refreshed age out within DASHBOARD_CACHE_SECONDS."""
    keys: set[str] = set()
    for path in paths:
        if path:
            keys.update(_gen_key(p) for p in prefixes(path))
    if len(keys) > MAX_BUMPS:
        keys = {GLOBAL}
    try:
        for key in sorted(keys):
            _bump(key)
    except Exception:  # the cache server's errors (redis.exceptions.*) have no common Django type
        log.warning("dashboard cache: could not bump %d generation(s)", len(keys), exc_info=True)
        return 0
    return len(keys)


def bump_families() -> None:
    """Forget every document's cached family (a document was issued or revoked)."""
    try:
        _bump(FAMILIES)
    except Exception:  # as in bump_paths
        log.warning("dashboard cache: could not bump the families' generation", exc_info=True)


def bump_all() -> None:
    """Invalidate every dashboard's figures (a write that names no unit, or too many)."""
    try:
        _bump(GLOBAL)
    except Exception:  # as in bump_paths
        log.warning("dashboard cache: could not bump the global generation", exc_info=True)


def figures(kind: str, unit: Unit, params: tuple, today: dt.date | None, compute: Callable[[], T]) -> T:
    """compute(), or its value cached for this page kind, parameters, unit, day and generation."""
    day = (today or timezone.localdate()).isoformat()
    parts = [kind, str(unit.pk), unit.path, day, *map(str, params)]
    return _cached([GLOBAL, _gen_key(unit.path)], parts, compute)


def family(document_pk: int, compute: Callable[[], T]) -> T:
    """A document's cascade family, cached until a document is issued or revoked anywhere."""
    return _cached([GLOBAL, FAMILIES], ["family", str(document_pk)], compute)


def _cached(generations: list[str], parts: list[str], compute: Callable[[], T]) -> T:
    ttl = seconds()
    if ttl <= 0:
        return compute()
    try:
        key = ":".join([PREFIX, *parts, *map(str, _generations(generations))])
        found = cache.get(key)
    except Exception:  # a cache server down costs the page its speed, not its figures
        log.warning("dashboard cache: unreachable, computing the figures", exc_info=True)
        return compute()
    if found is not None:
        return found
    value = compute()
    try:
        cache.set(key, value, ttl)
    except Exception:  # as above
        log.warning("dashboard cache: could not store the figures", exc_info=True)
    return value
