"""Official documents and their cascade (SPEC.md §3: Document, Document relation, Register,
Recipient / dispatch, Task, Reporting requirement).

An issued document is immutable: services refuse every edit once `issued_at` is set;
it can only be revoked or replaced by a new document.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from portal.org.models import Regime, Unit, UnitKind


class DocType(models.TextChoices):
    HD = "HD", "Hướng dẫn"
    KH = "KH", "Kế hoạch"
    CV = "CV", "Công văn"
    KL = "KL", "Kết luận"
    CT = "CT", "Chỉ thị"
    NQ = "NQ", "Nghị quyết"
    QD = "QD", "Quyết định"
    TB = "TB", "Thông báo"
    BC = "BC", "Báo cáo"
    CTR = "CTR", "Chương trình"
    QC = "QC", "Quy chế"
    QYD = "QYD", "Quy định"
    TT = "TT", "Thông tri"
    TTR = "TTR", "Tờ trình"
    DA = "DA", "Đề án"
    PA = "PA", "Phương án"
    BB = "BB", "Biên bản"


# STANDARDS.md §4. Công văn has no abbreviation in the state/union symbol.
_STATE_ABBR = {"QD": "QĐ", "QYD": "QyĐ", "CTR": "CTr", "TTR": "TTr", "DA": "ĐA", "CV": "", "TT": "TT"}
_PARTY_ABBR = {"QD": "QĐ", "QYD": "QĐi", "CTR": "CTr", "TTR": "TTr", "DA": "ĐA"}


def type_abbreviation(doc_type: str, regime: str) -> str:
    table = _PARTY_ABBR if regime == Regime.PARTY else _STATE_ABBR
    return table.get(doc_type, doc_type)


class Status(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    SUBMITTED = "submitted", "Chờ ký"
    # Signed by the competent person and numbered; waits for the clerk to apply the body's signature (the
    # electronic seal) before it is dispatched (Nghị định 30/2020 Art. 13.7, 15.3, 17.2).
    SEALING = "sealing", "Chờ đóng dấu"
    ISSUED = "issued", "Đã ban hành"
    REVOKED = "revoked", "Đã thu hồi"
    EXTERNAL = "external", "Văn bản ngoài hệ thống"


class Document(models.Model):
    doc_type = models.CharField("loại văn bản", max_length=4, choices=DocType.choices)
    issuer = models.ForeignKey(
        Unit,
        verbose_name="cơ quan ban hành",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    is_external = models.BooleanField(default=False)
    external_issuer = models.CharField(
        "cơ quan ban hành (văn bản ngoài hệ thống)", max_length=255, blank=True
    )
    # The unit that entered a document from outside the system: only it may correct or remove the record,
    # and only while nothing cites it (directives.access.external_document_for_owner).
    owner = models.ForeignKey(
        Unit,
        verbose_name="đơn vị ghi nhận",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    number = models.PositiveIntegerField("số", null=True, blank=True)
    number_symbol = models.CharField("số, ký hiệu", max_length=80, blank=True, db_index=True)
    department = models.CharField("đơn vị soạn thảo (ký hiệu công văn)", max_length=20, blank=True)
    place = models.CharField("địa danh", max_length=100, blank=True)
    issue_date = models.DateField("ngày ban hành", null=True, blank=True)
    subject = models.CharField("trích yếu", max_length=500, blank=True)
    bases = models.JSONField("căn cứ", default=list, blank=True)
    opening = models.TextField("mở đầu (thực hiện, căn cứ)", blank=True)
    body = models.JSONField("nội dung", default=list, blank=True)
    body_numbering = models.CharField(
        max_length=8, default="roman", choices=[("roman", "I, II, III"), ("arabic", "1, 2, 3")]
    )
    closing = models.TextField("kết thúc", blank=True)
    signer_authority = models.CharField(
        "thẩm quyền ký",
        max_length=4,
        blank=True,
        choices=[
            ("", "(ký trực tiếp)"),
            ("TM", "TM. / T/M"),
            ("KT", "KT. / K/T"),
            ("TL", "TL. / T/L"),
            ("TUQ", "TUQ."),
            ("Q", "Q."),
        ],
    )
    signer_authority_body = models.CharField("thay mặt / ký thay cho", max_length=120, blank=True)
    signer_title = models.CharField("chức vụ người ký", max_length=120, blank=True)
    signer_name = models.CharField("họ tên người ký", max_length=120, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    # What the issuer was called on the day of issue; renames later do not rewrite history.
    issuer_snapshot = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    issued_at = models.DateTimeField(null=True, blank=True)
    # Digital signatures (issue 15): when the person signed (and the number was taken), when and by whom the
    # body's signature was applied, and the verification of the stored file at that moment
    # (portal.signing.pdf.Verification.to_json()).
    signed_at = models.DateTimeField("ký số lúc", null=True, blank=True)
    sealed_at = models.DateTimeField("đóng dấu lúc", null=True, blank=True)
    sealed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signature_report = models.JSONField("kết quả kiểm tra chữ ký số", default=dict, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.TextField(blank=True)
    return_comment = models.TextField("ý kiến trả lại", blank=True)
    version = models.PositiveIntegerField(default=1)  # optimistic lock for autosave
    pdf = models.FileField(upload_to="issued/%Y/", blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    search_text = models.TextField(blank=True)  # accent-folded text for search

    class Meta:
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"
        ordering = ["-issue_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "number_symbol", "issue_date"],
                # A signed document awaiting the seal already holds its register number.
                condition=Q(status__in=["sealing", "issued", "revoked"]),
                name="doc_issued_unique",
            ),
            models.UniqueConstraint(
                fields=["number_symbol", "issue_date", "external_issuer"],
                condition=Q(is_external=True),
                name="doc_external_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["issuer", "status", "-issue_date"], name="doc_issuer_status"),
        ]

    def __str__(self) -> str:
        label = self.get_doc_type_display()
        return (
            f"{label} {self.number_symbol}"
            if self.number_symbol
            else f"{label} (dự thảo) — {self.subject[:60]}"
        )

    @property
    def is_issued(self) -> bool:
        return self.status in (Status.ISSUED, Status.REVOKED)

    @property
    def is_editable(self) -> bool:
        return self.status == Status.DRAFT

    @property
    def regime(self) -> str:
        return self.issuer.regime if self.issuer_id else Regime.STATE

    @property
    def issuer_name(self) -> str:
        if self.is_external:
            return self.external_issuer
        return self.issuer_snapshot.get("name") or (self.issuer.name if self.issuer_id else "")


class RelationKind(models.TextChoices):
    IMPLEMENTS = "implements", "Thực hiện"
    BASED_ON = "based_on", "Căn cứ"
    FORWARDS = "forwards", "Gửi kèm"
    REPLACES = "replaces", "Thay thế"
    AMENDS = "amends", "Sửa đổi, bổ sung"


class DocumentRelation(models.Model):
    source = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="relations_out")
    target = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="relations_in")
    kind = models.CharField(max_length=12, choices=RelationKind.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "target", "kind"], name="docrel_unique")]
        indexes = [models.Index(fields=["target", "kind"], name="docrel_target_kind")]


class Purpose(models.TextChoices):
    THUC_HIEN = "thuc_hien", "Để thực hiện"
    BAO_CAO = "bao_cao", "Để báo cáo"
    PHOI_HOP = "phoi_hop", "Để phối hợp"
    DE_BIET = "de_biet", "Để biết"
    LUU = "luu", "Lưu"


class Selection(models.TextChoices):
    UNIT = "unit", "Một đơn vị"
    SUBTREE = "subtree", "Đơn vị và toàn bộ cấp dưới"
    CHILDREN = "children", "Các đơn vị trực thuộc"
    KIND_BELOW = "kind_below", "Mọi đơn vị một loại bên dưới"
    NONE = "none", "Chỉ ghi tên (không gửi)"


class Recipient(models.Model):
    """One line of Kính gửi / Nơi nhận; its selection expands to deliveries at issue time."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="recipients")
    order = models.PositiveIntegerField(default=0)
    label = models.CharField("ghi trên văn bản", max_length=255)
    purpose = models.CharField(max_length=10, choices=Purpose.choices, default=Purpose.THUC_HIEN)
    selection = models.CharField(max_length=10, choices=Selection.choices, default=Selection.UNIT)
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=32, choices=UnitKind.choices, blank=True)
    in_kinh_gui = models.BooleanField("nằm trong Kính gửi", default=False)
    # A group printed as one line ("Các ngành thành viên BCĐ tỉnh") is delivered through
    # further lines that are not printed, one per member unit.
    printed = models.BooleanField("in trên văn bản", default=True)

    class Meta:
        ordering = ["order", "id"]


