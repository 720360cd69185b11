"""When a recognised commune loses its title: recovery and catch-up deadlines, and revocation by the number of
criteria failed (Quyết định 18/2022/QĐ-TTg)."""

import datetime

import pytest

from recognition.rules import RevocationGround
from recognition.sustainability import (
    HA_TINH_2017,
    NATIONAL_2021_2025,
    CountCheck,
    Standing,
    add_months,
    catch_up_due,
    criteria_shortfall,
    district_shortfall,
    revocation_due,
)

D = datetime.date

@pytest.mark.parametrize(("day", "months", "expected"), [
    (D(2024, 3, 1), 12, D(2025, 3, 1)),
    (D(2024, 2, 29), 12, D(2025, 2, 28)),
    (D(2024, 1, 31), 1, D(2024, 2, 29)),
    (D(2023, 11, 15), 3, D(2024, 2, 15)),
])
def test_adding_months(day, months, expected):
    assert add_months(day, months) == expected


RECOGNISED_ON = D(2020, 12, 15)
FELL = D(2024, 3, 1)
DEADLINE = D(2025, 3, 1)  # RECOVERY_MONTHS (12, unverified) after falling below


@pytest.mark.parametrize(("fell_below_on", "recovered_on", "today", "standing", "deadline", "message"), [
    (None, None, D(2024, 6, 1), Standing.MEETS, None, "Đang duy trì đạt chuẩn."),
    (FELL, None, D(2024, 6, 1), Standing.RECOVERING, DEADLINE,
     "Không còn đạt chuẩn từ ngày 01/03/2024, đang khắc phục; hạn 01/03/2025 (còn 273 ngày)."),
    (FELL, None, D(2025, 3, 1), Standing.RECOVERING, DEADLINE,
     "Không còn đạt chuẩn từ ngày 01/03/2024, đang khắc phục; hạn 01/03/2025 (còn 0 ngày)."),
    (FELL, None, D(2025, 3, 2), Standing.OVERDUE, DEADLINE,
     "Không khắc phục được các tiêu chí không còn đạt trong thời hạn (hạn 01/03/2025): đủ căn cứ đề nghị thu hồi "
     "quyết định công nhận."),
    (FELL, D(2024, 11, 20), D(2025, 6, 1), Standing.RECOVERED, DEADLINE, "Đã khắc phục ngày 20/11/2024."),
    (FELL, D(2025, 4, 1), D(2025, 6, 1), Standing.OVERDUE, DEADLINE,  # recovered, but after the deadline
     "Không khắc phục được các tiêu chí không còn đạt trong thời hạn (hạn 01/03/2025): đủ căn cứ đề nghị thu hồi "
     "quyết định công nhận."),
    (FELL, D(2024, 12, 1), D(2024, 6, 1), Standing.RECOVERING, DEADLINE,  # a planned date is not a recovery
     "Không còn đạt chuẩn từ ngày 01/03/2024, đang khắc phục; hạn 01/03/2025 (còn 273 ngày)."),
])
def test_a_recognised_commune_below_its_level_has_a_deadline_to_recover(
        fell_below_on, recovered_on, today, standing, deadline, message):
    check = revocation_due(RECOGNISED_ON, fell_below_on, recovered_on, today)
    assert (check.standing, check.deadline, check.message) == (standing, deadline, message)
    assert check.revocation_due == (standing == Standing.OVERDUE)
    expected_ground = RevocationGround.SHORTFALL_NOT_RECOVERED if standing == Standing.OVERDUE else None
    assert check.ground == expected_ground


def test_a_shortfall_before_the_recognition_is_not_a_loss_of_the_standard():
    with pytest.raises(ValueError, match="false dossier"):
        revocation_due(RECOGNISED_ON, D(2020, 11, 1), None, D(2021, 6, 1))


