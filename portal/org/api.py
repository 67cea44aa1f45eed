"""Units over the REST API, scoped by the same access helpers as the pages."""

from __future__ import annotations

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from portal.org import access, selectors
from portal.org.identifiers import current_organ_id, with_current_organ_id
from portal.org.models import Department, Unit, UnitKind


class UnitSerializer(serializers.ModelSerializer):
    successor = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    organ_id = serializers.SerializerMethodField(
        help_text='Mã định danh điện tử có hiệu lực hôm nay ("" nếu chưa có): địa chỉ của đơn vị trên trục liên thông.'
    )

    class Meta:
        model = Unit
        fields = [
            "id",
            "code",
            "name",
            "short_name",
            "kind",
            "regime",
            "parent_line",
            "place_name",
            "depth",
            "numchild",
            "active_from",
            "active_to",
            "successor",
            "organ_id",
            "exchange_hub",
        ]

    def get_organ_id(self, unit: Unit) -> str:
        return current_organ_id(unit)


class DepartmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Department
        fields = ["id", "code", "name", "order", "active"]
        read_only_fields = fields


class UnitFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=UnitKind.choices)
    q = django_filters.CharFilter(method="search", label="Tên hoặc mã")

    class Meta:
        model = Unit
        fields = ["kind"]

    def search(self, queryset, name, value):
        return queryset.filter(name__icontains=value) | queryset.filter(code__icontains=value)


class UnitViewSet(viewsets.ReadOnlyModelViewSet):
    """Units the caller may see: a leader their subtree, others their own unit."""

    serializer_class = UnitSerializer
    lookup_value_regex = "[0-9]+"
    filterset_class = UnitFilter

    def get_queryset(self):
        units = access.units_visible_to(self.request.user).select_related("successor").order_by("path")
        return with_current_organ_id(units)

    @extend_schema(responses=DepartmentSerializer(many=True))
    @action(detail=True)
    def departments(self, request, pk=None):
        """The unit's departments (ban, phòng) in their order, those in use: the ids an instruction assigns to."""
        unit = self.get_object()
        rows = Department.objects.filter(unit=unit, active=True).order_by("order", "id")
        return Response(DepartmentSerializer(rows, many=True).data)

    @action(detail=True)
    def subtree(self, request, pk=None):
        """The unit's whole subtree (the caller must lead the unit)."""
        unit = self.get_object()
        if not access.scope_for(request.user).leads(unit):
            from rest_framework.exceptions import PermissionDenied

            raise PermissionDenied()
        page = self.paginate_queryset(
            with_current_organ_id(
                selectors.unit_subtree(unit, include_self=False).select_related("successor")
            )
        )
        return self.get_paginated_response(UnitSerializer(page, many=True).data)
