"""Incoming documents and the tasks they and the directives assign (SPEC.md §12, STANDARDS.md §9).

- ``IncomingEntry`` is a row of a unit's incoming register (sổ văn bản đến): a number from 01 each calendar year per
  unit, the time of arrival, the sender, number-symbol, date and subject. A document that arrived through the portal
  keeps its ``Delivery``; a paper one carries its scan.
- ``Instruction`` is the leader's written instruction on an entry (ý kiến chỉ đạo, bút phê) and what was decided:
  assign the handling, return it to the clerk, or file it without handling.
- ``Assignment`` is one tracked task of one assignee (a unit, a department or a person) with its role (chủ trì,
  phối hợp, để biết) and due date. It comes either from an item of a directive's "Tổ chức thực hiện" (one per
  assigned unit, made when the directive is issued) or from an instruction. A derived plan's assignments point to the
  assignment they carry out (``parent``), so completion climbs the cascade.
- ``ProgressNote`` (with its evidence file), ``ExtensionRequest`` and ``Chase`` are the task's trail; none of them is
  ever edited after it is written.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from directives.models import Delivery, Document, Task
from portal.org.models import Department, Unit


def scan_path(instance: IncomingEntry, filename: str) -> str:
    return f"incoming/{instance.unit_id}/{instance.year}/{filename}"


def evidence_path(instance: ProgressNote, filename: str) -> str:
    return f"tasks/{instance.assignment_id}/{filename}"


class EntryState(models.TextChoices):
    REGISTERED = "registered", "Chờ ý kiến chỉ đạo"
    HANDLING = "handling", "Đang xử lý"
    RETURNED = "returned", "Trả lại văn thư"
    FILED = "filed", "Lưu, không xử lý"
    DONE = "done", "Đã xử lý xong"
    RECALLED = "recalled", "Đã bị thu hồi"


class IncomingEntry(models.Model):
    """One document registered in a unit's incoming register."""

    unit = models.ForeignKey(
        Unit, verbose_name="đơn vị nhận", on_delete=models.PROTECT, related_name="incoming"
    )
    year = models.PositiveSmallIntegerField("năm")
    number = models.PositiveIntegerField("số đến")
    arrived_at = models.DateTimeField("thời gian đến")
    # Arrived through the portal: the delivery it registers (its sender sees "đã tiếp nhận, số đến …").
    delivery = models.OneToOneField(
        Delivery, null=True, blank=True, on_delete=models.PROTECT, related_name="incoming_entry"
    )
    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.PROTECT, related_name="incoming_entries"
    )
    sender_unit = models.ForeignKey(
        Unit,
        verbose_name="nơi gửi (trong hệ thống)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sender_name = models.CharField("nơi gửi", max_length=255)
    number_symbol = models.CharField("số, ký hiệu", max_length=80, blank=True)
    document_date = models.DateField("ngày văn bản", null=True, blank=True)
    doc_type = models.CharField("loại văn bản", max_length=40, blank=True)
    subject = models.CharField("trích yếu", max_length=500)
    # A paper document is scanned and registered too (STANDARDS.md §9).
    #: Received as an edXML packet through the national exchange hub (directives.exchange): neither a delivery
    #: inside the portal nor paper, whatever files it came with.
    via_hub = models.BooleanField("qua trục liên thông", default=False)
    scan = models.FileField("bản quét", upload_to=scan_path, blank=True)
    scan_name = models.CharField(max_length=255, blank=True)
    scan_size = models.PositiveBigIntegerField(default=0)
    pages = models.PositiveSmallIntegerField("số tờ", null=True, blank=True)
    # Who must give the instruction: the head, or the deputy the head delegated it to.
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="lãnh đạo cho ý kiến",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handling_due = models.DateField("hạn xử lý", null=True, blank=True)
    state = models.CharField(max_length=12, choices=EntryState.choices, default=EntryState.REGISTERED)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(auto_now_add=True)
    recalled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "văn bản đến"
        verbose_name_plural = "sổ văn bản đến"
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "number"], name="incoming_number_unique"),
        ]
        indexes = [
            models.Index(fields=["unit", "-arrived_at"], name="incoming_unit_arrived"),
            models.Index(fields=["unit", "state"], name="incoming_unit_state"),
        ]

    def __str__(self) -> str:
        return f"Số đến {self.number:02d}/{self.year} — {self.number_symbol or self.subject[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("handling:entry", args=[self.pk])

    @property
    def number_label(self) -> str:
        return f"{self.number:02d}"


class Decision(models.TextChoices):
    ASSIGN = "assign", "Giao xử lý"
    REASSIGN = "reassign", "Giao lại"
    RETURN = "return", "Trả lại văn thư"
    FILE = "file", "Lưu, không xử lý"
    DELEGATE = "delegate", "Chuyển lãnh đạo khác cho ý kiến"


class Instruction(models.Model):
    """The leader's written instruction on an incoming entry (ý kiến chỉ đạo, bút phê). Never edited: a new decision
    is a new instruction."""

    entry = models.ForeignKey(IncomingEntry, on_delete=models.PROTECT, related_name="instructions")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(max_length=10, choices=Decision.choices)
    text = models.TextField("ý kiến chỉ đạo", blank=True)
    delegate_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


