"""The general rules of Vietnamese administrative writing the parser reads, each on sentences written for this test
(not taken from the corpus): who is asked, by whom, by when; what the issuer says of itself is no task.

Each row: the text, then the (lead, deadline kind, deadline date) of every task expected, in order."""

import pytest

from directives.parser import parse_notice

HEADER = "UBND TỈNH PHÚ THỌ\nSố: 12/TB-UBND\nPhú Thọ, ngày 05 tháng 3 năm 2021\n"

CASES = [
    ("the issuer hands work on", "UBND tỉnh giao Sở Tài chính chủ trì rà soát kinh phí, báo cáo trước ngày 30/4/2021.",
     [("Sở Tài chính", "date", "2021-04-30")]),
    ("a reported letter hands work on", "Chủ tịch UBND tỉnh vừa có văn bản yêu cầu UBND huyện Thanh Sơn khẩn trương "
     "hoàn thiện hồ sơ đề nghị công nhận.", [("UBND huyện Thanh Sơn", "none", None)]),
    ("the leader directs a department", "Chủ tịch UBND tỉnh chỉ đạo Sở Xây dựng hướng dẫn các xã lập quy hoạch.",
     [("Sở Xây dựng", "none", None)]),
    ("a lead-in before the subject", "Theo đó, Sở Công Thương tổ chức hội chợ sản phẩm OCOP trong tháng 6/2021.",
     [("Sở Công Thương", "month", "2021-06-30")]),
    ("a purpose clause before the issuer", "Để hoàn thành kế hoạch, UBND tỉnh yêu cầu UBND các huyện, thành phố "
     "đẩy nhanh giải ngân vốn.", [("UBND các huyện, thành phố", "none", None)]),
    ("a topic named as the addressee", "Đối với các xã đăng ký đạt chuẩn cần rà soát từng tiêu chí.",
     [("các xã đăng ký đạt chuẩn", "none", None)]),
    ("a modal verb ends the name", "UBND xã Tân Lập phải hoàn thành tiêu chí môi trường trong quý II/2021.",
     [("UBND xã Tân Lập", "quarter", "2021-06-30")]),
    ("given the responsibility", "Sở Y tế được giao trách nhiệm chủ trì hướng dẫn tiêu chí y tế.",
     [("Sở Y tế", "none", None)]),
    ("a year to finish in", "Năm 2021 phải hoàn thành: UBND huyện Yên Lập xây dựng kế hoạch nâng cao chất lượng "
     "tiêu chí, hoàn thành nhiệm vụ năm 2021.", [("UBND huyện Yên Lập", "year_end", "2021-12-31")]),
    ("a monthly report", "Các sở, ngành định kỳ trước ngày 15 hằng tháng báo cáo kết quả về Văn phòng Điều phối.",
     [("Các sở, ngành", "recurring_monthly", None)]),
    ("an enumerated list of departments", "Các Sở: Nông nghiệp và Phát triển nông thôn, Tài chính theo dõi, đôn "
     "đốc các xã.", [("Sở Nông nghiệp và Phát triển nông thôn", "none", None)]),
    ("the issuer's own promise", "UBND tỉnh sẽ bố trí vốn đối ứng cho các xã.", []),
    ("the issuer's act reported", "UBND tỉnh vừa ban hành Văn bản số 88/UBND-KTN về nông thôn mới.", []),
    ("the closing clause of a decision", "Chánh Văn phòng UBND tỉnh, Thủ trưởng các sở, ngành liên quan chịu trách "
     "nhiệm thi hành Quyết định này.", []),
    ("a year already over is a result", "UBND huyện Hạ Hòa hoàn thành đường giao thông nội đồng năm 2019.",
     [("UBND huyện Hạ Hòa", "none", None)]),
    ("the Prime Minister hands work on", "Phó Thủ tướng giao UBND tỉnh Phú Thọ có trách nhiệm công bố kết quả.",
     [("UBND tỉnh Phú Thọ", "none", None)]),
    ("a ministry asks the provinces", "Bộ Nông nghiệp và Phát triển nông thôn đề nghị UBND các tỉnh, thành phố rà "
     "soát danh sách xã.", [("UBND các tỉnh, thành phố", "none", None)]),
    ("a time after the lead-in's comma", "Theo kế hoạch, trước ngày 10/4/2021 các xã phải hoàn thiện hồ sơ.",
     [("các xã", "date", "2021-04-10")]),
    ("a reporting duty is its own job", "Sở Y tế hướng dẫn các xã thực hiện tiêu chí y tế; định kỳ hằng quý báo cáo "
     "kết quả về Văn phòng Điều phối.", [("Sở Y tế", "none", None), ("Sở Y tế", "none", None)]),
    ("districts named one by one", "UBND tỉnh giao UBND các huyện Thanh Sơn, Tân Sơn và Yên Lập tổ chức công bố.",
     [("UBND huyện Thanh Sơn", "none", None)]),
    ("a letter reported, not a job", "Trước đó, Sở Tài chính có công văn gửi các đơn vị về việc quyết toán.", []),
    ("guidance to issue is a job", "Các sở, ngành có văn bản hướng dẫn thực hiện tiêu chí thuộc lĩnh vực.",
     [("Các sở, ngành", "none", None)]),
    ("a time opening the sentence", "Trước ngày 30/4/2021, UBND các huyện hoàn thành rà soát.",
     [("UBND các huyện", "date", "2021-04-30")]),
    ("at the latest, then who", "Chậm nhất ngày 15/4/2021, các xã gửi báo cáo về Văn phòng Điều phối.",
     [("các xã", "date", "2021-04-15")]),
    ("a month opening the sentence", "Trong tháng 6/2021, Sở Công Thương tổ chức hội chợ.",
     [("Sở Công Thương", "month", "2021-06-30")]),
    ("the letterhead heads nothing", "Tuyên truyền sâu rộng về Chương trình.", []),
    ("a completing sentence dates the job", "UBND tỉnh giao Sở Kế hoạch và Đầu tư rà soát danh mục dự án. Hoàn "
     "thành, trình UBND tỉnh trước ngày 15/5/2021.", [("Sở Kế hoạch và Đầu tư", "date", "2021-05-15")]),
]


