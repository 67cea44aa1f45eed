from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from portal.lib.datefields import VnDateField
from portal.org.models import Unit, UnitKind
from portal.org.picker import (
    UnitNotFound,
    chosen_ids,
    person_options_of,
    person_resolve,
    picker_context,
    tree_options,
    unit_options_of,
    units_resolve_typed,
)


class UnitPickerWidget(forms.Widget):
    """Choose units by name (org/_unit_picker.html + static/js/picker.js). Posts the chosen ids under the
    field's name and the typed text under ``<name>_q``; the field resolves the text on submit."""

    template_name = "org/widgets/unit_picker.html"

    of = "unit"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.multiple = False
        self.units = Unit.objects.none()
        self.url = ""
        self.tree_roots: list[Unit] = []

    def options_of(self, ids: list[int]) -> list:
        return unit_options_of(list(self.units.filter(pk__in=ids).order_by("path"))) if ids else []

    def value_from_datadict(self, data, files, name):
        ids = data.getlist(name) if hasattr(data, "getlist") else ([data[name]] if name in data else [])
        return {"ids": ids, "text": data.get(f"{name}_q", "")}

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}_q" not in data

    @staticmethod
    def _split(value) -> tuple[list, str]:
        if isinstance(value, dict):
            return chosen_ids(value.get("ids", [])), value.get("text", "")
        if value in (None, ""):
            return [], ""
        values = value if isinstance(value, (list, tuple, set)) else [value]
        return chosen_ids(getattr(v, "pk", v) for v in values), ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        ids, typed = self._split(value)
        tree, left_out = tree_options(self.units, self.tree_roots) if self.tree_roots else ([], 0)
        context["widget"]["picker"] = picker_context(
            name=name,
            html_id=(attrs or {}).get("id") or f"id_{name}",
            url=self.url,
            of=self.of,
            chosen=self.options_of(ids),
            typed=typed,
            multiple=self.multiple,
            tree=tree,
            tree_left_out=left_out,
        )
        return context


class UnitPickerField(forms.Field):
    """One unit (or several, ``multiple``) of a queryset the view's access helper gives: chosen from the
    suggestions or the list, or typed by name — a name that matches nothing, or several units, is refused
    with a message saying so, and the form keeps everything entered."""

    widget = UnitPickerWidget
    default_error_messages = {
        "required": "Hãy chọn đơn vị.",
        "outside": "Đơn vị đã chọn không thuộc phạm vi được chọn ở đây.",
        "one": "Chỉ chọn một đơn vị (bỏ chọn đơn vị cũ trước).",
    }

    def __init__(self, *, multiple: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.multiple = multiple
        self.widget.multiple = multiple
        self.queryset = Unit.objects.none()

    def configure(self, *, queryset, url: str, tree_roots=()) -> None:
        """Set at form creation: the units that may be chosen, the suggestions' endpoint, the list's roots."""
        self.queryset = queryset
        self.widget.units = queryset
        self.widget.url = url
        self.widget.tree_roots = list(tree_roots)

    def clean(self, value):
        value = value if isinstance(value, dict) else {"ids": [], "text": ""}
        raw = [str(v).strip() for v in value.get("ids", []) if str(v).strip()]
        ids = chosen_ids(raw)
        if len(ids) != len(set(raw)):
            raise forms.ValidationError(self.error_messages["outside"], code="outside")
        chosen = {u.pk: u for u in self.queryset.filter(pk__in=ids)}
        if len(chosen) != len(ids):
            raise forms.ValidationError(self.error_messages["outside"], code="outside")
        try:
            typed = self.resolve_typed(value.get("text", ""))
        except UnitNotFound as exc:
            raise forms.ValidationError(exc.message, code="unknown") from exc
        units = list({u.pk: u for u in [*(chosen[i] for i in ids), *typed]}.values())
        if not units and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if self.multiple:
            return units
        if len(units) > 1:
            raise forms.ValidationError(self.error_messages["one"], code="one")
        return units[0] if units else None

    def resolve_typed(self, text: str) -> list:
        return units_resolve_typed(self.queryset, text, multiple=self.multiple)


class PersonPickerWidget(UnitPickerWidget):
    of = "person"

    def options_of(self, ids: list[int]) -> list:
        return (
            person_options_of(list(self.units.filter(pk__in=ids).order_by("first_name", "username")))
            if ids
            else []
        )


class PersonPickerField(UnitPickerField):
    """One person (or several) of a queryset of people the view's access helper gives, chosen by name the way
    units are (org/_unit_picker.html): typed, suggested, refused with the reason when nobody or several match."""

    widget = PersonPickerWidget
    default_error_messages = {
        "required": "Hãy chọn một người.",
        "outside": "Người đã chọn không thuộc phạm vi được chọn ở đây.",
        "one": "Chỉ chọn một người (bỏ chọn người cũ trước).",
    }

    def resolve_typed(self, text: str) -> list:
        text = (text or "").strip()
        return [person_resolve(self.queryset, text)] if text else []


class UnitRenameForm(forms.Form):
    name = forms.CharField(label=_("Tên mới"), max_length=255)
    short_name = forms.CharField(label=_("Tên viết tắt mới"), max_length=40)
    on_date = VnDateField(label=_("Có hiệu lực từ ngày"))


class UnitLetterheadForm(forms.Form):
    parent_line = forms.CharField(
        label=_("Tên cơ quan chủ quản (dòng trên)"),
        max_length=255,
        required=False,
        help_text=_("Ví dụ: TỈNH ỦY BẮC GIANG, TỔNG LĐLĐ VIỆT NAM. Để trống nếu không có."),
    )
    header_lines = forms.CharField(
        label=_("Tên cơ quan ban hành như in trên văn bản"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Mỗi dòng một dòng in, ví dụ: LIÊN ĐOÀN LAO ĐỘNG / TỈNH BẮC GIANG (hai dòng). Để trống: tự xuống dòng "
            "theo tên đơn vị, không lặp lại tên cơ quan chủ quản. Văn bản đã ban hành giữ tiêu đề cũ."
        ),
    )


class UnitCloseForm(forms.Form):
    on_date = VnDateField(label=_("Ngừng hoạt động từ ngày"))
    successor = UnitPickerField(label=_("Đơn vị kế thừa (nếu sáp nhập)"), required=False)

    def __init__(self, *args, candidates, url: str, tree_roots=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["successor"].configure(queryset=candidates, url=url, tree_roots=tree_roots)


class SubtreeFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm theo tên hoặc mã"), required=False)
    kind = forms.ChoiceField(
        label=_("Loại đơn vị"),
        required=False,
        choices=[("", _("Tất cả"))] + UnitKind.choices,
        error_messages={
            "invalid_choice": _("Không có loại đơn vị «%(value)s»; hãy chọn một loại trong danh sách.")
        },
    )


class UnitImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx) hoặc CSV (UTF-8)"))

    def clean_file(self):
        f = self.cleaned_data["file"]
        if not f.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError("Chỉ nhận tệp .xlsx hoặc .csv.")
        if f.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                f"Tệp quá lớn (tối đa {settings.IMPORT_MAX_BYTES // (1024 * 1024)} MB)."
            )
        return f
