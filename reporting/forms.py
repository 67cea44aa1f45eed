"""Forms of the reporting pages. They collect input; the services decide and refuse."""

from __future__ import annotations

from django import forms

from portal.lib.datefields import VnDateField
from portal.org.forms import UnitPickerField
from portal.org.models import Unit


class ReportForm(forms.Form):
    """The report form built from a requirement's template: one textarea per outline section, one
    number box per indicator (text input with a numeric keyboard, so "1.200" typed on a phone is kept
    as typed and checked on submit, with an error naming the indicator)."""

    def __init__(self, template: dict, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.template = template
        for s in template["sections"]:
            self.fields[f"section_{s['key']}"] = forms.CharField(
                label=s["title"],
                required=False,
                help_text=s.get("help", ""),
                widget=forms.Textarea(attrs={"rows": 5}),
            )
        for i in template["indicators"]:
            self.fields[f"indicator_{i['key']}"] = forms.CharField(
                label=i["label"],
                required=False,
                max_length=40,
                widget=forms.TextInput(
                    attrs={
                        "inputmode": "decimal" if i.get("type") == "decimal" else "numeric",
                        "autocomplete": "off",
                    }
                ),
            )

    @classmethod
    def initial_from(cls, data: dict) -> dict:
        initial = {}
        for key, text in (data.get("sections") or {}).items():
            initial[f"section_{key}"] = text
        for key, value in (data.get("indicators") or {}).items():
            initial[f"indicator_{key}"] = "" if value is None else value
        return initial

    def report_data(self) -> dict:
        """The nested data the services take, from the raw input (valid or not: the service checks)."""
        raw = self.data
        return {
            "sections": {s["key"]: raw.get(f"section_{s['key']}", "") for s in self.template["sections"]},
            "indicators": {
                i["key"]: raw.get(f"indicator_{i['key']}", "") for i in self.template["indicators"]
            },
        }

    def error_list(self) -> list[tuple[str, str]]:
        """(anchor, message naming the field) of every error in the form's order, for the summary shown at
        the top of the page after a refused submission ("" anchor for an error about the whole report)."""
        out = [("", e) for e in self.non_field_errors()]
        for bound in (*[f for _, f in self.section_fields()], *[f for _, f in self.indicator_fields()]):
            out += [
                (bound.id_for_label, e if str(bound.label) in e else f"{bound.label}: {e}")
                for e in bound.errors
            ]
        return out

    def section_fields(self):
        return [(s, self[f"section_{s['key']}"]) for s in self.template["sections"]]

    def indicator_fields(self):
        return [(i, self[f"indicator_{i['key']}"]) for i in self.template["indicators"]]


class AttachmentForm(forms.Form):
    file = forms.FileField(label="Tệp đính kèm")


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label="Ý kiến (nội dung cần chỉnh sửa)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ExcuseForm(forms.Form):
    reason = forms.CharField(label="Lý do miễn báo cáo", required=False, max_length=255)


class AdhocRequestForm(forms.Form):
    TARGET_CHOICES = [
        ("children", "Tất cả đơn vị trực thuộc"),
        ("subtree", "Toàn bộ đơn vị cấp dưới"),
        ("chosen", "Các đơn vị chọn dưới đây"),
    ]

    title = forms.CharField(label="Tên báo cáo", max_length=255)
    due_date = VnDateField(label="Hạn nộp")
    instructions = forms.CharField(
        label="Nội dung yêu cầu", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    target = forms.ChoiceField(
        label="Đơn vị phải báo cáo", choices=TARGET_CHOICES, initial="children", widget=forms.RadioSelect
    )
    units = UnitPickerField(label="Chọn đơn vị", multiple=True, required=False)

    def __init__(self, *args, requesting_unit: Unit, below, url: str, **kwargs):
        """``below``: the units below the requesting unit that may be asked (the picker's scope)."""
        super().__init__(*args, **kwargs)
        self.fields["units"].configure(queryset=below, url=url, tree_roots=[requesting_unit])

    def clean(self):
        data = super().clean()
        if data.get("target") == "chosen" and "units" in data and not data["units"]:
            self.add_error("units", "Hãy chọn ít nhất một đơn vị (gõ tên rồi chọn trong danh sách).")
        return data


class DashboardUnitForm(forms.Form):
    """ "Xem tổng hợp của đơn vị": any unit of the subtrees the user leads, chosen by name."""

    don_vi = UnitPickerField(label="Xem tổng hợp của đơn vị")

    def __init__(self, *args, units, url: str, tree_roots=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["don_vi"].configure(queryset=units, url=url, tree_roots=tree_roots)


class UnitPickForm(forms.Form):
    """Filters of the received-reports page."""

    ky = forms.CharField(required=False)
    tinh_trang = forms.ChoiceField(
        required=False,
        choices=[
            ("", "Tất cả"),
            ("cho_tiep_nhan", "Chờ tiếp nhận"),
            ("chua_nop", "Chưa nộp"),
            ("da_tiep_nhan", "Đã tiếp nhận"),
        ],
    )
