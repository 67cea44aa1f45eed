"""A long list of ids as one parameter (portal/lib/idlist.py): the same rows as the plain list, on the
database under test, short lists left as they are; on PostgreSQL one array instead of one parameter per id."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.lib.idlist import id_list
from portal.org.models import Unit

pytestmark = pytest.mark.django_db


def test_a_long_list_finds_the_same_rows_as_the_plain_list(cast):
    ids = list(Unit.objects.values_list("pk", flat=True))
    wanted = ids[::2] + [10**9 + i for i in range(200)]  # ids that exist and many that do not
    with CaptureQueriesContext(connection) as ctx:
        found = sorted(Unit.objects.filter(pk__in=id_list(wanted)).values_list("pk", flat=True))
    assert found == sorted(ids[::2])
    sql = ctx.captured_queries[0]["sql"]
    if connection.vendor == "postgresql":
        assert "IN (SELECT unnest('{" in sql  # one array literal, not 200-odd parameters
    assert id_list([1, 2, 3]) == [1, 2, 3]
