"""Signing credentials: a certificate and where its private key is kept (STANDARDS.md §8).

A person's key signs as that person (the competent signer); a body's key is the seal's electronic counterpart,
held by the body's clerks (văn thư). The secret that unlocks a key — a token's PIN, a PKCS#12 passphrase — is
asked at signing time and never stored: not here, not in a log, a session or an audit event.
"""

from __future__ import annotations

from functools import cached_property

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class CredentialKind(models.TextChoices):
    PKCS11 = "pkcs11", "Thiết bị ký số (USB token, PKCS#11)"
    PKCS12 = "pkcs12", "Tệp khóa PKCS#12"
    REMOTE = "remote", "Ký số từ xa (xác nhận trên điện thoại)"


def _pem_certificates(text: str) -> list[asn1_x509.Certificate]:
    return [
        asn1_x509.Certificate.load(der)
        for _kind, _headers, der in pem.unarmor(text.encode("ascii"), multiple=True)
    ]


class Credential(models.Model):
    """A certificate with the place of its key: exactly one holder, a person (``user``) or a body (``unit``)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người ký",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="signing_credentials",
    )
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name="cơ quan",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="signing_credentials",
    )
    kind = models.CharField("nơi giữ khóa", max_length=8, choices=CredentialKind.choices)
    certificate_pem = models.TextField("chứng thư số (PEM)")
    chain_pem = models.TextField("chuỗi chứng thư trung gian (PEM)", blank=True)
    subject_name = models.CharField("tên chủ thể", max_length=255)
    organisation = models.CharField("tổ chức", max_length=255, blank=True)
    serial_hex = models.CharField("số hiệu chứng thư", max_length=64)
    fingerprint_sha256 = models.CharField("dấu vân tay SHA-256", max_length=64)
    not_before = models.DateTimeField("hiệu lực từ")
    not_after = models.DateTimeField("hiệu lực đến")
    token_label = models.CharField("nhãn thiết bị (PKCS#11)", max_length=32, blank=True)
    key_label = models.CharField("nhãn khóa (PKCS#11)", max_length=64, blank=True)
    pkcs12_path = models.CharField(
        "tệp PKCS#12", max_length=500, blank=True, help_text="Đường dẫn tương đối trong thư mục dữ liệu."
    )
    remote_id = models.CharField("mã tài khoản ký từ xa", max_length=255, blank=True)
    image = models.BinaryField(
        "hình ảnh", blank=True, default=b"", help_text="PNG nền trong: chữ ký tay (xanh) hoặc con dấu (đỏ)."
    )
    active = models.BooleanField("đang dùng", default=True)
    revoked_at = models.DateTimeField("thu hồi lúc", null=True, blank=True)
    revoked_reason = models.CharField("lý do thu hồi", max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "chứng thư số"
        verbose_name_plural = "chứng thư số"
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False, unit__isnull=True) | Q(user__isnull=True, unit__isnull=False),
                name="signing_credential_one_holder",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["pkcs11", "pkcs12", "remote"]), name="signing_credential_kind"
            ),
        ]
        indexes = [
            models.Index(fields=["user", "active"], name="signing_cred_user_active"),
            models.Index(fields=["unit", "active"], name="signing_cred_unit_active"),
            models.Index(fields=["serial_hex"], name="signing_cred_serial"),
        ]

    def __str__(self) -> str:
        return f"{self.subject_name} ({self.get_kind_display()}, số {self.serial_hex[:16]})"

    @property
    def is_body(self) -> bool:
        return self.unit_id is not None

    @cached_property
    def certificate(self) -> asn1_x509.Certificate:
        return _pem_certificates(self.certificate_pem)[0]

    @cached_property
    def chain(self) -> list[asn1_x509.Certificate]:
        """The intermediate certificates up to (not necessarily including) a trust root."""
        return _pem_certificates(self.chain_pem) if self.chain_pem else []

    def valid_at(self, when=None) -> bool:
        when = when or timezone.now()
        return self.active and self.not_before <= when <= self.not_after
