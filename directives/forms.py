"""Forms of the directives pages (documents, search, import). They collect and check input; the services decide
and refuse."""

from django import forms
from django.conf import settings
from django.core.validators import ProhibitNullCharactersValidator
from django.forms.formsets import INITIAL_FORM_COUNT, TOTAL_FORM_COUNT, ManagementForm
from django.utils.functional import cached_property

from directives import search
from directives.content import Addressee, Citation, Signature, authority_of
from directives.importing import extract_text
from directives.models import DocType, Purpose, RelationKind, Status
from directives.services.imported import ImportedDocument
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
        choices=[("", "Tất cả"), ("chua-doc", "Chưa đọc"), ("can-xu-ly", "Cần xử lý")],
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


# --- importing a document (paste or upload, then review what was read) ----------------------------------


class ImportSourceForm(forms.Form):
    text = forms.CharField(
        label="Dán nội dung văn bản",
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "false"}),
    )
    # Empty files are let through so the import says why in its own words ("Tệp rỗng…").
    file = forms.FileField(
        label="hoặc tải tệp lên (.txt, .docx, .pdf có lớp văn bản)",
        required=False,
        allow_empty_file=True,
        widget=forms.FileInput(attrs={"accept": ".txt,.docx,.pdf"}),
    )

    def clean(self):
        data = super().clean()
        if not data.get("text", "").strip() and not data.get("file"):
            raise forms.ValidationError("Hãy dán nội dung văn bản hoặc chọn một tệp để tải lên.")
        if data.get("text", "").strip() and data.get("file"):
            raise forms.ValidationError("Chỉ chọn một cách: dán nội dung hoặc tải tệp lên.")
        return data

    def read_text(self) -> str:
        """The text of the pasted content or the uploaded file; ImportRefused when it cannot be read."""
        limit = settings.IMPORT_MAX_BYTES
        upload = self.cleaned_data.get("file")
        if upload:
            # Read one byte past the limit: enough to refuse, never the whole of a huge upload.
            return extract_text(filename=upload.name, data=upload.read(limit + 1), max_bytes=limit)
        return extract_text(
            filename="noi-dung-dan.txt", data=self.cleaned_data["text"].encode("utf-8"), max_bytes=limit
        )

    def uploaded_pdf(self) -> bytes | None:
        """The uploaded file's bytes when it is a PDF within the size limit (its digital signatures are checked
        and shown above what was read); None for pasted text or another kind of file."""
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        limit = settings.IMPORT_MAX_BYTES
        upload.seek(0)
        data = upload.read(limit + 1)
        return data if data.startswith(b"%PDF") and len(data) <= limit else None


