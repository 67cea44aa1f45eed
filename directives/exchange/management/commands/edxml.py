"""manage.py edxml: export an issued document's edXML packet, or import a packet into the incoming register.

    python manage.py edxml export 97-HD/BTGTU --to 000.00.12.H01 --out 97-HD.xml [--business new|recall|update|replace]
    python manage.py edxml import 97-HD.xml

The import is the hub's reception (packet_receive, via "command"): verified, registered or refused with its reason."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from directives.exchange import packet
from directives.exchange.errors import ExchangeRefused
from directives.exchange.services.receive import packet_receive
from directives.models import Document, Status


class Command(BaseCommand):
    help = "Xuất gói tin edXML của văn bản đã ban hành, hoặc nhập một gói tin edXML vào sổ văn bản đến."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="Xuất gói tin edXML đã ký của một văn bản đã ban hành.")
        export.add_argument("number_symbol", help="Số, ký hiệu của văn bản, ví dụ 97-HD/BTGTU")
        export.add_argument("--to", required=True, help="Mã định danh (OrganId) của nơi nhận")
        export.add_argument("--out", required=True, help="Tệp gói tin ghi ra")
        export.add_argument("--business", default="new", choices=["new", "recall", "update", "replace"])
        export.add_argument("--reason", default="", help="Lý do (thu hồi, thay thế, cập nhật)")
        imported = sub.add_parser("import", help="Nhập một gói tin edXML (văn bản hoặc trạng thái).")
        imported.add_argument("file", help="Tệp gói tin")

    def handle(self, *args, **options):
        if options["action"] == "export":
            return self._export(options)
        return self._import(options)

    def _export(self, options):
        documents = list(
            Document.objects.filter(
                number_symbol=options["number_symbol"],
                is_external=False,
                status__in=[Status.ISSUED, Status.REVOKED],
            ).select_related("issuer")[:2]
        )
        if not documents:
            raise CommandError(f"Không có văn bản đã ban hành số {options['number_symbol']}.")
        if len(documents) > 1:
            raise CommandError(
                f"Có nhiều văn bản số {options['number_symbol']}; hãy xuất qua API theo mã văn bản."
            )
        to_unit = packet.unit_for_organ_id(options["to"])
        if to_unit is None:
            raise CommandError(f"Không có đơn vị nào mang mã định danh «{options['to']}».")
        try:
            data = packet.build_document_packet(
                documents[0], to_unit=to_unit, business_type=options["business"], reason=options["reason"]
            )
        except ExchangeRefused as refusal:
            raise CommandError(refusal.message) from refusal
        out = Path(options["out"])
        out.write_bytes(data)
        self.stdout.write(
            self.style.SUCCESS(f"Đã ghi gói tin {len(data):,} byte vào {out}.".replace(",", "."))
        )

    def _import(self, options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp {path}: {exc.strerror}") from exc
        try:
            record = packet_receive(data, via="command")
        except ExchangeRefused as refusal:
            raise CommandError(f"Gói tin bị từ chối: {refusal.message}") from refusal
        if record.entry is not None and record.kind == "document" and record.business_type != "recall":
            entry = record.entry
            self.stdout.write(
                self.style.SUCCESS(
                    f"Đã vào sổ văn bản đến của {entry.unit.name}: số đến {entry.number_label}/{entry.year} — "
                    f"{entry.number_symbol} ({entry.sender_name})."
                )
            )
        elif record.business_type == "recall":
            self.stdout.write(self.style.SUCCESS(f"Đã thu hồi văn bản {record.edxml_id} theo gói tin."))
        else:
            self.stdout.write(self.style.SUCCESS(f"Đã nhận gói tin trạng thái «{record.status_code}»."))
