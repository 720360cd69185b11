"""Text pasted from Word, read from a .docx or a PDF has single line breaks, not blank lines, between paragraphs."""

from directives.parser import parse_notice

NOTICE = """BAN CHỈ ĐẠO CÁC CHƯƠNG TRÌNH MTQG TỈNH MẪU
Số: 05-TB/BCĐ
Mẫu, ngày 10 tháng 3 năm 2022
THÔNG BÁO
Kết luận của Ban Chỉ đạo tại cuộc họp ngày 05/3/2022
Ngày 05/3/2022, Ban Chỉ đạo tỉnh họp đánh giá kết quả thực hiện Chương trình. Ban Chỉ đạo kết luận như sau:
1. Sở Nông nghiệp và Phát triển nông thôn chủ trì, phối hợp với UBND huyện Kỳ Anh rà soát các xã đăng ký
đạt chuẩn năm 2022, báo cáo Ban Chỉ đạo trước ngày 31/3/2022.
2. Văn phòng Điều phối NTM tỉnh tổng hợp tiến độ thực hiện, báo cáo Ban Chỉ đạo trước ngày 18 hằng tháng.
"""


def test_single_line_breaks_separate_paragraphs_and_wrapped_lines_rejoin():
    parsed = parse_notice(NOTICE)
    assert parsed["meta"]["notice_number"] == "05-TB/BCĐ"
    assert [(t["lead"], t["support"], t["deadline"]["kind"], t["deadline"]["date"], t["deadline"]["day_of_month"])
            for t in parsed["tasks"]] == [
        ("Sở Nông nghiệp và Phát triển nông thôn", ["UBND huyện Kỳ Anh"], "date", "2022-03-31", None),
        ("Văn phòng Điều phối NTM tỉnh", [], "recurring_monthly", None, 18),
    ]


NO_OPENING = """UBND TỈNH NGHỆ AN
Số: 120/TB-UBND
Nghệ An, ngày 15 tháng 4 năm 2024
THÔNG BÁO
Kết luận của đồng chí Phó Chủ tịch UBND tỉnh tại cuộc họp Ban Chỉ đạo các Chương trình MTQG tỉnh
Ngày 10/4/2024, đồng chí Nguyễn Văn Đệ, Phó Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo chủ trì cuộc họp.
I. KẾT QUẢ THỰC HIỆN
Năm 2023 toàn tỉnh có thêm 25 xã đạt chuẩn nông thôn mới.
II. NHIỆM VỤ THỜI GIAN TỚI
1. Phấn đấu năm 2024 có thêm 20 xã đạt chuẩn nông thôn mới, 10 xã đạt chuẩn nông thôn mới nâng cao.
2. Giao Sở Tài chính tham mưu bố trí vốn đối ứng, hoàn thành trước ngày 30/5/2024.
3. Sở Kế hoạch và Đầu tư đôn đốc các chủ đầu tư đẩy nhanh giải ngân, bảo đảm tỷ lệ giải ngân đạt 60% trở lên trước ngày 30/6/2024.
4. Đề nghị Ủy ban MTTQ tỉnh tiếp tục chỉ đạo cuộc vận động "Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh".
5. UBND các huyện, thành phố, thị xã báo cáo tiến độ về Văn phòng Điều phối trước ngày 20 hằng tháng; tổ chức thẩm tra các xã trong quý III/2024.
"""


def test_a_notice_without_kết_luận_như_sau_starts_after_the_meeting_line_and_skips_results():
    """Many notices go from the meeting paragraph to "II. NHIỆM VỤ …" without "kết luận như sau"."""
    parsed = parse_notice(NO_OPENING)
    assert parsed["meta"]["chair"] == "Nguyễn Văn Đệ, Phó Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo"
    assert [(t["lead"], t["deadline"]["kind"], t["deadline"]["date"], t["deadline"]["day_of_month"]) for t in parsed["tasks"]] == [
        ("Sở Tài chính", "date", "2024-05-30", None),
        ("Sở Kế hoạch và Đầu tư", "date", "2024-06-30", None),
        ("Ủy ban MTTQ tỉnh", "none", None, None),
        ("UBND các huyện, thành phố, thị xã", "recurring_monthly", None, 20),
        ("UBND các huyện, thành phố, thị xã", "quarter", "2024-09-30", None),
    ]
    # "Năm 2023 … có thêm 25 xã" is a result in a 2024 notice, not a target
    assert sorted((t["metric"], t["value"]) for t in parsed["targets"]) == [
        ("disbursement_rate", 60), ("new_communes_advanced_ntm", 10), ("new_communes_ntm_standard", 20)]


HEADED_SECTIONS = """VĂN PHÒNG UBND TỈNH THÁI BÌNH
Số: 45/TB-VP
Thái Bình, ngày 05 tháng 9 năm 2022
THÔNG BÁO
Ý kiến kết luận của Chủ tịch UBND tỉnh tại Hội nghị sơ kết 6 tháng đầu năm 2022 Chương trình MTQG xây dựng nông thôn mới
Chiều ngày 30/8/2022, đồng chí Nguyễn Khắc Thận, Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo chủ trì Hội nghị. Sau khi nghe báo cáo và ý kiến của các đại biểu, Chủ tịch UBND tỉnh kết luận như sau:
1. Đánh giá chung
6 tháng đầu năm 2022, các cấp, các ngành đã tích cực triển khai thực hiện Chương trình; có thêm 5 xã đạt chuẩn nông thôn mới nâng cao.
2. Nhiệm vụ trọng tâm 6 tháng cuối năm
a) Các sở, ngành:
- Sở Nông nghiệp và PTNT hướng dẫn các xã hoàn thiện hồ sơ đề nghị công nhận xã đạt chuẩn nông thôn mới nâng cao, xong trước ngày 15/10/2022.
- Sở Tài chính chủ trì, phối hợp với Sở Kế hoạch và Đầu tư tham mưu phân bổ vốn sự nghiệp năm 2022 trong tháng 9/2022.
b) UBND các huyện, thành phố:
- Tập trung chỉ đạo các xã phấn đấu đạt chuẩn nông thôn mới kiểu mẫu năm 2022.
- Báo cáo kết quả thực hiện về Sở Nông nghiệp và PTNT định kỳ trước ngày 25 hằng tháng.
3. Giao Văn phòng UBND tỉnh theo dõi, đôn đốc việc thực hiện Thông báo này.
Nơi nhận:
- Như trên;
- Lưu: VT.
"""


def test_headings_lend_their_agency_to_bullets_and_results_are_not_targets():
    parsed = parse_notice(HEADED_SECTIONS)
    assert (parsed["meta"]["meeting_date"], parsed["meta"]["notice_number"]) == ("2022-08-30", "45/TB-VP")
    assert [(t["lead"], t["support"], t["deadline"]["kind"], t["deadline"]["date"], t["deadline"]["day_of_month"])
            for t in parsed["tasks"]] == [
        ("Sở Nông nghiệp và PTNT", [], "date", "2022-10-15", None),
        ("Sở Tài chính", ["Sở Kế hoạch và Đầu tư"], "month", "2022-09-30", None),
        ("UBND các huyện, thành phố", [], "none", None, None),
        ("UBND các huyện, thành phố", [], "recurring_monthly", None, 25),
        ("Văn phòng UBND tỉnh", [], "none", None, None),
    ]
    assert parsed["targets"] == []  # "đã … có thêm 5 xã" in the assessment reports a result
