from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from portal import views
from portal.core import twofactor_views
from portal.org import audit_log
from portal.org.people_forms import PasswordLinkRequestForm

# A database out of reach answers 503 even when the error is raised outside a view (portal.core.middleware).
handler500 = "portal.views.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("suc-khoe/", views.health, name="health"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("dang-nhap/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", views.PasswordChangeView.as_view(), name="password_change"),
    path("doi-mat-khau/xong/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    # «Quên mật khẩu?» and the first-login link an administrator sends (portal/org/services/people.py): Django's views,
    # our form and Vietnamese templates (templates/registration/password_reset_*.html).
    path(
        "quen-mat-khau/",
        auth_views.PasswordResetView.as_view(form_class=PasswordLinkRequestForm),
        name="password_reset",
    ),
    path("quen-mat-khau/da-gui/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "quen-mat-khau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "quen-mat-khau/xong/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"
    ),
    path("don-vi/", include("portal.org.urls")),
    path("van-ban/", include("directives.urls")),
    # The incoming register (/van-ban-den/…) and tasks (/nhiem-vu/…): each page module names its own paths.
    path("", include("directives.handling.urls")),
    # Files of entries received through the national hub (issue 18): /lien-thong/van-ban-den/<id>/tep/.
    path("", include("directives.exchange.urls")),
    path("bao-cao/", include("reporting.urls")),
    path("tong-hop/", include("reporting.dashboard.urls")),
    path("thong-bao/", include("portal.notifications.urls")),
    path("nhat-ky/", include(([path("", audit_log.event_list, name="event_list")], "audit"))),
    path("api/", include("portal.api.urls")),
    path("tai-khoan/", views.account, name="account"),
    path("tai-khoan/khoa-api/", views.api_tokens, name="api_tokens"),
    path("tai-khoan/khoa-api/<int:token_id>/thu-hoi/", views.api_token_revoke, name="api_token_revoke"),
    # The second factor of signers and clerks (portal/core/twofactor.py): the code after the password, setting up
    # the authenticator app (first time, or a new phone from «Tài khoản»), and a unit administrator's reset.
    path("tai-khoan/xac-thuc/", twofactor_views.otp_verify, name="otp_verify"),
    path("tai-khoan/xac-thuc/thiet-lap/", twofactor_views.otp_enrol, name="otp_enrol"),
    path("tai-khoan/xac-thuc/thiet-lap-lai/", twofactor_views.otp_reenrol, name="otp_reenrol"),
    path(
        "don-vi/<int:unit_id>/thanh-vien/<int:person_id>/xac-thuc/",
        twofactor_views.otp_person,
        name="otp_person",
    ),
    # The demo PKI's revocation lists, at the address its certificates name (public, as a CA's CRLs are).
    path("pki/", include("portal.signing.urls")),
    path("quan-tri/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