@pytest.mark.parametrize(("change", "recognised_on", "met_on", "today", "standing", "deadline"), [
    # Hà Tĩnh: communes recognised 2013-2015 had to meet the 2017 set by 30/06/2018 [notice 000 §II.1]
    (HA_TINH_2017, D(2014, 12, 20), None, D(2018, 5, 1), Standing.RECOVERING, D(2018, 6, 30)),
    (HA_TINH_2017, D(2014, 12, 20), None, D(2018, 6, 30), Standing.RECOVERING, D(2018, 6, 30)),
    (HA_TINH_2017, D(2014, 12, 20), None, D(2018, 7, 1), Standing.OVERDUE, D(2018, 6, 30)),
    (HA_TINH_2017, D(2014, 12, 20), D(2018, 3, 10), D(2018, 7, 1), Standing.RECOVERED, D(2018, 6, 30)),
    (HA_TINH_2017, D(2017, 12, 20), None, D(2018, 7, 1), Standing.MEETS, None),  # recognised under the new set
    (NATIONAL_2021_2025, D(2019, 12, 30), None, D(2026, 1, 1), Standing.OVERDUE, D(2025, 12, 31)),
    (NATIONAL_2021_2025, D(2022, 3, 8), None, D(2026, 1, 1), Standing.MEETS, None),
])
def test_communes_recognised_under_an_old_set_catch_up_by_the_deadline(
        change, recognised_on, met_on, today, standing, deadline):
    check = catch_up_due(recognised_on, change, met_on, today)
    assert (check.standing, check.deadline) == (standing, deadline)
    assert check.ground == (RevocationGround.NEW_SET_NOT_MET if standing == Standing.OVERDUE else None)


def test_the_catch_up_message_names_the_deadline():
    check = catch_up_due(D(2014, 12, 20), HA_TINH_2017, None, D(2018, 7, 1))
    assert check.message == ("Không đạt bộ tiêu chí mới trong thời hạn (hạn 30/06/2018): đủ căn cứ đề nghị thu hồi "
                             "quyết định công nhận.")


# Quyết định 18/2022/QĐ-TTg (tintuc.thuvienphapluat 41861): revoke when 30–50 % of the criteria fail and one of them
# is a key criterion, or when 50 % or more fail. 19 criteria: 30 % is 5,7 → 6 criteria, 50 % is 9,5 → 10.
OTHERS = [f"Tiêu chí {n}" for n in range(1, 20)]
SHORTFALL = RevocationGround.CRITERIA_SHORTFALL
REVOKE_KEY = "đủ căn cứ đề nghị thu hồi quyết định công nhận (QĐ 18/2022/QĐ-TTg)."


