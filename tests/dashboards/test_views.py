"""The dashboard pages: what a leader sees and follows, the URL as the state, and every refusal (404)."""

import re

import pytest
import time_machine
from django.urls import reverse

from portal.audit.models import Event
from portal.notifications.models import Notification
from portal.org.services import membership_grant
from reporting.models import Reminder
from tests.dashboards.conftest import AFTER, PERIOD
from tests.reporting.conftest import local


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_the_menu_opens_the_dashboard_of_the_unit_the_leader_leads(cast, login, scene):
    with time_machine.travel(local(2025, 12, 31), tick=False):  # every period of the scene has come due
        client = login(cast.hung)
        response = client.get(reverse("dashboards:home"))
        assert response.status_code == 302
        assert response["Location"] == reverse("dashboards:unit", args=[cast.ldld.pk])
        body = _text(client.get(response["Location"]))
    assert "Tổng hợp: Liên đoàn Lao động tỉnh Bắc Giang" in body
    assert "6 tháng đầu năm 2025" in body and scene.plan.number_symbol in body  # the latest period due


def test_a_member_who_leads_nothing_is_told_where_the_dashboards_are(cast, login):
    body = _text(login(cast.tuan).get(reverse("dashboards:home")))
    assert "dành cho lãnh đạo đơn vị" in body


def test_the_requirement_page_and_its_drill_down_keep_the_state_in_the_url(cast, login, scene):
    client = login(cast.hung)
    url = reverse("dashboards:requirement", args=[scene.upward.pk, cast.ldld.pk])
    response = client.get(url, {"ky": PERIOD})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="expected"><a href="' in html and "75,0 %" in html and "50,0 %" in html
    down = reverse("dashboards:requirement", args=[scene.upward.pk, cast.yenthe.pk])
    assert f'href="{down}?ky={PERIOD}"' in html  # the child's page, same period
    assert "<svg" in html and "Bản đồ nhiệt" in html and "Q2/2024" not in html
    child = client.get(down, {"ky": PERIOD, "ds": "nop-muon"})
    body = _text(child)
    assert "Bản thân đơn vị" in body and "Danh sách: đã nộp muộn (1)" in body and scene.g1.name in body
    assert f'href="{url}?ky={PERIOD}"' in child.content.decode()  # the breadcrumb goes back up, same period


def test_the_directive_page_shows_the_cascade_per_child(cast, login, scene):
    client = login(cast.hung)
    response = client.get(
        reverse("dashboards:directive", args=[scene.plan.pk, cast.ldld.pk]), {"ds": "chua-xu-ly"}
    )
    body = _text(response)
    assert response.status_code == 200
    assert "Đã nhận 6" in body and "Đang soạn văn bản triển khai 1" in body and "16,7 %" in body
    assert "Danh sách: chưa xử lý (chưa mở văn bản) (3)" in body and cast.tanyen.name in body


@pytest.mark.parametrize(
    "name",
    [
        "unit",
        "requirement",
        "directive",
        "emulation",
        "requirement_export",
        "directive_export",
        "emulation_export",
    ],
)
def test_a_leader_cannot_open_a_dashboard_above_or_beside_their_subtree(cast, login, scene, name):
    client = login(cast.binh)  # leads Yên Thế only
    args = {
        "unit": [],
        "emulation": [],
        "requirement": [scene.upward.pk],
        "directive": [scene.plan.pk],
        "requirement_export": [scene.upward.pk],
        "directive_export": [scene.plan.pk],
        "emulation_export": [],
    }[name]
    tail = ["xlsx"] if name.endswith("_export") else []
    for unit in (cast.ldld, cast.tanyen):
        assert client.get(reverse(f"dashboards:{name}", args=[*args, unit.pk, *tail])).status_code == 404
    assert client.get(reverse(f"dashboards:{name}", args=[*args, cast.yenthe.pk, *tail])).status_code == 200


