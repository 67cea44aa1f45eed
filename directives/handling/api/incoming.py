"""The incoming register over the REST API (``/api/v1/incoming/``): the same access helpers and services as the
pages. Entries are listed and read by whoever may read them (access.entries_visible_to); a unit's clerk registers a
delivered document (``{"delivery": id}``) or a paper one (multipart, with its ``scan``), routes an entry to a
leader, and lists what waits to be registered."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.http import FileResponse, Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from directives.handling import access
from directives.handling.errors import Incomplete, NotAllowed
from directives.handling.models import EntryState, IncomingEntry
from directives.handling.selectors import incoming as selectors
from directives.handling.services import incoming as services
from directives.models import Delivery
from portal.lib.params import MAX_ID
from portal.lib.search import Folded, fold
from portal.org.access import scope_for
from portal.org.models import Unit


class IncomingEntrySerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    handler_name = serializers.SerializerMethodField()
    has_scan = serializers.SerializerMethodField()
    source = serializers.SerializerMethodField()

    class Meta:
        model = IncomingEntry
        fields = [
            "id",
            "unit",
            "unit_name",
            "year",
            "number",
            "number_label",
            "arrived_at",
            "source",
            "delivery",
            "document",
            "sender_unit",
            "sender_name",
            "number_symbol",
            "document_date",
            "doc_type",
            "subject",
            "pages",
            "has_scan",
            "handler",
            "handler_name",
            "handling_due",
            "state",
            "registered_by",
            "registered_at",
            "recalled_at",
        ]
        read_only_fields = fields

    def get_handler_name(self, obj) -> str:
        return (obj.handler.get_full_name() or obj.handler.username) if obj.handler_id else ""

    def get_has_scan(self, obj) -> bool:
        return bool(obj.scan)

    def get_source(self, obj) -> str:
        """«portal» for a delivery registered, «paper» for a document typed in with its scan."""
        return "portal" if obj.delivery_id else "paper"


class RegisterSerializer(serializers.Serializer):
    """Either ``delivery`` (a document that arrived through the portal) or the paper document's facts and scan."""

    delivery = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    unit = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    sender_name = serializers.CharField(required=False, max_length=255, allow_blank=True)
    subject = serializers.CharField(required=False, max_length=500, allow_blank=True)
    arrived_at = serializers.DateTimeField(required=False)
    number_symbol = serializers.CharField(required=False, max_length=80, allow_blank=True, default="")
    document_date = serializers.DateField(required=False, allow_null=True, default=None)
    doc_type = serializers.CharField(required=False, max_length=40, allow_blank=True, default="")
    scan = serializers.FileField(required=False)
    pages = serializers.IntegerField(
        required=False, min_value=1, max_value=10000, allow_null=True, default=None
    )
    handler = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID, allow_null=True)

    def validate(self, attrs):
        if attrs.get("delivery") is None and attrs.get("unit") is None:
            raise serializers.ValidationError(
                {"delivery": ["Ghi «delivery» (văn bản đến qua hệ thống) hoặc «unit» (văn bản giấy)."]}
            )
        return attrs


class RouteSerializer(serializers.Serializer):
    handler = serializers.IntegerField(min_value=1, max_value=MAX_ID)


class AwaitingSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    number_symbol = serializers.CharField(source="document.number_symbol", read_only=True)
    subject = serializers.CharField(source="document.subject", read_only=True)
    sender_name = serializers.CharField(source="document.issuer_name", read_only=True)
    document_date = serializers.DateField(source="document.issue_date", read_only=True)

    class Meta:
        model = Delivery
        fields = [
            "id",
            "unit",
            "unit_name",
            "document",
            "number_symbol",
            "subject",
            "sender_name",
            "document_date",
            "purpose",
            "delivered_at",
        ]
        read_only_fields = fields


class IncomingFilter(django_filters.FilterSet):
    # Numbers, not choices among existing units: "no such unit" against "nothing you may read" would tell which
    # ids exist. Both answer an empty list.
    unit = django_filters.NumberFilter(
        field_name="unit_id", min_value=1, max_value=MAX_ID, label="Đơn vị (mã)"
    )
    year = django_filters.NumberFilter(field_name="year", min_value=2000, max_value=2100, label="Năm")
    state = django_filters.ChoiceFilter(choices=EntryState.choices)
    source = django_filters.ChoiceFilter(
        method="by_source", choices=[("portal", "Qua hệ thống"), ("paper", "Văn bản giấy")]
    )
    q = django_filters.CharFilter(method="search", label="Tìm (không cần dấu)")

    class Meta:
        model = IncomingEntry
        fields = ["unit", "year", "state"]

    def by_source(self, queryset, name, value):
        return queryset.filter(delivery__isnull=(value == "paper"))

    def search(self, queryset, name, value):
        queryset = queryset.annotate(
            _s=Folded("subject"), _n=Folded("number_symbol"), _f=Folded("sender_name")
        )
        for word in fold(value).split()[:8]:
            queryset = queryset.filter(Q(_s__contains=word) | Q(_n__contains=word) | Q(_f__contains=word))
        return queryset


class IncomingEntryViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Văn bản đến: the entries of the incoming registers the caller may read; clerks register and route."""

    serializer_class = IncomingEntrySerializer
    filterset_class = IncomingFilter
    lookup_value_regex = "[0-9]+"
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return (
            access.entries_visible_to(self.request.user)
            .select_related("unit", "handler")
            .order_by("-year", "unit_id", "-number")
        )

    @extend_schema(request=RegisterSerializer, responses={201: IncomingEntrySerializer})
    def create(self, request, *args, **kwargs):
        """Vào sổ: ``{"delivery": id}`` registers (and acknowledges) a delivery to the caller's unit; a paper
        document is sent as multipart with ``unit``, ``sender_name``, ``subject``, ``arrived_at``, ``scan`` …"""
        serializer = RegisterSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if data.get("delivery") is not None:
            delivery = self._own_delivery(data["delivery"])
            entry = services.entry_register_delivery(
                actor=request.user,
                delivery=delivery,
                handler=self._leader(delivery.unit, data.get("handler")),
                pages=data.get("pages"),
            )
        else:
            unit = Unit.objects.filter(pk=data["unit"]).first()
            if unit is None or not scope_for(request.user).sees_unit(unit):
                raise Http404()
            entry = services.entry_register_paper(
                actor=request.user,
                unit=unit,
                sender_name=data.get("sender_name", ""),
                subject=data.get("subject", ""),
                arrived_at=data.get("arrived_at"),
                number_symbol=data["number_symbol"],
                document_date=data["document_date"],
                doc_type=data["doc_type"],
                scan=data.get("scan"),
                pages=data["pages"],
                handler=self._leader(unit, data.get("handler")),
            )
        return Response(IncomingEntrySerializer(entry).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=RouteSerializer, responses=IncomingEntrySerializer)
    @action(detail=True, methods=["post"])
    def route(self, request, pk=None):
        """Trình lãnh đạo: the unit's clerk names the leader who gives the instruction."""
        entry = self.get_object()
        if not access.can_register(request.user, entry.unit):  # a reader who is not its clerk: refused first
            raise NotAllowed("Chỉ văn thư của đơn vị được trình lãnh đạo văn bản đến.")
        serializer = RouteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        handler = self._leader(entry.unit, serializer.validated_data["handler"])
        entry = services.entry_route(actor=request.user, entry=entry, handler=handler)
        return Response(IncomingEntrySerializer(entry).data)

    @extend_schema(responses=AwaitingSerializer(many=True))
    @action(detail=False)
    def awaiting(self, request):
        """Văn bản chờ vào sổ: deliveries to the units whose register the caller keeps, not registered yet."""
        page = self.paginate_queryset(selectors.awaiting_registration(request.user))
        return self.get_paginated_response(AwaitingSerializer(page, many=True).data)

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    @action(detail=True)
    def scan(self, request, pk=None):
        """The scan of a paper entry."""
        entry = self.get_object()
        if not entry.scan:
            raise Http404()
        return FileResponse(entry.scan.open("rb"), filename=entry.scan_name or "ban-quet")

    # --- helpers ---------------------------------------------------------------------------------------
    def _own_delivery(self, delivery_id: int) -> Delivery:
        """A delivery to one of the caller's own units (the service then checks the clerk's role), or 404."""
        delivery = (
            Delivery.objects.select_related("unit", "document")
            .filter(pk=delivery_id, unit_id__in=list(scope_for(self.request.user).own_unit_ids))
            .first()
        )
        if delivery is None:
            raise Http404()
        return delivery

    def _leader(self, unit: Unit, user_id: int | None):
        if not user_id:
            return None
        leader = selectors.leader_choice(unit, user_id)
        if leader is None:
            raise Incomplete(
                "Lãnh đạo cho ý kiến chỉ đạo phải là lãnh đạo (người ký) của đơn vị.", field="handler"
            )
        return leader
