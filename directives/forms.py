from django import forms

from directives.models import DocType, RelationKind, Status
from portal.lib import params
from portal.lib.datefields import VnDateField


class NewDocumentForm(forms.Form):
    issuer = forms.ModelChoiceField(label="Đơn vị ban hành", queryset=None, empty_label=None)
    doc_type = forms.ChoiceField(label="Loại văn bản", choices=DocType.choices, initial="KH")
    subject = forms.CharField(label="Trích yếu", max_length=500, required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = units


class InboxFilterForm(forms.Form):
    loc = forms.ChoiceField(label="Lọc", required=False, choices=[("", "Tất cả"), ("chua-doc", "Chưa đọc"),
                                                                  ("can-xu-ly", "Cần xử lý")])
    loai = forms.ChoiceField(label="Loại", required=False, choices=[("", "Mọi loại")] + DocType.choices)
    nam = forms.IntegerField(label="Năm", required=False, min_value=2000, max_value=2100)
    co_quan = forms.TypedChoiceField(label="Cơ quan ban hành", required=False, coerce=params.id_coerce,
                                     empty_value=None)

    def __init__(self, *args, issuers=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(pk), name) for pk, name in issuers]
        chosen = (self.data or {}).get("co_quan", "")
        if chosen.isdigit() and chosen not in {pk for pk, _ in choices}:
            choices.append((chosen, "(cơ quan đã chọn)"))  # a link kept from earlier: still filters
        self.fields["co_quan"].choices = [("", "Mọi cơ quan"), *choices]


class OutgoingFilterForm(forms.Form):
    trang_thai = forms.ChoiceField(label="Trạng thái", required=False,
                                   choices=[("", "Tất cả")] + [c for c in Status.choices if c[0] != "external"])
    q = forms.CharField(label="Tìm", required=False)


class CommentForm(forms.Form):
    comment = forms.CharField(label="Ý kiến", widget=forms.Textarea(attrs={"rows": 3}))


class RevokeForm(forms.Form):
    reason = forms.CharField(label="Lý do thu hồi", widget=forms.Textarea(attrs={"rows": 3}))


class AttachmentForm(forms.Form):
    file = forms.FileField(label="Tệp đính kèm")


class CiteForm(forms.Form):
    """The citation search of the editor (prefix "cite_new"): a document typed by number-symbol, date and issuer,
    found in the system or recorded as external (external.external_document_register)."""

    number_symbol = forms.CharField(label="Số, ký hiệu", max_length=80,
                                    error_messages={"required": "Ghi số, ký hiệu của văn bản được trích dẫn."})
    issue_date = VnDateField(label="Ngày ban hành", required=False)
    issuer = forms.CharField(label="Cơ quan ban hành", max_length=255, required=False)
    kind = forms.ChoiceField(label="Quan hệ", choices=RelationKind.choices, initial=RelationKind.IMPLEMENTS)


class ExternalDocumentForm(forms.Form):
    """Correcting a record of a document from outside the system (services/external.py)."""

    doc_type = forms.ChoiceField(label="Loại văn bản", choices=DocType.choices)
    number_symbol = forms.CharField(label="Số, ký hiệu", max_length=80,
                                    error_messages={"required": "Ghi số, ký hiệu của văn bản."})
    issue_date = VnDateField(label="Ngày ban hành", required=False)
    issuer = forms.CharField(label="Cơ quan ban hành", max_length=255, required=False)
    subject = forms.CharField(label="Trích yếu", max_length=500, required=False)
