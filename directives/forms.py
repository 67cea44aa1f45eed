"""Forms of the directives pages (documents, delivery, signing, search). They collect and check input; the
services decide and refuse. The import pages' forms are in directives/import_forms.py, the editor's rows in
directives/editor_forms.py."""

from django import forms

from directives import search
from directives.models import DocType, RelationKind, Status
from portal.lib import params
from portal.lib.datefields import VnDateField
from portal.lib.params import is_count


class NewDocumentForm(forms.Form):
    issuer = forms.ModelChoiceField(label="Đơn vị ban hành", queryset=None, empty_label=None)
    doc_type = forms.ChoiceField(label="Loại văn bản", choices=DocType.choices, initial="KH")
    subject = forms.CharField(label="Trích yếu", max_length=500, required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = units


class InboxFilterForm(forms.Form):
    loc = forms.ChoiceField(
        label="Lọc",
        required=False,
        choices=[
            ("", "Tất cả"),
            ("chua-doc", "Chưa đọc"),
            ("can-xu-ly", "Cần xử lý"),
            ("thu-hoi", "Đã thu hồi"),
        ],
    )
    loai = forms.ChoiceField(label="Loại", required=False, choices=[("", "Mọi loại")] + DocType.choices)
    nam = forms.IntegerField(label="Năm", required=False, min_value=2000, max_value=2100)
    co_quan = forms.TypedChoiceField(
        label="Cơ quan ban hành", required=False, coerce=params.id_coerce, empty_value=None
    )

    def __init__(self, *args, issuers=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(pk), name) for pk, name in issuers]
        chosen = (self.data or {}).get("co_quan", "")
        if is_count(chosen) and chosen not in {pk for pk, _ in choices}:
            choices.append((chosen, "(cơ quan đã chọn)"))  # a link kept from earlier: still filters
        self.fields["co_quan"].choices = [("", "Mọi cơ quan"), *choices]


class OutgoingFilterForm(forms.Form):
    trang_thai = forms.ChoiceField(
        label="Trạng thái",
        required=False,
        choices=[("", "Tất cả")] + [c for c in Status.choices if c[0] != "external"],
    )
    q = forms.CharField(label="Tìm", required=False)


class CommentForm(forms.Form):
    comment = forms.CharField(label="Ý kiến", widget=forms.Textarea(attrs={"rows": 3}))


class RevokeForm(forms.Form):
    reason = forms.CharField(label="Lý do thu hồi", widget=forms.Textarea(attrs={"rows": 3}))


class SigningForm(forms.Form):
    """The secret that unlocks a signing key at the moment of signing: a token's PIN (or a PKCS#12 file's
    passphrase). Never shown again: the box is empty when the form comes back with a refusal, and the browser
    is asked not to remember it. A remote key asks for nothing here: the person confirms on their device."""

    pin = forms.CharField(
        label="Mã PIN thiết bị ký số",
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}, render_value=False),
    )

    def __init__(self, *args, remote: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.remote = remote
        if remote:
            del self.fields["pin"]

    def secret(self) -> str:
        return "" if self.remote else self.cleaned_data["pin"]


class DeliveryReturnForm(forms.Form):
    reason = forms.CharField(label="Lý do trả lại", widget=forms.Textarea(attrs={"rows": 3}))


class AttachmentForm(forms.Form):
    file = forms.FileField(label="Tệp đính kèm")


class CiteForm(forms.Form):
    """The citation search of the editor (prefix "cite_new"): a document typed by number-symbol, date and issuer,
    found in the system or recorded as external (external.external_document_register)."""

    number_symbol = forms.CharField(
        label="Số, ký hiệu",
        max_length=80,
        error_messages={"required": "Ghi số, ký hiệu của văn bản được trích dẫn."},
    )
    issue_date = VnDateField(label="Ngày ban hành", required=False)
    issuer = forms.CharField(label="Cơ quan ban hành", max_length=255, required=False)
    kind = forms.ChoiceField(label="Quan hệ", choices=RelationKind.choices, initial=RelationKind.IMPLEMENTS)


class ExternalDocumentForm(forms.Form):
    """Correcting a record of a document from outside the system (services/external.py)."""

    doc_type = forms.ChoiceField(label="Loại văn bản", choices=DocType.choices)
    number_symbol = forms.CharField(
        label="Số, ký hiệu", max_length=80, error_messages={"required": "Ghi số, ký hiệu của văn bản."}
    )
    issue_date = VnDateField(label="Ngày ban hành", required=False)
    issuer = forms.CharField(label="Cơ quan ban hành", max_length=255, required=False)
    subject = forms.CharField(label="Trích yếu", max_length=500, required=False)


# --- the search page ---------------------------------------------------------------------------------


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Từ khóa",
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "autofocus": True,
                "placeholder": "Số, ký hiệu, trích yếu, nội dung, tên đơn vị…",
            }
        ),
    )
    loai = forms.ChoiceField(label="Loại", required=False, choices=[("", "Mọi loại"), *DocType.choices])
    co_quan = forms.TypedChoiceField(
        label="Cơ quan ban hành", required=False, coerce=params.id_coerce, empty_value=None
    )
    nam = forms.IntegerField(label="Năm", required=False, min_value=1945, max_value=2100)
    trang_thai = forms.ChoiceField(
        label="Trạng thái", required=False, choices=[("", "Mọi trạng thái"), *Status.choices]
    )

    def __init__(self, *args, issuers=(), **kwargs):
        super().__init__(*args, **kwargs)
        chosen = self.data.get("co_quan", "")
        choices = [(str(pk), name) for pk, name in issuers]
        if is_count(chosen) and chosen not in {pk for pk, _ in choices}:
            # Keep a filter chosen earlier even when it is not among this page's issuers.
            choices.append((chosen, "(cơ quan đã chọn)"))
        self.fields["co_quan"].choices = [("", "Mọi cơ quan"), *choices]

    def filters(self) -> search.DocumentFilters:
        f = self.cleaned_data if self.is_valid() else {}
        return search.DocumentFilters(
            doc_type=f.get("loai") or "",
            issuer_id=f.get("co_quan"),
            year=f.get("nam"),
            status=f.get("trang_thai") or "",
        )
