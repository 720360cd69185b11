from django.core.management import call_command
from django.core.management.base import BaseCommand

from accounts.demo import load_demo
from accounts.models import User
from assessment.demo import load_demo_values
from directives.demo import SEED_DIR, load_demo_notices
from finance.demo import load_demo_finance
from geo.models import AdministrativeUnit
from recognition.demo import load_demo_recognition
from targets.demo import load_demo_targets


class Command(BaseCommand):
    help = (
        "Chuẩn bị bản demo: bản đồ hành chính toàn quốc (lần đầu), các bộ tiêu chí, tỉnh minh họa Hà Tĩnh "
        "(cơ quan, một người dùng mỗi vai trò, số liệu minh họa 2021–2024), rồi in tài khoản. Chạy lại không nhân đôi."
    )

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/", help="address printed for the user")

    def handle(self, *args, url, **options):
        if not AdministrativeUnit.objects.provinces().exists():
            self.stdout.write("→ Nạp bản đồ hành chính toàn quốc (lần đầu)…")
            call_command("load_national_map", stdout=self.stdout)
        self.stdout.write("→ Bộ tiêu chí…")
        call_command("load_criteria", stdout=self.stdout)
        logins = load_demo()
        written = load_demo_values()
        if written:
            self.stdout.write(f"→ Đã ghi {written} giá trị minh họa (2021–2024) và đánh giá.")
        if SEED_DIR.is_dir():
            notices = load_demo_notices(User.objects.get(username="quantri"))
            if notices:
                self.stdout.write(f"→ Đã nạp {notices} thông báo kết luận mẫu cùng nhiệm vụ.")
        projects = load_demo_finance()
        if projects:
            self.stdout.write(f"→ Đã nạp {projects} dự án minh họa cùng kế hoạch vốn, giải ngân, nợ đọng, "
                              "xi măng và đỡ đầu (2021–2024).")
        dossiers = load_demo_recognition()
        if dossiers:
            self.stdout.write(f"→ Đã nạp {dossiers} hồ sơ công nhận minh họa (xã, thôn, khu dân cư kiểu mẫu, vườn mẫu) "
                              "và danh sách xã đăng ký năm 2024 cùng lộ trình.")
        if load_demo_targets():
            self.stdout.write("→ Đã đặt chỉ tiêu minh họa năm 2024 của tỉnh.")
        self.stdout.write(self.style.SUCCESS(f"\nntm đang chạy tại {url}"))
        self.stdout.write("Tài khoản minh họa (tỉnh Hà Tĩnh, năm 2022):")
        for login in logins:
            self.stdout.write(f"  {login.username:<10} mật khẩu {login.password}   {login.role} — {login.where}")
        self.stdout.write("")
