import pytest
from django.http import Http404

from portal.org.access import scope_for, unit_for_user, units_visible_to


def test_a_leader_sees_the_whole_subtree(cast):
    codes = set(units_visible_to(cast.hung).values_list("code", flat=True))
    assert codes == {"bg-ldld", "bg-ldld-yenthe", "bg-ldld-tanyen", "bg-cdcs-thcs-boha"}


def test_a_reporter_sees_only_the_own_unit(cast):
    assert list(units_visible_to(cast.tuan).values_list("code", flat=True)) == ["bg-cdcs-thcs-boha"]


def test_a_drafter_sees_only_the_own_unit(cast):
    assert list(units_visible_to(cast.mai).values_list("code", flat=True)) == ["bg-ldld"]


def test_the_system_administrator_sees_everything(cast):
    assert units_visible_to(cast.admin).count() == 8


def test_an_outsider_gets_404_not_a_hint(cast):
    with pytest.raises(Http404):
        unit_for_user(cast.charlie, cast.ldld.pk)


def test_the_scope_costs_one_query_per_request(cast, django_assert_num_queries):
    user = type(cast.hung).objects.get(pk=cast.hung.pk)
    with django_assert_num_queries(1):
        scope_for(user)
        scope_for(user)
