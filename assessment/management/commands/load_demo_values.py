import time

from django.core.management.base import BaseCommand

from assessment.demo import load_demo_values


class Command(BaseCommand):
    help = "Nạp số liệu minh họa 2021–2024 cho tỉnh minh họa (Hà Tĩnh) và đánh giá; chạy lại không nhân đôi."

    def add_arguments(self, parser):
        parser.add_argument("--province", default="42")

    def handle(self, *args, province, **options):
        started = time.perf_counter()
        written = load_demo_values(province)
        self.stdout.write(f"Đã ghi {written} giá trị minh họa trong {time.perf_counter() - started:.1f} giây.")
