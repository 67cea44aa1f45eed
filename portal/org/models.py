"""The organisation tree (SPEC.md §3: Unit, Membership).

Units form one administrative forest stored as a materialised path
(django-treebeard MP_Node): "the whole subtree" is one prefix query on an
indexed column and "the ancestors" is one IN query on paths computed from the
unit's own path.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node


class Regime(models.TextChoices):
    """The format regime belongs to the issuing unit (STANDARDS.md §1)."""

    PARTY = "party", _("Đảng (HD 36-HD/VPTW)")
    STATE = "state", _("Nhà nước (NĐ 30/2020)")
    UNION = "union", _("Công đoàn (QĐ 933/QĐ-TLĐ)")


class UnitKind(models.TextChoices):
    PARTY_CENTRAL = "party_central", _("Cơ quan Trung ương Đảng")
    PARTY_COMMITTEE = "party_committee", _("Cấp ủy (tỉnh ủy, huyện ủy, đảng ủy)")
    PARTY_BOARD = "party_board", _("Ban của cấp ủy")
    PARTY_CELL = "party_cell", _("Chi bộ")
    STEERING_COMMITTEE = "steering_committee", _("Ban chỉ đạo")
    STATE_AGENCY = "state_agency", _("Cơ quan nhà nước")
    UNION_NATIONAL = "union_national", _("Tổng Liên đoàn")
    UNION_PROVINCE = "union_province", _("LĐLĐ tỉnh, thành phố")
    UNION_DISTRICT = "union_district", _("LĐLĐ huyện, xã, phường")
    UNION_SECTOR = "union_sector", _("Công đoàn ngành")
    UNION_GRASSROOTS = "union_grassroots", _("Công đoàn cơ sở")
    PUBLIC_SERVICE = "public_service", _("Đơn vị sự nghiệp")
    PRESS = "press", _("Cơ quan báo chí")
    MASS_ORG = "mass_org", _("Tổ chức chính trị - xã hội")
    OTHER = "other", _("Khác")


class Unit(MP_Node):
    """Any body in the system: it issues, receives, reports (SPEC.md §3 Unit)."""

    steplen = 4

    code = models.SlugField("mã đơn vị", max_length=64, unique=True)
    name = models.CharField("tên đơn vị", max_length=255)
    short_name = models.CharField(
        "tên viết tắt dùng trong ký hiệu", max_length=40, help_text="Ví dụ: BTGTU, LĐLĐ, BCĐTTĐN"
    )
    kind = models.CharField("loại đơn vị", max_length=32, choices=UnitKind.choices)
    regime = models.CharField("thể thức", max_length=8, choices=Regime.choices)
    parent_line = models.CharField(
        "tên cơ quan chủ quản (dòng trên)", max_length=255, blank=True, help_text="Ví dụ: TỈNH ỦY HƯNG YÊN"
    )
    # The issuer's lines as printed in the letterhead, one per line ("LIÊN ĐOÀN LAO ĐỘNG" / "TỈNH BẮC GIANG"),
    # set by the unit's administrator; empty: derived from the name and the parent line
    # (directives.pdf.letterhead), so a name is never wrapped by the layout.
    header_lines = models.TextField(
        "tên cơ quan ban hành như in trên văn bản",
        blank=True,
        help_text="Mỗi dòng một dòng in, ví dụ: LIÊN ĐOÀN LAO ĐỘNG / TỈNH BẮC GIANG. Để trống: tự xuống dòng theo tên đơn vị.",
    )
    place_name = models.CharField("địa danh", max_length=100, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    active_from = models.DateField("hoạt động từ", null=True, blank=True)
    active_to = models.DateField("hoạt động đến", null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name="đơn vị kế thừa",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )
    # Reached through the national document exchange hub (QCVN 102:2016, issue 18), not hosted on this
    # instance: issuing to it sends an edXML packet addressed to its identifier code (UnitIdentifier).
    exchange_hub = models.BooleanField("nhận văn bản qua trục liên thông", default=False)
    # Directives also flow across lines (a Party board instructs the provincial union
    # federation): these units' whole subtrees are within this unit's reach as recipients.
    addressees = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="addressed_by",
        verbose_name="đơn vị được gửi văn bản trực tiếp (ngoài hệ thống cấp dưới)",
    )

    class Meta:
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        indexes = [
            models.Index(fields=["kind", "path"], name="org_unit_kind_path"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.active_to is None or self.active_to >= timezone.localdate()

    def active_on(self, day) -> bool:
        return (self.active_from is None or self.active_from <= day) and (
            self.active_to is None or self.active_to >= day
        )

    @property
    def parent_path(self) -> str:
        return self.path[: -self.steplen]

    def ancestor_paths(self) -> list[str]:
        return [self.path[:i] for i in range(self.steplen, len(self.path), self.steplen)]


class UnitNameRecord(models.Model):
    """A former name of a unit, so documents and reports of the past stay readable."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="former_names")
    name = models.CharField(max_length=255)
    short_name = models.CharField(max_length=40)
    used_until = models.DateField()

    class Meta:
        ordering = ["-used_until"]


