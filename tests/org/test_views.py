import pytest
from django.urls import reverse

from portal.org.models import Unit
from portal.org.services import membership_grant


def test_a_leader_opens_the_unit_page_with_its_children(cast, login):
    response = login(cast.hung).get(reverse("org:unit_detail", args=[cast.ldld.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Liên đoàn Lao động huyện Yên Thế" in body and "Liên đoàn Lao động huyện Tân Yên" in body
    assert "Tổng Liên đoàn Lao động Việt Nam" not in body  # ancestors outside the scope are not shown


def test_a_grassroots_reporter_sees_only_the_own_unit(cast, login):
    client = login(cast.tuan)
    assert client.get(reverse("org:unit_detail", args=[cast.cdcs.pk])).status_code == 200
    assert client.get(reverse("org:unit_detail", args=[cast.ldld.pk])).status_code == 404
    assert client.get(reverse("org:unit_detail", args=[cast.yenthe.pk])).status_code == 404


def test_the_outsider_is_refused_every_unit_page(cast, login):
    client = login(cast.charlie)
    for name in (
        "org:unit_detail",
        "org:unit_subtree",
        "org:unit_members",
        "org:unit_rename",
        "org:unit_close",
    ):
        assert client.get(reverse(name, args=[cast.ldld.pk])).status_code == 404, name


def test_the_subtree_page_is_for_leaders(cast, login):
    assert login(cast.mai).get(reverse("org:unit_subtree", args=[cast.ldld.pk])).status_code == 403
    response = login(cast.hung).get(reverse("org:unit_subtree", args=[cast.ldld.pk]))
    assert response.status_code == 200 and "Công đoàn Trường THCS Bố Hạ" in response.content.decode()


def test_only_a_unit_admin_renames(cast, login):
    url = reverse("org:unit_rename", args=[cast.yenthe.pk])
    assert login(cast.mai).get(url).status_code == 404
    response = login(cast.son).post(
        url, {"name": "LĐLĐ huyện Yên Thế (mới)", "short_name": "LĐLĐ", "on_date": "2025-07-01"}
    )
    assert response.status_code == 302
    assert Unit.objects.get(pk=cast.yenthe.pk).name == "LĐLĐ huyện Yên Thế (mới)"


def test_closing_with_an_unknown_successor_says_why(cast, login):
    response = login(cast.son).post(
        reverse("org:unit_close", args=[cast.tanyen.pk]), {"on_date": "2025-06-30", "successor_q": "khong-co"}
    )
    assert response.status_code == 200
    assert "Không tìm thấy đơn vị «khong-co»" in response.content.decode()
    assert Unit.objects.get(pk=cast.tanyen.pk).active_to is None


def _grow(parent: Unit, count: int) -> None:
    # Attach as children of parent with the same encoding treebeard uses.
    start = parent.numchild + 1
    nodes = [
        {
            "code": f"g{parent.pk}-{start + i}",
            "name": f"Công đoàn cơ sở số {start + i}",
            "short_name": "CĐCS",
            "kind": "union_grassroots",
            "regime": "union",
        }
        for i in range(count)
    ]
    rows = [
        Unit(
            path=Unit._get_path(parent.path, parent.depth + 1, start + i),
            depth=parent.depth + 1,
            numchild=0,
            **{k: v for k, v in n.items()},
        )
        for i, n in enumerate(nodes)
    ]
    Unit.objects.bulk_create(rows, batch_size=2000)
    Unit.objects.filter(pk=parent.pk).update(numchild=parent.numchild + count)


@pytest.mark.parametrize("page", ["org:unit_subtree", "org:unit_members", "org:unit_detail"])
def test_list_pages_cost_the_same_queries_for_50_and_5000_units(cast, login, django_assert_num_queries, page):
    client = login(cast.hung)
    url = reverse(page, args=[cast.ldld.pk])
    ldld = Unit.objects.get(pk=cast.ldld.pk)
    _grow(ldld, 50)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _grow(Unit.objects.get(pk=cast.ldld.pk), 4950)
    User = type(cast.hung)
    for i in range(300):  # a long member list too
        membership_grant(actor=None, user=User.objects.create_user(f"m{i}"), unit=ldld, role="reporter")
    with django_assert_num_queries(len(small)):
        assert client.get(url).status_code == 200


def test_the_unit_page_offers_what_each_role_may_do(cast, login):
    """Sơn administers LĐLĐ tỉnh: rename and close are offered; Hùng leads it: the units below open, no admin
    action; Mai drafts there: the units below are listed (to address them) but do not open; Tuấn (a grassroots
    reporter) sees his own unit without its neighbours."""
    url = reverse("org:unit_detail", args=[cast.ldld.pk])
    rename = reverse("org:unit_rename", args=[cast.ldld.pk])
    yenthe = reverse("org:unit_detail", args=[cast.yenthe.pk])
    son, hung, mai = (login(p).get(url).content.decode() for p in (cast.son, cast.hung, cast.mai))
    assert rename in son
    assert rename not in hung and yenthe in hung
    assert rename not in mai and yenthe not in mai and "Liên đoàn Lao động huyện Yên Thế" in mai
    tuan = login(cast.tuan).get(reverse("org:unit_detail", args=[cast.cdcs.pk])).content.decode()
    assert reverse("org:unit_rename", args=[cast.cdcs.pk]) not in tuan
