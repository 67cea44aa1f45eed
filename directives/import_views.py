"""Nhập văn bản: paste or upload an existing document, review what was read, then save it.

/van-ban/nhap/            GET the form; POST text or a file → the review form (nothing written)
/van-ban/nhap/xac-nhan/   POST the corrected review form → an external document or a draft

The review form carries everything that was read in its own fields (no session state), so the
person's corrections are what gets saved. Both steps need a drafting or clerk role: 403 otherwise.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from directives import access
from directives.importing import ImportRefused, extract_text
from directives.models import DocType, Purpose, RelationKind
from directives.services import imported
from directives.services.imported import CitedDocument, ImportedDocument, RecipientText
from portal.lib.datefields import VnDateField
from portal.lib.errors import Refused, show_on_form


class ImportSourceForm(forms.Form):
    text = forms.CharField(label="Dán nội dung văn bản", required=False,
                           widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "false"}))
    # Empty files are let through so the import says why in its own words ("Tệp rỗng…").
    file = forms.FileField(label="hoặc tải tệp lên (.txt, .docx, .pdf có lớp văn bản)", required=False,
                           allow_empty_file=True, widget=forms.FileInput(attrs={"accept": ".txt,.docx,.pdf"}))

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
        return extract_text(filename="noi-dung-dan.txt", data=self.cleaned_data["text"].encode("utf-8"),
                            max_bytes=limit)


class ReviewForm(forms.Form):
    doc_type = forms.ChoiceField(label="Loại văn bản", choices=DocType.choices)
    number_symbol = forms.CharField(label="Số, ký hiệu", max_length=80, required=False)
    issue_date = VnDateField(label="Ngày ban hành", required=False)
    place = forms.CharField(label="Địa danh", max_length=100, required=False)
    issuer = forms.CharField(label="Cơ quan ban hành", max_length=255, required=False)
    parent_issuer = forms.CharField(label="Cơ quan chủ quản", max_length=255, required=False)
    subject = forms.CharField(label="Trích yếu", max_length=500, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
    opening = forms.CharField(label="Mở đầu (căn cứ, thực hiện)", required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))
    reporting = forms.CharField(label="Chế độ báo cáo (như văn bản ghi, mỗi dòng một yêu cầu)", required=False,
                                widget=forms.Textarea(attrs={"rows": 4}))
    signer_authority = forms.ChoiceField(label="Thẩm quyền ký", required=False, choices=[
        ("", "(ký trực tiếp)"), ("TM", "TM. / T/M"), ("KT", "KT. / K/T"), ("TL", "TL. / T/L"), ("TUQ", "TUQ."),
        ("Q", "Q.")])
    signer_authority_body = forms.CharField(label="Thay mặt / ký thay cho", max_length=120, required=False)
    signer_title = forms.CharField(label="Chức vụ người ký", max_length=120, required=False)
    signer_name = forms.CharField(label="Họ tên người ký", max_length=120, required=False)
    unit = forms.ModelChoiceField(label="Đơn vị soạn dự thảo", queryset=None, required=False,
                                  empty_label="— chọn đơn vị —")

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class CitationForm(forms.Form):
    number_symbol = forms.CharField(label="Số, ký hiệu", max_length=80, required=False)
    issue_date = VnDateField(label="Ngày", required=False)
    issuer = forms.CharField(label="Cơ quan ban hành", max_length=255, required=False)
    doc_type = forms.ChoiceField(label="Loại", required=False, choices=[("", "(theo ký hiệu)"), *DocType.choices])
    relation = forms.ChoiceField(label="Quan hệ", choices=[(RelationKind.IMPLEMENTS, "Thực hiện"),
                                                           (RelationKind.BASED_ON, "Căn cứ")])


class RecipientForm(forms.Form):
    label = forms.CharField(label="Ghi trên văn bản", max_length=255, required=False)
    purpose = forms.ChoiceField(label="Mục đích", choices=Purpose.choices)
    in_kinh_gui = forms.BooleanField(label="Kính gửi", required=False)


CitationFormSet = forms.formset_factory(CitationForm, extra=1, can_delete=True, max_num=30, absolute_max=60)
RecipientFormSet = forms.formset_factory(RecipientForm, extra=2, can_delete=True, max_num=80, absolute_max=120)


class Review:
    """The review page's form and its two row lists, bound or pre-filled together."""

    def __init__(self, data=None, *, units, initial: ImportedDocument | None = None):
        self.form = ReviewForm(data, units=units, initial=_form_initial(initial) if initial else None)
        self.citations = CitationFormSet(data, prefix="trich_dan", initial=[
            {"number_symbol": c.number_symbol, "issue_date": c.issue_date, "issuer": c.issuer, "doc_type": c.doc_type,
             "relation": c.relation} for c in initial.citations] if initial else None)
        self.recipients = RecipientFormSet(data, prefix="noi_nhan", initial=[
            {"label": r.label, "purpose": r.purpose, "in_kinh_gui": r.in_kinh_gui}
            for r in initial.recipients] if initial else None)

    def is_valid(self) -> bool:
        return all([self.form.is_valid(), self.citations.is_valid(), self.recipients.is_valid()])

    def imported(self) -> ImportedDocument:
        f = self.form.cleaned_data
        return ImportedDocument(
            doc_type=f["doc_type"], number_symbol=f["number_symbol"], issue_date=f["issue_date"], place=f["place"],
            issuer=f["issuer"], parent_issuer=f["parent_issuer"], subject=f["subject"], opening=f["opening"],
            signer_authority=f["signer_authority"], signer_authority_body=f["signer_authority_body"],
            signer_title=f["signer_title"], signer_name=f["signer_name"],
            reporting=[line.strip() for line in f["reporting"].splitlines() if line.strip()],
            citations=[CitedDocument(number_symbol=c["number_symbol"], issue_date=c["issue_date"], issuer=c["issuer"],
                                     doc_type=c["doc_type"], relation=c["relation"])
                       for c in _kept_rows(self.citations) if c["number_symbol"].strip()],
            recipients=[RecipientText(label=r["label"], purpose=r["purpose"], in_kinh_gui=r["in_kinh_gui"])
                        for r in _kept_rows(self.recipients) if r["label"].strip()],
        )

    def context(self) -> dict:
        return {"form": self.form, "citations": self.citations, "recipients": self.recipients}


