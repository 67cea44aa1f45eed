from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from portal.core import views as core_views
from portal.org.people_forms import PasswordLinkRequestForm

# A database out of reach answers 503 even when the error is raised outside a view (portal.core.middleware).
handler500 = "portal.core.views.server_error"

urlpatterns = [
    path("", core_views.home, name="home"),
    path("suc-khoe/", core_views.health, name="health"),
    path(".well-known/security.txt", core_views.security_txt, name="security_txt"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("dang-nhap/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", core_views.PasswordChangeView.as_view(), name="password_change"),
    path("doi-mat-khau/xong/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    # «Quên mật khẩu?» and the first-login link an administrator sends (portal/org/people.py): Django's views,
    # our form and Vietnamese templates (templates/registration/password_reset_*.html).
    path("quen-mat-khau/", auth_views.PasswordResetView.as_view(form_class=PasswordLinkRequestForm),
         name="password_reset"),
    path("quen-mat-khau/da-gui/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("quen-mat-khau/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("quen-mat-khau/xong/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("don-vi/", include("portal.org.urls")),
    path("van-ban/", include("directives.urls")),
    path("bao-cao/", include("reporting.urls")),
    path("tong-hop/", include("reporting.dashboard.urls")),
    path("thong-bao/", include("portal.notifications.urls")),
    path("nhat-ky/", include("portal.audit.urls")),
    path("api/", include("portal.api.urls")),
    path("tai-khoan/", core_views.account, name="account"),
    path("tai-khoan/khoa-api/", core_views.api_tokens, name="api_tokens"),
    path("tai-khoan/khoa-api/<int:token_id>/thu-hoi/", core_views.api_token_revoke, name="api_token_revoke"),
    path("quan-tri/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
