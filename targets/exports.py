"""The target pages' tables as Excel files, whole: ?xlsx=chi-tieu, ?xlsx=du-bao, ?xlsx=muc-tieu-quoc-gia and
?xlsx=ngheo-da-chieu on the year's page, ?xlsx=thong-bao on the notices' page."""

from decimal import Decimal

from django.http import Http404

from geo.models import AdministrativeUnit
from ntm.excel import Cell, Column, Kind, Sheet, xlsx_response
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
        figure = Kind.DECIMAL
        return xlsx_response(f"chi-tieu-{stamp}", Sheet(f"Chỉ tiêu {when}", [
            Column("Chỉ tiêu", width=55), Column("Đơn vị tính"), Column("Cách so sánh"), Column("Kế hoạch", figure),
            Column("Thực hiện", figure), Column("Tỷ lệ đạt (%)", Kind.PERCENT), Column("Vượt mức tối đa", figure),
            Column("Dự báo cuối năm", figure), Column("Trạng thái"), Column("Theo thông báo", width=40)],
            [_target_row(row) for row in rows], name="Chỉ tiêu"))
    if table == "du-bao":
        return xlsx_response(f"du-bao-xa-dat-chuan-{stamp}", Sheet(f"Dự báo xã đạt chuẩn nông thôn mới {when}", [
            Column("Xã"), Column("Huyện"), Column("Tiêu chí đạt"), Column("Dự báo"),
            Column("Chỉ tiêu chưa có người làm, thời hạn trong năm", width=60)],
            [[c.commune, c.district, c.criteria, c.verdict_label, ", ".join(c.outlook.uncovered)]
             for c in forecast.communes], name="Dự báo xã đạt chuẩn"))
    if table == "muc-tieu-quoc-gia" and goals:
        return xlsx_response(f"muc-tieu-quoc-gia-2030-{stamp}", Sheet(
            f"Mục tiêu quốc gia đến 2030 (của Chương trình, không phải chỉ tiêu của tỉnh) và số liệu {when}", [
                Column("Mục tiêu của Chương trình", width=45), Column("Số liệu của tỉnh", width=45),
                Column("Ghi chú", width=40), Column("Nguồn", width=40), Column("Địa chỉ nguồn", width=40)],
            [[g.goal.goal, "; ".join(f"{r.label}: {r.text}" for r in g.readings), g.goal.note, g.goal.source,
              " ".join(g.goal.addresses)] for g in goals], name="Mục tiêu quốc gia đến 2030"))
    if table == "ngheo-da-chieu":
        return xlsx_response(f"ty-le-ngheo-da-chieu-{stamp}", Sheet(
            f"Tỷ lệ nghèo đa chiều — {page.unit.full_name}", [
                Column("Năm", Kind.YEAR), Column("Tỷ lệ (%)", Kind.PERCENT, decimals=2),
                Column("Thay đổi so với năm trước (điểm %)", Kind.DECIMAL, decimals=2),
                Column("Nguồn số liệu", width=60)],
            [[year, figure.value if figure else None, change, figure.detail if figure else "Chưa có số liệu"]
             for year, figure, change in poverty]))
    raise Http404


def _target_row(row: TargetProgress) -> list:
    target = row.target
    source = str(target.notice_target.notice) if target.notice_target else ""
    decimals = row.measure.decimals if row.measure else 2

    def figure(value: Decimal | None) -> Cell:
        return Cell(value, decimals=decimals)

    return [measure_label(target.measure), measure_unit(target.measure),
            COMPARATORS.get(target.comparator, ""), figure(target.value), figure(row.actual), row.share,
            figure(row.excess), figure(row.forecast), row.status_label, source]


def notices_table(table: str, province: AdministrativeUnit, notices):
    if table != "thong-bao":
        raise Http404
    rows = []
    for notice in notices:
        for target in notice.targets.all():
            rows.append([notice.number, notice.date, target.text, measure_label(target.metric),
                         "" if target.metric in MEASURES else NOT_COMPUTED, target.value, target.unit,
                         target.year or notice.date.year, "x" if target.adopted_as.all() else ""])
    return xlsx_response(f"chi-tieu-theo-thong-bao-{province.code}", Sheet(
        f"Chỉ tiêu nêu trong thông báo kết luận — {province.full_name}", [
            Column("Số thông báo"), Column("Ngày", Kind.DATE), Column("Nguyên văn", width=50),
            Column("Chỉ tiêu", width=45), Column("Ghi chú", width=30), Column("Giá trị", Kind.NUMBER),
            Column("Đơn vị tính"), Column("Năm", Kind.YEAR), Column("Đã áp dụng")], rows))