def test_members_who_are_not_leaders_and_outsiders_are_refused(cast, login, scene):
    for user, unit in ((cast.tuan, cast.cdcs), (cast.mai, cast.ldld), (cast.charlie, cast.ldld)):
        client = login(user)
        assert client.get(reverse("dashboards:unit", args=[unit.pk])).status_code == 404
        assert (
            client.get(reverse("dashboards:requirement", args=[scene.upward.pk, unit.pk])).status_code == 404
        )
    # A leader elsewhere cannot read the figures of a document they cannot read, even over their own unit.
    membership_grant(actor=None, user=cast.charlie, unit=cast.laichau, role="signer")
    client = login(type(cast.charlie).objects.get(pk=cast.charlie.pk))
    assert (
        client.get(reverse("dashboards:directive", args=[scene.plan.pk, cast.laichau.pk])).status_code == 404
    )
    assert (
        client.get(reverse("dashboards:requirement", args=[scene.upward.pk, cast.laichau.pk])).status_code
        == 404
    )
    assert client.get(reverse("dashboards:unit", args=[cast.laichau.pk])).status_code == 200


def test_an_unknown_export_format_is_not_found(cast, login, scene):
    url = reverse("dashboards:requirement_export", args=[scene.upward.pk, cast.ldld.pk, "csv"])
    assert login(cast.hung).get(url).status_code == 404


def test_reminders_from_the_dashboard_reach_each_person_once_a_day(cast, login, scene):
    from django.contrib.auth import get_user_model

    tam = get_user_model().objects.create_user("tam", first_name="Lê Văn Tâm")
    membership_grant(actor=None, user=tam, unit=cast.tanyen, role="signer")
    client = login(cast.hung)
    url = reverse("dashboards:requirement_action", args=[scene.upward.pk, cast.ldld.pk])
    response = client.post(
        url, {"ky": PERIOD, "action": "nhac", "don_vi": [cast.tanyen.pk, cast.yenthe.pk]}, follow=True
    )
    assert "Đã gửi nhắc nhở tới 1 người của 1 đơn vị (1 báo cáo chưa nộp)." in _text(response)
    note = Notification.objects.get(recipient=tam, kind="reporting.reminder")
    assert "6 tháng đầu năm 2024" in note.title and "Liên đoàn Lao động huyện Tân Yên" in note.body
    assert Reminder.objects.filter(recipient=tam, stage__startswith="tong-hop-", outcome="sent").count() == 1
    assert Event.objects.filter(action="reporting.reminder_sent", actor=cast.hung).count() == 1
    again = client.post(url, {"ky": PERIOD, "action": "nhac", "don_vi": [cast.tanyen.pk]}, follow=True)
    assert "đã được nhắc hôm nay" in _text(again)
    assert Notification.objects.filter(recipient=tam, kind="reporting.reminder").count() == 1


def test_actions_refuse_units_outside_the_dashboard(cast, login, scene):
    client = login(cast.binh)
    url = reverse("dashboards:requirement_action", args=[scene.upward.pk, cast.yenthe.pk])
    assert client.post(url, {"ky": PERIOD, "action": "nhac", "don_vi": [cast.tanyen.pk]}).status_code == 404
    above = reverse("dashboards:requirement_action", args=[scene.upward.pk, cast.ldld.pk])
    assert client.post(above, {"ky": PERIOD, "action": "nhac", "don_vi": [cast.tanyen.pk]}).status_code == 404
    assert not Notification.objects.filter(kind="reporting.reminder").exists()
    nothing = client.post(url, {"ky": PERIOD, "action": "nhac"}, follow=True)
    assert "Hãy chọn ít nhất một đơn vị." in _text(nothing)


def test_the_chase_letter_is_drafted_for_the_chosen_overdue_units(cast, login, scene):
    from directives.models import Document

    url = reverse("dashboards:requirement_action", args=[scene.upward.pk, cast.ldld.pk])
    with time_machine.travel(AFTER, tick=False):  # Tân Yên's report is overdue
        client = login(cast.hung)
        response = client.post(url, {"ky": PERIOD, "action": "don-doc", "don_vi": [cast.tanyen.pk]})
    letter = Document.objects.get(doc_type="CV", issuer=cast.ldld)
    assert response.status_code == 302 and response["Location"] == reverse(
        "directives:edit", args=[letter.pk]
    )
    assert letter.status == "draft" and "đôn đốc" in letter.subject
    assert [r.unit_id for r in letter.recipients.filter(in_kinh_gui=True)] == [cast.tanyen.pk]
    assert "Liên đoàn Lao động huyện Tân Yên" in letter.body[0]["text"]
    assert Event.objects.filter(action="reporting.chase_letter_drafted", actor=cast.hung).exists()
    # Drilled into Yên Thế, the provincial leader still writes as the province.
    down = reverse("dashboards:requirement_action", args=[scene.upward.pk, cast.yenthe.pk])
    with time_machine.travel(AFTER, tick=False):
        refused = client.post(down, {"ky": PERIOD, "action": "don-doc", "don_vi": [scene.g1.pk]}, follow=True)
    assert "Không có đơn vị nào trong số đã chọn quá hạn báo cáo" in _text(refused)  # g1 reported (late)


