"""Closing or merging a unit asks first (issue 13, blocker 9): the form leads to a confirmation page saying what
happens, and only its form writes. Son administers LĐLĐ tỉnh (Tân Yên, Yên Thế below it); Mai drafts there."""

from django.urls import reverse

from portal.audit.models import Event
from portal.org.models import Unit


def test_a_merger_is_written_only_after_the_administrator_confirms(cast, login):
    client = login(cast.son)
    url = reverse("org:unit_close", args=[cast.tanyen.pk])
    events = Event.objects.count()
    page = client.post(url, {"on_date": "2025-06-30", "successor": cast.yenthe.pk}).content.decode()
    assert "Sáp nhập Liên đoàn Lao động huyện Tân Yên vào Liên đoàn Lao động huyện Yên Thế?" in page
    assert (
        "ngày 30 tháng 6 năm 2025" in page and "chuyển sang <strong>Liên đoàn Lao động huyện Yên Thế" in page
    )
    assert "Xác nhận sáp nhập" in page and "<script" not in page.split("<main", 1)[1]
    assert Unit.objects.get(pk=cast.tanyen.pk).active_to is None and Event.objects.count() == events
    response = client.post(url, {"on_date": "2025-06-30", "successor": cast.yenthe.pk, "xac_nhan": "1"})
    assert response.status_code == 302
    closed = Unit.objects.get(pk=cast.tanyen.pk)
    assert str(closed.active_to) == "2025-06-30" and closed.successor_id == cast.yenthe.pk
    assert Event.objects.filter(action="unit.merged", actor=cast.son).exists()


def test_closing_without_a_successor_asks_too(cast, login):
    client = login(cast.son)
    url = reverse("org:unit_close", args=[cast.tanyen.pk])
    page = client.post(url, {"on_date": "2025-06-30"}).content.decode()
    assert "Liên đoàn Lao động huyện Tân Yên ngừng hoạt động?" in page and "Xác nhận ngừng hoạt động" in page
    assert Unit.objects.get(pk=cast.tanyen.pk).active_to is None


def test_a_confirmation_from_someone_who_does_not_administer_is_refused_and_writes_nothing(cast, login):
    url = reverse("org:unit_close", args=[cast.tanyen.pk])
    events = Event.objects.count()
    for user in (cast.mai, cast.hung, cast.charlie):
        response = login(user).post(
            url, {"on_date": "2025-06-30", "successor": cast.yenthe.pk, "xac_nhan": "1"}
        )
        assert response.status_code == 404, user
    assert Unit.objects.get(pk=cast.tanyen.pk).active_to is None and Event.objects.count() == events
