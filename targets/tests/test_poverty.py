"""The multidimensional poverty rate over the years: the province's published figure first, else the plain average
of its communes' values of the indicator tagged poverty_rate in the set in force (the province's own version when it
has one); the program's goals for 2030 beside the targets; recording the published figure."""

import datetime
import html
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.models import AuditEntry, Role
from assessment.models import IndicatorValue
from conftest import SMALL_SET
from criteria.models import CriteriaSetRecord
from ntm.locking import StaleVersion
from targets import services
from targets.goals import NATIONAL_GOALS_2030, goals_for_year
from targets.models import ReportedFigure
from targets.poverty import (
    Origin,
    PovertyFigure,
    average_rate,
    latest_per_commune,
    poverty_figure,
    poverty_series,
    with_changes,
)
from targets.tests.conftest import DAY, YEAR

D = datetime.date
POVERTY_CRITERION = """
  - number: "4"
    name: Nghèo đa chiều
    owner: Sở Nông nghiệp và Môi trường
    indicators:
      - {code: "4.1", name: Tỷ lệ nghèo đa chiều, value_type: percent, operator: le, tags: [poverty_rate], thresholds: [{value: 6}]}
"""


@pytest.mark.parametrize(("values", "expected"), [
    ([], None),
    ([Decimal("3.5")], Decimal("3.50")),
    ([Decimal("3.5"), Decimal("5.5"), Decimal(2)], Decimal("3.67")),  # 11 / 3, half up
    ([Decimal("1.005"), Decimal(0)], Decimal("0.50")),  # 0,5025
])
def test_the_average_is_plain_and_has_two_decimals(values, expected):
    assert average_rate(values) == expected


def test_each_commune_counts_with_its_latest_readable_value():
    rows = [(1, "4", D(2023, 3, 1)), (1, "3.5", D(2023, 9, 1)), (1, "9", D(2023, 6, 1)),  # September is the latest
            (2, True, D(2023, 9, 1)), (3, "abc", D(2023, 9, 1)), (4, "120", D(2023, 9, 1)), (5, None, D(2023, 1, 1)),
            (6, "0", D(2023, 2, 1))]
    assert sorted(latest_per_commune(rows)) == [Decimal(0), Decimal("3.5")]


def test_the_change_is_read_in_points_between_years_with_figures():
    figure = lambda year, value: PovertyFigure(year, Decimal(value), Origin.AVERAGE, "")  # noqa: E731
    rows = with_changes([(2025, figure(2025, "8.40")), (2026, figure(2026, "7.10")), (2027, None),
                         (2028, figure(2028, "5.00"))])
    assert [(year, change) for year, _, change in rows] == [
        (2025, None), (2026, Decimal("-1.30")), (2027, None), (2028, None)]


@pytest.fixture
def poverty_world(world):
    """The province's own version of the test set, with a tagged poverty indicator, and its communes' values."""
    m = world.map
    CriteriaSetRecord.objects.create(
        code="test-commune", version="2021-06-01+42.1", name="Bộ tiêu chí của tỉnh", level="commune", tier="standard",
        legal_basis="QĐ tỉnh", valid_from=D(2021, 6, 1), province=m.province,
        definition=SMALL_SET.replace('version: "2021-01-01"', 'version: "2021-06-01+42.1"') + POVERTY_CRITERION)
    for unit, value, month in [(m.commune, "4.0", 3), (m.commune, "3.5", 9), (m.sibling_commune, "5.5", 6),
                               (m.far_commune, "2", 6), (m.other_province_commune, "40", 6)]:
        IndicatorValue.objects.create(unit=unit, set_code="test-commune", indicator_code="4.1",
                                      period=D(YEAR, month, 1), value=value)
    IndicatorValue.objects.create(unit=m.commune, set_code="test-commune", indicator_code="4.1", period=D(2022, 6, 1),
                                  value="5")
    return world


def test_the_rate_is_the_average_of_the_communes_of_the_area(poverty_world):
    m = poverty_world.map
    assert poverty_figure(m.province, YEAR, DAY) == PovertyFigure(
        YEAR, Decimal("3.67"), Origin.AVERAGE, "bình quân 3 xã (không gia quyền theo số hộ)")  # not Tỉnh Khác's 40
    assert poverty_figure(m.district, YEAR, DAY).value == Decimal("4.50")  # Kỳ Tân 3,5 and Kỳ Lạc 5,5


