"""Criteria set workbooks for the tests: a good file of each layout, and the bad files, each with the exact messages
the import must give (row, column, message)."""

import datetime
import io

import openpyxl

from criteria.set_template import write_workbook
from criteria.set_workbook import SHEET, Layout, SetHeader

GROUP_SET = """
code: test-group
version: "2026-02-15"
name: Bộ tiêu chí thử nghiệm theo nhóm xã
level: commune
tier: standard
legal_basis: "Quyết định thử nghiệm 2026"
valid_from: 2026-02-15
keys: [commune_group]
criteria:
  - number: "1"
    name: Quy hoạch
    owner: Sở Xây dựng
    indicators:
      - {code: "1.1", name: Chỉ tiêu 1.1, value_type: number, operator: ge, confidence: memory-low,
         thresholds: [{value: null, verified: false, hint: chưa có}]}
  - number: "2"
    name: Hạ tầng kinh tế - xã hội
    owner: Sở Xây dựng
    indicators:
      - {code: "2.1", name: Chỉ tiêu 2.1, value_type: number, operator: ge, confidence: memory-low,
         thresholds: [{value: null, verified: false, hint: chưa có}]}
      - {code: "2.2", name: Chỉ tiêu 2.2, value_type: number, operator: ge, confidence: memory-low,
         thresholds: [{value: null, verified: false, hint: chưa có}]}
  - number: "3"
    name: Phát triển kinh tế nông thôn
    indicators:
      - {code: "3.1", name: Chỉ tiêu 3.1, value_type: number, operator: ge, confidence: memory-low,
         thresholds: [{value: null, verified: false, hint: chưa có}]}
"""

GROUP_HEADER = SetHeader("Bộ tiêu chí xã nông thôn mới của tỉnh (thử nghiệm)", "Quyết định 05/2026/QĐ-UBND ngày 01/3/2026",
                         datetime.date(2026, 3, 1), None, "test-group")
GROUP_ROWS = [  # rows 8–13
    ["1", "Quy hoạch", "", "", "", "Sở Xây dựng", "", "", "", ""],
    ["", "", "1.1", "Có quy hoạch chung xã được duyệt", "Đạt/Không đạt", "Sở Xây dựng", "Đạt", "Có", "Đạt", ""],
    ["2", "Hạ tầng kinh tế - xã hội", "", "", "", "Sở Xây dựng", "", "", "", ""],
    ["", "", "2.1", "Tỷ lệ đường xã được cứng hóa", "%", "Sở Xây dựng", "100%", ">=90", "≥ 80%", "Nguồn: QĐ 05/2026"],
    ["", "", "2.2", "Tỷ lệ hộ nghèo đa chiều", "%", "Sở Nông nghiệp và Môi trường", "≤ 1,5%", "≤ 3", "≤ 6 (tạm)",
     "Theo chuẩn nghèo hiện hành"],
    ["3", "Phát triển kinh tế nông thôn", "3.1", "Thu nhập bình quân đầu người", "triệu đồng/người/năm", "Sở Tài chính",
     "≥ 85", "72", "-", ""],
]

REGION_HEADER = SetHeader("Bộ tiêu chí của tỉnh theo vùng (thử nghiệm)", "Quyết định 07/2022/QĐ-UBND ngày 10/3/2022",
                          datetime.date(2022, 3, 10), None, "test-commune")
REGION_ROWS = [  # rows 8–13; columns G–M: TDMNPB, DBSH, BTB, DHNTB, TN, DNB, DBSCL
    ["1", "Quy hoạch", "", "", "", "Sở Xây dựng", *[""] * 7, ""],
    ["", "", "1.1", "Có quy hoạch", "", "", *["Đạt"] * 7, ""],
    ["2", "Giao thông", "", "", "", "Sở Xây dựng", *[""] * 7, ""],
    ["", "", "2.1", "Tỷ lệ đường xã được cứng hóa", "%", "", "≥ 70%", "100%", "≥ 75%", "≥ 70%", "≥ 70%", "100%", "≥ 70%", ""],
    ["", "", "2.2", "Đường thôn sạch", "Đạt/Không đạt", "", *["Đạt"] * 7, ""],
    ["3", "Thu nhập", "3.1", "Thu nhập bình quân đầu người", "triệu đồng/người/năm", "Cục Thống kê",
     "≥ 36\n2024: ≥ 40", "≥ 50", "≥ 36\n2024: ≥ 41", "≥ 41", "≥ 41", "≥ 59", "≥ 50", ""],
]


