from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from portal.org.models import Unit, UnitKind


class UnitRenameForm(forms.Form):
    name = forms.CharField(label=_("Tên mới"), max_length=255)
    short_name = forms.CharField(label=_("Tên viết tắt mới"), max_length=40)
    on_date = forms.DateField(label=_("Có hiệu lực từ ngày"), widget=forms.DateInput(attrs={"type": "date"}))


class UnitCloseForm(forms.Form):
    on_date = forms.DateField(label=_("Ngừng hoạt động từ ngày"), widget=forms.DateInput(attrs={"type": "date"}))
    successor_code = forms.CharField(label=_("Mã đơn vị kế thừa (nếu sáp nhập)"), max_length=64, required=False)

    def clean_successor_code(self):
        code = self.cleaned_data["successor_code"].strip()
        if not code:
            return None
        unit = Unit.objects.filter(code=code).first()
        if unit is None:
            raise forms.ValidationError("Không có đơn vị với mã này.")
        return unit


class SubtreeFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm theo tên hoặc mã"), required=False)
    kind = forms.ChoiceField(label=_("Loại đơn vị"), required=False, choices=[("", _("Tất cả"))] + UnitKind.choices)


class UnitImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx) hoặc CSV (UTF-8)"))

    def clean_file(self):
        f = self.cleaned_data["file"]
        if not f.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError("Chỉ nhận tệp .xlsx hoặc .csv.")
        if f.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(f"Tệp quá lớn (tối đa {settings.IMPORT_MAX_BYTES // (1024 * 1024)} MB).")
        return f