class Delivery(models.Model):
    """One recipient unit of an issued document, with its receipt trail."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="deliveries")
    # Indexed by delivery_unit_document (unit, document) and delivery_inbox: a third index on unit alone would only
    # cost every issue's INSERT … SELECT.
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="deliveries", db_index=False)
    purpose = models.CharField(max_length=10, choices=Purpose.choices)
    delivered_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    implemented_by = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="implemented_deliveries"
    )
    # Returned by the receiving unit's clerk because the file failed the check of its digital signatures
    # (Nghị định 30/2020, Art. 21.2): the sender sees why.
    returned_at = models.DateTimeField("trả lại lúc", null=True, blank=True)
    # A default in the database too: deliveries are written by INSERT … SELECT (services.signing._dispatch).
    returned_reason = models.TextField("lý do trả lại", blank=True, default="", db_default="")
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # The issuer recalled the document (thu hồi, Nghị định 30/2020 Art. 18.4b): the receiving unit's clerk confirms
    # that its copy is withdrawn, and the issuer sees who has confirmed.
    recall_confirmed_at = models.DateTimeField("xác nhận thu hồi lúc", null=True, blank=True)
    recall_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["document", "unit"], name="delivery_unique")]
        indexes = [
            models.Index(fields=["unit", "-delivered_at"], name="delivery_inbox"),
            # A scope's deliveries read from its units alone (index-only): the scoped search's documents
            # delivered into a province's subtree (directives.access.documents_visible_to(many=True)).
            models.Index(fields=["unit", "document"], name="delivery_unit_document"),
            # The cascade's walk (directives/cascade.py) goes from each document of a family to the plans that
            # implement it: only the deliveries carried out, index-only. Without it the walk read every copy
            # of the family's documents (a national plan's 3,244 documents × 38 copies each: 150 ms on every
            # directive page, whatever the size of the viewer's subtree).
            models.Index(
                fields=["document", "implemented_by", "purpose"],
                condition=models.Q(implemented_by__isnull=False),
                name="delivery_implemented",
            ),
        ]

    @property
    def state(self) -> str:
        if self.implemented_by_id:
            return "implemented"
        if self.acknowledged_at:
            return "acknowledged"
        if self.read_at:
            return "read"
        return "delivered"


class Task(models.Model):
    """An item of "Tổ chức thực hiện" assigned to one or more units."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="tasks")
    order = models.PositiveIntegerField(default=0)
    title = models.CharField("đơn vị / tiêu đề", max_length=255)
    text = models.TextField("nhiệm vụ")
    units = models.ManyToManyField(Unit, blank=True, related_name="tasks")
    due_date = models.DateField("thời hạn", null=True, blank=True)

    class Meta:
        ordering = ["order", "id"]