def group_file(edits: dict | None = None, rows: list | None = None, header: SetHeader = GROUP_HEADER) -> bytes:
    """The good commune-group file, with cells changed as `edits` say ({"H11": "khoảng 90"}; None empties a cell)."""
    return _edited(write_workbook(Layout.COMMUNE_GROUP, header, GROUP_ROWS if rows is None else rows), edits or {})


def region_file(edits: dict | None = None) -> bytes:
    return _edited(write_workbook(Layout.REGION, REGION_HEADER, REGION_ROWS), edits or {})


def _edited(content: bytes, edits: dict, sheet_title: str | None = None) -> bytes:
    if not edits and sheet_title is None:
        return content
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book[SHEET]
    for ref, value in edits.items():
        sheet[ref].value = value
    if sheet_title is not None:
        sheet.title = sheet_title
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


HINT = "Hãy dùng tệp mẫu tải về từ hệ thống."
UNREADABLE = "không đọc được. Viết như phụ lục: ≥ 90%, ≤ 3, 100%, Đạt, Có, Không, hoặc - khi chưa có ngưỡng."
REGIONS_LISTED = ("Trung du và miền núi phía Bắc, Đồng bằng sông Hồng, Bắc Trung Bộ, Duyên hải Nam Trung Bộ, Tây Nguyên, "
                  "Đông Nam Bộ, Đồng bằng sông Cửu Long")

