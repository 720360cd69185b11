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
