"""Forms of importing a document: the pasted or uploaded source, then the review of what was read."""

from django import forms
from django.conf import settings

from directives.content import Addressee, Citation, Signature, authority_of
from directives.importing import extract_text
from directives.models import DocType, Purpose, RelationKind
from directives.services.imported import ImportedDocument
from portal.lib.datefields import VnDateField


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
