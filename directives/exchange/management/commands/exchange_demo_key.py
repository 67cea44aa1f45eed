"""manage.py exchange_demo_key: the demo's exchange credential (the key edXML packets are signed with).

Idempotent, like signing_demo_pki beside it: with the demo PKI on and no key at EXCHANGE_SIGNING_KEY /
EXCHANGE_SIGNING_CERT (default <data>/exchange/signing-key.pem, signing-cert.pem), issues one from the demo issuing
CA; otherwise changes nothing. Production names a real CA's key and certificate in those settings instead."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from directives.exchange import conf, keys
from portal.signing import conf as signing_conf


class Command(BaseCommand):
    help = (
        "Tạo khóa và chứng thư số liên thông dùng thử (ký gói tin edXML) từ hạ tầng khóa công khai dùng thử."
    )

    def handle(self, *args, **options):
        if keys.demo_key_ensure():
            self.stdout.write(
                self.style.SUCCESS(
                    f"Đã tạo khóa liên thông {conf.signing_key_path()} và chứng thư số {conf.signing_cert_path()}."
                )
            )
        elif conf.signing_key_path().exists():
            self.stdout.write(f"Khóa liên thông đã có tại {conf.signing_key_path()} — bỏ qua.")
        elif not signing_conf.demo_pki():
            self.stdout.write(
                "SIGNING_DEMO_PKI đang tắt: hãy đặt EXCHANGE_SIGNING_KEY và EXCHANGE_SIGNING_CERT (khóa của CA thật)."
            )
