"""Forms of the incoming register's pages (views/incoming.py)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from directives.handling.models import EntryState
from directives.handling.selectors.incoming import SOURCES
from directives.models import DocType
from portal.lib.datefields import VnDateField

#: A paper document's type, written as its name («Công văn»), the types the portal knows first.
DOC_TYPE_CHOICES = [("", "— chọn loại văn bản —")] + [(label, label) for _, label in DocType.choices]


def _people(users):
    return get_user_model().objects.filter(pk__in=[u.pk for u in users]).order_by("first_name", "username")


class LeaderChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.username


class RegisterFilterForm(forms.Form):
    q = forms.CharField(label="Tìm", required=False, max_length=200)
    trang_thai = forms.ChoiceField(
        label="Tình trạng", required=False, choices=[("", "Mọi tình trạng"), *EntryState.choices]
    )
    nguon = forms.ChoiceField(label="Nguồn", required=False, choices=[("", "Mọi nguồn"), *SOURCES.items()])


class RouteForm(forms.Form):
    """«Trình lãnh đạo»: the leader who gives the instruction, picked by name among the unit's leaders."""

    handler = LeaderChoiceField(label="Lãnh đạo cho ý kiến chỉ đạo", queryset=None, empty_label=None)

    def __init__(self, *args, leaders=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = _people(leaders)


class PaperEntryForm(forms.Form):
    """A paper document typed in by the clerk, with its scan."""

    unit = forms.ModelChoiceField(label="Vào sổ của đơn vị", queryset=None, empty_label=None)
    sender_name = forms.CharField(label="Nơi gửi (tác giả)", max_length=255)
    number_symbol = forms.CharField(label="Số, ký hiệu", max_length=80, required=False)
    document_date = VnDateField(label="Ngày văn bản", required=False)
    doc_type = forms.ChoiceField(label="Loại văn bản", choices=DOC_TYPE_CHOICES, required=False)
    subject = forms.CharField(
        label="Trích yếu nội dung", max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )
    arrived_date = VnDateField(label="Ngày đến")
    arrived_time = forms.TimeField(
        label="Giờ đến",
        input_formats=["%H:%M", "%H.%M", "%Hh%M", "%H:%M:%S"],
        widget=forms.TimeInput(
            format="%H:%M",
            attrs={
                "placeholder": "giờ:phút",
                "inputmode": "numeric",
                "maxlength": "5",
                "title": "Ví dụ 08:15",
            },
        ),
        help_text="Dạng giờ:phút, ví dụ 08:15.",
    )
    pages = forms.IntegerField(label="Số tờ", required=False, min_value=1, max_value=10000)
    scan = forms.FileField(
        label="Bản quét (PDF, JPG hoặc PNG)",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    handler = LeaderChoiceField(
        label="Trình lãnh đạo cho ý kiến chỉ đạo",
        queryset=None,
        required=False,
        empty_label="— chưa trình —",
    )

    def __init__(self, *args, units, leaders=(), **kwargs):
        now = timezone.localtime()
        kwargs.setdefault("initial", {"arrived_date": now.date(), "arrived_time": now.strftime("%H:%M")})
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["handler"].queryset = _people(leaders)

    def arrived_at(self) -> dt.datetime:
        naive = dt.datetime.combine(self.cleaned_data["arrived_date"], self.cleaned_data["arrived_time"])
        return timezone.make_aware(naive)
