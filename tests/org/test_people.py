"""People management in the portal (issue 13): a unit administrator adds people to the units under them, sets and
removes their roles and sends the first-login or reset link by e-mail (Django's password reset, in Vietnamese).

Cast: son administers LĐLĐ tỉnh (and so Yên Thế below it); mai drafts there (no administration); charlie is the
outsider in Lai Châu; lan drafts at the Ban Tuyên giáo, outside son's administration."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from portal.audit.models import Event
from portal.org.models import Membership
from portal.org.services import membership_grant
from tests.conftest import PASSWORD
from tests.org.test_import import P, csv_bytes

NEW_PASSWORD = "Bac-Giang-Yen-The-2025"


@pytest.fixture(autouse=True)
def _fast(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _link(message) -> str:
    url = re.search(r"https?://\S+", message.body).group(0)
    assert url.startswith("http://testserver/quen-mat-khau/")  # absolute: it is opened from a mail program
    return url.removeprefix("http://testserver")


def _set_password_through_link(path: str, password: str) -> Client:
    client = Client()
    form = client.get(path, follow=True)  # Django moves the token out of the URL into the session first
    assert form.status_code == 200 and "Đặt mật khẩu" in form.content.decode()
    done = client.post(form.redirect_chain[-1][0], {"new_password1": password, "new_password2": password})
    assert done.status_code == 302 and done["Location"] == reverse("password_reset_complete")
    return client


def _logs_in(username: str, password: str) -> bool:
    client = Client()
    client.post(reverse("login"), {"username": username, "password": password})
    return "_auth_user_id" in client.session


def test_it_lets_a_unit_admin_add_a_person_who_then_sets_a_password_from_the_mailed_link(
    cast, login, mailoutbox
):
    client = login(cast.son)
    page = client.get(reverse("org:unit_members", args=[cast.yenthe.pk])).content.decode()
    assert "Thêm người" in page
    response = client.post(
        reverse("org:person_add", args=[cast.yenthe.pk]),
        {
            "username": "yenthe.chuyenvien",
            "full_name": "Ngô Thị Duyên",
            "email": "duyen@yenthe.vn",
            "role": "drafter",
            "title": "Chuyên viên",
            "send_link": "on",
        },
    )
    assert response.status_code == 302
    person = get_user_model().objects.get(username="yenthe.chuyenvien")
    assert not person.has_usable_password()
    assert Membership.objects.filter(
        user=person, unit=cast.yenthe, role="drafter", title="Chuyên viên"
    ).exists()
    assert set(Event.objects.filter(actor=cast.son).values_list("action", flat=True)) >= {
        "user.created",
        "membership.granted",
        "user.password_link_sent",
    }
    [mail] = mailoutbox
    assert mail.to == ["duyen@yenthe.vn"] and "mời đặt mật khẩu" in mail.subject
    assert "Tên đăng nhập: yenthe.chuyenvien" in mail.body and "Liên đoàn Lao động huyện Yên Thế" in mail.body
    path = _link(mail)
    assert not _logs_in("yenthe.chuyenvien", NEW_PASSWORD)
    _set_password_through_link(path, NEW_PASSWORD)
    assert _logs_in("yenthe.chuyenvien", NEW_PASSWORD)
    # The link works once: after the password is set it is dead, and the page says what to do.
    again = Client().get(path, follow=True).content.decode()
    assert "Liên kết không còn dùng được" in again and "Xin liên kết mới" in again


def test_it_sets_and_removes_roles_with_an_audit_event(cast, login):
    client = login(cast.son)
    url = reverse("org:person_detail", args=[cast.yenthe.pk, cast.binh.pk])
    assert "Vai trò trong đơn vị" in client.get(url).content.decode()
    form = {"full_name": cast.binh.first_name, "email": cast.binh.email, "title": "Chủ tịch"}
    assert client.post(url, {**form, "roles": ["signer", "reporter"]}).status_code == 302
    assert set(
        Membership.objects.filter(user=cast.binh, unit=cast.yenthe).values_list("role", flat=True)
    ) == {"signer", "reporter"}
    assert client.post(url, {**form, "roles": ["reporter"]}).status_code == 302
    assert list(
        Membership.objects.filter(user=cast.binh, unit=cast.yenthe).values_list("role", flat=True)
    ) == ["reporter"]
    assert Event.objects.filter(actor=cast.son, action="membership.revoked", details__role="signer").exists()
    response = client.post(url, {**form, "roles": []})  # no role left: out of the unit
    assert response["Location"] == reverse("org:unit_members", args=[cast.yenthe.pk])
    assert not Membership.objects.filter(user=cast.binh, unit=cast.yenthe).exists()


def test_it_refuses_an_outsider_and_a_member_who_is_no_admin_and_writes_nothing(cast, login):
    before = (get_user_model().objects.count(), Membership.objects.count(), Event.objects.count())
    data = {"username": "ke.la", "full_name": "Kẻ Lạ", "email": "kela@example.vn", "role": "unit_admin"}
    for user in (cast.charlie, cast.mai, cast.binh):  # outsider; drafter of the unit; leader, not its admin
        client = login(user)
        assert client.get(reverse("org:person_add", args=[cast.ldld.pk])).status_code == 404, user
        assert client.post(reverse("org:person_add", args=[cast.ldld.pk]), data).status_code == 404, user
        detail = reverse("org:person_detail", args=[cast.ldld.pk, cast.hung.pk])
        assert (
            client.post(detail, {"full_name": "X", "email": "x@example.vn", "roles": []}).status_code == 404
        )
        assert (
            client.post(reverse("org:person_send_link", args=[cast.ldld.pk, cast.hung.pk])).status_code == 404
        )
    # son administers LĐLĐ tỉnh's subtree, not Lai Châu, and a person who is not a member of the unit is a 404.
    son = login(cast.son)
    assert son.post(reverse("org:person_add", args=[cast.laichau.pk]), data).status_code == 404
    assert son.get(reverse("org:person_detail", args=[cast.yenthe.pk, cast.charlie.pk])).status_code == 404
    assert (get_user_model().objects.count(), Membership.objects.count(), Event.objects.count()) == before


def test_it_refuses_taking_over_an_account_outside_the_admins_reach(cast, login, mailoutbox):
    client = login(cast.son)
    # A user name already used outside son's administration cannot be pulled into Yên Thế…
    response = client.post(
        reverse("org:person_add", args=[cast.yenthe.pk]),
        {"username": "lan", "full_name": "Lan", "email": "son@example.vn", "role": "reporter"},
    )
    assert response.status_code == 200 and "ngoài phạm vi quản trị của bạn" in response.content.decode()
    assert not Membership.objects.filter(user=cast.lan, unit=cast.yenthe).exists()
    # …and when a system administrator gave lan a role there, son sets that role but cannot change her e-mail.
    membership_grant(actor=cast.admin, user=cast.lan, unit=cast.yenthe, role="reporter")
    url = reverse("org:person_detail", args=[cast.yenthe.pk, cast.lan.pk])
    response = client.post(
        url, {"full_name": cast.lan.first_name, "email": "son@example.vn", "roles": ["reporter"]}
    )
    assert response.status_code == 200 and "không sửa được" in response.content.decode()
    cast.lan.refresh_from_db()
    assert cast.lan.email == "lan@thongsuot.test" and mailoutbox == []


def test_it_says_why_a_link_cannot_be_sent_to_a_person_without_an_e_mail(cast, login, mailoutbox):
    client = login(cast.son)
    client.post(
        reverse("org:person_add", args=[cast.yenthe.pk]),
        {
            "username": "khongthu",
            "full_name": "Lý Văn Không",
            "email": "",
            "role": "reporter",
            "send_link": "on",
        },
    )
    person = get_user_model().objects.get(username="khongthu")
    page = client.get(reverse("org:person_detail", args=[cast.yenthe.pk, person.pk])).content.decode()
    assert "chưa có địa chỉ thư điện tử" in page and mailoutbox == []


def test_a_person_without_a_password_asks_for_the_first_login_link_themselves(cast, mailoutbox):
    User = get_user_model()
    person = User(username="moi", first_name="Người Mới", email="moi@bacgiang.vn")
    person.set_unusable_password()
    person.save()
    client = Client()
    form = client.get(reverse("password_reset")).content.decode()
    assert "Thư điện tử của tài khoản" in form and "Quên mật khẩu" in form
    assert client.post(reverse("password_reset"), {"email": "MOI@bacgiang.vn"})["Location"] == reverse(
        "password_reset_done"
    )
    assert client.post(reverse("password_reset"), {"email": "khong-co@bacgiang.vn"})["Location"] == reverse(
        "password_reset_done"
    )  # the same answer: the page never tells whether an address is known
    [mail] = mailoutbox
    _set_password_through_link(_link(mail), NEW_PASSWORD)
    assert _logs_in("moi", NEW_PASSWORD)


def test_a_forgotten_password_is_reset_and_the_old_one_stops_working(cast, mailoutbox):
    Client().post(reverse("password_reset"), {"email": cast.tuan.email})
    [mail] = mailoutbox
    assert "đặt lại mật khẩu" in mail.subject
    _set_password_through_link(_link(mail), NEW_PASSWORD)
    assert _logs_in("tuan", NEW_PASSWORD) and not _logs_in("tuan", PASSWORD)


def test_imported_people_get_the_first_login_link(
    cast, login, mailoutbox, django_capture_on_commit_callbacks
):
    from portal.celery import app

    header = [P["username"], P["full_name"], P["email"], P["unit"], P["role"], P["title"]]
    rows = [
        ["nhap.mot", "Nguyễn Văn Một", "mot@bacgiang.vn", "bg-ldld-yenthe", "reporter", ""],
        ["nhap.hai", "Trần Thị Hai", "", "bg-ldld-yenthe", "reporter", ""],
    ]
    upload = csv_bytes(header, rows)
    from django.core.files.uploadedfile import SimpleUploadedFile

    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = login(cast.son).post(
                reverse("org:unit_import"),
                {"file": SimpleUploadedFile("nguoi-dung.csv", upload, content_type="text/csv")},
            )
    finally:
        app.conf.task_always_eager = eager
    assert "Thư mời đặt mật khẩu đang được gửi tới 1 người" in response.content.decode()
    [mail] = mailoutbox
    assert mail.to == ["mot@bacgiang.vn"] and "nhap.mot" in mail.body
    _set_password_through_link(_link(mail), NEW_PASSWORD)
    assert _logs_in("nhap.mot", NEW_PASSWORD)


def test_a_changed_title_is_recorded_with_an_audit_event(cast, login):
    """The title (chức vụ) is printed under signatures: changing it is a state change with its event, and
    saving the same title again records nothing."""
    client = login(cast.son)
    url = reverse("org:person_detail", args=[cast.yenthe.pk, cast.binh.pk])
    form = {"full_name": cast.binh.first_name, "email": cast.binh.email, "roles": ["signer"]}
    old = Membership.objects.get(user=cast.binh, unit=cast.yenthe, role="signer").title

    assert client.post(url, {**form, "title": "Chủ tịch"}).status_code == 302
    assert client.post(url, {**form, "title": "Chủ tịch"}).status_code == 302

    assert Membership.objects.get(user=cast.binh, unit=cast.yenthe, role="signer").title == "Chủ tịch"
    (event,) = Event.objects.filter(action="membership.title_changed")
    assert event.actor == cast.son and event.unit_id == cast.yenthe.pk
    assert event.details == {"user": "binh", "role": "signer", "from": old, "to": "Chủ tịch"}
    # Refused: the drafter of the unit above is no administrator — nothing changes, nothing is recorded.
    assert login(cast.mai).post(url, {**form, "title": "Phó Chủ tịch"}).status_code == 404
    assert Event.objects.filter(action="membership.title_changed").count() == 1
