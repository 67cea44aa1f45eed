"""manage.py load_demo: the demo on an empty database (scripts/run.sh runs it with --once on every start).

It lives in reporting, the top app, because the demo spans every floor (reporting/demo.py composes them)."""

from django.core.management.base import BaseCommand

from portal.org.models import Unit
from reporting.demo import demo_build


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu từ chuỗi văn bản gốc: cây đơn vị, tài khoản mọi vai trò, văn bản và tình hình triển khai."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Bỏ qua nếu đã có dữ liệu mẫu.")

    def handle(self, *args, once=False, **options):
        if Unit.objects.filter(code="bg-ldld").exists():
            if once:
                self.stdout.write("Dữ liệu mẫu đã có sẵn — bỏ qua.")
                return
            self.stderr.write("Dữ liệu mẫu đã có; dùng cơ sở dữ liệu trống để nạp lại.")
            return
        count, docs = demo_build()
        self.stdout.write(self.style.SUCCESS(f"Đã nạp {count} đơn vị và {len(docs)} văn bản mẫu."))
