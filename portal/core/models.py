"""API tokens: created and revoked by their owner, stored only as a SHA-256 hash, expiring, ended by a password
change (portal/lib/tokens.py), and optionally limited to reading."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from portal.lib.tokens import secret_hash, stamp_matches


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("tên khóa", max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)  # shown in the list so a key can be recognised
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField("hết hạn")
    read_only = models.BooleanField("chỉ đọc", default=False, help_text="Chỉ cho phép GET, HEAD, OPTIONS.")
    # The owner's password when the key was made (tokens.password_stamp): a password change ends the key.
    password_stamp = models.CharField(max_length=64)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(key: str) -> str:
        return secret_hash(key)

    def state(self, now=None) -> str:
        """ "active", "revoked", "expired" or "password_changed" (the owner's password changed since)."""
        now = now or timezone.now()
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= now:
            return "expired"
        if not stamp_matches(self.password_stamp, self.user):
            return "password_changed"
        return "active"

    @staticmethod
    def generate() -> str:
        return "ts_" + secrets.token_urlsafe(32)
