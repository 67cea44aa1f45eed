"""Obligations and reports over the REST API, through the same access helpers and services as the pages."""

from __future__ import annotations

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from portal.org.access import scope_for
from reporting import access
from reporting.models import Obligation, ObligationStatus, Report
from reporting.services import (
    report_accept,
    report_return,
    report_save_draft,
    report_sign_request,
    report_sign_return,
    report_submit,
)
from reporting.services.report_signing import leader_for


class ReportSerializer(serializers.ModelSerializer):
    class Meta:
        model = Report
        fields = [
            "state",
            "data",
            "revision",
            "submitted_at",
            "is_late",
            "version_count",
            "return_comment",
            "accepted_at",
            "number_symbol",
            "signature",
            "sign_comment",
        ]
        read_only_fields = fields


class ObligationSerializer(serializers.ModelSerializer):
    unit_code = serializers.CharField(source="unit.code", read_only=True)
    requirement_title = serializers.CharField(source="requirement.title", read_only=True)
    report = serializers.SerializerMethodField()

    class Meta:
        model = Obligation
        fields = [
            "id",
            "requirement",
            "requirement_title",
            "unit",
            "unit_code",
            "to_unit",
            "via_unit",
            "period_key",
            "period_label",
            "window_start",
            "window_end",
            "opens_at",
            "due_date",
            "due_at",
            "status",
            "submitted_at",
            "report",
        ]
        read_only_fields = fields

    @extend_schema_field(ReportSerializer(allow_null=True))
    def get_report(self, obj) -> dict | None:
        report = getattr(obj, "report", None)
        return ReportSerializer(report).data if report else None


class ReportDataSerializer(serializers.Serializer):
    data = serializers.DictField(help_text="narratives: {mục: văn bản}, indicators: {chỉ tiêu: số}")
    version = serializers.IntegerField(
        min_value=0,
        max_value=2**31 - 1,
        required=False,
        allow_null=True,
        help_text="Phiên bản bản nháp đang sửa (report.revision; 0 khi chưa có bản nháp) — bắt buộc: thiếu hoặc cũ "
        "hơn bản đã lưu thì bị từ chối (409 report_stale), không ghi đè.",
    )


class ReportCommentSerializer(serializers.Serializer):
    comment = serializers.CharField(max_length=5000)


class ReportSubmitSerializer(ReportDataSerializer):
    data = serializers.DictField(
        required=False,
        help_text="narratives: {mục: văn bản}, indicators: {chỉ tiêu: số}; bỏ trống để ký gửi báo cáo đang chờ ký "
        "đúng như đã trình",
    )


class ReportSignRequestSerializer(ReportDataSerializer):
    leader = serializers.IntegerField(
        help_text="Người ký: lãnh đạo (vai trò người ký) của đơn vị báo cáo (id người dùng)."
    )


class ObligationFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ObligationStatus.choices)
    period_key = django_filters.CharFilter(max_length=16)

    class Meta:
        model = Obligation
        fields = ["status", "period_key", "requirement", "unit"]


class ObligationViewSet(viewsets.ReadOnlyModelViewSet):
    """Obligations the caller may see: its units' own, and those reported to or via its units."""

    serializer_class = ObligationSerializer
    lookup_value_regex = "[0-9]+"
    filterset_class = ObligationFilter

    def get_queryset(self):
        scope = scope_for(self.request.user)
        q = scope.unit_q("unit__") | scope.unit_q("to_unit__") | scope.unit_q("via_unit__")
        return (
            Obligation.objects.filter(q)
            .select_related("unit", "requirement", "report")
            .order_by("due_at", "id")
        )

    def get_object(self):
        return access.obligation_for_viewer(self.request.user, self.kwargs["pk"])

    @extend_schema(request=ReportDataSerializer, responses=ObligationSerializer)
    @action(detail=True, methods=["post"])
    def draft(self, request, pk=None):
        obligation = access.obligation_for_writer(request.user, pk)
        body = self._valid(ReportDataSerializer)
        report_save_draft(
            actor=request.user,
            obligation=obligation,
            data=body["data"],
            expected_revision=body.get("version"),
        )
        return self._fresh(pk)

    @extend_schema(request=ReportSubmitSerializer, responses=ObligationSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """«Ký và gửi» (issue 17): the reporting unit's signer sends the report with ``data``, or — without
        ``data`` — the report as it was handed over for signature («Trình ký»)."""
        obligation = access.obligation_for_writer(request.user, pk)
        body = self._valid(ReportSubmitSerializer)
        report_submit(
            actor=request.user,
            obligation=obligation,
            data=body.get("data"),
            expected_revision=body.get("version"),
        )
        return self._fresh(pk)

    @extend_schema(request=ReportSignRequestSerializer, responses=ObligationSerializer)
    @action(detail=True, methods=["post"], url_path="sign-request")
    def sign_request(self, request, pk=None):
        """«Trình ký»: hand the report to a leader of the reporting unit for signature (issue 17); the leader
        sends it with ``submit`` («Ký và gửi») or hands it back with ``sign-return``."""
        obligation = access.obligation_for_writer(request.user, pk)
        body = self._valid(ReportSignRequestSerializer)
        report_sign_request(
            actor=request.user,
            obligation=obligation,
            leader=leader_for(obligation, body["leader"]),
            data=body["data"],
            expected_revision=body.get("version"),
        )
        return self._fresh(pk)

    @extend_schema(request=ReportCommentSerializer, responses=ObligationSerializer)
    @action(detail=True, methods=["post"], url_path="sign-return")
    def sign_return(self, request, pk=None):
        """«Trả lại»: the reporting unit's leader hands a report awaiting signature back, with a comment."""
        obligation = access.obligation_for_writer(request.user, pk)
        report_sign_return(
            actor=request.user, obligation=obligation, comment=self._valid(ReportCommentSerializer)["comment"]
        )
        return self._fresh(pk)

    @extend_schema(request=ReportCommentSerializer, responses=ObligationSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        obligation = access.obligation_for_receiver(request.user, pk)
        report_return(
            actor=request.user, obligation=obligation, comment=self._valid(ReportCommentSerializer)["comment"]
        )
        return self._fresh(pk)

    @extend_schema(request=None, responses=ObligationSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        report_accept(actor=request.user, obligation=access.obligation_for_receiver(request.user, pk))
        return self._fresh(pk)

    def _valid(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def _fresh(self, pk) -> Response:
        obligation = Obligation.objects.select_related("unit", "requirement", "report").get(pk=pk)
        return Response(ObligationSerializer(obligation).data)
