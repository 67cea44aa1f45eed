"""Packets exchanged with other systems through the national document hub, and the status trail they carry.

- ``Packet`` is one edXML packet sent or received, kept as its bytes (``payload``) with a natural ``key``: for a
  document ``"{DocumentId}|{business_type}|{to_organ}"``, for a status ``"{DocumentId}|{status}|{from_organ}|{time}"``.
  One key per direction: an outbound packet is queued once and delivered once (the outbox retries it), an inbound
  one received twice is recognised ("duplicate") and never registered twice.
- ``StatusEvent`` is one step of a document's handling reported by status packets (received, registered, assigned,
  done, the recall's steps): on the sender's side it extends a delivery's trail, on the recipient's it records what
  was sent back for an entry.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone


def payload_path(instance: Packet, filename: str) -> str:
    return f"exchange/{instance.direction}/{timezone.now():%Y/%m}/{filename}"


class Direction(models.TextChoices):
    OUT = "out", "Gửi đi"
    IN = "in", "Nhận về"


class Kind(models.TextChoices):
    DOCUMENT = "document", "Văn bản"
    STATUS = "status", "Trạng thái"


class PacketState(models.TextChoices):
    # Outbound.
    QUEUED = "queued", "Chờ gửi"
    SENT = "sent", "Đã gửi"
    FAILED = "failed", "Gửi lỗi"
    # Inbound.
    ACCEPTED = "accepted", "Đã tiếp nhận"
    REFUSED = "refused", "Đã từ chối"
    DUPLICATE = "duplicate", "Gói trùng"


class BusinessType(models.TextChoices):
    NEW = "new", "Văn bản mới"
    RECALL = "recall", "Thu hồi"
    UPDATE = "update", "Cập nhật"
    REPLACE = "replace", "Thay thế"


class StatusCode(models.TextChoices):
    RECEIVED = "received", "Đã nhận"
    REFUSED = "refused", "Từ chối tiếp nhận"
    REGISTERED = "registered", "Đã vào sổ"
    ASSIGNED = "assigned", "Đã phân công"
    IN_PROGRESS = "in_progress", "Đang xử lý"
    DONE = "done", "Đã hoàn thành"
    RECALL_REQUESTED = "recall_requested", "Đề nghị thu hồi"
    RECALL_ACCEPTED = "recall_accepted", "Đồng ý thu hồi"
    RECALL_REFUSED = "recall_refused", "Từ chối thu hồi"


class Packet(models.Model):
    direction = models.CharField(max_length=3, choices=Direction.choices)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    key = models.CharField(max_length=255)
    # The edXML DocumentId text ("OrganId,yyyy/mm/dd,number/notation").
    edxml_id = models.CharField(max_length=255, blank=True)
    from_organ = models.CharField(max_length=64, blank=True)
    to_organ = models.CharField(max_length=64, blank=True)
    business_type = models.CharField(max_length=8, choices=BusinessType.choices, blank=True)
    status_code = models.CharField(max_length=20, choices=StatusCode.choices, blank=True)
    payload = models.FileField(upload_to=payload_path, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    state = models.CharField(max_length=10, choices=PacketState.choices)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    refusal_reason = models.TextField(blank=True)
    # How an inbound packet came in ("api", "command", "folder", "http"), for the log.
    via = models.CharField(max_length=20, blank=True)
    # An inbound document packet's header as read (every field, including those the incoming register has no
    # column for: signer, priority, steering type, places), and the verification of its PDF's signatures.
    header = models.JSONField(default=dict, blank=True)
    pdf_signatures = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    document = models.ForeignKey(
        "directives.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="packets"
    )
    delivery = models.ForeignKey(
        "directives.Delivery", null=True, blank=True, on_delete=models.SET_NULL, related_name="packets"
    )
    entry = models.ForeignKey(
        "handling.IncomingEntry", null=True, blank=True, on_delete=models.SET_NULL, related_name="packets"
    )

    class Meta:
        verbose_name = "gói tin liên thông"
        verbose_name_plural = "gói tin liên thông"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["direction", "key"], name="exchange_packet_key_unique")
        ]
        indexes = [
            models.Index(fields=["direction", "state", "next_attempt_at"], name="exchange_packet_due"),
            models.Index(fields=["edxml_id"], name="exchange_packet_docid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_direction_display()} {self.kind} {self.key}"


class StatusEvent(models.Model):
    delivery = models.ForeignKey(
        "directives.Delivery", null=True, blank=True, on_delete=models.CASCADE, related_name="status_events"
    )
    entry = models.ForeignKey(
        "handling.IncomingEntry",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="status_events",
    )
    direction = models.CharField(max_length=3, choices=Direction.choices)
    code = models.CharField(max_length=20, choices=StatusCode.choices)
    at = models.DateTimeField()
    organ_id = models.CharField(max_length=64, blank=True)
    organ_name = models.CharField(max_length=255, blank=True)
    staff = models.CharField(max_length=255, blank=True)
    description = models.TextField(blank=True)
    packet = models.ForeignKey(
        Packet, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )

    class Meta:
        verbose_name = "trạng thái liên thông"
        verbose_name_plural = "trạng thái liên thông"
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["delivery", "at"], name="exchange_status_delivery"),
            models.Index(fields=["entry", "at"], name="exchange_status_entry"),
        ]

    def __str__(self) -> str:
        return f"{self.get_code_display()} — {self.at:%d/%m/%Y %H:%M}"


def file_path(instance: PacketFile, filename: str) -> str:
    return f"exchange/files/{timezone.now():%Y/%m}/{instance.packet_id}-{filename}"


class PacketFile(models.Model):
    """A file an inbound document packet carried (the signed PDF, a .doc or .docx — also when it came zipped), kept
    as one of the files of the entry it registered."""

    packet = models.ForeignKey(Packet, on_delete=models.CASCADE, related_name="files")
    entry = models.ForeignKey(
        "handling.IncomingEntry",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="exchange_files",
    )
    name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=120, blank=True)
    description = models.CharField(max_length=500, blank=True)
    file = models.FileField(upload_to=file_path)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    # The main attachment (the signed PDF) of the document.
    main = models.BooleanField(default=False)

    class Meta:
        verbose_name = "tệp của gói tin"
        verbose_name_plural = "tệp của gói tin"
        ordering = ["-main", "id"]

    def __str__(self) -> str:
        return self.name