class Frequency(models.TextChoices):
    MONTHLY = "monthly", "Hằng tháng"
    QUARTERLY = "quarterly", "Hằng quý"
    SEMIANNUAL = "semiannual", "6 tháng"
    NINE_MONTH = "nine_month", "9 tháng"
    ANNUAL = "annual", "Hằng năm"
    ONCE = "once", "Một lần, có thời hạn"
    ADHOC = "adhoc", "Đột xuất"


RECURRING = frozenset(
    {Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.SEMIANNUAL, Frequency.NINE_MONTH, Frequency.ANNUAL}
)


class ReportingRequirement(models.Model):
    """Who reports what to whom, via whom, and when (Chế độ báo cáo)."""

    class Reporters(models.TextChoices):
        RECIPIENTS = "recipients", "Các đơn vị nhận văn bản để thực hiện"
        NAMED = "named", "Các đơn vị được chỉ định"

    # Empty for a đột xuất request a leader sends without a document (adhoc_request_create).
    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="requirements", null=True, blank=True
    )
    order = models.PositiveIntegerField(default=0)
    title = models.CharField("tên báo cáo", max_length=255)
    frequency = models.CharField("kỳ báo cáo", max_length=12, choices=Frequency.choices)
    due_date = models.DateField("hạn nộp (báo cáo một lần / đột xuất)", null=True, blank=True)
    deadline_working_days = models.PositiveSmallIntegerField(
        "số ngày làm việc sau khi chốt số liệu",
        null=True,
        blank=True,
        help_text="Để trống: theo mặc định (NĐ 09/2019: ít nhất 1 ngày làm việc).",
    )
    reporters = models.CharField(max_length=10, choices=Reporters.choices, default=Reporters.RECIPIENTS)
    named_units = models.ManyToManyField(Unit, blank=True, related_name="+")
    to_unit = models.ForeignKey(Unit, verbose_name="gửi về", on_delete=models.PROTECT, related_name="+")
    via_unit = models.ForeignKey(
        Unit, verbose_name="qua", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    as_written = models.TextField("nguyên văn yêu cầu", blank=True)
    form_template = models.JSONField("mẫu báo cáo (đề cương và chỉ tiêu)", default=dict, blank=True)
    # A requirement carried down the cascade points at the one it implements; its deadlines
    # are set lead_days earlier so each level has time to roll up before reporting upward.
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    lead_days = models.PositiveSmallIntegerField(default=0)
    # Overrides of the default chasing policy (reporting/conf.py), e.g. {"before_days": [10, 3]}.
    reminder_policy = models.JSONField("chính sách nhắc nhở", default=dict, blank=True)
    # No period whose window opens after this day is created (a plan "năm 2024" stops reporting).
    ends_on = models.DateField("báo cáo đến hết ngày", null=True, blank=True)
    # A đột xuất request: who asked, and when.
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        # The table keeps the name it was created with in the reporting app, so moving the model here
        # (issue 14: the requirement is part of the authored document) needed no data migration.
        db_table = "reporting_reportingrequirement"
        ordering = ["order", "id"]
        verbose_name = "chế độ báo cáo"
        verbose_name_plural = "chế độ báo cáo"

    def __str__(self) -> str:
        return f"{self.title} ({self.get_frequency_display()})"


class RegisterBook(models.Model):
    """A unit's outgoing register (sổ văn bản đi) and its numbering rule (STANDARDS.md §5)."""

    class Reset(models.TextChoices):
        YEARLY = "yearly", "Theo năm (từ 01 ngày 01/01)"
        TERM = "term", "Theo nhiệm kỳ"
        NEVER = "never", "Liên tục"

    unit = models.OneToOneField(Unit, on_delete=models.CASCADE, related_name="register")
    reset = models.CharField(max_length=8, choices=Reset.choices)
    per_type = models.BooleanField("đánh số riêng theo loại văn bản", default=False)
    term = models.CharField("nhiệm kỳ hiện tại", max_length=20, blank=True)

    def series_key(self, *, doc_type: str, year: int) -> str:
        period = {"yearly": str(year), "term": self.term or "-", "never": "-"}[self.reset]
        return f"{doc_type if self.per_type else '*'}:{period}"


class RegisterCounter(models.Model):
    book = models.ForeignKey(RegisterBook, on_delete=models.CASCADE, related_name="counters")
    series_key = models.CharField(max_length=40)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["book", "series_key"], name="register_series_unique")]


