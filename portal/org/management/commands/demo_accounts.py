from django.conf import settings
from django.core.management.base import BaseCommand

from portal.org.demo import demo_accounts_table


class Command(BaseCommand):
    help = "In danh sách tài khoản mẫu (mọi vai trò) và mật khẩu mẫu."

    def handle(self, *args, **options):
        rows = demo_accounts_table()
        if len(rows) <= 1:
            self.stdout.write("Chưa có dữ liệu mẫu: chạy python manage.py load_demo.")
            return
        self.stdout.write(f"Tài khoản mẫu — mật khẩu chung: {settings.DEMO_PASSWORD}")
        width = max(len(r[0]) for r in rows)
        for username, name, roles in rows:
            self.stdout.write(f"  {username.ljust(width)}  {name} — {roles}")
