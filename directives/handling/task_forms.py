"""Forms of the task pages: the list's filters, and on a task «Cập nhật tiến độ», «Hoàn thành», «Xin gia hạn» for
the assignee, the decision on a request for more time and «Nhắc nhở / Phê bình / Kiểm điểm» for the assigner."""

from __future__ import annotations

from django import forms

from directives.handling.models import AssigneeRole, ChaseKind
from directives.handling.selectors.buckets import BUCKETS
from directives.handling.selectors.tasks import STATES
from portal.lib import params
from portal.lib.datefields import VnDateField

EVIDENCE_HELP = "Tệp minh chứng (không bắt buộc): PDF, Word, Excel, ảnh; tối đa 20 MB."


class TaskFilterForm(forms.Form):
    trang_thai = forms.ChoiceField(label="Trạng thái", required=False, choices=list(STATES.items()))
    nhom = forms.ChoiceField(
        label="Nhóm",
        required=False,
        choices=[("", "Mọi nhóm"), *[(key, label) for key, label, _, _ in BUCKETS]],
    )
    vai_tro = forms.ChoiceField(
        label="Vai trò", required=False, choices=[("", "Mọi vai trò"), *AssigneeRole.choices]
    )
    don_vi = forms.TypedChoiceField(
        label="Đơn vị",
        required=False,
        coerce=params.id_coerce,
        empty_value=None,
        choices=[("", "Mọi đơn vị")],
    )
    q = forms.CharField(label="Tìm", required=False, max_length=200)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["don_vi"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Mọi đơn vị"), *[(str(pk), name) for pk, name in units]]


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Nội dung tiến độ", max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    file = forms.FileField(label="Tệp minh chứng", required=False, help_text=EVIDENCE_HELP)


class CompleteForm(forms.Form):
    result = forms.CharField(
        label="Kết quả thực hiện",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Đã làm gì, kết quả ra sao (số liệu, văn bản đã ban hành …).",
    )
    file = forms.FileField(label="Tệp minh chứng", required=False, help_text=EVIDENCE_HELP)


class ExtensionForm(forms.Form):
    new_due = VnDateField(label="Gia hạn đến")
    reason = forms.CharField(label="Lý do", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class DecideForm(forms.Form):
    comment = forms.CharField(
        label="Ý kiến",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Bắt buộc khi không đồng ý gia hạn.",
    )


class ChaseForm(forms.Form):
    kind = forms.ChoiceField(label="Hình thức", choices=ChaseKind.choices, widget=forms.RadioSelect)
    text = forms.CharField(
        label="Nội dung",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Bắt buộc khi phê bình hoặc yêu cầu kiểm điểm.",
    )
