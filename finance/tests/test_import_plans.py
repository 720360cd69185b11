"""Capital plans by workbook: allocations and adjustments as plan changes, skipped when already there."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest

from accounts.models import AuditEntry
from finance.imports.common import FinanceFileError
from finance.imports.plans import SHEET, TITLES, PlansResult, import_plans, plans_template
from finance.models import CapitalPlan, PlanChange, Project, SourceKind

CENTRAL = "Ngân sách Trung ương — đầu tư phát triển"
# DA-02 gets its first provincial capital of 2024, then a lowering; DA-01 a central adjustment on top of its 1 billion.
ROWS = [
    ["DA-02", 2024, "Ngân sách tỉnh", "10/01/2024", "800.000.000", "QĐ 50/QĐ-UBND", "Giao đầu năm"],
    ["DA-02", 2024, "provincial", datetime.date(2024, 6, 1), -300_000_000, "QĐ 900/QĐ-UBND", None],
    ["DA-01", 2023, CENTRAL, "01/07/2023", "-200.000.000 đồng", "QĐ 700/QĐ-UBND", ""],
]


def plans_file(filled, rows: list[list]) -> bytes:
    return filled(plans_template([], 2024), SHEET, 2, rows)


def uploaded(content: bytes, geo_map, by) -> PlansResult:
    return import_plans(content, province=geo_map.province, by=by)


def refused(content: bytes, geo_map, by) -> list[str]:
    with pytest.raises(FinanceFileError) as caught:
        uploaded(content, geo_map, by)
    return [str(error) for error in caught.value.errors]


def written() -> tuple[int, int, int]:
    return CapitalPlan.objects.count(), PlanChange.objects.count(), AuditEntry.objects.count()


def changes_of(project: Project, year: int, source: str) -> list[tuple]:
    return list(PlanChange.objects.filter(plan__project=project, plan__year=year, plan__source=source)
                .values_list("effective", "amount", "decision", "note"))


def test_the_template_offers_a_row_per_project_for_the_year_with_names_sources_and_guide(road, school, rows_of, geo_map):
    content = plans_template(Project.objects.filter(province=geo_map.province), 2024)
    assert openpyxl.load_workbook(io.BytesIO(content)).sheetnames == [SHEET, "Nguồn vốn", "Danh mục dự án", "Hướng dẫn"]
    assert rows_of(content, SHEET) == [TITLES, ("DA-01", 2024, *[None] * 5), ("DA-02", 2024, *[None] * 5)]
    assert rows_of(content, "Danh mục dự án")[1:] == [("DA-01", "Đường trục xã Kỳ Tân"), ("DA-02", "Trường mầm non Kỳ Lạc")]
    assert (CENTRAL, "central_investment") in rows_of(content, "Nguồn vốn")


def test_rows_become_plan_changes_and_a_missing_plan_is_created(road, school, filled, geo_map, officer):
    assert uploaded(plans_file(filled, ROWS), geo_map, officer) == PlansResult(created=3, skipped=0)
    assert changes_of(school, 2024, SourceKind.PROVINCIAL) == [
        (datetime.date(2024, 1, 10), Decimal(800_000_000), "QĐ 50/QĐ-UBND", "Giao đầu năm"),
        (datetime.date(2024, 6, 1), Decimal(-300_000_000), "QĐ 900/QĐ-UBND", ""),
    ]
    assert changes_of(road, 2023, SourceKind.CENTRAL_INVESTMENT) == [
        (datetime.date(2023, 1, 15), Decimal(1_000_000_000), "QĐ 1", ""),
        (datetime.date(2023, 7, 1), Decimal(-200_000_000), "QĐ 700/QĐ-UBND", ""),
    ]
    assert written() == (3, 5, 3)
    assert set(AuditEntry.objects.values_list("action", "actor", "unit")) == {("create_plan_change", officer.pk, geo_map.province.pk)}


def test_filling_the_downloaded_template_imports_the_filled_rows_and_ignores_the_others(road, school, filled, geo_map, officer):
    template = plans_template(Project.objects.filter(province=geo_map.province), 2024)
    content = filled(template, SHEET, 3, [["DA-02", 2024, "provincial", "10/01/2024", 800_000_000, "QĐ 50/QĐ-UBND"]])
    assert uploaded(content, geo_map, officer) == PlansResult(created=1, skipped=0)
    assert changes_of(school, 2024, SourceKind.PROVINCIAL) == [(datetime.date(2024, 1, 10), Decimal(800_000_000), "QĐ 50/QĐ-UBND", "")]


def test_the_same_file_imported_again_changes_nothing(road, school, filled, geo_map, officer):
    uploaded(plans_file(filled, ROWS), geo_map, officer)
    before = written()
    assert uploaded(plans_file(filled, ROWS), geo_map, officer) == PlansResult(created=0, skipped=3)
    assert written() == before


def test_a_row_differing_from_a_stored_change_only_by_its_decision_is_a_new_change(road, filled, geo_map, officer):
    row = ["DA-01", 2023, CENTRAL, "15/01/2023", 1_000_000_000, "QĐ 1"]
    assert uploaded(plans_file(filled, [row]), geo_map, officer) == PlansResult(created=0, skipped=1)
    assert uploaded(plans_file(filled, [[*row[:5], "QĐ 1b"]]), geo_map, officer) == PlansResult(created=1, skipped=0)


def test_lowering_a_plan_below_zero_is_refused(road, filled, geo_map, officer):
    row = ["DA-01", 2023, CENTRAL, "01/07/2023", -1_200_000_000, "QĐ 700/QĐ-UBND"]
    assert refused(plans_file(filled, [row]), geo_map, officer) == [
        "Dòng 2, cột E (Số tiền (đồng)): Điều chỉnh giảm 1.200.000.000 đồng làm kế hoạch vốn năm 2023 nguồn "
        "'Ngân sách Trung ương — đầu tư phát triển' của dự án DA-01 bị âm từ ngày 01/07/2023 (kế hoạch khi đó chỉ có 1.000.000.000 đồng)."
    ]
    assert written() == (1, 1, 0)


def test_lowering_before_the_allocation_takes_effect_is_refused(road, filled, geo_map, officer):
    [message] = refused(plans_file(filled, [["DA-01", 2023, CENTRAL, "10/01/2023", -5, "QĐ 5"]]), geo_map, officer)
    assert "bị âm từ ngày 10/01/2023 (kế hoạch khi đó chỉ có 0 đồng)" in message


def test_lowering_that_would_make_a_later_stored_adjustment_go_below_zero_is_refused(road, filled, geo_map, officer):
    plan = CapitalPlan.objects.get(project=road)
    PlanChange.objects.create(plan=plan, effective=datetime.date(2023, 9, 1), amount=Decimal(-800_000_000), decision="QĐ 9")
    [message] = refused(plans_file(filled, [["DA-01", 2023, CENTRAL, "01/03/2023", -300_000_000, "QĐ 3"]]), geo_map, officer)
    assert "bị âm từ ngày 01/09/2023 (kế hoạch khi đó chỉ có 200.000.000 đồng)" in message


def test_lowering_covered_by_an_increase_of_the_same_file_is_accepted(road, filled, geo_map, officer):
    rows = [["DA-01", 2023, CENTRAL, "01/07/2023", -1_200_000_000, "QĐ 700"],
            ["DA-01", 2023, CENTRAL, "01/07/2023", 500_000_000, "QĐ 699"]]
    assert uploaded(plans_file(filled, rows), geo_map, officer) == PlansResult(created=2, skipped=0)


BAD_ROWS = [
    pytest.param(["DA-99", 2023, CENTRAL, "01/07/2023", 5, "QĐ 1"], "Dòng 3, cột A (Mã dự án): Mã dự án 'DA-99' không có trong danh mục dự án của Tỉnh Mẫu.", id="unknown project"),
    pytest.param(["DA-01", 2023, CENTRAL, "01/07/2024", 5, "QĐ 1"], "Dòng 3, cột D (Hiệu lực từ): Ngày hiệu lực 01/07/2024 không thuộc năm kế hoạch 2023.", id="year of another date"),
    pytest.param(["DA-01", 2023, CENTRAL, "01/07/2023", 5, ""], "Dòng 3, cột F (Quyết định): Thiếu quyết định giao hoặc điều chỉnh kế hoạch vốn.", id="no decision"),
    pytest.param(["DA-01", 2023, CENTRAL, "01/07/2023", 0, "QĐ 1"], "Dòng 3, cột E (Số tiền (đồng)): Số tiền phải khác 0.", id="zero"),
    pytest.param(["DA-01", 2023, CENTRAL, "01/07/2023", "5,5", "QĐ 1"], "Dòng 3, cột E (Số tiền (đồng)): '5,5': số tiền (đồng) phải là số nguyên.", id="fraction"),
    pytest.param(["DA-01", 2023, CENTRAL, "", 5, "QĐ 1"], "Dòng 3, cột D (Hiệu lực từ): Thiếu ngày.", id="no date"),
    pytest.param(["DA-01", "", CENTRAL, "01/07/2023", 5, "QĐ 1"], "Dòng 3, cột B (Năm): Thiếu năm.", id="no year"),
    pytest.param(["DA-01", 2023, "", "01/07/2023", 5, "QĐ 1"], "Dòng 3, cột C (Nguồn vốn): Thiếu nguồn vốn.", id="no source"),
    pytest.param(["DA-01", 2023, CENTRAL, "01/07/2023", 5, "QĐ 1", "x" * 301], "Dòng 3, cột G (Ghi chú): Ghi chú dài quá 300 ký tự.", id="long note"),
    pytest.param(ROWS[0], "Dòng 3, cột A (Mã dự án): Dòng này trùng với dòng 2.", id="same row twice"),
]


@pytest.mark.parametrize(("row", "message"), BAD_ROWS)
def test_a_bad_row_is_named_by_row_and_column_and_nothing_is_written(road, school, filled, geo_map, officer, row, message):
    assert refused(plans_file(filled, [ROWS[0], row]), geo_map, officer) == [message]
    assert written() == (2, 2, 0)


def test_the_wrong_file_is_refused(filled, geo_map, officer):
    workbook = openpyxl.Workbook()
    workbook.active.title = "KHV"
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert refused(buffer.getvalue(), geo_map, officer) == [
        "Không tìm thấy trang tính 'Kế hoạch vốn' (tệp có: 'KHV'). Hãy dùng tệp mẫu tải về từ hệ thống."
    ]
    assert refused(b"", geo_map, officer) == ["Tệp không phải là tệp Excel (.xlsx) hợp lệ. Hãy dùng tệp mẫu tải về từ hệ thống."]
