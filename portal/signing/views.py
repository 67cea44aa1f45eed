"""The demo PKI's revocation lists, served where its certificates say (CRL distribution points): public, as a
CA's CRLs are — a validator outside the portal fetches them without an account."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from portal.signing import conf, pki


@require_GET
@cache_control(public=True, max_age=300)
def crl(request, crl_name: str):
    if crl_name not in pki.CRL_NAMES or not conf.demo_pki():
        raise Http404("Không có danh sách thu hồi này.")
    response = HttpResponse(pki.crl_bytes(crl_name), content_type="application/pkix-crl")
    response["Content-Disposition"] = f'attachment; filename="{crl_name}.crl"'
    return response
