from django.urls import path

from portal.org import department_views, identifier_views, people_views, views

app_name = "org"
urlpatterns = [
    path("", views.unit_list, name="unit_list"),
    path("nhap/", views.unit_import, name="unit_import"),
    path("<int:unit_id>/", views.unit_detail, name="unit_detail"),
    path("<int:unit_id>/cay/", views.unit_subtree, name="unit_subtree"),
    path("<int:unit_id>/thanh-vien/", views.unit_members, name="unit_members"),
    path("<int:unit_id>/thanh-vien/them/", people_views.person_add_view, name="person_add"),
    path("<int:unit_id>/thanh-vien/them/nguoi/", people_views.person_options, name="person_options"),
    path("<int:unit_id>/thanh-vien/<int:person_id>/", people_views.person_detail, name="person_detail"),
    path(
        "<int:unit_id>/thanh-vien/<int:person_id>/gui-lien-ket/",
        people_views.person_send_link,
        name="person_send_link",
    ),
    path("<int:unit_id>/ban-phong/", department_views.departments, name="departments"),
    path(
        "<int:unit_id>/ban-phong/<int:department_id>/",
        department_views.department_edit,
        name="department_edit",
    ),
    path(
        "<int:unit_id>/thanh-vien/<int:person_id>/ban-phong/",
        department_views.person_department,
        name="person_department",
    ),
    path("<int:unit_id>/doi-ten/", views.unit_rename, name="unit_rename"),
    path("<int:unit_id>/tieu-de/", views.unit_letterhead, name="unit_letterhead"),
    path("<int:unit_id>/ma-dinh-danh/", identifier_views.unit_identifiers_page, name="unit_identifiers"),
    path("<int:unit_id>/ngung-hoat-dong/", views.unit_close, name="unit_close"),
    path("<int:unit_id>/ngung-hoat-dong/don-vi-ke-thua/", views.successor_options, name="successor_options"),
]
