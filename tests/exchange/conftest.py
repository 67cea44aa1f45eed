"""Fixtures of the exchange tests.

--- helper D (packets, receive, commands) ---
- ``exchange_key`` (session): the run's exchange credential — a key and certificate of the tests' demo PKI
  (tests/signing/conftest.py's ``signing_pki``), with EXCHANGE_SIGNING_KEY/CERT pointed at them.
- ``organ_codes``: the cast's units with their electronic identifier codes (mã định danh), {short name: code}.
- ``issued``: 97-HD/BTGTU of Ban Tuyên giáo Tỉnh ủy, issued with a small PDF, Nơi nhận and a task for LĐLĐ tỉnh.
- ``tiny_pdf()``: a one-page PDF's bytes.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import override_settings

from tests.signing.conftest import signing_pki  # noqa: F401 — the demo PKI the exchange key is issued from

# --- helper D ------------------------------------------------------------------------------------------------------

CODES = {
    "btgtu": "000.00.31.G01",
    "ldld": "000.00.12.H10",
    "yenthe": "000.12.12.H10",
    "tanyen": "000.13.12.H10",
    "cdcs": "000.14.12.H10",
    "laichau": "000.00.31.H29",
}


@pytest.fixture(scope="session")
def exchange_key(signing_pki):  # noqa: F811 — the session fixture imported above
    from directives.exchange import keys

    folder = signing_pki / "exchange"
    override = override_settings(
        EXCHANGE_SIGNING_KEY=str(folder / "key.pem"),
        EXCHANGE_SIGNING_CERT=str(folder / "cert.pem"),
        EXCHANGE_TRUSTED_CERTS=[],
    )
    override.enable()
    keys.demo_key_ensure()
    yield folder
    override.disable()


def tiny_pdf(text: str = "97-HD/BTGTU") -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": text})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def codes_give(cast) -> dict[str, str]:
    """Give the cast's units their codes: through portal.org's identifiers when they exist (helper C), else the
    unit's own code stands in (directives.exchange.packet's interim)."""
    from portal.org.models import Unit

    try:
        from portal.org.models import UnitIdentifier
    except ImportError:
        UnitIdentifier = None  # noqa: N806
    given = {}
    for short, code in CODES.items():
        unit = getattr(cast, short)
        if UnitIdentifier is not None:
            UnitIdentifier.objects.create(unit=unit, code=code, valid_from=dt.date(2020, 1, 1))
        else:
            Unit.objects.filter(pk=unit.pk).update(code=code)
            unit.code = code
        given[short] = code
    return given


@pytest.fixture
def organ_codes(cast):
    return codes_give(cast)


@pytest.fixture
def issued(cast, organ_codes, exchange_key, settings, tmp_path):
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from directives.models import Delivery, Document, Recipient, Status, Task

    settings.MEDIA_ROOT = str(tmp_path / "media")
    document = Document.objects.create(
        doc_type="HD",
        issuer=cast.btgtu,
        number=97,
        number_symbol="97-HD/BTGTU",
        department="BTGTU",
        place="Bắc Giang",
        issue_date=dt.date(2024, 2, 6),
        subject="Hướng dẫn tuyên truyền kỷ niệm 94 năm Ngày thành lập Đảng",
        signer_authority="KT",
        signer_authority_body="Trưởng ban",
        signer_title="Phó Trưởng ban",
        signer_name="Nguyễn Thị Hạnh",
        status=Status.ISSUED,
        issued_at=timezone.make_aware(dt.datetime(2024, 2, 6, 9, 0)),
        issuer_snapshot={"name": cast.btgtu.name},
    )
    document.pdf.save("97-HD-BTGTU.pdf", ContentFile(tiny_pdf()), save=True)
    Recipient.objects.create(document=document, order=1, label="LĐLĐ tỉnh Bắc Giang", unit=cast.ldld)
    Recipient.objects.create(document=document, order=2, label="Lưu Văn phòng Ban", printed=True)
    task = Task.objects.create(
        document=document, order=1, title="LĐLĐ tỉnh", text="Tuyên truyền", due_date=dt.date(2024, 3, 15)
    )
    task.units.add(cast.ldld)
    Delivery.objects.create(
        document=document, unit=cast.ldld, purpose="thuc_hien", delivered_at=document.issued_at
    )
    return document