def test_the_emulation_page_shows_the_formula_from_settings(cast, login, scene, settings):
    from directives.models import Delivery
    from tests.reporting.conftest import local

    Delivery.objects.update(delivered_at=local(2024, 2, 10))
    client = login(cast.hung)
    url = reverse("dashboards:emulation", args=[cast.ldld.pk])
    body = _text(client.get(url, {"nam": 2024}))
    assert (
        "Điểm thi đua = 60 × tỷ lệ báo cáo nộp đúng hạn + 30 × tỷ lệ báo cáo nộp muộn + 40 × tỷ lệ văn bản"
        in body
    )
    # The weights explained in Vietnamese, not by the setting's name (issue 13).
    assert "EMULATION_SCORE_WEIGHTS" not in body
    assert "Thang điểm 100: phần báo cáo tối đa 60 điểm, phần văn bản chỉ đạo tối đa 40 điểm." in body
    assert "báo cáo nộp muộn vẫn được tính, bằng 50 % số điểm của báo cáo đúng hạn" in body
    # Yên Thế's subtree: reports 2 on time + 1 late of 3; documents 1 implemented of 6 received to carry out.
    assert "Liên đoàn Lao động huyện Yên Thế 3 2 1 66,7 % 6 1 16,7 % 56,7" in body
    settings.EMULATION_SCORE_WEIGHTS = {"on_time": 100, "late": 0, "implemented": 0}
    body = _text(client.get(url, {"nam": 2024}))
    assert "Điểm thi đua = 100 × tỷ lệ báo cáo nộp đúng hạn + 0 × tỷ lệ" in body
    assert "Chỉ báo cáo nộp đúng hạn được tính điểm" in body and "phần văn bản chỉ đạo tối đa 0 điểm" in body
    assert "16,7 % 66,7" in body


def test_the_home_page_by_role(cast, login, scene):
    from directives.models import Document

    leader = _text(login(cast.hung).get(reverse("home")))
    assert (
        "Tổng hợp: Liên đoàn Lao động tỉnh Bắc Giang" in leader and "Chế độ báo cáo — kỳ gần nhất" in leader
    )
    reporter = login(cast.tuan).get(reverse("home")).content.decode()
    assert (
        'data-testid="home-reporter"' in reporter
        and "Báo cáo phải nộp: Công đoàn Trường THCS Bố Hạ" in reporter
    )
    assert 'data-testid="home-leader"' not in reporter and 'data-testid="home-drafter"' not in reporter
    Document.objects.create(
        doc_type="KH", issuer=cast.ldld, status="draft", subject="Kế hoạch tuyên truyền quý III"
    )
    drafter = login(cast.mai).get(reverse("home")).content.decode()
    assert 'data-testid="home-drafter"' in drafter and "Kế hoạch tuyên truyền quý III" in drafter
    assert 'data-testid="home-leader"' not in drafter


def test_the_chase_letter_button_is_offered_only_to_who_may_draft_it(cast, login, scene):
    """Hùng signs for LĐLĐ tỉnh: the button is there. Sơn administers LĐLĐ tỉnh and so sees its dashboards and
    may remind, but drafts nothing there: no chase-letter button (the action would refuse him)."""
    button = 'data-testid="chase-letter"'
    here = reverse("dashboards:requirement", args=[scene.upward.pk, cast.ldld.pk])
    with time_machine.travel(AFTER, tick=False):
        assert button in login(cast.hung).get(here, {"ky": PERIOD}).content.decode()
        page = login(cast.son).get(here, {"ky": PERIOD})
    assert page.status_code == 200 and 'data-testid="remind"' in page.content.decode()
    assert button not in page.content.decode()
