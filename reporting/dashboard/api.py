"""The dashboard figures over the REST API: the same access helpers (404 for what the caller may not see) and
the same page assemblers as the HTML dashboards, so a figure read by a program is the figure on screen.

    GET /api/v1/dashboards/units/{unit_id}/                                  the unit's overview
    GET /api/v1/dashboards/units/{unit_id}/requirements/{requirement_id}/    one reporting requirement, one period
    GET /api/v1/dashboards/units/{unit_id}/documents/{document_id}/          a directive's cascade completion
    GET /api/v1/dashboards/units/{unit_id}/emulation/                        the year's emulation scores

The four buckets of tasks per child unit and assignee (…/tasks/) are in ``task_api.py``.
"""

from __future__ import annotations

from django.core.paginator import Page
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from reporting.dashboard import access, pages
from reporting.dashboard import tasks as task_figures

MAX_PER_PAGE = 500


# --- figures ------------------------------------------------------------------------------------------------


class ReportCountsSerializer(serializers.Serializer):
    expected = serializers.IntegerField(help_text="Phải nộp (đơn vị hoạt động trong kỳ, trừ được miễn)")
    submitted = serializers.IntegerField(help_text="Đã nộp (đúng hạn + muộn)")
    on_time = serializers.IntegerField(help_text="Đã nộp đúng hạn")
    late = serializers.IntegerField(help_text="Đã nộp muộn")
    open = serializers.IntegerField(help_text="Chưa nộp, còn hạn")
    overdue = serializers.IntegerField(help_text="Chưa nộp, quá hạn")
    excused = serializers.IntegerField(help_text="Được miễn")
    reporting_rate = serializers.FloatField(allow_null=True, help_text="Tỷ lệ đã nộp, % (tối đa 100)")
    on_time_rate = serializers.FloatField(allow_null=True, help_text="Tỷ lệ đúng hạn, % (tối đa 100)")


class DeliveryCountsSerializer(serializers.Serializer):
    received = serializers.IntegerField(help_text="Đơn vị đã nhận")
    read = serializers.IntegerField(help_text="Đã xem")
    acknowledged = serializers.IntegerField(help_text="Đã tiếp nhận")
    to_implement = serializers.IntegerField(help_text="Nhận để thực hiện")
    implemented = serializers.IntegerField(help_text="Đã ban hành văn bản triển khai")
    drafting = serializers.IntegerField(help_text="Đang soạn văn bản triển khai")
    not_implemented = serializers.IntegerField(help_text="Chưa triển khai")
    nothing = serializers.IntegerField(help_text="Chưa xử lý (chưa xem, chưa tiếp nhận)")
    implemented_rate = serializers.FloatField(allow_null=True)
    acknowledged_rate = serializers.FloatField(allow_null=True)


class TaskCountsSerializer(serializers.Serializer):
    """The four buckets of tasks (nhiệm vụ): tasks «để biết» and cancelled ones are not counted."""

    on_time = serializers.IntegerField(help_text="Hoàn thành đúng hạn")
    late = serializers.IntegerField(help_text="Hoàn thành quá hạn")
    open_in_time = serializers.IntegerField(help_text="Đang thực hiện trong hạn")
    open_overdue = serializers.IntegerField(help_text="Quá hạn chưa hoàn thành")
    total = serializers.IntegerField(help_text="Tổng số nhiệm vụ được tính")


class UnitRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    depth = serializers.IntegerField()
    has_children = serializers.SerializerMethodField()

    def get_has_children(self, unit) -> bool:
        return bool(unit.numchild)


class PeriodSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    due_date = serializers.DateField(allow_null=True)


class LevelSerializer(serializers.Serializer):
    depth = serializers.IntegerField()
    kind = serializers.CharField()
    label = serializers.CharField()


class ReportLevelSerializer(LevelSerializer):
    counts = ReportCountsSerializer()


class DeliveryLevelSerializer(LevelSerializer):
    counts = DeliveryCountsSerializer()


class ReportRowSerializer(serializers.Serializer):
    unit = UnitRefSerializer(allow_null=True)
    is_self = serializers.BooleanField(help_text="Dòng của chính đơn vị (không phải một đơn vị cấp dưới)")
    counts = ReportCountsSerializer()


class DeliveryRowSerializer(serializers.Serializer):
    unit = UnitRefSerializer(allow_null=True)
    is_self = serializers.BooleanField()
    counts = DeliveryCountsSerializer()


class TrendPointSerializer(serializers.Serializer):
    period = PeriodSerializer()
    counts = ReportCountsSerializer()


class PagingSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="Số dòng đơn vị cấp dưới (kể cả dòng của chính đơn vị)")
    page = serializers.IntegerField()
    pages = serializers.IntegerField()


def _paging(page: Page | None) -> dict:
    if page is None:
        return {"count": 0, "page": 1, "pages": 1}
    return {"count": page.paginator.count, "page": page.number, "pages": page.paginator.num_pages}


# --- requests -----------------------------------------------------------------------------------------------


class PageQuerySerializer(serializers.Serializer):
    page = serializers.IntegerField(min_value=1, default=1, required=False)
    per_page = serializers.IntegerField(
        min_value=1, max_value=MAX_PER_PAGE, default=pages.PER_PAGE, required=False
    )


class RequirementQuerySerializer(PageQuerySerializer):
    period = serializers.CharField(
        max_length=16,
        required=False,
        default="",
        help_text="Khóa kỳ, ví dụ 2024-S1; bỏ trống: kỳ gần nhất đã đến hạn",
    )


class EmulationQuerySerializer(PageQuerySerializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100, required=False)


def _query(request, serializer_class) -> dict:
    found = serializer_class(data=request.query_params)
    found.is_valid(raise_exception=True)
    return found.validated_data


# --- the unit's overview ------------------------------------------------------------------------------------


class RequirementSummarySerializer(serializers.Serializer):
    requirement_id = serializers.IntegerField(source="requirement.pk")
    title = serializers.CharField(source="requirement.title")
    document_id = serializers.IntegerField(source="requirement.document_id", allow_null=True)
    period = PeriodSerializer(allow_null=True)
    counts = ReportCountsSerializer()


class DocumentRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    number_symbol = serializers.CharField()
    doc_type = serializers.CharField()
    subject = serializers.CharField()
    issue_date = serializers.DateField(allow_null=True)
    issuer_name = serializers.CharField(source="issuer.name")


class DocumentSummarySerializer(serializers.Serializer):
    document = DocumentRefSerializer()
    counts = DeliveryCountsSerializer()
    tasks = TaskCountsSerializer(help_text="Nhiệm vụ của văn bản (bốn nhóm)")


class UnitOverviewSerializer(serializers.Serializer):
    unit = UnitRefSerializer()
    tasks = TaskCountsSerializer(help_text="Nhiệm vụ của đơn vị và toàn bộ cấp dưới (bốn nhóm)")
    requirements = RequirementSummarySerializer(many=True)
    documents = DocumentSummarySerializer(many=True)


class UnitOverviewView(APIView):
    """The reporting requirements a unit receives or owes (the latest due period, over its subtree) and the
    directives it issued or must carry out (their cascade completion). Only for a leader of the unit or of
    one of its ancestors; 404 otherwise."""

    @extend_schema(
        responses=UnitOverviewSerializer, operation_id="dashboards_unit_overview", tags=["dashboards"]
    )
    def get(self, request, unit_id: int):
        unit = access.dashboard_unit_for(request.user, unit_id)
        requirements, documents = pages.unit_overview(unit)
        return Response(
            UnitOverviewSerializer(
                {
                    "unit": unit,
                    "tasks": task_figures.unit_task_counts(unit),
                    "requirements": requirements,
                    "documents": documents,
                }
            ).data
        )


# --- one requirement, one period ----------------------------------------------------------------------------


class RequirementRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    frequency = serializers.CharField()
    document_id = serializers.IntegerField(allow_null=True)


class RequirementFiguresSerializer(serializers.Serializer):
    unit = UnitRefSerializer()
    requirement = RequirementRefSerializer()
    periods = PeriodSerializer(many=True)
    period = PeriodSerializer(allow_null=True)
    total = ReportCountsSerializer()
    levels = ReportLevelSerializer(many=True)
    trend = TrendPointSerializer(many=True)
    children = ReportRowSerializer(many=True)
    paging = PagingSerializer()


