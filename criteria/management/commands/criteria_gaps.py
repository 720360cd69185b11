from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from criteria import files, gaps
from criteria.yaml_format import SetFileError


class Command(BaseCommand):
    help = (
        "Liệt kê mọi ngưỡng chưa kiểm chứng (tạm tính) và còn thiếu của các bộ tiêu chí trong criteria/sets, "
        "theo từng phiên bản, kèm tổng số."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--set", dest="set_code", metavar="CODE", help="chỉ bộ tiêu chí có mã này (mọi phiên bản)"
        )

    def handle(self, *args, set_code, **options):
        directory = getattr(settings, "CRITERIA_SETS_DIR", None)
        try:
            sets = files.load_all_sets(Path(directory) if directory else None)
        except (SetFileError, files.DuplicateVersion) as error:
            self.stderr.write(str(error))
            raise SystemExit(2) from None
        if set_code:
            known = sorted({s.code for s in sets})
            sets = [s for s in sets if s.code == set_code]
            if not sets:
                self.stderr.write(files.UnknownSet(set_code, known).message)
                raise SystemExit(2)
        self.stdout.write(gaps.report(sets), ending="")