def test_the_provinces_published_figure_comes_first(poverty_world, cast):
    m = poverty_world.map
    services.report_figure(m.province, year=YEAR, measure="multidimensional_poverty_rate", value=Decimal("4.12"),
                           source="QĐ 12/QĐ-UBND ngày 10/01/2024", version=None, by=cast[Role.COORDINATOR])
    figure = poverty_figure(m.province, YEAR, DAY)
    assert (figure.value, figure.is_reported, figure.detail) == (
        Decimal("4.12"), True, "theo số liệu tỉnh công bố: QĐ 12/QĐ-UBND ngày 10/01/2024")
    assert poverty_figure(m.district, YEAR, DAY).value == Decimal("4.50")  # a district reports nothing


def test_the_series_runs_from_the_year_before_the_period_to_the_year(poverty_world):
    series = poverty_series(poverty_world.map.province, YEAR, DAY)
    assert [(year, figure.value if figure else None) for year, figure in series] == [
        (2020, None), (2021, None), (2022, Decimal("5.00")), (2023, Decimal("3.67"))]


def test_the_poverty_measure_reads_a_handful_of_queries(poverty_world, django_assert_max_num_queries):
    from targets.measures import MEASURES

    with django_assert_max_num_queries(4):
        assert MEASURES["multidimensional_poverty_rate"].actual(poverty_world.map.province, YEAR, DAY) == Decimal(
            "3.67")


def test_the_office_records_and_then_corrects_the_published_figure(world, cast):
    office, province = cast[Role.COORDINATOR], world.map.province
    figure = services.report_figure(province, year=YEAR, measure="multidimensional_poverty_rate", value=Decimal("4.1"),
                                    source="QĐ 12/QĐ-UBND", version=None, by=office)
    figure = services.report_figure(province, year=YEAR, measure="multidimensional_poverty_rate", value=Decimal("4.05"),
                                    source="QĐ 15/QĐ-UBND (điều chỉnh)", version=figure.version, by=office)
    assert (figure.value, figure.source, figure.version) == (Decimal("4.05"), "QĐ 15/QĐ-UBND (điều chỉnh)", 2)
    assert [entry.after for entry in AuditEntry.objects.filter(action="targets.report").order_by("pk")] == [
        {"year": YEAR, "measure": "multidimensional_poverty_rate", "value": "4.10", "source": "QĐ 12/QĐ-UBND"},
        {"value": "4.05", "source": "QĐ 15/QĐ-UBND (điều chỉnh)"}]


@pytest.mark.parametrize(("where", "role", "changes", "error"), [
    ("province", Role.VIEWER, {}, PermissionDenied),
    ("other_province", Role.COORDINATOR, {}, PermissionDenied),
    ("district", Role.COORDINATOR, {}, "Số liệu công bố là số liệu của tỉnh."),
    ("province", Role.COORDINATOR, {"value": Decimal("100.5")}, "Tỷ lệ phải từ 0 đến 100 %."),
    ("province", Role.COORDINATOR, {"source": "  "}, "Cần ghi căn cứ"),
    ("province", Role.COORDINATOR, {"measure": "disbursement_rate"}, "không nhận số liệu tỉnh công bố"),
    ("province", Role.COORDINATOR, {"version": 3}, StaleVersion),  # someone recorded it since the page was read
])
def test_a_bad_or_foreign_figure_is_refused_and_nothing_is_written(world, cast, where, role, changes, error):
    entries = AuditEntry.objects.count()
    arguments = {"year": YEAR, "measure": "multidimensional_poverty_rate", "value": Decimal("4.1"),
                 "source": "QĐ 12/QĐ-UBND", "version": None, **changes}
    expected = pytest.raises(ValidationError, match=error) if isinstance(error, str) else pytest.raises(error)
    with expected:
        services.report_figure(getattr(world.map, where), by=cast[role], **arguments)
    assert (ReportedFigure.objects.count(), AuditEntry.objects.count()) == (0, entries)


