"""Documents over the REST API: the same access helpers and services as the pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from directives import access, selectors
from directives.errors import NotAllowed as DocumentNotAllowed
from directives.models import Delivery, DocType, Document, Purpose, Recipient, Selection, Status
from directives.services import compose, derive, digital, receipt, signing
from directives.services.compose import RecipientLine
from portal.lib.params import MAX_ID
from portal.lib.search import fold
from portal.org.models import Unit


class RecipientSerializer(serializers.ModelSerializer):
    unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all(), allow_null=True, required=False)

    class Meta:
        model = Recipient
        fields = ["label", "purpose", "selection", "unit", "kind", "in_kinh_gui"]


class DocumentSerializer(serializers.ModelSerializer):
    issuer_name = serializers.CharField(read_only=True)

    class Meta:
        model = Document
        fields = [
            "id",
            "doc_type",
            "number_symbol",
            "subject",
            "issuer",
            "issuer_name",
            "issue_date",
            "place",
            "status",
            "is_external",
            "version",
        ]
        read_only_fields = fields


class DocumentDetailSerializer(DocumentSerializer):
    recipients = RecipientSerializer(many=True, read_only=True)
    tasks = serializers.SerializerMethodField()
    relations = serializers.SerializerMethodField()

    class Meta(DocumentSerializer.Meta):
        fields = DocumentSerializer.Meta.fields + [
            "bases",
            "opening",
            "body",
            "body_numbering",
            "closing",
            "signer_authority",
            "signer_authority_body",
            "signer_title",
            "signer_name",
            "department",
            "return_comment",
            "signed_at",
            "sealed_at",
            "pdf_sha256",
            "recipients",
            "tasks",
            "relations",
        ]
        read_only_fields = fields

    def get_tasks(self, obj) -> list[dict]:
        return [
            {"title": t.title, "text": t.text, "units": [u.pk for u in t.units.all()], "due_date": t.due_date}
            for t in obj.tasks.prefetch_related("units")
        ]

    def get_relations(self, obj) -> list[dict]:
        """The documents this one cites, those the caller may read only (selectors.related)."""
        return [
            {"kind": r.kind, "target": r.target_id, "number_symbol": r.target.number_symbol}
            for r in selectors.related(obj, user=self.context["request"].user)["out"]
        ]


@extend_schema_field(OpenApiTypes.INT)  # a unit id, as the schema said before the field had its own class
class DraftingUnitField(serializers.PrimaryKeyRelatedField):
    """A unit the caller drafts for. Any other id — a unit in scope without a drafting role, one outside the
    scope, or no unit at all — gets one and the same refusal (403 not_allowed, the service's words), so the
    answer never tells which unit ids exist (issue 20, finding 13). A value that is not an id is a 400."""

    default_error_messages = {"incorrect_type": "Mã đơn vị phải là một số."}

    def get_queryset(self):
        return access.drafting_units(self.context["request"].user)  # the schema's choices; the check below

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int | str) or not str(data).isdigit():
            self.fail("incorrect_type", data_type=type(data).__name__)
        unit = Unit.objects.filter(pk=data).first() if int(data) <= MAX_ID else None
        if unit is None or not access.can_draft_for(self.context["request"].user, unit):
            raise DocumentNotAllowed("Bạn không có quyền soạn văn bản cho đơn vị này.")
        return unit


class DraftCreateSerializer(serializers.Serializer):
    issuer = DraftingUnitField()
    doc_type = serializers.ChoiceField(choices=DocType.choices)
    subject = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class DraftUpdateSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, help_text="Phiên bản đang sửa (chống ghi đè).")
    subject = serializers.CharField(max_length=500, required=False, allow_blank=True)
    place = serializers.CharField(max_length=100, required=False, allow_blank=True)
    department = serializers.CharField(max_length=20, required=False, allow_blank=True)
    opening = serializers.CharField(required=False, allow_blank=True, max_length=100_000)
    closing = serializers.CharField(required=False, allow_blank=True, max_length=100_000)
    bases = serializers.ListField(child=serializers.CharField(max_length=1000), required=False, max_length=50)
    body = serializers.ListField(child=serializers.DictField(), required=False, max_length=500)
    signer_authority = serializers.ChoiceField(choices=["", "TM", "KT", "TL", "TUQ", "Q"], required=False)
    signer_authority_body = serializers.CharField(max_length=120, required=False, allow_blank=True)
    signer_title = serializers.CharField(max_length=120, required=False, allow_blank=True)
    signer_name = serializers.CharField(max_length=120, required=False, allow_blank=True)
    recipients = RecipientSerializer(many=True, required=False)


class SigningSerializer(serializers.Serializer):
    pin = serializers.CharField(
        max_length=128,
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        write_only=True,
        help_text="Mã PIN của thiết bị ký số (hoặc mật khẩu tệp khóa); bỏ trống khi ký số từ xa. Không được lưu.",
    )


class CommentSerializer(serializers.Serializer):
    comment = serializers.CharField(max_length=5000)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=5000)


class DeriveSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=[("plan", "Văn bản triển khai"), ("forward", "Công văn gửi kèm")], default="plan"
    )


class DeliverySerializer(serializers.ModelSerializer):
    unit_code = serializers.CharField(source="unit.code", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    incoming_number = serializers.SerializerMethodField()
    registered_at = serializers.SerializerMethodField()

    class Meta:
        model = Delivery
        fields = [
            "id",
            "unit",
            "unit_code",
            "unit_name",
            "purpose",
            "delivered_at",
            "read_at",
            "acknowledged_at",
            "incoming_number",
            "registered_at",
            "implemented_by",
            "recall_confirmed_at",
        ]
        read_only_fields = fields

    # The recipient's incoming register entry, by its relation's name (directives.handling stands above this app):
    # the sender sees «đã tiếp nhận, số đến 01/2026».
    def get_incoming_number(self, obj) -> str | None:
        entry = getattr(obj, "incoming_entry", None)
        return f"{entry.number_label}/{entry.year}" if entry else None

    def get_registered_at(self, obj) -> dt.datetime | None:
        entry = getattr(obj, "incoming_entry", None)
        return entry.registered_at if entry else None


class DocumentFilter(django_filters.FilterSet):
    doc_type = django_filters.ChoiceFilter(choices=DocType.choices)
    status = django_filters.ChoiceFilter(choices=Status.choices)
    # A number, not a choice among existing units: "no such unit" (400) against "nothing of this unit you may
    # read" (200, empty) would tell which ids exist. Both now answer an empty list.
    issuer = django_filters.NumberFilter(
        field_name="issuer_id", min_value=1, max_value=MAX_ID, label="Đơn vị ban hành (mã)"
    )
    year = django_filters.NumberFilter(method="in_year", min_value=1900, max_value=2100, label="Năm ban hành")
    q = django_filters.CharFilter(method="search", label="Tìm (không cần dấu)")

    class Meta:
        model = Document
        fields = ["doc_type", "status", "issuer"]

    def search(self, queryset, name, value):
        return queryset.filter(search_text__contains=fold(value))

    def in_year(self, queryset, name, value):
        return queryset.filter(issue_date__year=int(value)) if value == int(value) else queryset.none()


class DocumentViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Documents the caller may read; drafts are created and edited by the issuing unit's drafters."""

    filterset_class = DocumentFilter
    lookup_value_regex = "[0-9]+"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return access.documents_visible_to(self.request.user).select_related("issuer").order_by("-id")

    def get_serializer_class(self):
        if self.action == "create":
            return DraftCreateSerializer
        if self.action == "partial_update":
            return DraftUpdateSerializer
        return DocumentDetailSerializer if self.action == "retrieve" else DocumentSerializer

    @extend_schema(responses=DocumentDetailSerializer)
    def create(self, request, *args, **kwargs):
        data = self._valid(DraftCreateSerializer)
        document = compose.document_create_draft(actor=request.user, **data)
        return Response(
            DocumentDetailSerializer(document, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(responses=DocumentDetailSerializer)
    def partial_update(self, request, *args, **kwargs):
        document = self._editable()
        data = self._valid(DraftUpdateSerializer)
        content = compose.content_of(document)
        for field in (
            "subject",
            "place",
            "department",
            "opening",
            "closing",
            "bases",
            "body",
        ):
            if field in data:
                setattr(content, field, data[field])
        # The request names the signature's parts signer_authority, signer_authority_body, signer_title,
        # signer_name (the schema and the document's fields); the draft holds them as one Signature.
        parts = ("authority", "authority_body", "title", "name")
        signed = {part: data[f"signer_{part}"] for part in parts if f"signer_{part}" in data}
        if signed:
            content.signature = replace(content.signature, **signed)
        if "recipients" in data:
            content.recipients = [
                RecipientLine(
                    label=r.get("label", ""),
                    purpose=r.get("purpose", Purpose.THUC_HIEN),
                    selection=r.get("selection", Selection.UNIT),
                    unit_id=r["unit"].pk if r.get("unit") else None,
                    kind=r.get("kind", ""),
                    in_kinh_gui=r.get("in_kinh_gui", False),
                )
                for r in data["recipients"]
            ]
        document = compose.document_save_draft(
            actor=request.user, document=document, content=content, expected_version=data["version"]
        )
        return Response(DocumentDetailSerializer(document, context=self.get_serializer_context()).data)

    def update(self, request, *args, **kwargs):  # PUT is not offered: drafts change field by field
        raise NotFound()

    @extend_schema(request=None, responses=DocumentDetailSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._done(signing.document_submit(actor=request.user, document=self.get_object()))

    @extend_schema(request=None, responses=DocumentDetailSerializer)
    @action(detail=True, methods=["post"])
    def issue(self, request, pk=None):
        return self._done(signing.document_issue(actor=request.user, document=self.get_object()))

    @extend_schema(request=SigningSerializer, responses=DocumentDetailSerializer)
    @action(detail=True, methods=["post"])
    def sign(self, request, pk=None):
        """Ký số: the signer's key signs, the register numbers the document, and it waits for the seal."""
        data = self._valid(SigningSerializer)
        document = self.get_object()
        return self._done(
            digital.document_sign(actor=request.user, document=document, secret=data.get("pin", ""))
        )

    @extend_schema(request=SigningSerializer, responses=DocumentDetailSerializer)
    @action(detail=True, methods=["post"])
    def seal(self, request, pk=None):
        """Đóng dấu (ký số cơ quan): a clerk of the issuing unit applies the body's signature; it is then sent."""
        data = self._valid(SigningSerializer)
        document = self.get_object()
        return self._done(
            digital.document_seal(actor=request.user, document=document, secret=data.get("pin", ""))
        )

    @extend_schema(request=CommentSerializer, responses=DocumentDetailSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        data = self._valid(CommentSerializer)
        return self._done(signing.document_return(actor=request.user, document=self.get_object(), **data))

    @extend_schema(request=ReasonSerializer, responses=DocumentDetailSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        data = self._valid(ReasonSerializer)
        return self._done(signing.document_revoke(actor=request.user, document=self.get_object(), **data))

    @extend_schema(request=None, responses=DeliverySerializer)
    @action(detail=True, methods=["post"])
    def acknowledge(self, request, pk=None):
        delivery = self._own_delivery()
        delivery = receipt.delivery_acknowledge(actor=request.user, delivery=delivery)
        return Response(DeliverySerializer(delivery).data)

    @extend_schema(request=None, responses=DeliverySerializer)
    @action(detail=True, methods=["post"], url_path="recall-confirm")
    def recall_confirm(self, request, pk=None):
        """Xác nhận thu hồi: the receiving unit's clerk confirms its copy of the recalled document is withdrawn."""
        delivery = receipt.delivery_recall_confirm(actor=request.user, delivery=self._own_delivery())
        return Response(DeliverySerializer(delivery).data)

    @extend_schema(request=DeriveSerializer, responses={201: DocumentDetailSerializer})
    @action(detail=True, methods=["post"])
    def derive(self, request, pk=None):
        data = self._valid(DeriveSerializer)
        delivery = self._own_delivery()
        service = derive.document_forward if data["kind"] == "forward" else derive.document_derive
        draft = service(actor=request.user, delivery=delivery)
        return Response(
            DocumentDetailSerializer(draft, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(responses=DeliverySerializer(many=True))
    @action(detail=True)
    def deliveries(self, request, pk=None):
        """Per recipient: delivered, read, acknowledged, implemented (issuing side only)."""
        document = self.get_object()
        if not access.is_issuer_side(request.user, document):
            raise PermissionDenied()
        page = self.paginate_queryset(selectors.deliveries_of(document))
        return self.get_paginated_response(DeliverySerializer(page, many=True).data)

    # --- helpers ---------------------------------------------------------------------------------------
    def _valid(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def _editable(self) -> Document:
        document = self.get_object()
        if document.is_external or not access.can_draft_for(self.request.user, document.issuer):
            raise NotFound()
        return document

    def _own_delivery(self) -> Delivery:
        delivery = access.delivery_for_user(self.request.user, self.get_object())
        if delivery is None:
            raise NotFound()
        return delivery

    def _done(self, document: Document) -> Response:
        return Response(DocumentDetailSerializer(document, context=self.get_serializer_context()).data)