class UnitIdentifier(models.Model):
    """A unit's electronic identifier code (mã định danh điện tử) over its validity, as the government's coding
    decisions assign it; the code addresses the unit on the exchange hub (edXML From/To OrganId).

    At most one open code (valid_to empty) per unit; a code belongs to one unit over any overlapping period
    (services.identifiers checks it under a lock: an exclusion constraint would need btree_gist). After the 2025
    mergers the unit that carries on keeps its code and the merged units' codes close on the merge day.
    """

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="identifiers", verbose_name="đơn vị"
    )
    code = models.CharField("mã định danh điện tử", max_length=64)
    valid_from = models.DateField("hiệu lực từ")
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    note = models.CharField("ghi chú", max_length=255, blank=True)

    class Meta:
        verbose_name = "mã định danh điện tử"
        verbose_name_plural = "mã định danh điện tử"
        ordering = ["unit", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit"], condition=models.Q(valid_to__isnull=True), name="org_identifier_one_open"
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="org_identifier_period",
            ),
        ]
        indexes = [models.Index(fields=["code", "valid_from"], name="org_identifier_code")]

    def __str__(self) -> str:
        return self.code

    def valid_on(self, day) -> bool:
        return self.valid_from <= day and (self.valid_to is None or self.valid_to >= day)


class Department(models.Model):
    """A department inside a unit (Ban Tuyên giáo – Nữ công, Văn phòng …): its people belong to it, so work can be
    assigned inside the unit, and its code goes into a công văn's symbol ("05/LĐLĐ-TG&NC")."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="department_set")
    code = models.CharField("ký hiệu (dùng trong số, ký hiệu công văn)", max_length=20)
    name = models.CharField("tên ban, phòng", max_length=255)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    active = models.BooleanField("đang hoạt động", default=True)

    class Meta:
        verbose_name = "ban, phòng"
        verbose_name_plural = "ban, phòng"
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["unit", "code"], name="org_department_code_unique")]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    DRAFTER = "drafter", _("Chuyên viên soạn thảo")
    SIGNER = "signer", _("Lãnh đạo (người ký)")
    REPORTER = "reporter", _("Người báo cáo")
    CLERK = "clerk", _("Văn thư")
    UNIT_ADMIN = "unit_admin", _("Quản trị đơn vị")


# Roles whose holder sees the unit's whole subtree; everyone else sees the own unit only.
SUBTREE_ROLES = frozenset({Role.SIGNER, Role.UNIT_ADMIN})


class Membership(models.Model):
    """A person's role in a unit."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("vai trò", max_length=16, choices=Role.choices)
    title = models.CharField("chức vụ", max_length=120, blank=True)
    # The department of the unit the person works in (None: the unit's leadership or not placed yet).
    department = models.ForeignKey(
        Department,
        verbose_name="ban, phòng",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memberships",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "thành viên"
        verbose_name_plural = "thành viên"
        constraints = [models.UniqueConstraint(fields=["user", "unit", "role"], name="org_membership_unique")]
        indexes = [models.Index(fields=["unit", "role"], name="org_membership_unit_role")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"
