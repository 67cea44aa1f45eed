"""The dashboard's task figures over the REST API (issue 16): the four buckets per child unit and per assignee, and
the tasks behind a bucket — the same access helpers and page assembler (``tasks.tasks_page``) as the HTML pages.

    GET /api/v1/dashboards/units/{unit_id}/tasks/                            the four buckets of tasks
    GET /api/v1/dashboards/units/{unit_id}/documents/{document_id}/tasks/    … of a directive's cascade
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from reporting.dashboard import access
from reporting.dashboard import tasks as task_figures
from reporting.dashboard.api import (
    DocumentRefSerializer,
    PageQuerySerializer,
    PagingSerializer,
    TaskCountsSerializer,
    UnitRefSerializer,
    _paging,
    _query,
)


class TaskChildSerializer(serializers.Serializer):
    unit = UnitRefSerializer(allow_null=True)
    is_self = serializers.BooleanField()
    outside = serializers.BooleanField(
        help_text="Nơi nhận ngoài đơn vị trực thuộc (trang văn bản của đơn vị ban hành)"
    )
    counts = TaskCountsSerializer()


class TaskAssigneeSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Giá trị của tham số assignee: p<người>, d<ban>, u<đơn vị>")
    department_id = serializers.IntegerField(allow_null=True)
    department_name = serializers.CharField()
    person_id = serializers.IntegerField(allow_null=True)
    person_name = serializers.CharField()
    counts = TaskCountsSerializer()


class TaskRowSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="assignment.pk")
    title = serializers.CharField(source="assignment.title")
    unit_id = serializers.IntegerField(source="assignment.unit_id")
    assignee = serializers.CharField()
    role = serializers.CharField(source="assignment.role")
    due_date = serializers.DateField(source="assignment.due_date", allow_null=True)
    state = serializers.CharField(source="assignment.state")
    bucket = serializers.CharField(help_text="dung-han, hoan-thanh-qua-han, trong-han hoặc qua-han")
    completed_at = serializers.DateTimeField(source="assignment.completed_at", allow_null=True)
    late_days = serializers.IntegerField(help_text="Số ngày quá hạn (đến khi hoàn thành, hoặc đến hôm nay)")
    source = serializers.CharField(help_text="Số, ký hiệu văn bản hoặc số đến")
    visible = serializers.BooleanField(help_text="Người gọi mở được trang nhiệm vụ này")


class TaskFiguresSerializer(serializers.Serializer):
    unit = UnitRefSerializer()
    document = DocumentRefSerializer(allow_null=True)
    today = serializers.DateField()
    total = TaskCountsSerializer()
    children = TaskChildSerializer(many=True)
    paging = PagingSerializer()
    assignees = TaskAssigneeSerializer(many=True)
    tasks = TaskRowSerializer(many=True, allow_null=True, help_text="Khi có bucket, child hoặc assignee")
    tasks_paging = PagingSerializer(allow_null=True)


class TaskQuerySerializer(PageQuerySerializer):
    bucket = serializers.ChoiceField(
        choices=[*task_figures.buckets.BUCKET_LABELS, task_figures.ALL], required=False, default=""
    )
    child = serializers.IntegerField(
        min_value=1, required=False, help_text="Một đơn vị trực thuộc (hoặc chính đơn vị)"
    )
    assignee = serializers.RegexField(r"^[pdu][0-9]+$", required=False, default="")
    tasks_page = serializers.IntegerField(min_value=1, default=1, required=False)


def _task_figures(request, unit_id: int, document_id: int | None) -> Response:
    query = _query(request, TaskQuerySerializer)
    unit = access.dashboard_unit_for(request.user, unit_id)
    document = access.dashboard_document_for(request.user, document_id) if document_id else None
    view = task_figures.tasks_page(
        unit=unit,
        user=request.user,
        document=document,
        bucket=query["bucket"],
        child_id=query.get("child"),
        assignee_key=query["assignee"],
        page=query["page"],
        listing_page=query["tasks_page"],
        per_page=query["per_page"],
    )
    listing = view.listing
    return Response(
        TaskFiguresSerializer(
            {
                "unit": unit,
                "document": document,
                "today": view.today,
                "total": view.total,
                "children": view.rows,
                "paging": _paging(view.page),
                "assignees": view.assignees,
                "tasks": list(listing.object_list) if listing is not None else None,
                "tasks_paging": _paging(listing) if listing is not None else None,
            }
        ).data
    )


class UnitTaskFiguresView(APIView):
    """The four buckets of the tasks of the unit and its whole subtree: the total, per child subtree (paged), per
    department or person of the unit, and — with bucket, child or assignee — the tasks behind the number. Only for a
    leader of the unit or of one of its ancestors; 404 otherwise."""

    @extend_schema(
        parameters=[TaskQuerySerializer],
        responses=TaskFiguresSerializer,
        operation_id="dashboards_unit_tasks",
        tags=["dashboards"],
    )
    def get(self, request, unit_id: int):
        return _task_figures(request, unit_id, None)


class DirectiveTaskFiguresView(APIView):
    """The same for the tasks of a directive's cascade: over the unit's subtree, and wherever they went when the unit
    issued the directive."""

    @extend_schema(
        parameters=[TaskQuerySerializer],
        responses=TaskFiguresSerializer,
        operation_id="dashboards_directive_tasks",
        tags=["dashboards"],
    )
    def get(self, request, unit_id: int, document_id: int):
        return _task_figures(request, unit_id, document_id)