class RequirementFiguresView(APIView):
    """Expected, submitted, on time, late, overdue and excused for one period of a reporting requirement
    (with the requirements derived from it down the cascade) over the unit's subtree: the total, per level,
    per child subtree (paged) and the on-time trend over the recent periods."""

    @extend_schema(
        parameters=[RequirementQuerySerializer],
        responses=RequirementFiguresSerializer,
        operation_id="dashboards_requirement_figures",
        tags=["dashboards"],
    )
    def get(self, request, unit_id: int, requirement_id: int):
        query = _query(request, RequirementQuerySerializer)
        unit = access.dashboard_unit_for(request.user, unit_id)
        requirement = access.dashboard_requirement_for(request.user, requirement_id)
        view = pages.requirement_page(
            unit=unit,
            requirement=requirement,
            period_key=query["period"],
            page=query["page"],
            per_page=query["per_page"],
        )
        if query["period"] and (view.period is None or view.period.key != query["period"]):
            raise serializers.ValidationError(
                {"period": [f"Không có kỳ «{query['period']}» trong chế độ báo cáo này."]}
            )
        return Response(
            RequirementFiguresSerializer(
                {
                    "unit": unit,
                    "requirement": requirement,
                    "periods": view.periods,
                    "period": view.period,
                    "total": view.total,
                    "levels": view.levels,
                    "trend": [{"period": p, "counts": c} for p, c in view.trend],
                    "children": view.rows,
                    "paging": _paging(view.page),
                }
            ).data
        )


# --- one directive's cascade --------------------------------------------------------------------------------


class DirectiveFiguresSerializer(serializers.Serializer):
    unit = UnitRefSerializer()
    document = DocumentRefSerializer()
    family_size = serializers.IntegerField(
        help_text="Số văn bản của chuỗi (văn bản gốc và các văn bản triển khai)"
    )
    total = DeliveryCountsSerializer()
    tasks = TaskCountsSerializer(
        help_text="Nhiệm vụ của văn bản và các văn bản triển khai trong phạm vi (bốn nhóm)"
    )
    levels = DeliveryLevelSerializer(many=True)
    children = DeliveryRowSerializer(many=True)
    paging = PagingSerializer()


class DirectiveFiguresView(APIView):
    """How far a directive has travelled down the unit's subtree: units that received a document of its
    cascade, read, acknowledged and issued their implementing document — total, per level, per child."""

    @extend_schema(
        parameters=[PageQuerySerializer],
        responses=DirectiveFiguresSerializer,
        operation_id="dashboards_directive_figures",
        tags=["dashboards"],
    )
    def get(self, request, unit_id: int, document_id: int):
        query = _query(request, PageQuerySerializer)
        unit = access.dashboard_unit_for(request.user, unit_id)
        document = access.dashboard_document_for(request.user, document_id)
        view = pages.directive_page(
            unit=unit, document=document, page=query["page"], per_page=query["per_page"]
        )
        return Response(
            DirectiveFiguresSerializer(
                {
                    "unit": unit,
                    "document": document,
                    "family_size": view.family_size,
                    "total": view.total,
                    "tasks": task_figures.unit_task_counts(unit, document),
                    "levels": view.levels,
                    "children": view.rows,
                    "paging": _paging(view.page),
                }
            ).data
        )


# --- emulation ----------------------------------------------------------------------------------------------


class DirectiveTallySerializer(serializers.Serializer):
    to_implement = serializers.IntegerField()
    implemented = serializers.IntegerField()
    implemented_rate = serializers.FloatField(allow_null=True)


class EmulationRowSerializer(serializers.Serializer):
    unit = UnitRefSerializer(allow_null=True)
    is_self = serializers.BooleanField()
    rank = serializers.IntegerField(allow_null=True)
    score = serializers.FloatField(source="counts.score", allow_null=True)
    reports = ReportCountsSerializer(source="counts.reports")
    directives = DirectiveTallySerializer(source="counts.directives")


class EmulationSerializer(serializers.Serializer):
    unit = UnitRefSerializer()
    year = serializers.IntegerField()
    formula = serializers.CharField()
    maximum = serializers.FloatField()
    children = EmulationRowSerializer(many=True)
    paging = PagingSerializer()


class EmulationView(APIView):
    """The year's emulation score of the unit and of each child subtree, best first, with the formula used."""

    @extend_schema(
        parameters=[EmulationQuerySerializer],
        responses=EmulationSerializer,
        operation_id="dashboards_emulation",
        tags=["dashboards"],
    )
    def get(self, request, unit_id: int):
        query = _query(request, EmulationQuerySerializer)
        unit = access.dashboard_unit_for(request.user, unit_id)
        year = query.get("year") or timezone.localdate().year
        view = pages.emulation_page(unit=unit, year=year, page=query["page"], per_page=query["per_page"])
        return Response(
            EmulationSerializer(
                {
                    "unit": unit,
                    "year": view.year,
                    "formula": view.formula,
                    "maximum": view.maximum,
                    "children": view.rows,
                    "paging": _paging(view.page),
                }
            ).data
        )
