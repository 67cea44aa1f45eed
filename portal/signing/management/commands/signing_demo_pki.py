"""manage.py signing_demo_pki: the demo PKI and a credential for every demo signer and every unit with a signer.

Idempotent: the PKI is created once (root, issuing CA, TSA, CRLs under <data>/pki/), and only a signer or a
unit without a currently valid credential gets one (its key in a SoftHSM2 token, PIN 123456). Run after the
demo is loaded; a second run changes nothing."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from portal.signing import conf, pki
from portal.signing.services import demo_credentials_ensure


class Command(BaseCommand):
    help = (
        "Tạo hạ tầng khóa công khai dùng thử (CA gốc, CA trung gian, dịch vụ dấu thời gian, danh sách thu hồi) và "
        "chứng thư số cho mọi người ký, mọi cơ quan có người ký của dữ liệu mẫu; khóa nằm trong thiết bị SoftHSM2."
    )

    def handle(self, *args, **options):
        if not conf.demo_pki():
            # Not an error: scripts/run.sh runs this on every start, also where a real CA's certificates are used.
            self.stdout.write(
                "SIGNING_DEMO_PKI đang tắt: bản triển khai này dùng chứng thư số của CA thật — bỏ qua."
            )
            return
        started = time.monotonic()
        created = pki.ensure_demo_pki()
        persons, bodies = demo_credentials_ensure()
        seconds = time.monotonic() - started
        if not created and not persons and not bodies:
            self.stdout.write("Hạ tầng khóa dùng thử và chứng thư số của dữ liệu mẫu đã có sẵn — bỏ qua.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã cấp {persons} chứng thư số cá nhân và {bodies} chứng thư số cơ quan "
                f"(thư mục {conf.pki_dir()}, mã PIN thiết bị dùng thử {pki.DEMO_PIN}) trong {seconds:.1f} giây."
            )
        )