def test_the_national_goals_are_those_of_2026_2030_with_a_source_each():
    assert goals_for_year(2025) == () and goals_for_year(2031) == ()
    assert goals_for_year(2026) == goals_for_year(2030) == NATIONAL_GOALS_2030
    assert [g.key for g in NATIONAL_GOALS_2030] == ["communes_ntm", "communes_modern", "provinces_completed", "poverty",
                                                     "income"]
    assert all(g.source and g.addresses for g in NATIONAL_GOALS_2030)


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_the_page_opens_on_the_year_in_force_with_the_national_goals_as_reference_lines(client, cast, world,
                                                                                      time_machine):
    time_machine.move_to(datetime.datetime(2026, 12, 3, 9, tzinfo=datetime.UTC))
    client.force_login(cast[Role.COORDINATOR])
    body = text(client.get(reverse("targets:overview")))
    assert "Chỉ tiêu năm 2026 — Tỉnh Mẫu" in body
    assert '<optgroup label="Giai đoạn 2026–2030"><option value="2027">2027</option><option value="2026" selected>' \
        in body
    goals = body[body.index('data-testid="national-goals"'):body.index('data-testid="poverty"')]
    assert "Mục tiêu quốc gia đến 2030" in goals and "không phải chỉ tiêu giao cho Tỉnh Mẫu" in goals
    assert "Khoảng 65 % số xã cả nước đạt chuẩn nông thôn mới" in goals
    assert "Tỷ lệ xã đạt chuẩn nông thôn mới (lũy kế, trên tổng số xã): <strong>0 %</strong>" in goals
    assert "Tỉnh: <strong>Chưa được công nhận hoàn thành</strong>" in goals
    assert "ntm chưa tính thu nhập bình quân của tỉnh" in goals
    assert 'data-testid="report-form"' in body  # the office records the published rate
    assert "Xem chỉ tiêu năm" not in body  # no targets anywhere: nothing to point to
    assert "<th>Huyện</th>" not in body  # no districts in December 2026


def test_an_older_year_shows_no_national_goals_and_points_to_the_last_targets(client, cast, world, time_machine):
    from targets.models import Target

    Target.objects.create(unit=world.map.province, year=2024, measure="new_model_gardens", value=Decimal(2))
    time_machine.move_to(datetime.datetime(2026, 12, 3, 9, tzinfo=datetime.UTC))
    client.force_login(cast[Role.VIEWER])
    body = text(client.get(reverse("targets:overview"), {"nam": "2023"}))
    assert 'data-testid="national-goals"' not in body and 'data-testid="report-form"' not in body
    assert "Xem chỉ tiêu năm 2024</a>, năm gần nhất có chỉ tiêu." in body
    assert "<th>Huyện</th>" in body  # 2023: communes still under their districts


def test_the_published_rate_is_recorded_from_the_page(client, cast, world):
    client.force_login(cast[Role.COORDINATOR])
    url = reverse("targets:report") + f"?unit={world.map.province.pk}"
    response = client.post(url, {"year": "2026", "value": "7,25", "source": "QĐ 30/QĐ-UBND ngày 15/01/2027",
                                 "version": ""})
    assert response.status_code == 302 and response["Location"].endswith("&nam=2026")
    assert ReportedFigure.objects.get().value == Decimal("7.25")
    refused = client.post(url, {"year": "2026", "value": "7,3", "source": "QĐ khác", "version": ""}, follow=True)
    assert StaleVersion.message in text(refused)
    assert ReportedFigure.objects.get().value == Decimal("7.25")


def test_the_goals_and_the_poverty_table_download_as_excel(client, cast, poverty_world):
    import io

    import openpyxl

    client.force_login(cast[Role.COORDINATOR])
    goals = client.get(reverse("targets:overview"), {"nam": "2026", "xlsx": "muc-tieu-quoc-gia"})
    rows = list(openpyxl.load_workbook(io.BytesIO(goals.content)).active.iter_rows(values_only=True))
    assert any(row and row[0] == "5 tỉnh, thành phố hoàn thành nhiệm vụ xây dựng nông thôn mới" for row in rows)
    poverty = client.get(reverse("targets:overview"), {"nam": str(YEAR), "ngay": "2023-09-30", "xlsx": "ngheo-da-chieu"})
    rows = list(openpyxl.load_workbook(io.BytesIO(poverty.content)).active.iter_rows(values_only=True))
    assert [row[0] for row in rows if row and row[3] == "bình quân 3 xã (không gia quyền theo số hộ)"] == [2023]  # a year, as a number
    assert client.get(reverse("targets:overview"), {"nam": "2023", "xlsx": "muc-tieu-quoc-gia"}).status_code == 404
