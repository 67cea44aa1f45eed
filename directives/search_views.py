"""Tìm kiếm: the search page (/van-ban/tim-kiem/?q=…&loai=&co_quan=&nam=&trang_thai=)."""

from __future__ import annotations

from dataclasses import replace

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from directives import search
from directives.forms import SearchForm
from directives.services import imported
from portal.lib import params

PAGE_SIZE = 25


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
    issuers = search.document_issuers(
        search.documents_search(request.user, parsed, replace(filters, issuer_id=None))
    )
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
