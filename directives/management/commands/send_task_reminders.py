import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from directives.reminders import send_reminders
from directives.services import roll_recurring


class Command(BaseCommand):
    help = "Chạy hằng ngày (cron): tạo kỳ mới của nhiệm vụ hằng tháng, gửi thư nhắc nhiệm vụ sắp đến hạn và quá hạn."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7, help="nhắc nhiệm vụ đến hạn trong số ngày này")
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None, help="YYYY-MM-DD (mặc định: hôm nay)")

    def handle(self, *args, days, today, **options):
        today = today or timezone.localdate()
        rolled = roll_recurring(today)
        sent = send_reminders(today, days)
        self.stdout.write(f"{today:%d/%m/%Y}: {rolled} kỳ mới của nhiệm vụ hằng tháng, {sent} thư nhắc.")
