"""In-app notifications; each may also go out by e-mail (SPEC.md §2)."""

from django.conf import settings
from django.db import models


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=48)
    title = models.CharField("tiêu đề", max_length=255)
    body = models.TextField("nội dung", blank=True)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    wants_email = models.BooleanField(default=True)
    # Rows written together by one fan-out (notify_members) share a batch key for the e-mail task.
    batch = models.CharField(max_length=36, blank=True, db_index=True)
    # The e-mail's outbox state: unsent while emailed_at is empty (the outbox sweep enqueues it again
    # when its message was lost). Set when a worker claims the e-mail; cleared if sending fails.
    email_claimed_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_error = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notif_recipient_unread"),
            models.Index(fields=["recipient", "-created_at"], name="notif_recipient_recent"),
            # The e-mail outbox: only unsent rows are in it, so the sweep costs what is pending, not all rows.
            models.Index(
                fields=["created_at"],
                name="notif_email_outbox",
                condition=models.Q(wants_email=True, emailed_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.title
