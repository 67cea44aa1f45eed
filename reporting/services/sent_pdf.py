"""A report's PDF as it is sent: numbered, with the signature block as signed, and digitally signed when the
signer holds a credential (reporting.services.reports.report_submit stores it with the version)."""

from __future__ import annotations

from directives.pdf.conf import regime_style
from portal.signing import keys
from portal.signing import pdf as signed_pdf
from portal.signing.errors import SigningRefused
from reporting import rendering
from reporting.models import Obligation, Report


def sent_pdf(
    obligation: Obligation, report: Report, *, actor, secret: str | None, seal_secret: str | None
) -> bytes:
    """The PDF as sent: numbered, with the signature block as signed. When the signer holds a signing credential
    it carries their digital signature (PIN ``secret``) and, when the unit's seal credential is opened too
    (``seal_secret``, the clerk's PIN), the body's signature over it (portal.signing.pdf: prepare → fill_number →
    sign_person → seal_body). Unlike a document, whose number the clerk gives after the signer has signed, a
    report is numbered in the same step as it is signed, so the number is written before the signature: the
    leader's signature then covers the whole file as sent, and a report sent without the seal verifies as a
    complete, unchanged file. Without a credential the printed block is the signature, as for documents issued
    without keys."""
    credential = keys.person_credential(actor)
    if credential is None:
        return rendering.report_pdf_bytes(obligation, report)
    if not secret:
        raise SigningRefused("wrong_pin", "Hãy nhập mã PIN của thiết bị ký số để ký báo cáo.")
    unit = obligation.unit
    description = f"Ký báo cáo số {report.number_symbol}"
    sizes = regime_style(unit.regime).sizes_pt
    with keys.open_signer(credential, secret, description=description) as signer:
        unsigned, slots, layout = rendering.report_unsigned_pdf(obligation, report)
        numbered = signed_pdf.fill_number(
            signed_pdf.prepare(unsigned, slots),
            number_text=layout.number_symbol_text(),
            date_text=layout.place_date_line(),
            number_pt=float(sizes["number"]),
            date_pt=float(sizes["date"]),
        )
        data = signed_pdf.sign_person(
            numbered, signer, image_png=bytes(credential.image), reason="Ký báo cáo"
        )
    seal = keys.body_credential(unit)
    if seal is not None and seal_secret:
        with keys.open_signer(seal, seal_secret, description=description) as body_signer:
            data = signed_pdf.seal_body(data, body_signer, seal_png=bytes(seal.image), body_name=unit.name)
    return data