class ReviewForm(forms.Form):
    doc_type = forms.ChoiceField(label="Loại văn bản", choices=DocType.choices)
    number_symbol = forms.CharField(label="Số, ký hiệu", max_length=80, required=False)
    issue_date = VnDateField(label="Ngày ban hành", required=False)
    place = forms.CharField(label="Địa danh", max_length=100, required=False)
    issuer = forms.CharField(label="Cơ quan ban hành", max_length=255, required=False)
    parent_issuer = forms.CharField(label="Cơ quan chủ quản", max_length=255, required=False)
    subject = forms.CharField(
        label="Trích yếu", max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    opening = forms.CharField(
        label="Mở đầu (căn cứ, thực hiện)", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    reporting = forms.CharField(
        label="Chế độ báo cáo (như văn bản ghi, mỗi dòng một yêu cầu)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    signer_authority = forms.ChoiceField(
        label="Thẩm quyền ký",
        required=False,
        choices=[
            ("", "(ký trực tiếp)"),
            ("TM", "TM. / T/M"),
            ("KT", "KT. / K/T"),
            ("TL", "TL. / T/L"),
            ("TUQ", "TUQ."),
            ("Q", "Q."),
        ],
    )
    signer_authority_body = forms.CharField(label="Thay mặt / ký thay cho", max_length=120, required=False)
    signer_title = forms.CharField(label="Chức vụ người ký", max_length=120, required=False)
    signer_name = forms.CharField(label="Họ tên người ký", max_length=120, required=False)
    unit = forms.ModelChoiceField(
        label="Đơn vị soạn dự thảo", queryset=None, required=False, empty_label="— chọn đơn vị —"
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class CitationForm(forms.Form):
    number_symbol = forms.CharField(label="Số, ký hiệu", max_length=80, required=False)
    issue_date = VnDateField(label="Ngày", required=False)
    issuer = forms.CharField(label="Cơ quan ban hành", max_length=255, required=False)
    doc_type = forms.ChoiceField(
        label="Loại", required=False, choices=[("", "(theo ký hiệu)"), *DocType.choices]
    )
    relation = forms.ChoiceField(
        label="Quan hệ", choices=[(RelationKind.IMPLEMENTS, "Thực hiện"), (RelationKind.BASED_ON, "Căn cứ")]
    )


class RecipientForm(forms.Form):
    label = forms.CharField(label="Ghi trên văn bản", max_length=255, required=False)
    purpose = forms.ChoiceField(label="Mục đích", choices=Purpose.choices)
    in_kinh_gui = forms.BooleanField(label="Kính gửi", required=False)


CitationFormSet = forms.formset_factory(CitationForm, extra=1, can_delete=True, max_num=30, absolute_max=60)
RecipientFormSet = forms.formset_factory(
    RecipientForm, extra=2, can_delete=True, max_num=80, absolute_max=120
)


class Review:
    """The review page's form and its two row lists, bound or pre-filled together."""

    def __init__(self, data=None, *, units, initial: ImportedDocument | None = None):
        self.form = ReviewForm(data, units=units, initial=_form_initial(initial) if initial else None)
        self.citations = CitationFormSet(
            data,
            prefix="trich_dan",
            initial=[
                {
                    "number_symbol": c.number_symbol,
                    "issue_date": c.issue_date,
                    "issuer": c.issuer,
                    "doc_type": c.doc_type,
                    "relation": c.relation,
                }
                for c in initial.citations
            ]
            if initial
            else None,
        )
        self.recipients = RecipientFormSet(
            data,
            prefix="noi_nhan",
            initial=[
                {"label": r.label, "purpose": r.purpose, "in_kinh_gui": r.in_kinh_gui}
                for r in initial.recipients
            ]
            if initial
            else None,
        )

    def is_valid(self) -> bool:
        return all([self.form.is_valid(), self.citations.is_valid(), self.recipients.is_valid()])

    def imported(self) -> ImportedDocument:
        f = self.form.cleaned_data
        return ImportedDocument(
            doc_type=f["doc_type"],
            number_symbol=f["number_symbol"],
            issue_date=f["issue_date"],
            place=f["place"],
            issuer=f["issuer"],
            parent_issuer=f["parent_issuer"],
            subject=f["subject"],
            opening=f["opening"],
            signature=Signature(
                authority=authority_of(f["signer_authority"]),
                authority_body=f["signer_authority_body"],
                title=f["signer_title"],
                name=f["signer_name"],
            ),
            reporting=[line.strip() for line in f["reporting"].splitlines() if line.strip()],
            citations=[
                Citation(
                    number_symbol=c["number_symbol"],
                    issue_date=c["issue_date"],
                    issuer=c["issuer"],
                    doc_type=c["doc_type"],
                    relation=c["relation"],
                )
                for c in _kept_rows(self.citations)
                if c["number_symbol"].strip()
            ],
            recipients=[
                Addressee(label=r["label"], purpose=r["purpose"], in_kinh_gui=r["in_kinh_gui"])
                for r in _kept_rows(self.recipients)
                if r["label"].strip()
            ],
        )

    def context(self) -> dict:
        return {"form": self.form, "citations": self.citations, "recipients": self.recipients}


def _form_initial(data: ImportedDocument) -> dict:
    return {
        "doc_type": data.doc_type,
        "number_symbol": data.number_symbol,
        "issue_date": data.issue_date,
        "place": data.place,
        "issuer": data.issuer,
        "parent_issuer": data.parent_issuer,
        "subject": data.subject,
        "opening": data.opening,
        "reporting": "\n".join(data.reporting),
        "signer_authority": data.signature.authority,
        "signer_authority_body": data.signature.authority_body,
        "signer_title": data.signature.title,
        "signer_name": data.signature.name,
    }


def _kept_rows(formset) -> list[dict]:
    return [
        form.cleaned_data
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


# --- the editor's rows (directives/editor.py) ----------------------------------------------------------------


class TypedText(forms.CharField):
    """Text exactly as typed: not stripped, never required, and a NUL character is left for the draft save to
    clean (directives/sanitize.py) instead of refusing the whole page, as the editor always did."""

    def __init__(self, **kwargs):
        super().__init__(strip=False, required=False, **kwargs)
        self.validators = [v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)]


class _TickedBox(forms.CheckboxInput):
    def value_from_datadict(self, data, files, name) -> bool:
        return data.get(name) == "on"


class Ticked(forms.Field):
    """A checkbox the page posts as "on"; any other value (a hand-made post) is unticked."""

    widget = _TickedBox

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)


class PostedRows(forms.BaseFormSet):
    """The rows posted under the formset's prefix, by their own index ("node-3-text" is row 3).

    The editor page adds and removes rows with buttons, without JavaScript, and posts no management form; a
    removed row leaves a gap in the indices. So the rows are the indices found in the post (``indices``, in
    order) and the management data is taken from them; every row is kept, even an empty one.
    """

    def __init__(self, data, *, prefix: str, indices: list[int], **kwargs):
        self.indices = indices
        super().__init__(data, prefix=prefix, form_kwargs={"empty_permitted": False}, **kwargs)

    def add_prefix(self, index):
        return f"{self.prefix}-{self.indices[index]}" if isinstance(index, int) else super().add_prefix(index)

    def total_form_count(self) -> int:
        return len(self.indices)

    def initial_form_count(self) -> int:
        return 0

    @cached_property
    def management_form(self):
        form = ManagementForm(
            {
                f"{self.prefix}-{TOTAL_FORM_COUNT}": len(self.indices),
                f"{self.prefix}-{INITIAL_FORM_COUNT}": 0,
            },
            prefix=self.prefix,
            renderer=self.renderer,
        )
        form.full_clean()
        return form


class SectionRowForm(forms.Form):
    """One section row of the editor ("node-3-…"): its depth (1 = Mục), heading, text, footnotes (one a line)
    and whether the tasks are printed under it. A depth that is not a number is 1, as the page shows it."""

    depth = TypedText()
    heading = TypedText()
    text = TypedText()
    footnotes = TypedText()
    tasks_here = Ticked()

    def row(self) -> dict:
        """The row as the editor's flat list of sections holds it (directives/editor.py build_tree)."""
        data = self.cleaned_data
        depth = data["depth"]
        return {
            "depth": int(depth) if is_count(depth) else 1,
            "heading": data["heading"],
            "text": data["text"],
            "footnotes": data["footnotes"],
            "tasks_here": data["tasks_here"],
        }


class TaskRowForm(forms.Form):
    """One task row ("task-3-…"); its units come from the row's unit picker and its due date is read with the
    page's date rule (directives/editor.py), which names the row in a refusal."""

    title = TypedText()
    text = TypedText()
    due = TypedText()


class CitationRowForm(forms.Form):
    """One cited document ("cite-3-…"): a row without a document id is dropped, an unknown relation is
    "implements" (the service checks the document may be cited)."""

    target = TypedText()
    kind = TypedText()

    def line(self) -> tuple[int, str] | None:
        data = self.cleaned_data
        if not is_count(data["target"]):
            return None
        kind = data["kind"] if data["kind"] in RelationKind.values else RelationKind.IMPLEMENTS
        return int(data["target"]), kind


class RecipientRowForm(forms.Form):
    """One Kính gửi / Nơi nhận row ("rcp-3-…"); its unit comes from the row's unit picker. The editor checks
    the row (directives/editor.py) and falls back silently to "một đơn vị" and "để thực hiện" for a scope or
    purpose the page does not offer."""

    label = TypedText()
    selection = TypedText()
    purpose = TypedText()
    kind = TypedText()
    kinh_gui = Ticked()


class RequirementRowForm(forms.Form):
    """One reporting duty row ("req-3-…"); its units come from the row's pickers, its dates are read with the
    page's date rule and its numbers fall back as the page shows them (directives/editor.py)."""

    title = TypedText()
    frequency = TypedText()
    due = TypedText()
    days = TypedText()
    as_written = TypedText()
    parent = TypedText()
    lead = TypedText()
    ends = TypedText()


SectionRows = forms.formset_factory(SectionRowForm, formset=PostedRows)
RecipientRows = forms.formset_factory(RecipientRowForm, formset=PostedRows)
RequirementRows = forms.formset_factory(RequirementRowForm, formset=PostedRows)
TaskRows = forms.formset_factory(TaskRowForm, formset=PostedRows)
CitationRows = forms.formset_factory(CitationRowForm, formset=PostedRows)