def _form_initial(data: ImportedDocument) -> dict:
    return {
        "doc_type": data.doc_type, "number_symbol": data.number_symbol, "issue_date": data.issue_date,
        "place": data.place, "issuer": data.issuer, "parent_issuer": data.parent_issuer, "subject": data.subject,
        "opening": data.opening, "reporting": "\n".join(data.reporting), "signer_authority": data.signer_authority,
        "signer_authority_body": data.signer_authority_body, "signer_title": data.signer_title,
        "signer_name": data.signer_name,
    }


def _kept_rows(formset) -> list[dict]:
    return [form.cleaned_data for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")]


def _importer_units(user):
    if not imported.can_import(user):
        raise PermissionDenied("Chỉ người soạn thảo, lãnh đạo ký hoặc văn thư mới được nhập văn bản.")
    return access.drafting_units(user)


@login_required
def import_start(request):
    units = _importer_units(request.user)
    form = ImportSourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            text = form.read_text()
        except ImportRefused as exc:
            form.add_error("file" if form.cleaned_data.get("file") else "text", exc.message)
        else:
            review = Review(units=units, initial=imported.imported_from_text(text))
            return render(request, "directives/import_review.html", review.context())
    status = 400 if request.method == "POST" else 200
    return render(request, "directives/import.html", {"form": form}, status=status)


@login_required
@require_POST
def import_confirm(request):
    units = _importer_units(request.user)
    review = Review(request.POST, units=units)
    action = request.POST.get("action")
    if review.is_valid():
        data = review.imported()
        try:
            if action == "draft":
                unit = review.form.cleaned_data["unit"]
                if unit is None:
                    review.form.add_error("unit", "Chọn đơn vị sẽ soạn dự thảo.")
                else:
                    document = imported.imported_draft_create(actor=request.user, issuer=unit, data=data)
                    messages.success(request, "Đã tạo dự thảo từ văn bản nhập. Hãy chọn đơn vị nhận cho từng dòng "
                                              "Kính gửi / Nơi nhận trước khi trình ký.")
                    return redirect("directives:edit", document_id=document.pk)
            elif action == "external":
                document, created = imported.imported_external_register(actor=request.user, data=data)
                return _after_register(request, document, created)
            else:
                review.form.add_error(None, "Hãy chọn: ghi nhận văn bản ngoài hệ thống hoặc tạo dự thảo.")
        except Refused as exc:
            show_on_form(review.form, exc)
    return render(request, "directives/import_review.html", review.context(), status=400)


def _after_register(request, document, created: bool):
    label = f"{document.get_doc_type_display()} số {document.number_symbol}"
    if created:
        messages.success(request, f"Đã ghi nhận {label} là văn bản ngoài hệ thống.")
    else:
        messages.info(request, f"{label} đã có trong hệ thống; không tạo bản trùng.")
    if access.documents_visible_to(request.user).filter(pk=document.pk).exists():
        return redirect("directives:detail", document_id=document.pk)
    return redirect("directives:import")
