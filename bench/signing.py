"""Signing and sealing beside rendering: one document, then a batch (issue 15).

    .venv/bin/python bench/signing.py [--count 100]

Each document goes the way an issued one goes: rendered for signing (WeasyPrint, the five seed samples in
turn, blanks measured), prepared (four fields), signed by the person (PKCS#11 key on a SoftHSM2 token, PAdES
B-LT: a timestamp from the demo TSA and the validation data in the same revision), numbered (incremental
update), sealed by the body (a second token), and verified as a recipient would. The demo PKI and the two
tokens live in a temporary folder (nothing else is touched; no database). Each token session is opened once
per run — a person types the PIN once for a batch — and the time to open one is printed on its own.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BODY = "Ban Tuyên giáo Tỉnh ủy Bắc Giang"
PERSON = "Nguyễn Văn Hạnh"
STEPS = ("render", "prepare", "sign (person)", "number", "seal (body)", "verify")


def _credential(issued, token_label: str, key_label: str):
    """An unsaved Credential: what keys.open_signer reads, without a database."""
    from portal.signing import pki
    from portal.signing.models import Credential

    return Credential(
        kind="pkcs11",
        certificate_pem=pki.certificate_pem(issued.certificate),
        chain_pem=pki.chain_pem(),
        not_before=issued.certificate.not_valid_before_utc,
        not_after=issued.certificate.not_valid_after_utc,
        token_label=token_label,
        key_label=key_label,
        active=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100, help="documents in the batch")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from django.test import override_settings

    from directives.pdf.samples import sample_layouts
    from directives.pdf.slots import render_pdf_with_slots
    from portal.signing import images, keys, pdf, pki, tokens

    folder = tempfile.mkdtemp(prefix="bench-signing-")
    override_settings(
        SIGNING_DATA_DIR=folder, SIGNING_DEMO_PKI=True, SIGNING_TSA_URL="", SIGNING_ALLOW_FETCHING=False
    ).enable()
    start = time.perf_counter()
    pki.ensure_demo_pki()
    person = pki.issue_certificate(common_name=PERSON, organisation=BODY)
    body = pki.issue_certificate(common_name=BODY, organisation=BODY)
    person_credential = _credential(
        person, "bench-person", tokens.token_import(person, token_label="bench-person")
    )
    body_credential = _credential(body, "bench-body", tokens.token_import(body, token_label="bench-body"))
    setup_seconds = time.perf_counter() - start
    signature_png, seal_png = images.demo_signature_png(PERSON), images.demo_seal_png(BODY)
    layouts = [
        dataclasses.replace(layout, number=None, issue_date=None, signature_image_mm=18.0)
        for layout in sample_layouts().values()
    ]

    def one(index: int, person_signer, body_signer, totals: dict[str, float]) -> bool:
        clock = time.perf_counter()

        def lap(step: str) -> None:
            nonlocal clock
            now = time.perf_counter()
            totals[step] += now - clock
            clock = now

        data, places = render_pdf_with_slots(layouts[index % len(layouts)])
        slots = pdf.Slots(*(pdf.Rect(*places[k]) for k in ("slot-number", "slot-date", "slot-signature")))
        lap("render")
        data = pdf.prepare(data, slots)
        lap("prepare")
        data = pdf.sign_person(data, person_signer, image_png=signature_png, reason="Ký ban hành")
        lap("sign (person)")
        data = pdf.fill_number(
            data, number_text=f"{index + 1}/KH-BTGTU", date_text="Bắc Giang, ngày 06 tháng 02 năm 2024"
        )
        lap("number")
        data = pdf.seal_body(data, body_signer, seal_png=seal_png, body_name=BODY)
        lap("seal (body)")
        ok = pdf.verify(data).ok
        lap("verify")
        return ok

    clock = time.perf_counter()
    with keys.open_signer(person_credential, pki.DEMO_PIN) as person_signer:
        open_seconds = time.perf_counter() - clock
        with keys.open_signer(body_credential, pki.DEMO_PIN) as body_signer:
            single = dict.fromkeys(STEPS, 0.0)
            single_ok = one(0, person_signer, body_signer, single)
            batch = dict.fromkeys(STEPS, 0.0)
            batch_ok = [one(i, person_signer, body_signer, batch) for i in range(args.count)]

    def row(label: str, one_doc: float, many: float) -> str:
        return f"| {label:<22} | {one_doc:>10.3f} | {many:>12.2f} | {many / args.count:>12.3f} |"

    print(
        f"Demo PKI and two SoftHSM2 tokens made in {setup_seconds:.2f} s; a token session opened in {open_seconds:.3f} s"
    )
    print(f"| {'step':<22} | {'1 document':>10} | {f'{args.count} documents':>12} | {'per document':>12} |")
    print(f"|{'-' * 24}|{'-' * 11}:|{'-' * 13}:|{'-' * 13}:|")
    for step in STEPS:
        print(row(step, single[step], batch[step]))
    sign_seal = ("prepare", "sign (person)", "number", "seal (body)")
    print(row("sign + number + seal", sum(single[s] for s in sign_seal), sum(batch[s] for s in sign_seal)))
    print(f"seconds; every document verified: {single_ok and all(batch_ok)}")


if __name__ == "__main__":
    main()
