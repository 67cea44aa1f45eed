"""Reporting duties and what flows back up (SPEC.md §3: Obligation, Report, Reminder).

A reporting requirement (directives.models.ReportingRequirement: part of the document that sets it)
on an issued document (or a leader's đột xuất request) yields one Obligation per
reporting unit and period; a unit answers an obligation with a Report whose every submitted
version is kept; the chaser writes one Reminder ledger row per (obligation, recipient, stage).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from portal.lib.search import fold
from portal.org.models import Unit


class Holiday(models.Model):
    """A public holiday, or a weekend day made a working day (ngày làm bù). Kept as data: Tết moves every year."""

    date = models.DateField("ngày", unique=True)
    name = models.CharField("tên", max_length=120)
    is_day_off = models.BooleanField(
        "ngày nghỉ", default=True, help_text="Bỏ chọn nếu là ngày cuối tuần phải đi làm bù."
    )

    class Meta:
        ordering = ["date"]
        verbose_name = "ngày nghỉ lễ, Tết"
        verbose_name_plural = "ngày nghỉ lễ, Tết"

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"


class RequirementPeriod(models.Model):
    """A period of a requirement for which obligations were generated: the idempotency mark of the
    period-opening job and the list the receiving unit filters by."""

    requirement = models.ForeignKey(
        "directives.ReportingRequirement", on_delete=models.CASCADE, related_name="periods"
    )
    period_key = models.CharField(max_length=16)
    period_label = models.CharField(max_length=80)
    window_start = models.DateField(null=True, blank=True)
    window_end = models.DateField(null=True, blank=True)
    due_date = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_date", "id"]
        constraints = [models.UniqueConstraint(fields=["requirement", "period_key"], name="reqperiod_unique")]

    def __str__(self) -> str:
        return f"{self.requirement.title} — {self.period_label}"


class FamilyPeriod(models.Model):
    """A period of a requirement's family — the requirement and every requirement carried down from it, at
    any depth — as the dashboards list it: the family's latest due date (the top reports last), its widest
    data window, one label. Kept by reporting/services/family_periods.py whenever periods are marked, so a
    page reads the few periods of a family directly instead of walking the thousands of requirements a
    national plan is carried down to and their periods (bench/RESULTS.md). Only ever widened: periods are
    never taken back from an issued requirement."""

    requirement = models.ForeignKey(
        "directives.ReportingRequirement", on_delete=models.CASCADE, related_name="family_periods"
    )
    period_key = models.CharField(max_length=16)
    period_label = models.CharField(max_length=80)
    window_start = models.DateField(null=True, blank=True)
    window_end = models.DateField(null=True, blank=True)
    due_date = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["requirement", "period_key"], name="familyperiod_unique")
        ]

    def __str__(self) -> str:
        return f"{self.requirement_id} — {self.period_label}"


class ObligationStatus(models.TextChoices):
    UPCOMING = "upcoming", "Chưa đến kỳ"
    OPEN = "open", "Đang trong hạn"
    SUBMITTED_ON_TIME = "submitted_on_time", "Đã nộp đúng hạn"
    SUBMITTED_LATE = "submitted_late", "Đã nộp muộn"
    OVERDUE = "overdue", "Quá hạn"
    EXCUSED = "excused", "Được miễn"


# Obligations still waiting for a report: the chaser works on these, a closed unit hands them on.
PENDING_STATUSES = (ObligationStatus.UPCOMING, ObligationStatus.OPEN, ObligationStatus.OVERDUE)
DONE_STATUSES = (
    ObligationStatus.SUBMITTED_ON_TIME,
    ObligationStatus.SUBMITTED_LATE,
    ObligationStatus.EXCUSED,
)


class Obligation(models.Model):
    """One (requirement × reporting unit × period): what a unit owes, by when, and the chaser's next step."""

    requirement = models.ForeignKey(
        "directives.ReportingRequirement", on_delete=models.PROTECT, related_name="obligations"
    )
    unit = models.ForeignKey(
        Unit, verbose_name="đơn vị báo cáo", on_delete=models.PROTECT, related_name="obligations"
    )
    # Copied from the requirement so the receiving unit's list is one indexed query, and moved to a
    # successor when the receiving unit closes.
    to_unit = models.ForeignKey(
        Unit, verbose_name="gửi về", on_delete=models.PROTECT, related_name="received_obligations"
    )
    via_unit = models.ForeignKey(
        Unit,
        verbose_name="qua",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="via_obligations",
    )
    period_key = models.CharField("kỳ", max_length=16)
    period_label = models.CharField("kỳ báo cáo", max_length=80)
    window_start = models.DateField("chốt số liệu từ", null=True, blank=True)
    window_end = models.DateField("chốt số liệu đến", null=True, blank=True)
    opens_at = models.DateTimeField("mở từ")
    due_date = models.DateField("hạn nộp")
    due_at = models.DateTimeField("hạn nộp (giờ)")
    status = models.CharField(
        "tình trạng", max_length=20, choices=ObligationStatus.choices, default=ObligationStatus.UPCOMING
    )
    submitted_at = models.DateTimeField("nộp lúc", null=True, blank=True)
    excused_reason = models.CharField("lý do miễn", max_length=255, blank=True)
    # The chaser's next step: a stage key (reporting/services/policy.py) and when it is due. NULL once done.
    next_action_at = models.DateTimeField(null=True, blank=True)
    next_stage = models.CharField(max_length=24, blank=True)
    # The unit this obligation was transferred from when that unit closed (merger).
    transferred_from = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "nghĩa vụ báo cáo"
        verbose_name_plural = "nghĩa vụ báo cáo"
        ordering = ["due_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["requirement", "unit", "period_key"], name="obligation_unique"),
        ]
        indexes = [
            # The chaser's question, exactly: pending obligations whose next action is due. The partial
            # index holds only pending rows, so its size follows the open work, not the history.
            models.Index(
                fields=["next_action_at"],
                name="obligation_chase_due",
                condition=Q(status__in=["upcoming", "open", "overdue"]),
            ),
            models.Index(fields=["opens_at"], name="obligation_to_open", condition=Q(status="upcoming")),
            models.Index(fields=["unit", "due_at"], name="obligation_unit_due"),
            # A dashboard below the national level starts from its subtree's units and wants one period of each:
            # with the period in the index, a province's page reads its ~4,000 units' rows of that period only,
            # not every period each unit ever had (bench/RESULTS.md: the province's report page, half the time).
            models.Index(fields=["unit", "period_key"], name="obligation_unit_period"),
            models.Index(fields=["to_unit", "requirement", "period_key"], name="obligation_received"),
            models.Index(
                fields=["via_unit", "requirement", "period_key"],
                name="obligation_via",
                condition=Q(via_unit__isnull=False),
            ),
            models.Index(fields=["requirement", "period_key", "status"], name="obligation_req_period"),
        ]

    def __str__(self) -> str:
        return f"{self.requirement.title} — {self.period_label} — {self.unit.name}"

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING_STATUSES

    @property
    def is_done(self) -> bool:
        return self.status in DONE_STATUSES


