"""Forms of a unit's departments page (portal/org/department_views.py)."""

from django import forms

from portal.org.models import Department


class DepartmentForm(forms.Form):
    code = forms.CharField(
        label="Ký hiệu",
        max_length=20,
        help_text="Dùng trong số, ký hiệu công văn do ban, phòng soạn thảo, ví dụ 05/LĐLĐ-TG&NC.",
    )
    name = forms.CharField(label="Tên ban, phòng", max_length=255)
    order = forms.IntegerField(
        label="Thứ tự", min_value=0, max_value=999, required=False, help_text="Để trống: xếp cuối danh sách."
    )


class DepartmentEditForm(DepartmentForm):
    active = forms.BooleanField(
        label="Đang hoạt động",
        required=False,
        help_text="Bỏ chọn khi ban, phòng giải thể: các văn bản, nhiệm vụ cũ vẫn giữ; người trong ban được đưa ra.",
    )


class PersonDepartmentForm(forms.Form):
    department = forms.ModelChoiceField(
        label="Ban, phòng",
        queryset=Department.objects.none(),
        required=False,
        empty_label="— Lãnh đạo đơn vị / chưa xếp —",
    )

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(unit=unit, active=True)
