"""``manage.py verify_pdf PATH [--json]``: every digital signature of a PDF, as a recipient's clerk checks it.

For each signature, in signing order: the signer and organisation, the signing time and the timestamp, whether
it is intact, whether its certificate chains to the configured roots and was not revoked at the signing time,
and whether it covers the whole file (or only its revision, with what changed after it). The exit status is
0 when the file verifies (every signature holds and the last one covers the whole file), 1 otherwise, so the
command can gate a script.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from portal.signing.pdf import SignatureCheck, Verification, iso_vn, verify

YES, NO = "có", "không"
QUIET_LOGGERS = ("pyhanko", "pyhanko_certvalidator", "fontTools", "portal.signing.pdf")
MODIFICATIONS = {
    "NONE": "không có",
    "LTA_UPDATES": "chỉ thêm dữ liệu kiểm tra (DSS, dấu thời gian lưu trữ)",
    "FORM_FILLING": "điền biểu mẫu, thêm chữ ký (được phép)",
    "ANNOTATIONS": "thêm ghi chú",
    "OTHER": "sửa đổi nội dung",
}


def _when(value: Any) -> str:
    return iso_vn(value) if value else "(không có)"


def describe(check: SignatureCheck, index: int) -> list[str]:
    return [
        f"Chữ ký {index} ({check.field}): {'HỢP LỆ' if check.ok else 'KHÔNG HỢP LỆ'}",
        f"  Người ký:          {check.signer_name}",
        f"  Cơ quan, tổ chức:  {check.organisation or '(không ghi)'}",
        f"  Thời điểm ký:      {_when(check.signing_time)}",
        f"  Dấu thời gian:     {_when(check.timestamp_time) if check.timestamped else NO}",
        f"  Toàn vẹn:          {YES if check.intact else NO}",
        f"  Tin cậy:           {YES if check.trusted else NO}{' (chứng thư đã bị thu hồi)' if check.revoked else ''}",
        f"  Bao trùm cả tệp:   {YES if check.covers_whole_file else NO}",
        f"  Thay đổi sau ký:   {MODIFICATIONS.get(check.modification, check.modification or '(không rõ)')}",
        *(f"  Vấn đề: {problem}" for problem in check.problems),
    ]


def report(verification: Verification) -> str:
    if verification.error or not verification.signatures:
        return verification.summary_vi
    lines: list[str] = []
    for index, check in enumerate(verification.signatures, start=1):
        lines.extend(describe(check, index))
    lines.append("Kết luận: " + ("tệp hợp lệ" if verification.ok else "tệp KHÔNG hợp lệ"))
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Kiểm tra mọi chữ ký số trong một tệp PDF: người ký, cơ quan, thời điểm ký, toàn vẹn, tin cậy."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="Đường dẫn tới tệp PDF")
        parser.add_argument("--json", action="store_true", help="In kết quả dạng JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        # pyHanko logs every failed path or check with its traceback; the report below says what failed.
        for name in QUIET_LOGGERS:
            logging.getLogger(name).setLevel(logging.CRITICAL)
        path = Path(options["path"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp {path}: {exc.strerror}") from exc
        verification = verify(data)
        if options["json"]:
            self.stdout.write(json.dumps(verification.to_json(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(report(verification))
        if not verification.ok:
            raise SystemExit(1)
