"""Tasks over the REST API (/api/v1/tasks/), through the same access helpers, selectors and services as the pages:
the list and detail of what the caller may see (``tab=cua-toi|don-vi|toi-giao`` and the pages' filters), and the
actions — ``notes`` (progress, multipart with an evidence file), ``complete``, ``extension`` (ask for more time),
``decide`` (the assigner on a request), ``chase`` (nhắc nhở, phê bình, kiểm điểm). A refusal answers the problem
body with its status (portal.api.errors)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from directives.handling import access
from directives.handling.models import (
    Assignment,
    Chase,
    ChaseKind,
    ExtensionRequest,
    ProgressNote,
)
from directives.handling.selectors import tasks as selectors
from directives.handling.selectors.buckets import BUCKET_LABELS
from directives.handling.services import tasks as services


class NoteSerializer(serializers.ModelSerializer):
    author_name = serializers.SerializerMethodField()
    file_url = serializers.SerializerMethodField()

    class Meta:
        model = ProgressNote
        fields = ["id", "author", "author_name", "text", "file_name", "file_size", "file_url", "created_at"]
        read_only_fields = fields

    def get_author_name(self, obj) -> str:
        return obj.author.get_full_name() or obj.author.get_username()

    def get_file_url(self, obj) -> str | None:
        return reverse("handling:task_file", args=[obj.assignment_id, obj.pk]) if obj.file else None


class ExtensionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExtensionRequest
        fields = [
            "id",
            "requested_by",
            "requested_at",
            "current_due",
            "new_due",
            "reason",
            "state",
            "decided_by",
            "decided_at",
            "decision_comment",
        ]
        read_only_fields = fields


class ChaseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Chase
        fields = ["id", "kind", "stage", "text", "by", "created_at"]
        read_only_fields = fields


class TaskSerializer(serializers.ModelSerializer):
    unit_code = serializers.CharField(source="unit.code", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    # None for a task of the unit as a whole / not from a document: nullable in the schema too.
    department_name = serializers.CharField(
        source="department.name", read_only=True, default=None, allow_null=True
    )
    document_number_symbol = serializers.CharField(
        source="document.number_symbol", read_only=True, default=None, allow_null=True
    )
    status_label = serializers.SerializerMethodField()
    children_total = serializers.IntegerField(read_only=True, default=None, allow_null=True)
    children_done = serializers.IntegerField(read_only=True, default=None, allow_null=True)

    class Meta:
        model = Assignment
        fields = [
            "id",
            "title",
            "text",
            "role",
            "state",
            "status_label",
            "unit",
            "unit_code",
            "unit_name",
            "department",
            "department_name",
            "person",
            "document",
            "document_number_symbol",
            "task",
            "entry",
            "parent",
            "due_date",
            "original_due_date",
            "assigned_by",
            "assigned_at",
            "completed_at",
            "completed_by",
            "result",
            "cancelled_at",
            "cancelled_reason",
            "children_total",
            "children_done",
        ]
        read_only_fields = fields

    def get_status_label(self, obj) -> str:
        return selectors.row_status(obj, self.context.get("today") or timezone.localdate()).label


class TaskDetailSerializer(TaskSerializer):
    notes = serializers.SerializerMethodField()
    extensions = serializers.SerializerMethodField()
    chases = serializers.SerializerMethodField()

    class Meta(TaskSerializer.Meta):
        fields = [*TaskSerializer.Meta.fields, "notes", "extensions", "chases"]
        read_only_fields = fields

    def _trail(self, obj) -> selectors.TaskTrail:
        if "trail" not in self.context:
            self.context["trail"] = selectors.task_trail(obj)
        return self.context["trail"]

    def get_notes(self, obj) -> list[dict]:
        return NoteSerializer(self._trail(obj).notes, many=True).data

    def get_extensions(self, obj) -> list[dict]:
        return ExtensionSerializer(self._trail(obj).extensions, many=True).data

    def get_chases(self, obj) -> list[dict]:
        return ChaseSerializer(self._trail(obj).chases, many=True).data


class NoteInSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=5000)
    file = serializers.FileField(required=False, allow_null=True)


class CompleteInSerializer(serializers.Serializer):
    result = serializers.CharField(max_length=5000)
    file = serializers.FileField(required=False, allow_null=True)


class ExtensionInSerializer(serializers.Serializer):
    new_due = serializers.DateField(help_text="Gia hạn đến (YYYY-MM-DD).")
    reason = serializers.CharField(max_length=2000)


class DecideInSerializer(serializers.Serializer):
    request = serializers.IntegerField(min_value=1, max_value=2**63 - 1, help_text="Mã đề nghị gia hạn.")
    approve = serializers.BooleanField()
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class ChaseInSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ChaseKind.choices)
    text = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


_LIST_PARAMS = [
    OpenApiParameter("tab", OpenApiTypes.STR, enum=list(selectors.TAB_LABELS)),
    OpenApiParameter("state", OpenApiTypes.STR, enum=[k for k in selectors.STATES if k]),
    OpenApiParameter("bucket", OpenApiTypes.STR, enum=list(BUCKET_LABELS)),
    OpenApiParameter("role", OpenApiTypes.STR, enum=["lead", "support", "inform"]),
    OpenApiParameter("q", OpenApiTypes.STR),
]


class TaskViewSet(viewsets.ReadOnlyModelViewSet):
    """Tasks the caller may see (access.assignments_visible_to); by default the caller's own open ones."""

    serializer_class = TaskSerializer
    lookup_value_regex = "[0-9]+"
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    def get_queryset(self):
        params = self.request.query_params
        tab = params.get("tab") or selectors.MINE
        return selectors.tasks_list(
            self.request.user,
            selectors.TaskFilters(
                tab=tab if tab in selectors.TAB_LABELS else selectors.MINE,
                state=params.get("state", "") if params.get("state", "") in selectors.STATES else "",
                bucket=params.get("bucket", ""),
                role=params.get("role", "")
                if params.get("role", "") in ("lead", "support", "inform")
                else "",
                query=params.get("q", "")[:200],
            ),
            today=timezone.localdate(),
        )

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "today": timezone.localdate()}

    @extend_schema(parameters=_LIST_PARAMS)
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(responses=TaskDetailSerializer)
    def retrieve(self, request, *args, **kwargs):
        return self._detail(access.assignment_for_user(request.user, kwargs["pk"]).pk)

    @extend_schema(request=NoteInSerializer, responses=TaskDetailSerializer)
    @action(detail=True, methods=["post"])
    def notes(self, request, pk=None):
        assignment = access.assignment_for_worker(request.user, pk)
        body = self._valid(NoteInSerializer)
        services.assignment_note(
            actor=request.user, assignment=assignment, text=body["text"], file=body.get("file")
        )
        return self._detail(pk, status=201)

    @extend_schema(request=CompleteInSerializer, responses=TaskDetailSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        assignment = access.assignment_for_worker(request.user, pk)
        body = self._valid(CompleteInSerializer)
        services.assignment_complete(
            actor=request.user, assignment=assignment, result=body["result"], file=body.get("file")
        )
        return self._detail(pk)

    @extend_schema(request=ExtensionInSerializer, responses=TaskDetailSerializer)
    @action(detail=True, methods=["post"])
    def extension(self, request, pk=None):
        assignment = access.assignment_for_worker(request.user, pk)
        body = self._valid(ExtensionInSerializer)
        services.extension_request(
            actor=request.user, assignment=assignment, new_due=body["new_due"], reason=body["reason"]
        )
        return self._detail(pk, status=201)

    @extend_schema(request=DecideInSerializer, responses=TaskDetailSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        assignment = access.assignment_for_director(request.user, pk)
        body = self._valid(DecideInSerializer)
        extension = get_object_or_404(assignment.extensions, pk=body["request"])
        services.extension_decide(
            actor=request.user, request=extension, approve=body["approve"], comment=body["comment"]
        )
        return self._detail(pk)

    @extend_schema(request=ChaseInSerializer, responses=TaskDetailSerializer)
    @action(detail=True, methods=["post"])
    def chase(self, request, pk=None):
        assignment = access.assignment_for_director(request.user, pk)
        body = self._valid(ChaseInSerializer)
        services.assignment_chase(
            actor=request.user, assignment=assignment, kind=body["kind"], text=body["text"]
        )
        return self._detail(pk, status=201)

    def _valid(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def _detail(self, pk, *, status: int = 200) -> Response:
        assignment = selectors.with_row_data(Assignment.objects.filter(pk=pk)).get()
        data = TaskDetailSerializer(assignment, context=self.get_serializer_context()).data
        return Response(data, status=status)
