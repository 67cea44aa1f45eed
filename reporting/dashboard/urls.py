from django.urls import path

from reporting.dashboard import task_views, views

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
    # «Nhiệm vụ»: the four buckets of tasks of a unit's subtree and of a directive's cascade (issue 16)
    path("don-vi/<int:unit_id>/nhiem-vu/", task_views.unit_tasks, name="tasks"),
    path("don-vi/<int:unit_id>/nhiem-vu/xuat/<str:fmt>/", task_views.unit_tasks_export, name="tasks_export"),
    path(
        "van-ban/<int:document_id>/don-vi/<int:unit_id>/nhiem-vu/",
        task_views.directive_tasks,
        name="directive_tasks",
    ),
    path(
        "van-ban/<int:document_id>/don-vi/<int:unit_id>/nhiem-vu/xuat/<str:fmt>/",
        task_views.directive_tasks_export,
        name="directive_tasks_export",
    ),
]
