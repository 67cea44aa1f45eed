"""Reporting duties set on documents (SPEC.md §3: Reporting requirement).

Obligations, reports and reminders built from these live beside them (reporting issue).
"""

from __future__ import annotations

from django.db import models

from portal.org.models import Unit


class Frequency(models.TextChoices):
    MONTHLY = "monthly", "Hằng tháng"
    QUARTERLY = "quarterly", "Hằng quý"
    SEMIANNUAL = "semiannual", "6 tháng"
    NINE_MONTH = "nine_month", "9 tháng"
    ANNUAL = "annual", "Hằng năm"
    ONCE = "once", "Một lần, có thời hạn"
    ADHOC = "adhoc", "Đột xuất"


RECURRING = frozenset({Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.SEMIANNUAL, Frequency.NINE_MONTH,
                       Frequency.ANNUAL})


class ReportingRequirement(models.Model):
    """Who reports what to whom, via whom, and when (Chế độ báo cáo)."""

    class Reporters(models.TextChoices):
        RECIPIENTS = "recipients", "Các đơn vị nhận văn bản để thực hiện"
        NAMED = "named", "Các đơn vị được chỉ định"

    document = models.ForeignKey("directives.Document", on_delete=models.CASCADE, related_name="requirements")
    order = models.PositiveIntegerField(default=0)
    title = models.CharField("tên báo cáo", max_length=255)
    frequency = models.CharField("kỳ báo cáo", max_length=12, choices=Frequency.choices)
    due_date = models.DateField("hạn nộp (báo cáo một lần / đột xuất)", null=True, blank=True)
    deadline_working_days = models.PositiveSmallIntegerField(
        "số ngày làm việc sau khi chốt số liệu", null=True, blank=True,
        help_text="Để trống: theo mặc định (NĐ 09/2019: ít nhất 1 ngày làm việc).")
    reporters = models.CharField(max_length=10, choices=Reporters.choices, default=Reporters.RECIPIENTS)
    named_units = models.ManyToManyField(Unit, blank=True, related_name="+")
    to_unit = models.ForeignKey(Unit, verbose_name="gửi về", on_delete=models.PROTECT, related_name="+")
    via_unit = models.ForeignKey(Unit, verbose_name="qua", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")
    as_written = models.TextField("nguyên văn yêu cầu", blank=True)
    form_template = models.JSONField("mẫu báo cáo (đề cương và chỉ tiêu)", default=dict, blank=True)
    # A requirement carried down the cascade points at the one it implements; its deadlines
    # are set lead_days earlier so each level has time to roll up before reporting upward.
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children")
    lead_days = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "chế độ báo cáo"
        verbose_name_plural = "chế độ báo cáo"

    def __str__(self) -> str:
        return f"{self.title} ({self.get_frequency_display()})"
