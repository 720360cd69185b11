from django.core.management.base import BaseCommand, CommandError

from criteria import services, yaml_format


class Command(BaseCommand):
    help = "Nạp các bộ tiêu chí quốc gia từ criteria/sets/*.yaml (kiểm tra từng tệp; chạy lại chỉ cập nhật tệp đã đổi)."

    def handle(self, *args, **options):
        try:
            outcome = services.load_set_files()
        except yaml_format.SetFileError as error:
            raise CommandError(str(error)) from error
        words = {"created": "nạp mới", "updated": "cập nhật", "unchanged": "không đổi"}
        for record, what in outcome:
            self.stdout.write(f"  {record.code}@{record.version}: {words[what]}")
        self.stdout.write(self.style.SUCCESS(f"{len(outcome)} bộ tiêu chí."))
