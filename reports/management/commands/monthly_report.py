import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from geo.models import AdministrativeUnit
from reports import schedule
from reports.figures import office_figures
from reports.monthly_excel import monthly_xlsx
from reports.monthly_word import monthly_docx

BUILDERS = {".docx": monthly_docx, ".xlsx": monthly_xlsx}


class Command(BaseCommand):
    help = ("Lập báo cáo tiến độ tháng của một tỉnh (Word theo Nghị định 30/2020/NĐ-CP, hoặc biểu Excel), "
            "mọi số liệu do ntm tính. Ví dụ: monthly_report --province 42 --period 2024-09 "
            "--out bao-cao-09-2024.docx")

    def add_arguments(self, parser):
        parser.add_argument("--province", required=True, help="mã tỉnh (GSO), ví dụ 42 là Hà Tĩnh")
        parser.add_argument("--period", required=True, help="tháng báo cáo, dạng NNNN-TT, ví dụ 2024-09")
        parser.add_argument("--out", required=True, help="tệp kết quả: .docx (Word) hoặc .xlsx (Excel)")

    def handle(self, *args, province, period, out, **options):
        path = Path(out)
        build = BUILDERS.get(path.suffix.lower())
        if build is None:
            raise CommandError(f"Tệp “{out}” phải có đuôi .docx (Word) hoặc .xlsx (Excel).")
        try:
            month = schedule.parse_month(period)
            day = schedule.report_day(month, timezone.localdate())
        except schedule.BadPeriod as error:
            raise CommandError(str(error)) from None
        area = AdministrativeUnit.objects.provinces().valid_on(day).filter(code=province.strip()).first()
        if area is None:
            raise CommandError(f"Không có tỉnh mã “{province}” vào ngày {day:%d/%m/%Y}.")
        started = time.perf_counter()
        self.stdout.write(f"→ Tính số liệu {area.full_name} đến ngày {day:%d/%m/%Y}…")
        content = build(office_figures(area, month.year, day), month)
        path.write_bytes(content)  # only once everything is computed: a failure leaves no half-written file
        self.stdout.write(self.style.SUCCESS(
            f"Đã ghi {path} ({len(content) / 1024:.0f} KB) trong {time.perf_counter() - started:.1f} giây."))