def attachment_path(instance, filename: str) -> str:
    return f"attachments/{instance.document_id}/{instance.sha256[:16]}-{filename}"


class Attachment(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path)
    original_name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)


class RenderBatch(models.Model):
    """ "Tải toàn bộ văn bản triển khai": one ZIP of the issued PDFs of a document and its cascade.

    The list of documents is fixed when the batch is requested (`entries`, in ZIP order). A Celery
    worker claims the batch with a conditional UPDATE and keeps `heartbeat_at` fresh while it works;
    a batch whose heartbeat went stale (the worker died) may be claimed again by another worker.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Đang chờ xử lý"
        RUNNING = "running", "Đang tạo tệp"
        DONE = "done", "Đã xong"
        FAILED = "failed", "Không thành công"

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey(
        Document, verbose_name="văn bản gốc", on_delete=models.CASCADE, related_name="render_batches"
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    entries = models.JSONField(default=list, blank=True)  # [{"id": 12, "depth": 0}, …]
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    zip_file = models.FileField(upload_to="batches/%Y/", blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0)  # how many times a worker claimed it
    claim_token = models.CharField(max_length=32, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "lô tải văn bản"
        verbose_name_plural = "lô tải văn bản"
        constraints = [
            # A second click while a batch is still being made returns that batch, not a new one.
            models.UniqueConstraint(
                fields=["requested_by", "document"],
                condition=Q(status__in=["queued", "running"]),
                name="render_batch_one_active",
            ),
        ]

    def __str__(self) -> str:
        return f"Lô tải #{self.pk} ({self.total} văn bản)"

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)
