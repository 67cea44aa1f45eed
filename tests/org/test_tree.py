import datetime as dt

import pytest

from portal.audit.models import Event
from portal.org import selectors
from portal.org.models import Unit, UnitNameRecord
from portal.org.services import UnitError, unit_close, unit_rename, units_bulk_build


def test_it_answers_the_subtree_in_one_query(cast, django_assert_num_queries):
    with django_assert_num_queries(1):
        codes = [u.code for u in selectors.unit_subtree(cast.ldld)]
    assert codes == ["bg-ldld", "bg-ldld-yenthe", "bg-cdcs-thcs-boha", "bg-ldld-tanyen"]


def test_it_answers_the_ancestors_in_one_query(cast, django_assert_num_queries):
    with django_assert_num_queries(1):
        names = [u.code for u in selectors.unit_ancestors(cast.cdcs)]
    assert names == ["tld", "bg-ldld", "bg-ldld-yenthe"]


def test_it_renames_and_keeps_the_former_name(cast):
    unit_rename(
        actor=cast.admin,
        unit=cast.btgtu,
        name="Ban Tuyên giáo và Dân vận Tỉnh ủy Bắc Giang",
        short_name="BTGDVTU",
        on_date=dt.date(2025, 3, 1),
    )
    unit = Unit.objects.get(pk=cast.btgtu.pk)
    assert unit.short_name == "BTGDVTU"
    record = UnitNameRecord.objects.get(unit=unit)
    assert (record.name, record.short_name, record.used_until) == (
        "Ban Tuyên giáo Tỉnh ủy Bắc Giang",
        "BTGTU",
        dt.date(2025, 3, 1),
    )
    assert Event.objects.filter(action="unit.renamed", object_id=str(unit.pk), actor=cast.admin).exists()


def test_it_refuses_an_empty_name(cast):
    with pytest.raises(UnitError, match="không được để trống"):
        unit_rename(actor=cast.admin, unit=cast.btgtu, name=" ", short_name="X", on_date=dt.date(2025, 3, 1))
    assert not UnitNameRecord.objects.exists()


def test_it_merges_a_unit_into_its_successor(cast):
    unit_close(actor=cast.admin, unit=cast.tanyen, on_date=dt.date(2025, 6, 30), successor=cast.ldld)
    unit = Unit.objects.get(pk=cast.tanyen.pk)
    assert unit.active_to == dt.date(2025, 6, 30) and unit.successor_id == cast.ldld.pk
    assert unit.active_on(dt.date(2024, 6, 1)) and not unit.active_on(dt.date(2025, 7, 1))
    assert Event.objects.filter(action="unit.merged", object_id=str(unit.pk)).exists()


def test_it_refuses_a_successor_inside_the_merged_subtree(cast):
    with pytest.raises(UnitError, match="cấp dưới"):
        unit_close(actor=cast.admin, unit=cast.yenthe, on_date=dt.date(2025, 6, 30), successor=cast.cdcs)
    assert Unit.objects.get(pk=cast.yenthe.pk).active_to is None


def test_it_refuses_a_successor_that_is_itself_closed(cast):
    unit_close(actor=cast.admin, unit=cast.tanyen, on_date=dt.date(2025, 6, 30))
    with pytest.raises(UnitError, match="không còn hoạt động"):
        unit_close(actor=cast.admin, unit=cast.yenthe, on_date=dt.date(2025, 7, 1), successor=cast.tanyen)


def test_bulk_build_makes_the_same_tree_as_add_child(db, django_assert_max_num_queries):
    roots = [
        {
            "code": "p1",
            "name": "Tỉnh 1",
            "short_name": "LĐLĐ",
            "kind": "union_province",
            "regime": "union",
            "children": [
                {
                    "code": f"c{i}",
                    "name": f"CĐCS {i}",
                    "short_name": "CĐCS",
                    "kind": "union_grassroots",
                    "regime": "union",
                }
                for i in range(30)
            ],
        }
    ]
    # one count of roots + savepoint/release + ceil(31 / 10) INSERTs — not one per unit
    with django_assert_max_num_queries(7):
        assert units_bulk_build(roots=roots, batch_size=10) == 31
    root = Unit.objects.get(code="p1")
    assert root.numchild == 30 and Unit.objects.get_children(root).count() == 30
    assert Unit.objects.find_problems() == ([], [], [], [], [])
    child = Unit.objects.add_child(
        root, {"code": "c-new", "name": "Mới", "short_name": "X", "kind": "other", "regime": "union"}
    )
    assert child.path.startswith(root.path)
