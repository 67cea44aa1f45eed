"""A tiny site for the crawler's own test (tests/browser/test_crawl.py): one page of each kind it must catch."""

from django.http import HttpResponse, HttpResponseNotFound, HttpResponseRedirect, HttpResponseServerError
from django.urls import path

HOME = """<!doctype html><html lang="vi"><head><title>Trang chủ</title><script>var None = 1;</script></head><body>
<a href="/hong/">Hỏng</a> <a href="/tieng-anh/">Tiếng Anh</a> <a href="/khong-co/">Không có</a>
<a href="/tep.pdf">Tệp</a> <a href="/chuyen/">Chuyển</a> <a href="https://example.org/">Ngoài</a>
<a href="/dang-xuat/">Đăng xuất</a> <a href="/muc/1/">Mục 1</a> <a href="/muc/2/#tren">Mục 2</a>
<a href="mailto:an-ninh@example.org">Thư</a></body></html>"""


def page(text):
    return lambda request, **kw: HttpResponse(f"<!doctype html><html><body>{text}</body></html>")


def never(request):
    raise AssertionError("the crawler followed a link it must not follow")


urlpatterns = [
    path("", lambda request: HttpResponse(HOME)),
    path("hong/", lambda request: HttpResponseServerError("<p>Lỗi</p>")),
    path("tieng-anh/", page("<p>Tên <small>This field is required.</small></p>")),
    path("khong-co/", lambda request: HttpResponseNotFound("<p>Không tìm thấy</p>")),
    path("tep.pdf", lambda request: HttpResponse(b"%PDF-1.7", content_type="application/pdf")),
    path("chuyen/", lambda request: HttpResponseRedirect("/dich/")),
    path("dich/", page("<p>Đích <b>None</b></p>")),
    path("muc/<int:n>/", page("<p>Mục</p>")),
    path("dang-xuat/", never),
]