class AssigneeRole(models.TextChoices):
    LEAD = "lead", "Chủ trì"
    SUPPORT = "support", "Phối hợp"
    INFORM = "inform", "Để biết"


class AssignmentState(models.TextChoices):
    OPEN = "open", "Đang thực hiện"
    DONE = "done", "Hoàn thành"
    CANCELLED = "cancelled", "Đã hủy"


class Assignment(models.Model):
    """One tracked task of one assignee, followed to done (SPEC.md §12)."""

    # Where it comes from: exactly one of an item of a directive's "Tổ chức thực hiện", or an instruction.
    task = models.ForeignKey(
        Task, null=True, blank=True, on_delete=models.PROTECT, related_name="assignments"
    )
    instruction = models.ForeignKey(
        Instruction, null=True, blank=True, on_delete=models.PROTECT, related_name="assignments"
    )
    # The document the task is about (the directive, or the incoming entry's document when it came through the
    # portal), for the per-document figures; the entry when it came from the incoming register.
    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.PROTECT, related_name="assignments"
    )
    entry = models.ForeignKey(
        IncomingEntry, null=True, blank=True, on_delete=models.PROTECT, related_name="assignments"
    )
    # The assignee: always a unit (the one responsible, for the subtree figures), and inside it optionally one
    # department or one person.
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="assignments")
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="assignments"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="assignments"
    )
    role = models.CharField("vai trò", max_length=8, choices=AssigneeRole.choices, default=AssigneeRole.LEAD)
    title = models.CharField("nhiệm vụ", max_length=500)
    text = models.TextField("nội dung", blank=True)
    due_date = models.DateField("hạn xử lý", null=True, blank=True)
    original_due_date = models.DateField("hạn ban đầu", null=True, blank=True)
    # The assignment of the higher document this one carries out (a derived plan's task → the task it implements).
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    state = models.CharField(max_length=10, choices=AssignmentState.choices, default=AssignmentState.OPEN)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    result = models.TextField("kết quả", blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_reason = models.TextField(blank=True)
    # Replaced by a reassignment (the new assignment carries on; this one is kept, closed, for the trail).
    replaced_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replaces"
    )
    # The chase sweep's next step (a stage key) and when it is due; empty once done or cancelled.
    next_stage = models.CharField(max_length=24, blank=True)
    next_action_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"
        ordering = ["due_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(task__isnull=False, instruction__isnull=True)
                | Q(task__isnull=True, instruction__isnull=False),
                name="assignment_one_source",
            ),
            models.UniqueConstraint(
                fields=["task", "unit"], condition=Q(task__isnull=False), name="assignment_task_unit_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "state", "due_date"], name="assignment_unit_state"),
            models.Index(fields=["document", "state"], name="assignment_document_state"),
            models.Index(fields=["person", "state"], name="assignment_person_state"),
            models.Index(fields=["department", "state"], name="assignment_department_state"),
            # The chase sweep reads only what is due.
            models.Index(
                fields=["next_action_at"],
                condition=Q(state="open") & ~Q(next_stage=""),
                name="assignment_chase_due",
            ),
        ]

    def __str__(self) -> str:
        return self.title[:80]

    def get_absolute_url(self) -> str:
        return reverse("handling:task", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.state == AssignmentState.OPEN


class ProgressNote(models.Model):
    """Progress posted on a task, with an evidence file if any."""

    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField("tiến độ")
    file = models.FileField("tệp minh chứng", upload_to=evidence_path, blank=True)
    file_name = models.CharField(max_length=255, blank=True)
    file_size = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


class ExtensionState(models.TextChoices):
    PENDING = "pending", "Chờ xem xét"
    APPROVED = "approved", "Đồng ý gia hạn"
    REFUSED = "refused", "Không đồng ý"


class ExtensionRequest(models.Model):
    """A request for more time (xin gia hạn), decided by whoever assigned the task."""

    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="extensions")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    current_due = models.DateField("hạn hiện tại", null=True, blank=True)
    new_due = models.DateField("gia hạn đến")
    reason = models.TextField("lý do")
    state = models.CharField(max_length=10, choices=ExtensionState.choices, default=ExtensionState.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_comment = models.TextField(blank=True)

    class Meta:
        ordering = ["requested_at", "id"]
        constraints = [
            # One open request per task at a time.
            models.UniqueConstraint(
                fields=["assignment"], condition=Q(state="pending"), name="extension_one_pending"
            ),
        ]


class ChaseKind(models.TextChoices):
    REMIND = "remind", "Nhắc nhở"
    CRITICISE = "criticise", "Phê bình"
    REVIEW = "review", "Kiểm điểm"


class Chase(models.Model):
    """A chase on a task, typed and counted. The sweep writes one per (task, stage) — the unique constraint makes a
    stage reach a task once even with several workers; a person's chase has no stage."""

    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="chases")
    kind = models.CharField(max_length=10, choices=ChaseKind.choices)
    stage = models.CharField(max_length=24, blank=True)
    text = models.TextField(blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "stage"], condition=~Q(stage=""), name="chase_once_per_stage"
            ),
        ]
