from django.urls import path

from directives import batch_views, external_views, import_views, search_views, signing_views, views
from directives.docx import views as docx_views

app_name = "directives"
urlpatterns = [
    path("den/", views.inbox, name="inbox"),
    path("di/", views.outgoing, name="outgoing"),
    path("cho-dong-dau/", signing_views.sealing_desk, name="sealing_desk"),
    path("moi/", views.document_new, name="new"),
    path("tra-cuu/", views.cite_lookup, name="cite_lookup"),
    path("<int:document_id>/", views.document_detail, name="detail"),
    path("<int:document_id>/sua/", views.document_edit, name="edit"),
    path("<int:document_id>/tu-luu/", views.document_autosave, name="autosave"),
    path("<int:document_id>/dinh-kem/", views.document_attach, name="attach"),
    path("<int:document_id>/dinh-kem/<int:attachment_id>/", views.attachment_download, name="attachment"),
    path("<int:document_id>/don-vi/", views.unit_lookup, name="unit_lookup"),
    path("<int:document_id>/trinh-ky/", signing_views.document_submit, name="submit"),
    path("<int:document_id>/ban-hanh/", signing_views.document_issue, name="issue"),
    path("<int:document_id>/ky-so/", signing_views.document_sign, name="sign"),
    path("<int:document_id>/dong-dau/", signing_views.document_seal, name="seal"),
    path("<int:document_id>/tra-lai/", signing_views.document_return, name="return"),
    path("<int:document_id>/thu-hoi/", signing_views.document_revoke, name="revoke"),
    path("<int:document_id>/tiep-nhan/", signing_views.delivery_acknowledge, name="acknowledge"),
    path("<int:document_id>/xac-nhan-thu-hoi/", signing_views.delivery_recall_confirm, name="recall_confirm"),
    path("<int:document_id>/tra-lai-van-ban/", signing_views.delivery_return, name="delivery_return"),
    path("<int:document_id>/trien-khai/", signing_views.document_derive, name="derive"),
    path("<int:document_id>/cay-trien-khai/", views.document_cascade, name="cascade"),
    path("<int:document_id>/ngoai-he-thong/sua/", external_views.external_edit, name="external_edit"),
    path("<int:document_id>/ngoai-he-thong/xoa/", external_views.external_remove, name="external_remove"),
    path("<int:document_id>/pdf/", views.document_pdf, name="pdf"),
    path("<int:document_id>/word/", docx_views.document_docx, name="docx"),
    path("<int:document_id>/word/tai-len/", docx_views.document_docx_upload, name="docx_upload"),
    path("<int:document_id>/tai-tat-ca/", batch_views.batch_request, name="batch_request"),
    path("lo/<int:batch_id>/", batch_views.batch_detail, name="batch"),
    path("lo/<int:batch_id>/tai/", batch_views.batch_download, name="batch_download"),
    path("tim-kiem/", search_views.search_page, name="search"),
    path("nhap/", import_views.import_start, name="import"),
    path("nhap/xac-nhan/", import_views.import_confirm, name="import_confirm"),
]
