from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from accounts.demo import load_demo, load_demo_today
from accounts.models import User
from assessment.demo import load_demo_values
from assessment.demo_today import load_demo_today as load_demo_figures_today
from criteria.demo import load_demo_set_2026
from directives.demo import SEED_DIR, load_demo_notices
from directives.demo import load_demo_today as load_demo_notice_today
from finance.demo import load_demo_finance
from geo.demo import load_demo_commune_groups
from geo.models import AdministrativeUnit
from programme.services import mark_illustrative
from recognition.demo import load_demo_recognition, load_demo_recognition_today
from targets.demo import load_demo_targets, load_demo_targets_today

DEMO_PROVINCE = "42"


class Command(BaseCommand):
    help = (
        "Chuẩn bị bản demo: bản đồ hành chính toàn quốc (lần đầu), các bộ tiêu chí, tỉnh minh họa Hà Tĩnh "
        "(cơ quan, một người dùng mỗi vai trò, số liệu minh họa 2021–2026 theo địa giới của từng năm), rồi in tài "
        "khoản. Chạy lại không nhân đôi."
    )

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/", help="address printed for the user")

    def handle(self, *args, url, **options):
        if not AdministrativeUnit.objects.provinces().exists():
            self.stdout.write("→ Nạp bản đồ hành chính toàn quốc (lần đầu)…")
            call_command("load_national_map", stdout=self.stdout)
        self.stdout.write("→ Bộ tiêu chí…")
        call_command("load_criteria", stdout=self.stdout)
        load_demo()
        admin = User.objects.get(username="quantri")
        self._history(admin)
        logins = self._today(admin)
        self.stdout.write(self.style.SUCCESS(f"\nntm đang chạy tại {url}"))
        self.stdout.write(f"Tài khoản minh họa (tỉnh Hà Tĩnh, tháng {timezone.localdate():%m/%Y}):")
        for login in logins:
            self.stdout.write(f"  {login.username:<10} mật khẩu {login.password}   {login.role} — {login.where}")
        self.stdout.write("")

    def _history(self, admin) -> None:
        """2021–2024 on the map of their time, with districts."""
        written = load_demo_values(DEMO_PROVINCE)
        if written:
            self.stdout.write(f"→ Đã ghi {written} giá trị minh họa (2021–2024) và đánh giá.")
        if SEED_DIR.is_dir():
            notices = load_demo_notices(admin)
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

    def _today(self, admin):
        """Since 1/7/2025 the communes stand under the province; since 15/02/2026 the 2026–2030 set applies."""
        province = AdministrativeUnit.objects.provinces().get(code=DEMO_PROVINCE, valid_to__isnull=True)
        mark_illustrative(province, by=admin)  # its pages say "Số liệu minh họa" once, not each decision
        if load_demo_commune_groups(province, by=admin):
            self.stdout.write("→ Đã đặt nhóm xã minh họa (giai đoạn 2026–2030) cho các xã của tỉnh.")
        load_demo_set_2026(province, by=admin)
        written = load_demo_figures_today(province)
        if written:
            self.stdout.write(f"→ Đã ghi {written} giá trị minh họa 2025–2026 của các xã sau sắp xếp (bộ tiêu chí "
                              "minh họa 2026–2030 nhập từ Excel).")
        logins = load_demo_today(timezone.localdate())
        if load_demo_recognition_today(province):
            self.stdout.write("→ Đã lập danh sách xã đăng ký năm 2026 cùng lộ trình và hồ sơ theo quy trình không còn "
                              "cấp huyện.")
        if load_demo_targets_today(province):
            self.stdout.write("→ Đã đặt chỉ tiêu minh họa năm 2026 của tỉnh.")
        if load_demo_notice_today(province, admin):
            self.stdout.write("→ Đã nạp thông báo kết luận minh họa tháng 11/2026 cùng nhiệm vụ của các sở, ngành và xã.")
        return logins
