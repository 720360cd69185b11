import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from directives.services import roll_recurring
from inbox.mail import send_reminders


class Command(BaseCommand):
    help = ("Chạy hằng ngày (cron): tạo kỳ mới của nhiệm vụ hằng tháng, rồi gửi mỗi người dùng có địa chỉ thư "
            "danh sách “Việc cần làm” của mình (như trên trang chủ).")

    def add_arguments(self, parser):
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None, help="YYYY-MM-DD (mặc định: hôm nay)")
        parser.add_argument("--site-url", default="", help="địa chỉ trang ntm để in kèm đường dẫn, vd https://ntm.hatinh.gov.vn")

    def handle(self, *args, today, site_url, **options):
        today = today or timezone.localdate()
        rolled = roll_recurring(today)
        sent = send_reminders(today, site_url)
        self.stdout.write(f"{today:%d/%m/%Y}: {rolled} kỳ mới của nhiệm vụ hằng tháng, {sent} thư nhắc việc.")
