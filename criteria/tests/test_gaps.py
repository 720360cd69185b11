import io

import pytest
from django.core.management import call_command

from criteria import files
from criteria.gaps import Gap, report, set_gaps
from criteria.yaml_format import parse_set

SMALL = """\
code: small
version: "2024-01-01"
name: Bộ nhỏ
level: commune
tier: standard
legal_basis: "QĐ thử"
valid_from: 2024-01-01
keys: [region]
criteria:
  - number: "11"
    name: Nghèo đa chiều
    indicators:
      - code: "11"
        name: Tỷ lệ nghèo đa chiều
        value_type: percent
        operator: le
        unit: "%"
        thresholds:
          - {region: [TDMNPB, TN], value: 13, verified: false, hint: "nhớ lại"}
          - {region: DBSH, value: 2}
          - {region: [BTB, DHNTB, DNB, DBSCL], value: null, verified: false}
  - number: "8"
    name: Thông tin và Truyền thông
    indicators:
      - {code: "8.3", name: Đài truyền thanh, value_type: bool, operator: eq, thresholds: [{value: true, verified: false}]}
"""


def test_it_lists_the_provisional_and_missing_thresholds_of_a_set_with_counts():
    summary = set_gaps(parse_set(SMALL, "small.yaml"))
    assert summary.gaps == (
        Gap(
            "11 Nghèo đa chiều",
            "11",
            "Tỷ lệ nghèo đa chiều",
            "vùng TDMNPB, TN",
            "≤ 13 %",
            "nhớ lại",
            is_missing=False,
        ),
        Gap(
            "11 Nghèo đa chiều",
            "11",
            "Tỷ lệ nghèo đa chiều",
            "vùng BTB, DHNTB, DNB, DBSCL",
            "chưa có",
            "",
            is_missing=True,
        ),
        Gap("8 Thông tin và Truyền thông", "8.3", "Đài truyền thanh", "mọi xã", "Đạt", "", is_missing=False),
    )
    assert (summary.label, summary.thresholds, summary.verified, summary.provisional, summary.missing) == (
        "small@2024-01-01",
        4,
        1,
        2,
        1,
    )


def test_the_report_prints_one_line_per_gap_and_the_totals_of_each_set():
    assert report([parse_set(SMALL, "small.yaml")]).splitlines() == [
        "Ngưỡng chưa kiểm chứng và còn thiếu của các bộ tiêu chí (tạo tự động từ các tệp bộ tiêu chí).",
        "",
        "== small@2024-01-01 — Bộ nhỏ (small.yaml)",
        "tiêu chí | chỉ tiêu | điều kiện | giá trị tạm | gợi ý",
        "11 Nghèo đa chiều | 11 Tỷ lệ nghèo đa chiều | vùng TDMNPB, TN | ≤ 13 % | nhớ lại",
        "11 Nghèo đa chiều | 11 Tỷ lệ nghèo đa chiều | vùng BTB, DHNTB, DNB, DBSCL | chưa có | —",
        "8 Thông tin và Truyền thông | 8.3 Đài truyền thanh | mọi xã | Đạt | —",
        "Tổng small@2024-01-01: 4 ngưỡng — 1 đã kiểm chứng, 2 tạm tính (chưa kiểm chứng), 1 còn thiếu.",
        "",
        "Cộng 1 phiên bản: 4 ngưỡng — 1 đã kiểm chứng, 2 tạm tính, 1 còn thiếu.",
    ]


# set@version: (thresholds, verified, provisional, missing) as encoded from the reference notes
TOTALS = {
    "commune-2016-2020@2016-12-01": (162, 37, 52, 73),  # second pass of 12/2026 (review §A)
    "commune-2021-2025@2022-03-08": (193, 15, 43, 135),
    "commune-2021-2025@2024-03-01": (187, 14, 43, 130),
    "commune-2026-2030@2026-02-15": (141, 0, 0, 141),
    "commune-advanced-2021-2025@2022-03-08": (52, 1, 1, 50),
}


def test_the_repository_sets_have_the_encoded_numbers_of_verified_provisional_and_missing_thresholds():
    summaries = [set_gaps(s) for s in files.load_all_sets()]
    assert {s.label: (s.thresholds, s.verified, s.provisional, s.missing) for s in summaries} == TOTALS


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("criteria_gaps", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue(), err.getvalue()


def test_the_command_reports_the_income_gap_of_2021_2025_and_both_versions_totals():
    code, out, err = run("--set", "commune-2021-2025")
    lines = out.splitlines()
    assert (code, err) == (0, "")
    assert [line for line in lines if line.startswith("== ")] == [
        "== commune-2021-2025@2022-03-08 — Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2021-2025 (commune-2021-2025.yaml)",
        "== commune-2021-2025@2024-03-01 — Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2021-2025 (commune-2021-2025-v2024.yaml)",
    ]
    assert (
        "10 Thu nhập | 10 Thu nhập bình quân đầu người khu vực nông thôn | vùng BTB; năm 2023 | chưa có | "
        "chưa có giá trị; tăng theo từng năm; tham khảo: thu nhập bình quân nông thôn năm 2025 ≈ 54 triệu (T5)"
    ) in lines
    assert [line for line in lines if line.startswith("Tổng ")] == [
        "Tổng commune-2021-2025@2022-03-08: 193 ngưỡng — 15 đã kiểm chứng, 43 tạm tính (chưa kiểm chứng), 135 còn thiếu.",
        "Tổng commune-2021-2025@2024-03-01: 187 ngưỡng — 14 đã kiểm chứng, 43 tạm tính (chưa kiểm chứng), 130 còn thiếu.",
    ]
    assert lines[-1] == "Cộng 2 phiên bản: 380 ngưỡng — 29 đã kiểm chứng, 86 tạm tính, 265 còn thiếu."


def test_the_command_without_a_set_covers_every_version():
    code, out, _ = run()
    assert (code, out.splitlines()[-1]) == (
        0,
        "Cộng 5 phiên bản: 735 ngưỡng — 67 đã kiểm chứng, 139 tạm tính, 529 còn thiếu.",
    )
    assert (
        len(out.splitlines()) == 1 + 5 * 4 + (139 + 529) + 2
    )  # title; per set: blank, heading, columns, totals; gaps; grand total
    assert sum(1 for line in out.splitlines() if line.startswith("Tổng ")) == 5


@pytest.mark.parametrize("code", ["commune-2030", "COMMUNE-2021-2025"])
def test_the_command_refuses_an_unknown_set(code):
    assert run("--set", code) == (
        2,
        "",
        f"Không có bộ tiêu chí '{code}' trong các tệp (có: commune-2016-2020, commune-2021-2025, "
        "commune-2026-2030, commune-advanced-2021-2025).\n",
    )