@pytest.mark.parametrize(("case", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_the_parser_reads_the_rule(case, text, expected):
    tasks = parse_notice(HEADER + text)["tasks"]
    assert [(t["lead"], t["deadline"]["kind"], t["deadline"]["date"]) for t in tasks] == expected


TARGETS = [
    ("more communes to plan", "Năm 2021, tỉnh phấn đấu có thêm 12 xã đạt chuẩn nông thôn mới.",
     ("new_communes_ntm_standard", 12)),
    ("a forecast of the year", "Dự kiến năm 2021, toàn tỉnh có 2 xã về đích nông thôn mới kiểu mẫu.",
     ("new_communes_model_ntm", 2)),
    ("at least, with the criteria", "Phấn đấu đến cuối năm 2021 có ít nhất 6 xã cơ bản hoàn thành 19/19 tiêu chí.",
     ("new_communes_ntm_standard", 6)),
    ("OCOP products of this year", "Năm 2021 có thêm 15 sản phẩm được công nhận từ 3 sao trở lên.",
     ("new_ocop_products", 15)),
    ("communes keeping the criteria", "Phấn đấu đến cuối năm 2021 có 100% số xã đã đạt chuẩn giữ vững 19/19 tiêu chí.",
     ("communes_maintaining_19_criteria_pct", 100)),
    ("the rest still to finish", "Còn lại 3 xã đang hoàn thiện các tiêu chí còn thiếu, phấn đấu trong năm nay sẽ hoàn "
     "thành 19 tiêu chí.", ("new_communes_ntm_standard", 3)),
    ("a share of communes", "Phấn đấu đến năm 2025 có 80% số xã đạt chuẩn nông thôn mới.",
     ("communes_ntm_standard_pct", 80)),
    ("a disbursement rate", "Các chủ đầu tư giải ngân đạt tối thiểu 95% kế hoạch vốn năm 2021.",
     ("disbursement_rate", 95)),
    ("a total by a year", "Đến hết năm 2025, toàn tỉnh có 150 xã đạt chuẩn nông thôn mới.",
     ("total_communes_ntm_standard", 150)),
    ("an average per commune", "Phấn đấu bình quân đạt 17,5 tiêu chí/xã.", ("avg_criteria_per_commune", 17.5)),
    ("new OCOP products", "Năm 2021 phát triển mới 20 sản phẩm OCOP.", ("new_ocop_products", 20)),
    ("a district's commitment", "UBND huyện Lâm Thao cam kết sẽ hoàn thành xây dựng huyện nông thôn mới trong năm 2021.",
     ("new_districts_ntm_standard", 1)),
]


@pytest.mark.parametrize(("case", "text", "expected"), TARGETS, ids=[c[0] for c in TARGETS])
def test_the_parser_reads_the_target(case, text, expected):
    targets = parse_notice(HEADER + text)["targets"]
    assert expected in [(t["metric"], t["value"]) for t in targets]


@pytest.mark.parametrize("text", [
    "Đến nay toàn tỉnh có 45 xã đạt chuẩn nông thôn mới.",
    "Năm 2020 có thêm 12 sản phẩm được công nhận từ 3 sao trở lên.",  # a year before the text's: a result
    "Có 01 xã đã đạt chuẩn để chỉ đạo điểm, phấn đấu đạt chuẩn kiểu mẫu.",
])
def test_a_result_already_reached_is_no_target(text):
    assert parse_notice(HEADER + text)["targets"] == []
