"""python manage.py parse_notice FILE --json: the parse of a notice, no database needed."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from directives.parser import parse_notice


class Command(BaseCommand):
    help = "Phân tích một thông báo kết luận (tệp văn bản UTF-8) và in kết quả."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="tệp văn bản thông báo (UTF-8)")
        parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")

    def _fail(self, message: str) -> None:
        self.stderr.write(message)
        sys.exit(2)

    def handle(self, *args, **options) -> None:
        path = Path(options["file"])
        if not path.is_file():
            self._fail(f"Không tìm thấy tệp: {path}")
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            self._fail(f"Tệp không phải văn bản UTF-8: {path}")
        if not text.strip():
            self._fail(f"Tệp rỗng: {path}")
        result = parse_notice(text)
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        meta = result["meta"]
        self.stdout.write(f"{meta['province']} · số {meta['notice_number']} · ngày {meta['notice_date']}")
        for task in result["tasks"]:
            self.stdout.write(f"- {task['lead']}: {task['summary']} [{task['deadline']['text']}]")
