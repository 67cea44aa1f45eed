"""«Ký và gửi» with a signing credential (issue 17 item 2): the report PDF as sent carries the chairman's digital
signature and — when the seal's PIN is given — the body's over it. Unlike a document's, the number is filled into
its field before the person signs (the two happen in one step), so a report sent without the seal is a whole,
valid file under its leader's signature. A wrong or missing PIN is refused and takes no number.

Cast: khanh (chairman of CĐCS Bố Hạ) holds a SoftHSM2 token of the run's demo PKI; so does the CĐCS.
"""

from __future__ import annotations

import io

import pytest
import time_machine
from pypdf import PdfReader

from directives.numbering import next_number
from portal.signing import pdf as signed_pdf
from portal.signing.errors import SigningRefused
from reporting.models import Obligation, Report, ReportVersion
from reporting.services import obligations_create_for_document, report_submit
from tests.pdf.pdftext import flat, open_pdf
from tests.reporting.conftest import add_requirement, local, make_document
from tests.signing import conftest as signing_fixtures

signing_pki = signing_fixtures.signing_pki
DEMO_PIN = signing_fixtures.DEMO_PIN
person_credential_factory = signing_fixtures.person_credential_factory
body_credential_factory = signing_fixtures.body_credential_factory

DATA = {"sections": {"ket_qua_tuyen_truyen": "Ba buổi."}, "indicators": {"so_buoi_tuyen_truyen": "3"}}


@pytest.fixture
def ob(cast):
    with time_machine.travel(local(2024, 2, 10), tick=False):
        plan = make_document(issuer=cast.yenthe, recipients=[cast.cdcs])
        add_requirement(plan, frequency="semiannual", to_unit=cast.yenthe)
        obligations_create_for_document(document=plan, actor=cast.binh)
    return Obligation.objects.get(unit=cast.cdcs, period_key="2024-S1")


def test_the_sent_pdf_carries_the_persons_signature_and_the_bodys_seal(
    cast, ob, eager_media, person_credential_factory, body_credential_factory, DEMO_PIN
):
    person_credential_factory(cast.khanh)
    body_credential_factory(cast.cdcs)
    with time_machine.travel(local(2024, 6, 5), tick=False):
        for secret in (None, "000000"):  # no PIN, a wrong PIN: refused, no number taken, nothing kept
            with pytest.raises(SigningRefused):
                report_submit(actor=cast.khanh, obligation=ob, data=DATA, secret=secret)
        assert not Report.objects.filter(obligation=ob).exists() and not ReportVersion.objects.exists()
        report = report_submit(
            actor=cast.khanh, obligation=ob, data=DATA, secret=DEMO_PIN, seal_secret=DEMO_PIN
        )
    assert report.number_symbol == "01/BC-CĐCS"
    assert next_number(unit=cast.cdcs, doc_type="BC", year=2024) == 2
    data = ReportVersion.objects.get(report=report).pdf.read()
    checks = signed_pdf.verify(data).signatures
    assert len(checks) == 2 and all(c.intact for c in checks)
    text = flat("\n".join(page.extract_text() or "" for page in open_pdf(data).pages))
    assert "TM. BAN CHẤP HÀNH" in text and "Lương Văn Khánh" in text


def test_a_report_sent_without_the_seal_verifies_whole_under_the_leaders_signature(
    cast, ob, eager_media, person_credential_factory, body_credential_factory, DEMO_PIN
):
    """The clerk's seal PIN left empty: one signature, and it covers the file as stored — number and date
    included — so the portal's own verifier (and a recipient's) calls it valid, not «changed after signing»."""
    person_credential_factory(cast.khanh)
    body_credential_factory(cast.cdcs)
    with time_machine.travel(local(2024, 6, 5), tick=False):
        report = report_submit(actor=cast.khanh, obligation=ob, data=DATA, secret=DEMO_PIN)
    data = ReportVersion.objects.get(report=report).pdf.read()
    verification = signed_pdf.verify(data)
    assert [c.signer_name for c in verification.signatures] == ["Lương Văn Khánh"]
    assert verification.signatures[0].covers_whole_file and verification.ok
    fields = PdfReader(io.BytesIO(data)).get_fields()
    assert fields[signed_pdf.NUMBER_FIELD]["/V"] == "01/BC-CĐCS"
