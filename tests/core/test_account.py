"""The account page and the technical back office (issue 13, blocker 9): «Khóa API» is no longer in every
reporter's top bar but on the person's own page; /quan-tri/ is the system administrator's, in Vietnamese, with the
portal's data and without third-party noise. Tuấn reports at a grassroots union, Sơn administers LĐLĐ tỉnh,
admin is the system administrator."""

from django.urls import reverse


def _topbar(html: str) -> str:
    return html.split('<header class="topbar">', 1)[1].split("</header>", 1)[0]


def test_a_reporter_finds_the_api_keys_on_the_account_page_not_in_the_top_bar(cast, login):
    client = login(cast.tuan)
    home = client.get(reverse("home")).content.decode()
    assert "Khóa API" not in _topbar(home) and f'href="{reverse("account")}"' in _topbar(home)
    page = client.get(reverse("account")).content.decode()
    assert "Tài khoản của tôi" in page and "Người báo cáo" in page and "Công đoàn Trường THCS Bố Hạ" in page
    assert f'href="{reverse("api_tokens")}"' in page and f'href="{reverse("password_change")}"' in page
    assert "Quản lý đơn vị và người dùng" not in page and "Quản trị kỹ thuật" not in page


def test_the_account_page_offers_each_administrator_their_tools(cast, login):
    assert "Quản lý đơn vị và người dùng" in login(cast.son).get(reverse("account")).content.decode()
    page = login(cast.admin).get(reverse("account")).content.decode()
    assert f'href="{reverse("admin:index")}"' in page


def test_the_account_page_wants_a_login(client):
    response = client.get(reverse("account"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_back_office_is_the_system_administrators_in_vietnamese_without_noise(cast, login, client):
    page = login(cast.admin).get("/quan-tri/").content.decode()
    assert "Quản trị kỹ thuật Thông Suốt" in page and "Tổ chức" in page and "Đơn vị" in page
    for noise in ("Access attempts", "Solar events", "Periodic tasks", "Crontabs", "Groups", "Các nhóm"):
        assert noise not in page, noise
    units = login(cast.admin).get("/quan-tri/org/unit/?q=yen+the").content.decode()
    assert "Liên đoàn Lao động huyện Yên Thế" in units and "Mở trang đơn vị" in units
    assert login(cast.admin).get(f"/quan-tri/org/unit/{cast.yenthe.pk}/delete/").status_code == 403
    # A unit administrator — even one made Django staff — uses the portal's pages, not this.
    cast.son.is_staff = True
    cast.son.save(update_fields=["is_staff"])
    client.force_login(cast.son)
    response = client.get("/quan-tri/")
    assert response.status_code == 302 and "/quan-tri/login/" in response["Location"]


def test_the_back_office_speaks_vietnamese_on_its_unit_and_role_pages(cast, login):
    from portal.org.models import Membership

    client = login(cast.admin)
    membership = Membership.objects.get(user=cast.binh, unit=cast.yenthe)
    for url in (
        "/quan-tri/org/membership/",
        f"/quan-tri/org/membership/{membership.pk}/change/",
        f"/quan-tri/org/unit/{cast.yenthe.pk}/change/",
    ):
        page = client.get(url).content.decode()
        for english in (">User<", ">Unit<", "Created at", "Numchild", ">Path<", ">Depth<"):
            assert english not in page, (url, english)
    assert "Hoàng Văn Bình (binh)" in client.get("/quan-tri/org/membership/").content.decode()