# (name, the file, the errors as (row, column, message), in order)
BAD_FILES = [
    ("sai trang tính", lambda: _edited(group_file(), {}, sheet_title="Trang 1"),
     [(None, None, f"Không tìm thấy trang tính 'Bộ tiêu chí' (tệp có: 'Trang 1', 'Hướng dẫn'). {HINT}")]),
    ("không phải Excel", lambda: b"TT;Ten tieu chi\n1;Quy hoach\n",
     [(None, None, f"Tệp không phải là tệp Excel (.xlsx) hợp lệ. {HINT}")]),
    ("tệp trống", lambda: group_file(rows=[]),
     [(None, None, "Tệp không có tiêu chí nào: bảng bắt đầu từ dòng 8, ngay dưới dòng tiêu đề cột.")]),
    ("sai phần đầu", lambda: group_file({"A1": "Tên"}),
     [(1, "A", f"Phần đầu tệp không đúng mẫu: ô A1 phải là 'Tên bộ tiêu chí'. {HINT}")]),
    ("thiếu căn cứ", lambda: group_file({"B2": None}),
     [(2, "B (Căn cứ pháp lý)", "Thiếu căn cứ pháp lý (số, ngày của quyết định ban hành).")]),
    ("ngày sai", lambda: group_file({"B3": "31/02/2026"}),
     [(3, "B (Hiệu lực từ)", "Ngày '31/02/2026' không đúng dạng ngày/tháng/năm, ví dụ 15/02/2026.")]),
    ("thiếu ngày", lambda: group_file({"B3": None}),
     [(3, "B (Hiệu lực từ)", "Thiếu ngày có hiệu lực (ngày/tháng/năm, ví dụ 15/02/2026).")]),
    ("hết hiệu lực trước khi có", lambda: group_file({"B4": "01/01/2026"}),
     [(4, "B (Hết hiệu lực từ)", "Ngày hết hiệu lực phải sau ngày có hiệu lực.")]),
    ("sai tiêu đề cột", lambda: group_file({"D7": "Nội dung"}),
     [(7, "D (Nội dung chỉ tiêu)", f"Tiêu đề cột phải là 'Nội dung chỉ tiêu', tệp ghi 'Nội dung'. {HINT}")]),
    ("cột nhóm không có", lambda: group_file({"H7": "Xã nhóm 4"}),
     [(7, "H (Xã nhóm 4)", f"Cột 'Xã nhóm 4' không phải nhóm xã (Xã nhóm 1, 2, 3) hay vùng kinh tế - xã hội ({REGIONS_LISTED})."),
      (7, None, "Thiếu cột ngưỡng: Xã nhóm 2.")]),
    ("cả nhóm xã và vùng", lambda: group_file({"I7": "Bắc Trung Bộ"}),
     [(7, None, "Bảng có cả cột theo nhóm xã và cột theo vùng; một bộ tiêu chí chỉ xét ngưỡng theo một cách.")]),
    ("thiếu tên tiêu chí", lambda: group_file({"B10": None}),
     [(10, "B (Tên tiêu chí)", "Thiếu tên tiêu chí 2.")]),
    ("chỉ tiêu không có tiêu chí", lambda: group_file({"A8": None, "B8": None, "F8": None}),
     [(9, "C (Mã chỉ tiêu)", "Chỉ tiêu 1.1 nằm trước mọi dòng tiêu chí: cần một dòng tiêu chí (TT, tên tiêu chí) ở phía trên.")]),
    ("trùng mã chỉ tiêu", lambda: group_file({"C12": "2.1"}),
     [(12, "C (Mã chỉ tiêu)", "Mã chỉ tiêu 2.1 trùng với dòng 11.")]),
    ("mã không thuộc tiêu chí", lambda: group_file({"C12": "3.2"}),
     [(12, "C (Mã chỉ tiêu)", "Mã chỉ tiêu 3.2 không thuộc tiêu chí 2 (mã phải là 2 hoặc 2.1, 2.2…).")]),
    ("thiếu nội dung chỉ tiêu", lambda: group_file({"D11": None}),
     [(11, "D (Nội dung chỉ tiêu)", "Thiếu nội dung chỉ tiêu 2.1.")]),
    ("ngưỡng ở dòng tiêu chí", lambda: group_file({"G10": "≥ 90%"}),
     [(10, "G (Xã nhóm 1)", "Dòng tiêu chí chỉ ghi TT, tên tiêu chí và sở/ngành phụ trách; nội dung, đơn vị, ngưỡng và ghi chú ghi ở dòng chỉ tiêu (có mã ở cột C).")]),
    ("tiêu chí không có chỉ tiêu", lambda: group_file({"A14": "4", "B14": "Môi trường"}),
     [(14, "C (Mã chỉ tiêu)", "Tiêu chí 4 chưa có chỉ tiêu nào: cần ít nhất một dòng chỉ tiêu (mã ở cột C) bên dưới.")]),
    ("dòng không rõ là gì", lambda: group_file({"D14": "Ghi thêm"}),
     [(14, "C (Mã chỉ tiêu)", "Dòng không có TT tiêu chí (cột A) hay mã chỉ tiêu (cột C): không biết là tiêu chí hay chỉ tiêu.")]),
    ("ngưỡng không đọc được", lambda: group_file({"H11": "khoảng 90"}),
     [(11, "H (Xã nhóm 2)", f"Ngưỡng 'khoảng 90' {UNREADABLE}")]),
    ("tỷ lệ quá 100", lambda: group_file({"G11": "≥ 120%"}),
     [(11, "G (Xã nhóm 1)", "Tỷ lệ '≥ 120%' phải từ 0 đến 100%.")]),
    ("tỷ lệ quá 100 theo đơn vị tính", lambda: group_file({"G11": "≥ 120"}),
     [(11, "G (Xã nhóm 1)", "Tỷ lệ '≥ 120' phải từ 0 đến 100%.")]),
    ("dấu so sánh khác nhau", lambda: group_file({"H12": "≥ 3"}),
     [(12, "H (Xã nhóm 2)", "Dấu so sánh của '≥ 3' khác với '≤ 1,5%' ở cột G (Xã nhóm 1): các cột của một chỉ tiêu phải cùng một dấu.")]),
    ("kiểu ngưỡng khác nhau", lambda: group_file({"I9": "90%"}),
     [(9, "I (Xã nhóm 3)", "Ngưỡng '90%' là số, khác kiểu Đạt/Không ở cột G (Xã nhóm 1): các cột của một chỉ tiêu phải cùng một kiểu.")]),
    ("số với đơn vị Đạt/Không đạt", lambda: group_file({"G9": "90", "H9": "90", "I9": "90"}),
     [(9, "G (Xã nhóm 1)", "Ngưỡng '90' là số nhưng đơn vị tính là Đạt/Không đạt.")]),
    ("quá nhiều dòng", lambda: group_file({"C2001": "3.9", "D2001": "Chỉ tiêu thừa"}),
     [(2001, None, "Tệp có quá 2.000 dòng; hãy chia thành nhiều tệp.")]),
]
