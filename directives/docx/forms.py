"""The Word upload's form: the edited .docx and the draft's version it was downloaded from."""

from __future__ import annotations

from django import forms


class DocxUploadForm(forms.Form):
    file = forms.FileField(label="Tệp Word đã sửa (.docx)")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
