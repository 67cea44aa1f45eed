"""Pure operations on PDF bytes with pyHanko: the fields a signed document carries, the signatures, the
verification (issue 15; Nghị định 30/2020 art. 13.7, 14.3, 15.3 and Phụ lục I).

The order is the law's: ``prepare`` adds the four fields to the rendered, unsigned document; the competent
person signs first (``sign_person``: a certification signature whose DocMDP level FILL_FORMS permits what
follows); the register's number-symbol and the place-and-date line are then written into their text fields
(``fill_number``, an incremental update the person's signature permits); last the clerk applies the issuing
body's signature (``seal_body``, an approval signature that locks every field). Every signature is PAdES
baseline with a trusted timestamp and its validation data (certificates, CRLs, OCSP answers) put into the
document security store in the same revision as the signature (B-LT in one revision), so the body's signature,
the last one, covers the whole file.

``verify`` never raises on bad input: a broken file, a file without signatures, a changed byte are answers, in
Vietnamese, for the page that shows them and for ``manage.py verify_pdf``.

The package: ``geometry`` (Rect, Slots, where the widgets go), ``appearance`` (what the widgets and fields
show), ``signing`` (the four steps), ``verification`` (verify and its report). Everything public is importable
from ``portal.signing.pdf``.
"""

from portal.signing.pdf.appearance import iso_vn
from portal.signing.pdf.geometry import MM, Rect, Slots, attachment_rect, image_rect, seal_rect
from portal.signing.pdf.signing import (
    ATTACHMENT_FIELD,
    BODY_FIELD,
    DATE_FIELD,
    NUMBER_FIELD,
    PERSON_FIELD,
    PdfSigningError,
    fill_number,
    prepare,
    seal_attachment,
    seal_body,
    sign_person,
)
from portal.signing.pdf.verification import (
    MSG_CHANGED,
    MSG_NO_SIGNATURES,
    MSG_UNREADABLE,
    SignatureCheck,
    Verification,
    verify,
)

__all__ = [
    "ATTACHMENT_FIELD",
    "BODY_FIELD",
    "DATE_FIELD",
    "MM",
    "MSG_CHANGED",
    "MSG_NO_SIGNATURES",
    "MSG_UNREADABLE",
    "NUMBER_FIELD",
    "PERSON_FIELD",
    "PdfSigningError",
    "Rect",
    "SignatureCheck",
    "Slots",
    "Verification",
    "attachment_rect",
    "fill_number",
    "image_rect",
    "iso_vn",
    "prepare",
    "seal_attachment",
    "seal_body",
    "seal_rect",
    "sign_person",
    "verify",
]
