"""python manage.py import_units PATH [--actor USERNAME]

Imports units and people from an .xlsx or .csv file with the same all-or-nothing rules
as the upload page. A refused file prints every bad row and exits non-zero, so scripts
can rely on the exit status.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from portal.org.imports import ImportRefused, import_file


class Command(BaseCommand):
    help = (
        "Nhập đơn vị và người dùng từ tệp Excel (.xlsx) hoặc CSV (UTF-8). Tệp có dòng lỗi bị từ chối toàn bộ."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Đường dẫn tệp .xlsx hoặc .csv")
        parser.add_argument(
            "--actor",
            metavar="USERNAME",
            help="Tên đăng nhập của người thực hiện (ghi vào nhật ký, giới hạn theo quyền của người đó)",
        )

    def handle(self, *args, path: str, actor: str | None, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"Không tìm thấy tệp «{path}».")
        user = None
        if actor:
            user = get_user_model().objects.filter(username=actor).first()
            if user is None:
                raise CommandError(f"Không có người dùng «{actor}».")
        try:
            result = import_file(actor=user, filename=file.name, data=file.read_bytes())
        except ImportRefused as refused:
            self.stderr.write("Tệp bị từ chối, không có gì được ghi:")
            for error in refused.errors:
                self.stderr.write(f"  {error}")
            raise CommandError(f"Tệp «{file.name}» có {len(refused.errors)} lỗi.") from None
        if not result.changed:
            self.stdout.write("Không có thay đổi: dữ liệu trong tệp đã có sẵn.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã nhập xong. Thêm {result.units_created} đơn vị, cập nhật {result.units_updated} đơn vị; "
                f"thêm {result.users_created} người dùng, cập nhật {result.users_updated}; "
                f"thêm {result.memberships_created} vai trò."
            )
        )
