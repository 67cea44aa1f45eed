from django.urls import path

from reporting.dashboard import views

app_name = "dashboards"
urlpatterns = [
    path("", views.home, name="home"),
    path("don-vi/", views.units, name="units"),
    path("don-vi/<int:unit_id>/", views.unit, name="unit"),
    path("don-vi/<int:unit_id>/thi-dua/", views.emulation, name="emulation"),
    path("don-vi/<int:unit_id>/thi-dua/xuat/<str:fmt>/", views.emulation_export, name="emulation_export"),
    path("van-ban/<int:document_id>/don-vi/<int:unit_id>/", views.directive, name="directive"),
    path(
        "van-ban/<int:document_id>/don-vi/<int:unit_id>/xuat/<str:fmt>/",
        views.directive_export,
        name="directive_export",
    ),
    path("bao-cao/<int:requirement_id>/don-vi/<int:unit_id>/", views.requirement, name="requirement"),
    path(
        "bao-cao/<int:requirement_id>/don-vi/<int:unit_id>/xuat/<str:fmt>/",
        views.requirement_export,
        name="requirement_export",
    ),
    path(
        "bao-cao/<int:requirement_id>/don-vi/<int:unit_id>/hanh-dong/",
        views.requirement_action,
        name="requirement_action",
    ),
]
