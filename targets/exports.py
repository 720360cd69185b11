"""The target pages' tables as Excel files, whole: ?xlsx=chi-tieu, ?xlsx=du-bao, ?xlsx=muc-tieu-quoc-gia and
?xlsx=ngheo-da-chieu on the year's page, ?xlsx=thong-bao on the notices' page."""

from decimal import Decimal

from django.http import Http404

from geo.models import AdministrativeUnit
from ntm.table_export import xlsx_response
from targets.forecast import Forecast
from targets.goals import GoalRow
from targets.measures import MEASURES
from targets.models import Comparator
from targets.page import TargetsPage
from targets.poverty import PovertyFigure
from targets.progress import TargetProgress
from targets.vocabulary import measure_label, measure_unit

COMPARATORS = dict(Comparator.choices)
NOT_COMPUTED = "Chưa có cách tính trong hệ thống: không áp dụng được"


def overview_table(table: str, page: TargetsPage, rows: list[TargetProgress], forecast: Forecast,
                   goals: list[GoalRow], poverty: list[tuple[int, PovertyFigure | None, Decimal | None]]):
    stamp = f"{page.year}-den-{page.day:%d-%m-%Y}"
    when = f"{page.unit.full_name} năm {page.year}, số liệu đến ngày {page.day:%d/%m/%Y}"
    if table == "chi-tieu":
        return xlsx_response(
            f"chi-tieu-{stamp}", f"Chỉ tiêu {when}",
            ["Chỉ tiêu", "Đơn vị tính", "Cách so sánh", "Kế hoạch", "Thực hiện", "Tỷ lệ đạt (%)", "Vượt mức tối đa",
             "Dự báo cuối năm", "Trạng thái", "Theo thông báo"],
            [_target_row(row) for row in rows],
        )
    if table == "du-bao":
        return xlsx_response(
            f"du-bao-xa-dat-chuan-{stamp}", f"Dự báo xã đạt chuẩn nông thôn mới {when}",
            ["Xã", "Huyện", "Tiêu chí đạt", "Dự báo", "Chỉ tiêu chưa có người làm, thời hạn trong năm"],
            [[c.commune, c.district, c.criteria, c.verdict_label, ", ".join(c.outlook.uncovered)]
             for c in forecast.communes],
        )
    if table == "muc-tieu-quoc-gia" and goals:
        return xlsx_response(
            f"muc-tieu-quoc-gia-2030-{stamp}", f"Mục tiêu quốc gia đến 2030 (của Chương trình, không phải chỉ tiêu "
            f"của tỉnh) và số liệu {when}",
            ["Mục tiêu của Chương trình", "Số liệu của tỉnh", "Ghi chú", "Nguồn", "Địa chỉ nguồn"],
            [[g.goal.goal, "; ".join(f"{r.label}: {r.text}" for r in g.readings), g.goal.note, g.goal.source,
              " ".join(g.goal.addresses)] for g in goals],
        )
    if table == "ngheo-da-chieu":
        return xlsx_response(
            f"ty-le-ngheo-da-chieu-{stamp}", f"Tỷ lệ nghèo đa chiều — {page.unit.full_name}",
            ["Năm", "Tỷ lệ (%)", "Thay đổi so với năm trước (điểm %)", "Nguồn số liệu"],
            [[str(year), figure.value if figure else None, change, figure.detail if figure else "Chưa có số liệu"]
             for year, figure, change in poverty],
        )
    raise Http404


def _target_row(row: TargetProgress) -> list:
    target = row.target
    source = str(target.notice_target.notice) if target.notice_target else ""
    return [measure_label(target.measure), measure_unit(target.measure),
            COMPARATORS.get(target.comparator, ""), target.value, row.actual, row.share, row.excess, row.forecast,
            row.status_label, source]


def notices_table(table: str, province: AdministrativeUnit, notices):
    if table != "thong-bao":
        raise Http404
    rows = []
    for notice in notices:
        for target in notice.targets.all():
            rows.append([notice.number, notice.date, target.text, measure_label(target.metric),
                         "" if target.metric in MEASURES else NOT_COMPUTED, target.value, target.unit,
                         target.year or notice.date.year, "x" if target.adopted_as.all() else ""])
    return xlsx_response(
        f"chi-tieu-theo-thong-bao-{province.code}", f"Chỉ tiêu nêu trong thông báo kết luận — {province.full_name}",
        ["Số thông báo", "Ngày", "Nguyên văn", "Chỉ tiêu", "Ghi chú", "Giá trị", "Đơn vị tính", "Năm", "Đã áp dụng"], rows,
    )
