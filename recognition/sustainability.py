"""When a recognised subject loses its title: the recovery deadline after falling below the standard, the catch-up
deadline when a new criteria set comes into force, and revocation by the number of criteria failed. Pure rules, no
ORM; the grounds themselves are `recognition.rules.RevocationGround`."""

import calendar
import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from ntm.formatting import format_number
from recognition.rules import RevocationGround, floor_share

# Revocation and sustainability. The notes (procedures.md §4) give the grounds but no period to recover; revocation
# is in Điều 23-24 of the Quy định issued with QĐ 18/2022/QĐ-TTg (article numbers seen only in a secondary
# quotation). RECOVERY_MONTHS is therefore a placeholder: UNVERIFIED, to be read from the decision.
RECOVERY_MONTHS = 12


class Standing(StrEnum):
    MEETS = "meets"  # đang duy trì đạt chuẩn
    RECOVERING = "recovering"  # không còn đạt chuẩn, còn trong hạn khắc phục
    RECOVERED = "recovered"  # đã khắc phục trong hạn
    OVERDUE = "overdue"  # quá hạn khắc phục: đủ căn cứ đề nghị thu hồi


@dataclass(frozen=True)
class StandingCheck:
    standing: Standing
    deadline: datetime.date | None
    message: str
    ground: RevocationGround | None = None  # set when revocation is due

    @property
    def revocation_due(self) -> bool:
        return self.standing == Standing.OVERDUE


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or that month's last day (29/02/2024 + 12 months = 28/02/2025)."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _standing(deadline: datetime.date, done_on: datetime.date | None, today: datetime.date, *,
              late: str, pending: str, done: str, ground: RevocationGround) -> StandingCheck:
    """Done by the deadline is done; done after it still leaves the deadline missed (the leader may still decline
    to revoke: that is returning the proposal)."""
    if done_on is not None and done_on <= min(deadline, today):
        return StandingCheck(Standing.RECOVERED, deadline, f"{done} ngày {done_on:%d/%m/%Y}.")
    if today <= deadline:
        days = (deadline - today).days
        return StandingCheck(Standing.RECOVERING, deadline, f"{pending}; hạn {deadline:%d/%m/%Y} (còn {days} ngày).")
    return StandingCheck(Standing.OVERDUE, deadline, f"{late} (hạn {deadline:%d/%m/%Y}): đủ căn cứ đề nghị thu hồi "
                         "quyết định công nhận.", ground)


def revocation_due(recognised_on: datetime.date, fell_below_on: datetime.date | None,
                   recovered_on: datetime.date | None, today: datetime.date) -> StandingCheck:
    """Where a recognised subject stands: still meeting its level, recovering, recovered, or past the deadline."""
    if fell_below_on is None:
        return StandingCheck(Standing.MEETS, None, "Đang duy trì đạt chuẩn.")
    if fell_below_on < recognised_on:
        raise ValueError("a shortfall before the recognition is a false dossier, not a loss of the standard")
    return _standing(add_months(fell_below_on, RECOVERY_MONTHS), recovered_on, today,
                     late="Không khắc phục được các tiêu chí không còn đạt trong thời hạn",
                     pending=f"Không còn đạt chuẩn từ ngày {fell_below_on:%d/%m/%Y}, đang khắc phục",
                     done="Đã khắc phục", ground=RevocationGround.SHORTFALL_NOT_RECOVERED)


@dataclass(frozen=True)
class SetChange:
    """A new criteria set in force: subjects recognised before it must meet it by a deadline or be revoked."""

    set_code: str
    in_force_from: datetime.date
    catch_up_by: datetime.date
    basis: str


# [notice 000 §II.1]: communes recognised 2013-2015 (Hà Tĩnh, set 73/2014) had to meet QĐ 05/2017/QĐ-UBND
# (07/02/2017) by 30/06/2018, "kiên quyết thu hồi Bằng công nhận" otherwise.
HA_TINH_2017 = SetChange("ha-tinh-05-2017", datetime.date(2017, 2, 7), datetime.date(2018, 6, 30),
                         "QĐ 05/2017/QĐ-UBND tỉnh Hà Tĩnh; hạn theo thông báo 000 §II.1")
# QĐ 318/QĐ-TTg (08/03/2022). The catch-up deadline is UNVERIFIED: criteria-2016-2020.md §3 recalls "end of
# 2024/2025" [memory, low]; the end of the 2021-2025 period is taken until the text is read.
NATIONAL_2021_2025 = SetChange("commune-2021-2025", datetime.date(2022, 3, 8), datetime.date(2025, 12, 31),
                               "QĐ 318/QĐ-TTg; hạn chưa kiểm chứng")


def catch_up_due(recognised_on: datetime.date, change: SetChange, met_new_set_on: datetime.date | None,
                 today: datetime.date) -> StandingCheck:
    """The sustainability check when a new set comes into force (procedures.md §5)."""
    if recognised_on >= change.in_force_from:
        return StandingCheck(Standing.MEETS, None, "Được công nhận theo bộ tiêu chí mới.")
    return _standing(change.catch_up_by, met_new_set_on, today,
                     late="Không đạt bộ tiêu chí mới trong thời hạn",
                     pending="Được công nhận theo bộ tiêu chí cũ, đang phấn đấu đạt bộ tiêu chí mới",
                     done="Đã đạt bộ tiêu chí mới", ground=RevocationGround.NEW_SET_NOT_MET)


