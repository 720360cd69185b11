import argparse
import datetime
import re
import sys
from pathlib import Path
from typing import NoReturn

from django.conf import settings
from django.core.management.base import BaseCommand

from criteria import evaluate_csv, files
from criteria.definitions import CriteriaSet
from criteria.yaml_format import SetFileError
from geo.models import AdministrativeUnit, Attribute, Level
from geo.queries import attribute_on

INPUT_ERROR = 2  # the file, a value, an indicator code or the set is wrong: nothing is printed on stdout
UNKNOWN_CONTEXT = 1  # some communes have no known region/group: the others are printed, these are reported
FIRST_YEAR, LAST_YEAR = 2010, 2100


def year_argument(raw: str) -> int:
    """ "2024" → 2024; ASCII digits of a year the program can have, else argparse's error in Vietnamese."""
    if not re.fullmatch(r"[0-9]{4}", raw.strip()) or not FIRST_YEAR <= int(raw) <= LAST_YEAR:
        raise argparse.ArgumentTypeError(f"năm '{raw[:20]}' không hợp lệ (từ {FIRST_YEAR} đến {LAST_YEAR})")
    return int(raw)


class Command(BaseCommand):
    help = (
        "Đánh giá các xã từ tệp CSV (commune_code,region,group,indicator_code,value) theo bộ tiêu chí trong "
        "criteria/sets, không ghi gì vào cơ sở dữ liệu. In ra mỗi xã một dòng: "
        "commune_code,criteria_met,criteria_total,meets_standard,unmet_criteria. "
        "Mã thoát: 0 thành công; 2 tệp hoặc giá trị không hợp lệ (không in kết quả); "
        "1 có xã không xác định được vùng/nhóm (các xã khác vẫn được in, xã lỗi báo ở stderr)."
    )

    def add_arguments(self, parser):
        parser.add_argument("input", help="tệp CSV (UTF-8, có thể có BOM); '-' để đọc từ đầu vào chuẩn")
        parser.add_argument(
            "--set",
            required=True,
            dest="set_code",
            metavar="CODE",
            help="mã bộ tiêu chí, ví dụ commune-2021-2025",
        )
        parser.add_argument(
            "--year", required=True, type=year_argument, help="năm đánh giá: phiên bản có hiệu lực ngày 31/12 của năm"
        )

    def handle(self, *args, input, set_code, year, **options):
        criteria_set = self._criteria_set(set_code, year)
        communes = self._communes(input, criteria_set)
        lines, problems = evaluate_csv.evaluate(communes, criteria_set, year, database_lookup(year))
        for line in lines:
            self.stdout.write(line)
        if problems:
            self._fail(problems, UNKNOWN_CONTEXT)

    def _criteria_set(self, set_code: str, year: int) -> CriteriaSet:
        directory = getattr(settings, "CRITERIA_SETS_DIR", None)
        try:
            criteria_set = files.set_for_year(set_code, year, Path(directory) if directory else None)
        except (files.UnknownSet, files.DuplicateVersion) as error:
            self._fail([error.message], INPUT_ERROR)
        except SetFileError as error:
            self._fail([str(error)], INPUT_ERROR)
        if not criteria_set.is_valid_on(files.year_end(year)):
            self.stderr.write(
                f"Cảnh báo: không phiên bản nào của {set_code} có hiệu lực ngày 31/12/{year}; "
                f"dùng phiên bản {criteria_set.version} ({criteria_set.source_file})."
            )
        return criteria_set

    def _communes(self, input: str, criteria_set: CriteriaSet) -> list[evaluate_csv.CommuneInput]:
        try:
            text = (
                sys.stdin.buffer.read().decode("utf-8-sig")
                if input == "-"
                else Path(input).read_text(encoding="utf-8-sig")
            )
        except FileNotFoundError:
            self._fail([f"Không đọc được tệp {input}: tệp không tồn tại."], INPUT_ERROR)
        except OSError:
            self._fail([f"Không đọc được tệp {input}: không phải tệp hoặc không có quyền đọc."], INPUT_ERROR)
        except UnicodeDecodeError:
            self._fail([f"Tệp {input} không phải văn bản UTF-8."], INPUT_ERROR)
        try:
            return evaluate_csv.read_input(text, criteria_set)
        except evaluate_csv.InputErrors as errors:
            name = "(đầu vào chuẩn)" if input == "-" else Path(input).name
            self._fail([f"{name}, dòng {p.row}: {p.message}" for p in errors.problems], INPUT_ERROR)

    def _fail(self, messages: list[str], code: int) -> NoReturn:
        for message in messages:
            self.stderr.write(message)
        raise SystemExit(code)


def database_lookup(year: int) -> evaluate_csv.Lookup:
    """Region or commune group of a commune from the administrative map, on 31 December of `year`."""
    day = files.year_end(year)

    def lookup(code: str, attribute: str) -> str | None:
        unit = find_unit(code, day)
        if unit is None:
            return None
        # A commune that ended before the day (merged in 2025, say) answers as on its last day.
        when = day if unit.is_valid_on(day) else (unit.last_valid_day() or day)
        found = attribute_on(unit, Attribute(attribute), when)
        return found.value if found else None

    return lookup


def find_unit(code: str, day: datetime.date) -> AdministrativeUnit | None:
    """The commune with this code valid on `day`; else the latest commune row with it; else any row with it."""
    rows = AdministrativeUnit.objects.filter(code=code).select_related("parent__parent__parent")

    def rank(unit: AdministrativeUnit) -> tuple[bool, bool, datetime.date]:
        is_commune = unit.level == Level.COMMUNE
        return (is_commune and unit.is_valid_on(day), is_commune, unit.valid_from or datetime.date.min)

    return max(rows, key=rank, default=None)
