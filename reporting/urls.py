from django.urls import path

from reporting import docx_views, views

app_name = "reporting"
urlpatterns = [
    path("", views.obligations, name="obligations"),
    path("don-vi/<int:unit_id>/", views.obligations, name="unit_obligations"),
    path("don-vi/<int:unit_id>/lich.ics", views.unit_calendar, name="unit_calendar"),
    path("don-vi/<int:unit_id>/da-nhan/", views.received_reports, name="received_reports_unit"),
    path("don-vi/<int:unit_id>/yeu-cau-dot-xuat/", views.adhoc_request, name="adhoc_request"),
    path("don-vi/<int:unit_id>/yeu-cau-dot-xuat/don-vi/", views.adhoc_units, name="adhoc_units"),
    path("don-vi/<int:unit_id>/don-doc/", views.chase_letter, name="chase_letter"),
    path("da-nhan/", views.received_reports, name="received_reports"),
    path("cho-ky/", views.awaiting_signature_list, name="awaiting_signature"),
    path("nghia-vu/<int:obligation_id>/ky-gui/", views.report_sign_send, name="report_sign_send"),
    path(
        "nghia-vu/<int:obligation_id>/tra-lai-nguoi-soan/",
        views.report_sign_return,
        name="report_sign_return",
    ),
    path("lich/khoa/", views.calendar_token, name="calendar_token"),
    path("nghia-vu/<int:obligation_id>/", views.report_detail, name="report_detail"),
    path("nghia-vu/<int:obligation_id>/soan/", views.report_edit, name="report_edit"),
    path("nghia-vu/<int:obligation_id>/tong-hop/", views.report_rollup, name="report_rollup"),
    path("nghia-vu/<int:obligation_id>/pdf/", views.report_pdf, name="report_pdf"),
    path("nghia-vu/<int:obligation_id>/word/", docx_views.report_docx, name="report_docx"),
    path("nghia-vu/<int:obligation_id>/tu-luu/", views.report_autosave, name="report_autosave"),
    path("nghia-vu/<int:obligation_id>/dinh-kem/", views.attachment_upload, name="attachment_upload"),
    path(
        "nghia-vu/<int:obligation_id>/dinh-kem/<int:attachment_id>/xoa/",
        views.attachment_remove,
        name="attachment_remove",
    ),
    path("nghia-vu/<int:obligation_id>/tra-lai/", views.report_return, name="report_return"),
    path("nghia-vu/<int:obligation_id>/tiep-nhan/", views.report_accept, name="report_accept"),
    path("nghia-vu/<int:obligation_id>/mien/", views.obligation_excuse, name="obligation_excuse"),
    path("tep/<int:attachment_id>/", views.attachment_download, name="attachment_download"),
]