class ReportState(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    # Trình ký: prepared by a reporter or drafter, waiting for the unit's head or deputy to sign and send it.
    SIGNING = "signing", "Chờ lãnh đạo ký"
    SUBMITTED = "submitted", "Đã nộp, chờ tiếp nhận"
    RETURNED = "returned", "Trả lại để chỉnh sửa"
    ACCEPTED = "accepted", "Đã tiếp nhận"


class Report(models.Model):
    """A unit's answer to an obligation. data = {"sections": {key: text}, "indicators": {key: number}}."""

    obligation = models.OneToOneField(Obligation, on_delete=models.PROTECT, related_name="report")
    state = models.CharField(
        "trạng thái", max_length=10, choices=ReportState.choices, default=ReportState.DRAFT
    )
    data = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField("nộp lúc", null=True, blank=True)
    # Late is decided by the first submission: a report returned for revision is not made late by the fix.
    is_late = models.BooleanField("nộp muộn", default=False)
    version_count = models.PositiveIntegerField(default=0)
    # Optimistic lock of the working copy: +1 on every save; a save must name the revision its form was
    # loaded at (portal/lib/optimistic.py), so an autosave from an old tab never overwrites a newer save.
    revision = models.PositiveIntegerField(default=0)
    returned_at = models.DateTimeField(null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_comment = models.TextField("ý kiến trả lại", blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Accent-folded narratives, kept in step with data on every save, for search without diacritics.
    search_text = models.TextField(blank=True)
    # The signing step (issue 17): the leader the drafter asked to sign, and the leader's comment when they
    # handed it back («Trả lại»).
    sign_requested_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="lãnh đạo ký",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sign_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sign_requested_at = models.DateTimeField(null=True, blank=True)
    sign_comment = models.TextField("ý kiến của lãnh đạo khi trả lại", blank=True)
    # The report as an official document of the reporting unit: its number from the unit's outgoing register
    # (doc type BC), taken at the first «Ký và gửi» and kept by every resubmission, and the signature block
    # as signed (a snapshot: {"authority", "authority_body", "title", "name", "user_id"}).
    number = models.PositiveIntegerField("số", null=True, blank=True)
    number_symbol = models.CharField("số, ký hiệu", max_length=64, blank=True)
    signature = models.JSONField("khối chữ ký", default=dict, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_at = models.DateTimeField("ký lúc", null=True, blank=True)

    class Meta:
        verbose_name = "báo cáo"
        verbose_name_plural = "báo cáo"

    def __str__(self) -> str:
        return f"Báo cáo #{self.pk} ({self.get_state_display()})"

    def save(self, *args, **kwargs):
        sections = (self.data or {}).get("sections") or {}
        self.search_text = fold(" ".join(str(v) for v in sections.values()))[:100_000]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "data" in update_fields:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    @property
    def is_editable(self) -> bool:
        return self.state in (ReportState.DRAFT, ReportState.RETURNED)


class ImmutableError(Exception):
    pass


def report_version_pdf_path(instance: ReportVersion, filename: str) -> str:
    return f"reports/{instance.report_id}/v{instance.number}-{filename}"


class ReportVersion(models.Model):
    """A submitted version, kept for ever: nothing submitted is overwritten (SPEC capability 10)."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    data = models.JSONField(default=dict)
    attachments = models.JSONField(default=list)  # [{"id", "name", "size", "sha256"}] at submission
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField()
    is_late = models.BooleanField(default=False)
    # The signature block and number as sent ({"authority", "authority_body", "title", "name", "user_id",
    # "number", "number_symbol", "signed_at"}) and the PDF as sent, stored once: a later download returns
    # these bytes, never a new rendering.
    signature = models.JSONField(default=dict, blank=True)
    pdf = models.FileField(upload_to=report_version_pdf_path, max_length=300, blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["report", "-number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="reportversion_unique")]

    def __str__(self) -> str:
        return f"Báo cáo #{self.report_id}, lần nộp {self.number}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableError("Phiên bản báo cáo đã nộp không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError("Phiên bản báo cáo đã nộp không được xóa.")

    @property
    def submitter_name(self) -> str:
        """Who submitted this version, as a person reads it; "" when nobody is on record (a demo or
        imported report, or an account deleted since — the version itself is kept for ever)."""
        user = self.submitted_by
        return (user.get_full_name() or user.get_username()) if user is not None else ""


def report_attachment_path(instance: ReportAttachment, filename: str) -> str:
    return f"reports/{instance.report_id}/{instance.sha256[:16]}-{filename}"


class ReportAttachment(models.Model):
    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(upload_to=report_attachment_path, max_length=300)
    original_name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=120, blank=True)
    sha256 = models.CharField(max_length=64)
    # A PDF's digital signatures as verified on upload (portal.signing.pdf.Verification.to_json()); None for
    # a file of another kind, which carries no signature the portal can check.
    signature_report = models.JSONField("kiểm tra chữ ký số", null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class ReminderOutcome(models.TextChoices):
    QUEUED = "queued", "Chờ gửi"
    SENT = "sent", "Đã gửi"
    SKIPPED = "skipped", "Bỏ qua (đã nộp hoặc được miễn)"


class Reminder(models.Model):
    """The ledger: one row per (obligation, recipient, stage), so a stage reaches a person once.

    The chaser inserts the row (queued) in the transaction that advances the obligation, then a
    digest step claims queued rows, sends one notification per person and marks them sent in the
    same transaction as the notification rows: a crash at any point leaves either nothing or a
    queued row that the next sweep sends, never a second copy.
    """

    obligation = models.ForeignKey(Obligation, on_delete=models.CASCADE, related_name="reminders")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    stage = models.CharField(max_length=24)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    outcome = models.CharField(max_length=10, choices=ReminderOutcome.choices, default=ReminderOutcome.QUEUED)
    notification = models.ForeignKey(
        "notifications.Notification", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "lần nhắc"
        verbose_name_plural = "sổ nhắc nhở"
        constraints = [
            models.UniqueConstraint(
                fields=["obligation", "recipient", "stage"], name="reminder_once_per_stage"
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "id"], name="reminder_queued", condition=Q(outcome="queued")),
        ]

    def __str__(self) -> str:
        return f"{self.stage} → {self.recipient_id} ({self.get_outcome_display()})"


class CalendarToken(models.Model):
    """A per-user secret for the iCalendar feed URL: calendar apps cannot log in.

    Stored only as its SHA-256 (the URL is shown once, when made); it expires after CALENDAR_TOKEN_TTL_DAYS,
    ends when its owner's password changes (portal/lib/tokens.py), and its owner may revoke it (the row goes).
    It opens the feeds of its owner's own units only, not the subtree a leader sees.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key_hash = models.CharField(max_length=64, unique=True)
    password_stamp = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Lịch của người dùng #{self.user_id}"
