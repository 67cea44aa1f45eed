"""The demo's issued documents carry both digital signatures (issue 15, item 7): the signer's and the issuing body's,
from the demo PKI, as `python manage.py verify_pdf` shows for any of them.

The demo enters its documents already numbered and dated (their real numbers, a legacy issue), so the sign → number
→ seal flow's statuses would only be walked through for show; instead each document's whole signed file is made in
one call (directives.services.digital.signed_pdf_for: rendered unnumbered, signed by its signer, numbered, sealed by
its body) and kept with its verification, as document_seal keeps it. Every signer and issuing body gets a demo
certificate on a SoftHSM2 token (PIN portal.signing.pki.DEMO_PIN) if it has none.
"""

from __future__ import annotations

from contextlib import ExitStack

from django.db import transaction

from directives.models import Document, Status
from directives.services.digital import OpenKey, sealed_pdf_store, signed_pdf_for
from portal.org.models import Membership, Role
from portal.signing import keys, pki
from portal.signing.models import Credential
from portal.signing.services import credential_issue_demo


def demo_documents_sign() -> int:
    """Sign and seal every issued demo document that has no stored file yet. Returns how many were signed."""
    pki.ensure_demo_pki()
    documents = list(
        Document.objects.filter(status=Status.ISSUED, is_external=False, pdf="")
        .select_related("issuer", "signed_by")
        .order_by("id")
    )
    # Every certificate first: making a token re-initialises the PKCS#11 module, which would close the
    # sessions of tokens already open.
    credentials: dict[tuple[str, int], Credential] = {}
    for document in documents:
        for kind, holder in (("user", document.signed_by), ("unit", document.issuer)):
            if (kind, holder.pk) not in credentials:
                found = keys.person_credential(holder) if kind == "user" else keys.body_credential(holder)
                credentials[kind, holder.pk] = found or credential_issue_demo(actor=None, **{kind: holder})
    clerks = dict(
        Membership.objects.filter(role=Role.CLERK, unit__in={d.issuer_id for d in documents})
        .order_by("-id")
        .values_list("unit_id", "user_id")
    )
    # One open key per token for the whole run: a PKCS#11 login per document would cost more than the signature.
    with ExitStack() as stack:
        opened: dict[int, OpenKey] = {}

        def open_key(kind: str, holder) -> OpenKey:
            cred = credentials[kind, holder.pk]
            if cred.pk not in opened:
                opened[cred.pk] = OpenKey(cred, stack.enter_context(keys.open_signer(cred, pki.DEMO_PIN)))
            return opened[cred.pk]

        for document in documents:
            data = signed_pdf_for(
                document, open_key("user", document.signed_by), open_key("unit", document.issuer)
            )
            with transaction.atomic():
                sealed_pdf_store(document, data, sealed_by_id=clerks.get(document.issuer_id))
    return len(documents)
