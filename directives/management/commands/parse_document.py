"""``manage.py parse_document PATH [--json]``: what the importer would pre-fill from an existing document.

A clerk's tool and a debugging aid for the import form: it reads the file exactly as the upload
does (same refusals, same messages) and prints either the JSON draft or a Vietnamese summary.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from directives.importing import DEFAULT_MAX_BYTES, ImportRefused, extract_text, parse_document
from directives.importing.patterns.doctypes import DOC_TYPES

PURPOSE_LABELS = {
    "thuc_hien": "để thực hiện",
    "bao_cao": "để báo cáo",
    "phoi_hop": "để phối hợp",
    "de_biet": "để biết",
    "luu": "lưu",
}
MISSING = "(không rõ)"


class Command(BaseCommand):
    help = "Trích xuất thông tin (loại, số ký hiệu, ngày, cơ quan, văn bản cấp trên…) từ tệp .txt, .docx hoặc .pdf."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="Đường dẫn tới tệp .txt, .docx hoặc .pdf")
        parser.add_argument("--json", action="store_true", help="In kết quả dạng JSON")
        parser.add_argument(
            "--max-mb",
            type=float,
            default=DEFAULT_MAX_BYTES / (1024 * 1024),
            help="Dung lượng tệp tối đa (MB)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        try:
            data = path.read_bytes()
        except FileNotFoundError as exc:
            raise CommandError(f"Không tìm thấy tệp: {path}") from exc
        except IsADirectoryError as exc:
            raise CommandError(f"Đường dẫn là thư mục, không phải tệp: {path}") from exc
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp {path}: {exc.strerror}") from exc
        try:
            text = extract_text(filename=path.name, data=data, max_bytes=int(options["max_mb"] * 1024 * 1024))
        except ImportRefused as exc:
            raise CommandError(exc.message) from exc
        document = parse_document(text)
        if options["json"]:
            self.stdout.write(json.dumps(document.to_json(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(self._summary(document.to_json(extended=True)))

    def _summary(self, data: dict[str, Any]) -> str:
        code = data["doc_type"]
        type_name = f"{DOC_TYPES[code][0]} ({code})" if code in DOC_TYPES else (code or MISSING)
        date = data["issue_date"]
        lines = [
            f"Loại văn bản: {type_name}",
            f"Số, ký hiệu: {data['number_symbol'] or MISSING}",
            f"Ngày ban hành: {_vn_date(date) if date else MISSING}",
            f"Địa danh: {data['place'] or MISSING}",
            f"Cơ quan ban hành: {data['issuer'] or MISSING}",
            f"Cơ quan chủ quản: {data['parent_issuer'] or MISSING}",
            f"Trích yếu: {data['subject'] or MISSING}",
            "Văn bản cấp trên được dẫn:",
        ]
        for ref in data["parent_refs"]:
            parts = [ref["number_symbol"]]
            if ref["date"]:
                parts.append(f"ngày {_vn_date(ref['date'])}")
            if ref["issuer"]:
                parts.append(f"của {ref['issuer']}")
            lines.append("  - " + " ".join(parts))
        if not data["parent_refs"]:
            lines.append("  (không có)")
        others = [
            ref
            for ref in data["references"]
            if ref["number_symbol"] not in {r["number_symbol"] for r in data["parent_refs"]}
        ]
        if others:
            lines.append("Văn bản khác được nhắc đến trong nội dung:")
            lines.extend(
                "  - " + ref["number_symbol"] + (f" ngày {_vn_date(ref['date'])}" if ref["date"] else "")
                for ref in others
            )
        for heading, key in (("Kính gửi:", "kinh_gui"), ("Nơi nhận:", "noi_nhan")):
            if data[key]:
                lines.append(heading)
                for item in data[key]:
                    purpose = PURPOSE_LABELS.get(item["purpose"] or "", "")
                    lines.append(f"  - {item['label']}" + (f" ({purpose})" if purpose else ""))
        lines.append("Chế độ báo cáo:")
        lines.extend(f"  - {sentence}" for sentence in data["reporting"])
        if not data["reporting"]:
            lines.append("  (không thấy yêu cầu báo cáo)")
        if data["attachment"]:
            title = data["attachment"].split("\n", 1)[0]
            lines.append(f"Phần ban hành kèm theo (là nội dung văn bản): {title}")
        signer = data["signer"]
        signed = " / ".join(part for part in (signer["authority"], signer["title"], signer["name"]) if part)
        lines.append(f"Người ký: {signed or MISSING}")
        return "\n".join(lines)


def _vn_date(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"
