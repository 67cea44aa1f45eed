"""Tìm kiếm: the search page (/van-ban/tim-kiem/?q=…&loai=&co_quan=&nam=&trang_thai=)."""

from __future__ import annotations

from dataclasses import replace

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from directives import search
from directives.models import DocType, Status
from directives.services import imported
from portal.lib import params

PAGE_SIZE = 25


class SearchForm(forms.Form):
    q = forms.CharField(label="Từ khóa", required=False, max_length=200,
                        widget=forms.TextInput(attrs={"type": "search", "autofocus": True,
                                                      "placeholder": "Số, ký hiệu, trích yếu, nội dung, tên đơn vị…"}))
    loai = forms.ChoiceField(label="Loại", required=False, choices=[("", "Mọi loại"), *DocType.choices])
    co_quan = forms.TypedChoiceField(label="Cơ quan ban hành", required=False, coerce=params.id_coerce,
                                     empty_value=None)
    nam = forms.IntegerField(label="Năm", required=False, min_value=1945, max_value=2100)
    trang_thai = forms.ChoiceField(label="Trạng thái", required=False, choices=[("", "Mọi trạng thái"), *Status.choices])

    def __init__(self, *args, issuers=(), **kwargs):
        super().__init__(*args, **kwargs)
        chosen = self.data.get("co_quan", "")
        choices = [(str(pk), name) for pk, name in issuers]
        if chosen.isdigit() and chosen not in {pk for pk, _ in choices}:
            # Keep a filter chosen earlier even when it is not among this page's issuers.
            choices.append((chosen, "(cơ quan đã chọn)"))
        self.fields["co_quan"].choices = [("", "Mọi cơ quan"), *choices]

    def filters(self) -> search.DocumentFilters:
        f = self.cleaned_data if self.is_valid() else {}
        return search.DocumentFilters(doc_type=f.get("loai") or "", issuer_id=f.get("co_quan"),
                                      year=f.get("nam"), status=f.get("trang_thai") or "")


@login_required
def search_page(request):
    params.parse_id(request.GET.get("co_quan"), name="co_quan")  # an impossible id: 400, not an empty page
    parsed = search.parse_query(request.GET.get("q", ""))
    filters = SearchForm(request.GET).filters()
    documents = search.documents_search(request.user, parsed, filters)
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("trang"))
    searched = bool(parsed) or bool(filters)
    first_page = page.number == 1 and bool(parsed)
    # The issuer choices come from the matches before the issuer filter, so another can be picked.
    issuers = search.document_issuers(search.documents_search(request.user, parsed, replace(filters, issuer_id=None)))
    context = {
        "form": SearchForm(request.GET or None, issuers=issuers if searched else ()),
        "query": parsed,
        "searched": searched,
        "page": page,
        "units": search.units_search(request.user, parsed) if first_page else [],
        "sections": search.other_sections_search(request.user, parsed) if first_page else [],
        "can_import": imported.can_import(request.user),
    }
    return render(request, "directives/search.html", context)