# Revocation by the number of criteria failed — Quyết định 18/2022/QĐ-TTg as restated by tintuc.thuvienphapluat
# (tin 41861; shared/domain/sourced-thresholds-2026-12.md §5, criteria-review-2026-12.md §E) [source, secondary]:
# a commune's recognition is revoked when "từ 30% đến 50% số tiêu chí xã không đạt chuẩn … (trong đó có một trong
# các tiêu chí: Thu nhập; Môi trường và an toàn thực phẩm; Môi trường; Chất lượng môi trường sống; Quốc phòng và An
# ninh)", or when "từ 50% số tiêu chí xã trở lên không đáp ứng mức đạt chuẩn". A district's, when "từ 30% số xã trở
# lên bị thu hồi", or 30 % to under 50 % of the district criteria fail with a key one, or 50 % or more fail.
# Shares are compared exactly (failed × 100 against the share × total), never on a rounded percentage.
# The project's readings where the source is silent:
# - key criteria are recognised by their name in the set (the list names criteria of the standard, advanced and
#   district sets of 2021–2025; "Môi trường" and "Chất lượng môi trường sống" are the advanced commune's and the
#   district's); the 2026–2030 set has none of these names, so only the 50 % ground can apply to it until the rule
#   replacing 18/2022 for 2026–2030 is read;
# - the district's key criteria are the same list (the quotation is cut after "số tiêu chí huyện …");
# - the ground stands when found: 18/2022 as quoted names no recovery period for it (RECOVERY_MONTHS, above, stays
#   a placeholder for the time-based ground).
REVOCATION_SHARE_WITH_KEY = Decimal(30)
REVOCATION_SHARE = Decimal(50)
KEY_CRITERIA = ("Thu nhập", "Môi trường và an toàn thực phẩm", "Môi trường", "Chất lượng môi trường sống",
                "Quốc phòng và An ninh")
_KEY_NAMES = {name.casefold() for name in KEY_CRITERIA}


def is_key_criterion(name: str) -> bool:
    return " ".join(name.split()).casefold() in _KEY_NAMES


@dataclass(frozen=True)
class CountCheck:
    """The outcome of the count-based test: whether it is a ground for revocation, and why, in Vietnamese."""

    revoke: bool
    message: str
    ground: RevocationGround | None = None


def _share(part: int, whole: int) -> str:
    return floor_share(Decimal(part * 100) / whole)


def criteria_shortfall(failed: Sequence[str], total: int, *, what: str = "xã") -> CountCheck:
    """Whether the criteria a recognised commune (or district, `what="huyện"`) no longer meets are a ground for
    revoking its recognition: `failed` are the names of the criteria not met, `total` the criteria of its set."""
    if total <= 0:
        return CountCheck(False, "Chưa có kết quả đánh giá các tiêu chí.")
    count = len(failed)
    if count > total:
        raise ValueError("more criteria failed than the set has")
    keys = [name for name in failed if is_key_criterion(name)]
    counted = f"{count}/{total} tiêu chí {what} không đạt ({_share(count, total)} %)"
    if count * 100 >= REVOCATION_SHARE * total:
        return CountCheck(True, f"{counted}, từ {format_number(REVOCATION_SHARE)} % số tiêu chí trở lên: đủ căn cứ "
                          "đề nghị thu hồi quyết định công nhận (QĐ 18/2022/QĐ-TTg).", RevocationGround.CRITERIA_SHORTFALL)
    if count * 100 >= REVOCATION_SHARE_WITH_KEY * total and keys:
        return CountCheck(True, f"{counted}, trong đó có tiêu chí {', '.join(keys)}: đủ căn cứ đề nghị thu hồi quyết "
                          "định công nhận (QĐ 18/2022/QĐ-TTg).", RevocationGround.CRITERIA_SHORTFALL)
    if count == 0:
        return CountCheck(False, f"Đạt tất cả {total} tiêu chí.")
    return CountCheck(False, f"{counted}: chưa đến mức phải thu hồi theo số tiêu chí không đạt.")


# A district also loses its recognition when 30 % or more of its communes have lost theirs (same source).
REVOKED_COMMUNES_SHARE = Decimal(30)


def district_shortfall(communes_revoked: int, communes_total: int, failed: Sequence[str], total: int) -> CountCheck:
    """The district's count-based ground (no district dossier exists in ntm since districts were abolished on
    1/7/2025: kept for reading the 2021–2025 records and tested as a table)."""
    if communes_total > 0 and communes_revoked * 100 >= REVOKED_COMMUNES_SHARE * communes_total:
        return CountCheck(True, f"{communes_revoked}/{communes_total} xã bị thu hồi quyết định công nhận "
                          f"({_share(communes_revoked, communes_total)} %), từ "
                          f"{format_number(REVOKED_COMMUNES_SHARE)} % số xã trở lên: đủ căn cứ đề nghị thu hồi quyết "
                          "định công nhận huyện (QĐ 18/2022/QĐ-TTg).", RevocationGround.CRITERIA_SHORTFALL)
    return criteria_shortfall(failed, total, what="huyện")
