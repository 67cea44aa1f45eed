"""The leader's instruction over the REST API (``/api/v1/incoming/<id>/instructions/``): the same access helpers and
services as the pages. Everyone who reads the entry lists its instructions with the assignments each made; its
leader posts a decision — ``assign``, ``reassign``, ``return``, ``file`` or ``delegate``.

Assignees are ``{"department": id}`` or ``{"person": id}`` of the entry's unit, each with an optional ``due_date``;
an id that is not a department or member of that unit is refused as outside the unit (403), whether or not it exists
elsewhere, so the answer tells nothing about other units."""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from directives.handling import access
from directives.handling.errors import Incomplete, NotAllowed
from directives.handling.models import Assignment, IncomingEntry, Instruction
from directives.handling.selectors import instruction as selectors
from directives.handling.services import instruction as services
from directives.handling.services.instruction import Assignee, OutsideUnit
from portal.lib.params import MAX_ID

DECISIONS = ["assign", "reassign", "return", "file", "delegate"]


class AssignmentOutSerializer(serializers.ModelSerializer):
    assignee = serializers.SerializerMethodField()

    class Meta:
        model = Assignment
        fields = [
            "id",
            "role",
            "department",
            "person",
            "assignee",
            "due_date",
            "original_due_date",
            "state",
            "completed_at",
            "replaced_by",
        ]
        read_only_fields = fields

    def get_assignee(self, obj) -> str:
        if obj.department_id:
            return obj.department.name
        return obj.person.get_full_name() or obj.person.username if obj.person_id else ""


class InstructionSerializer(serializers.ModelSerializer):
    author_name = serializers.SerializerMethodField()
    assignments = AssignmentOutSerializer(many=True, read_only=True)

    class Meta:
        model = Instruction
        fields = [
            "id",
            "entry",
            "decision",
            "text",
            "author",
            "author_name",
            "delegate_to",
            "created_at",
            "assignments",
        ]
        read_only_fields = fields

    def get_author_name(self, obj) -> str:
        return obj.author.get_full_name() or obj.author.username


class AssigneeSerializer(serializers.Serializer):
    department = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    person = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    due_date = serializers.DateField(required=False, allow_null=True)

    def validate(self, attrs):
        if ("department" in attrs) == ("person" in attrs):
            raise serializers.ValidationError("Ghi đúng một trong «department» hoặc «person».")
        return attrs


class DecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=DECISIONS)
    text = serializers.CharField(required=False, allow_blank=True, max_length=4000, default="")
    lead = AssigneeSerializer(required=False)
    supports = AssigneeSerializer(many=True, required=False, default=list)
    informs = AssigneeSerializer(many=True, required=False, default=list)
    due_date = serializers.DateField(required=False, allow_null=True, default=None)
    to_user = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)


class InstructionViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Ý kiến chỉ đạo of one incoming entry: read by whoever reads the entry; decided by its leader."""

    serializer_class = InstructionSerializer
    pagination_class = None  # an entry has a handful of decisions
    http_method_names = ["get", "post", "head", "options"]

    def _entry(self) -> IncomingEntry:
        return access.entry_for_user(self.request.user, int(self.kwargs["entry_id"]))

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator: no entry in its URL
            return Instruction.objects.none()
        return (
            Instruction.objects.filter(entry=self._entry())
            .select_related("author")
            .prefetch_related(
                Prefetch("assignments", queryset=Assignment.objects.select_related("department", "person"))
            )
            .order_by("created_at", "id")
        )

    @extend_schema(request=DecisionSerializer, responses={201: InstructionSerializer})
    def create(self, request, *args, **kwargs):
        """A decision on the entry: ``assign`` / ``reassign`` (``text``, ``lead``, ``supports``, ``informs``,
        ``due_date``), ``return`` (``text``: what to correct), ``file``, ``delegate`` (``to_user``, a leader of the
        unit)."""
        entry = self._entry()
        if not access.can_instruct(request.user, entry):  # a reader who is not its leader: refused first
            raise NotAllowed("Chỉ lãnh đạo được giao cho ý kiến chỉ đạo văn bản này mới được quyết định.")
        serializer = DecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        decision, actor, text = data["decision"], request.user, data["text"]
        if decision in ("assign", "reassign"):
            kwargs = self._assignment_kwargs(entry, data)
            service = services.entry_instruct if decision == "assign" else services.entry_reassign
            instruction = service(actor=actor, entry=entry, text=text, **kwargs)
        elif decision == "return":
            instruction = services.entry_return(actor=actor, entry=entry, text=text)
        elif decision == "file":
            instruction = services.entry_file(actor=actor, entry=entry, text=text)
        else:
            to_user = (
                selectors.delegate_candidate(entry, actor, data["to_user"]) if data.get("to_user") else None
            )
            if data.get("to_user") and to_user is None:
                raise OutsideUnit("Người được chuyển phải là lãnh đạo khác của đơn vị.", field="to_user")
            instruction = services.entry_delegate(actor=actor, entry=entry, to_user=to_user, text=text)
        instruction = self.get_queryset().get(pk=instruction.pk)
        return Response(InstructionSerializer(instruction).data, status=status.HTTP_201_CREATED)

    def _assignment_kwargs(self, entry: IncomingEntry, data: dict) -> dict:
        choices = selectors.assignee_choices(entry.unit)
        departments = {d.pk: d for d in choices.departments}

        def resolve(spec: dict, field: str) -> Assignee:
            if "department" in spec:
                department = departments.get(spec["department"])
                if department is None:
                    raise OutsideUnit(
                        f"Ban, phòng mã {spec['department']} không thuộc {entry.unit.name}.", field=field
                    )
                return Assignee(department=department)
            person = choices.users.get(spec["person"])
            if person is None:
                raise OutsideUnit(f"Người mã {spec['person']} không thuộc {entry.unit.name}.", field=field)
            return Assignee(person=person)

        if not data.get("lead"):
            raise Incomplete("Hãy chọn ban hoặc người chủ trì xử lý.", field="lead")
        lead = resolve(data["lead"], "lead")
        supports = [resolve(s, "supports") for s in data["supports"]]
        informs = [resolve(s, "informs") for s in data["informs"]]
        due_dates = {}
        for assignee, spec in zip(
            [lead, *supports, *informs], [data["lead"], *data["supports"], *data["informs"]], strict=True
        ):
            if "due_date" in spec:
                due_dates[assignee] = spec["due_date"]
        due_date = data["due_date"] or data["lead"].get("due_date")
        return {
            "lead": lead,
            "supports": supports,
            "informs": informs,
            "due_date": due_date,
            "due_dates": due_dates or None,
        }
