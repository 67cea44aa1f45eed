"""Vietnamese is the interface language; English is the second locale."""

from django.urls import reverse


def test_the_login_page_speaks_vietnamese_by_default(db, client):
    body = client.get(reverse("login")).content.decode()
    assert "Đăng nhập" in body and 'lang="vi"' in body


def test_a_user_switches_the_shell_to_english_and_back(cast, login):
    client = login(cast.hung)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("org:unit_detail", args=[cast.ldld.pk])).content.decode()
    assert "Log out" in body and "Sub-units" in body and "Trade union (933/QĐ-TLĐ)" in body
    assert 'lang="en"' in body
    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    body = client.get(reverse("home")).content.decode()
    assert "Đăng xuất" in body and "Xin chào, Nguyễn Mạnh Hùng" in body
