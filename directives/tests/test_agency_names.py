"""Which addressees of a notice may be proposed as new agencies: a table of names written in the shared notices and
in the demo's first imports (fragments the old import created), each with the reason it is refused."""

import pytest

from directives.rules import agency_name_problem, may_propose_agency

COLLECTIVE = "chỉ một nhóm cơ quan chung, không phải một cơ quan"
PIECE = "là một đoạn câu, không phải tên cơ quan"
WORDS = "có lẫn lời văn của thông báo"
SEVERAL = "gồm nhiều cơ quan: mỗi cơ quan một tên"
BARE = "thiếu tên riêng của cơ quan"
NOT_A_BODY = "không mở đầu bằng loại cơ quan (Sở, UBND, Ban, Văn phòng, Hội…)"
LONG = "quá dài để là tên một cơ quan"

# (name as the parser handed it on, None when it may be proposed, else the reason)
CASES = [
    # single bodies, as the notices write them
    ("Sở Nông nghiệp và Phát triển nông thôn", None), ("Sở NN&PTNT", None), ("Sở Nông nghiệp và PTNT", None),
    ("Sở Văn hóa, Thể thao và Du lịch", None), ("Sở Lao động - Thương binh và Xã hội", None), ("Sở KH&ĐT", None),
    ("Ban Quản lý đầu tư xây dựng tỉnh", None), ("Báo Lạng Sơn", None), ("Điện lực Lạng Sơn", None),
    ("Đài Phát thanh và Truyền hình tỉnh", None), ("Ủy ban MTTQ tỉnh", None), ("UBMTTQ Việt Nam tỉnh", None),
    ("Kho bạc Nhà nước tỉnh", None), ("Cục Thống kê", None), ("Văn phòng NTM tỉnh", None), ("Văn phòng Tỉnh ủy", None),
    ("Văn phòng Điều phối Chương trình nông thôn mới tỉnh", None), ("Ban Chỉ đạo các Chương trình MTQG tỉnh Hà Tĩnh", None),
    ("Văn phòng Điều phối Chương trình mục tiêu Quốc gia xây dựng NTM và tái cơ cấu ngành nông nghiệp tỉnh", None),
    ("UBND huyện Lai Vung", None), ("UBND huyện Thăng Bình", None), ("UBND tỉnh", None), ("Tỉnh đoàn Hà Tĩnh", None),
    ("Ngân hàng Chính sách xã hội chi nhánh Hà Tĩnh", None), ("Hội Nông dân tỉnh", None), ("Công an tỉnh", None),
    ("Bộ Chỉ huy Quân sự tỉnh", None), ("Hội Sinh vật cảnh tỉnh", None), ("Tỉnh ủy", None),
    # collectives: many bodies under one word
    ("một số sở ngành", COLLECTIVE), ("đơn vị liên quan", COLLECTIVE), ("các đơn vị", COLLECTIVE),
    ("các sở, ngành liên quan", COLLECTIVE), ("các cấp, các ngành và các địa phương, đơn vị", COLLECTIVE),
    ("các huyện, thành phố, thị xã", COLLECTIVE), ("các địa phương có liên quan", COLLECTIVE), ("cấp huyện", COLLECTIVE),
    ("Các sở ngành phụ trách tiêu chí", COLLECTIVE), ("Các tổ chức đỡ đầu, tài trợ", COLLECTIVE),
    ("Các cơ quan, ban, ngành, đoàn thể", COLLECTIVE), ("Từng sở ngành", COLLECTIVE), ("Các xã", COLLECTIVE),
    ("UBND các huyện", COLLECTIVE), ("UBND các huyện, thành phố", COLLECTIVE), ("UBND các xã", COLLECTIVE),
    ("UBND cấp huyện", COLLECTIVE), ("Ban Chỉ đạo NTM cấp huyện", COLLECTIVE), ("Thường trực Ban Chỉ đạo cấp huyện", COLLECTIVE),
    ("Ban chỉ đạo các huyện, thành phố, thị xã", COLLECTIVE), ("Thủ trưởng các cơ quan, đơn vị", COLLECTIVE),
    ("Mặt trận Tổ quốc, các đoàn thể chính trị - xã hội tỉnh", COLLECTIVE), ("Các Sở, Ban, ngành được giao phụ trách tiêu chí", COLLECTIVE),
    ("UBND các huyện, thành phố có xã đã được công nhận đạt chuẩn nông thôn mới", COLLECTIVE),
    # sentence pieces and people
    ("để", PIECE), ("thực hiện mang lại hiệu quả", PIECE), ("thực hiện tốt phong trào thi đua “Cả tỉnh chung sức", PIECE),
    ("doanh nghiệp", PIECE), ("hợp tác xã", PIECE), ("cán bộ, đảng viên, công chức, viên chức của ngành", COLLECTIVE),
    ("đồng chí Bí thư, Chủ tịch UBND cấp huyện, cấp xã", COLLECTIVE), ("Văn phòng UBND tỉnh hằng tháng", WORDS),
    ("Sở Tài chính phối hợp", WORDS), ("Sở Xây dựng (chủ trì)", WORDS),
    ("Chánh Văn phòng Điều phối Chương trình nông thôn mới tỉnh", NOT_A_BODY), ("Phó Chủ tịch UBND tỉnh", NOT_A_BODY),
    # two bodies in one name, a bare kind, an over-long string, nothing
    ("Huyện ủy, UBND huyện Hương Khê", SEVERAL), ("Sở Tài chính; Sở Xây dựng", SEVERAL), ("Huyện ủy", BARE), ("Sở", BARE),
    ("Sở " + "Nông nghiệp " * 15, LONG), ("   ", "tên trống"),
]


@pytest.mark.parametrize(("name", "problem"), CASES, ids=[c[0][:40] for c in CASES])
def test_only_a_name_of_one_body_is_proposed_as_a_new_agency(name, problem):
    assert agency_name_problem(name) == problem
    assert may_propose_agency(name) is (problem is None)
