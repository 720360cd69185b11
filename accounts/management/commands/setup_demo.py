from django.core.management import call_command
from django.core.management.base import BaseCommand

from accounts.demo import load_demo
from geo.models import AdministrativeUnit


class Command(BaseCommand):
    help = "Loads the national map (once) and the demo province Hà Tĩnh with one user per role; prints the logins."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/", help="address printed for the user")

    def handle(self, *args, url, **options):
        if not AdministrativeUnit.objects.provinces().exists():
            self.stdout.write("→ Nạp bản đồ hành chính toàn quốc (lần đầu)…")
            call_command("load_national_map", stdout=self.stdout)
        logins = load_demo()
        self.stdout.write(self.style.SUCCESS(f"\nntm đang chạy tại {url}"))
        self.stdout.write("Tài khoản minh họa (tỉnh Hà Tĩnh, năm 2022):")
        for login in logins:
            self.stdout.write(f"  {login.username:<10} mật khẩu {login.password}   {login.role} — {login.where}")
        self.stdout.write("")