@pytest.mark.parametrize(("failed", "total", "expected"), [
    ([], 19, CountCheck(False, "Đạt tất cả 19 tiêu chí.")),
    (OTHERS[:5], 19, CountCheck(False, "5/19 tiêu chí xã không đạt (26,3 %): chưa đến mức phải thu hồi theo số tiêu "
                                       "chí không đạt.")),
    (["Thu nhập", *OTHERS[:4]], 19, CountCheck(False, "5/19 tiêu chí xã không đạt (26,3 %): chưa đến mức phải thu "
                                                      "hồi theo số tiêu chí không đạt.")),  # 26 %: below 30 % even with a key one
    (OTHERS[:6], 19, CountCheck(False, "6/19 tiêu chí xã không đạt (31,5 %): chưa đến mức phải thu hồi theo số tiêu "
                                       "chí không đạt.")),  # 30–50 % without a key criterion
    (["Thu nhập", *OTHERS[:5]], 19, CountCheck(True, "6/19 tiêu chí xã không đạt (31,5 %), trong đó có tiêu chí Thu "
                                                     f"nhập: {REVOKE_KEY}", SHORTFALL)),
    (["Môi trường và an toàn thực phẩm", "Quốc phòng và An ninh", *OTHERS[:4]], 19, CountCheck(
        True, "6/19 tiêu chí xã không đạt (31,5 %), trong đó có tiêu chí Môi trường và an toàn thực phẩm, Quốc phòng "
              f"và An ninh: {REVOKE_KEY}", SHORTFALL)),
    (["quốc phòng  và an ninh", *OTHERS[:5]], 19, CountCheck(True, "6/19 tiêu chí xã không đạt (31,5 %), trong đó "
                                                                  f"có tiêu chí quốc phòng  và an ninh: {REVOKE_KEY}",
                                                                  SHORTFALL)),  # names compared without case or spacing
    (["Môi trường và cảnh quan nông thôn", *OTHERS[:2]], 10, CountCheck(
        False, "3/10 tiêu chí xã không đạt (30,0 %): chưa đến mức phải thu hồi theo số tiêu chí không đạt.")),  # 2026–2030 names are not keys
    (["Chất lượng môi trường sống", *OTHERS[:2]], 10, CountCheck(
        True, f"3/10 tiêu chí xã không đạt (30,0 %), trong đó có tiêu chí Chất lượng môi trường sống: {REVOKE_KEY}",
        SHORTFALL)),  # exactly 30 %
    (OTHERS[:9], 19, CountCheck(False, "9/19 tiêu chí xã không đạt (47,3 %): chưa đến mức phải thu hồi theo số tiêu "
                                       "chí không đạt.")),  # 47,4 % is shown rounded down
    (OTHERS[:10], 19, CountCheck(True, "10/19 tiêu chí xã không đạt (52,6 %), từ 50 % số tiêu chí trở lên: đủ căn cứ "
                                       "đề nghị thu hồi quyết định công nhận (QĐ 18/2022/QĐ-TTg).", SHORTFALL)),
    (OTHERS[:5], 10, CountCheck(True, "5/10 tiêu chí xã không đạt (50,0 %), từ 50 % số tiêu chí trở lên: đủ căn cứ đề "
                                      "nghị thu hồi quyết định công nhận (QĐ 18/2022/QĐ-TTg).", SHORTFALL)),  # exactly 50 %
    (OTHERS[:2], 0, CountCheck(False, "Chưa có kết quả đánh giá các tiêu chí.")),
])
def test_the_number_of_criteria_failed_is_a_ground_for_revocation(failed, total, expected):
    assert criteria_shortfall(failed, total) == expected


def test_more_criteria_failed_than_the_set_has_is_an_error():
    with pytest.raises(ValueError):
        criteria_shortfall(OTHERS[:4], 3)


@pytest.mark.parametrize(("revoked", "communes", "failed", "total", "revoke", "message"), [
    (6, 20, [], 9, True, "6/20 xã bị thu hồi quyết định công nhận (30,0 %), từ 30 % số xã trở lên: đủ căn cứ đề nghị "
                         "thu hồi quyết định công nhận huyện (QĐ 18/2022/QĐ-TTg)."),
    (5, 20, [], 9, False, "Đạt tất cả 9 tiêu chí."),
    (5, 20, ["Môi trường", "Tiêu chí 1", "Tiêu chí 2"], 9, True,
     "3/9 tiêu chí huyện không đạt (33,3 %), trong đó có tiêu chí Môi trường: đủ căn cứ đề nghị thu hồi quyết định "
     "công nhận (QĐ 18/2022/QĐ-TTg)."),
    (0, 20, OTHERS[:3], 9, False, "3/9 tiêu chí huyện không đạt (33,3 %): chưa đến mức phải thu hồi theo số tiêu chí "
                                  "không đạt."),
    (0, 0, OTHERS[:5], 9, True, "5/9 tiêu chí huyện không đạt (55,5 %), từ 50 % số tiêu chí trở lên: đủ căn cứ đề "
                                "nghị thu hồi quyết định công nhận (QĐ 18/2022/QĐ-TTg)."),
])
def test_a_district_loses_its_recognition_by_its_communes_or_its_criteria(revoked, communes, failed, total, revoke,
                                                                          message):
    check = district_shortfall(revoked, communes, failed, total)
    assert (check.revoke, check.message) == (revoke, message)
