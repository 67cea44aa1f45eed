"""``manage.py import_accuracy [--json] [--corpus DIR] [--misses]``: how well the importer reads real documents.

Parses every document of the corpus (tests/directives/corpus/ by default: one .txt per document and
the hand-made answer key answers.json) and prints, per field, the share of documents read right,
with the targets of issue 17 (header fields ≥ 95 %, references, recipients and signer ≥ 90 %).
Exits with an error when the corpus is missing; the figures themselves never fail the command.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from directives.importing.accuracy import CORPUS_DIR, FIELDS, TARGETS, score_corpus

FIELD_LABELS = {
    "doc_type": "Loại văn bản",
    "number_symbol": "Số, ký hiệu",
    "issue_date": "Ngày ban hành",
    "place": "Địa danh",
    "issuer": "Cơ quan ban hành",
    "references": "Văn bản được dẫn",
    "recipients": "Nơi nhận / Kính gửi",
    "signer": "Người ký (chức vụ, họ tên)",
}
HEADER_LABEL = "loại, số và ký hiệu, ngày ban hành, địa danh, cơ quan ban hành"


class Command(BaseCommand):
    help = "Đo độ chính xác của chức năng nhập văn bản trên bộ văn bản mẫu có đáp án (theo từng trường)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="In kết quả dạng JSON")
        parser.add_argument(
            "--corpus", default=str(CORPUS_DIR), help="Thư mục bộ văn bản mẫu (có answers.json)"
        )
        parser.add_argument("--misses", action="store_true", help="Liệt kê các trường đọc sai")

    def handle(self, *args: Any, **options: Any) -> None:
        corpus = Path(options["corpus"])
        if not (corpus / "answers.json").is_file():
            raise CommandError(f"Không tìm thấy đáp án answers.json trong thư mục: {corpus}")
        try:
            report = score_corpus(corpus)
        except (OSError, KeyError, ValueError) as exc:
            raise CommandError(f"Không đọc được bộ văn bản mẫu {corpus}: {exc}") from exc
        data = report.to_json()
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(self._summary(data, misses=options["misses"]))

    def _summary(self, data: dict[str, Any], *, misses: bool) -> str:
        lines = [
            f"Bộ văn bản mẫu: {data['documents']} văn bản, {data['issuing_bodies']} loại cơ quan ban hành",
            "",
            f"{'Trường':<30} {'Đúng':>7}",
        ]
        for name in FIELDS:
            lines.append(f"{FIELD_LABELS[name]:<30} {_pct(data['fields'][name]):>7}")
        lines.append("")
        met = data["meets_targets"]
        lines.append(
            f"Phần đầu ({HEADER_LABEL}): {_pct(data['header'])}"
            f" (mục tiêu ≥ {_pct(TARGETS['header'])}) {'ĐẠT' if met['header'] else 'CHƯA ĐẠT'}"
        )
        for name in ("references", "recipients", "signer"):
            lines.append(
                f"{FIELD_LABELS[name]}: {_pct(data['fields'][name])} (mục tiêu ≥ {_pct(TARGETS[name])})"
                f" {'ĐẠT' if met[name] else 'CHƯA ĐẠT'}"
            )
        for name, scores in data["items"].items():
            lines.append(
                f"{FIELD_LABELS[name]} theo từng mục: độ chính xác {_pct(scores['precision'])},"
                f" độ bao phủ {_pct(scores['recall'])}"
            )
        if misses:
            lines.append("")
            lines.append("Các trường đọc sai:" if data["misses"] else "Không có trường nào đọc sai.")
            for miss in data["misses"]:
                lines.append(f"  {miss['file']} · {FIELD_LABELS[miss['field']]}")
                lines.append(f"    đáp án: {json.dumps(miss['expected'], ensure_ascii=False)}")
                lines.append(f"    đọc được: {json.dumps(miss['found'], ensure_ascii=False)}")
        return "\n".join(lines)


def _pct(value: float) -> str:
    return f"{value * 100:.1f} %".replace(".", ",")
