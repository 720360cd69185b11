"""Optimistic locking, one helper for every service: which versions are stale, what the user reads, the bump."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from accounts import audit
from accounts.models import Agency, AuditEntry, Role
from ntm.locking import STALE, StaleVersion, bump, check_version, is_stale, update_if_unchanged


class Row:
    def __init__(self, version: int):
        self.version = version


CASES = [  # stored (None: no row), seen → stale?
    (None, None, True),  # a form that lost its version: never taken as "no check"
    (Row(3), None, True),
    (None, 0, False),  # seen empty, still empty
    (Row(1), 0, True),  # seen empty, someone wrote the first one meanwhile
    (None, 2, True),  # seen at 2, deleted since
    (Row(2), 2, False),
    (Row(3), 2, True),
    (Row(2), 3, True),  # a version from the future: a forged form
]


@pytest.mark.parametrize(("stored", "seen", "stale"), CASES)
def test_a_version_other_than_the_stored_one_is_stale(stored, seen, stale):
    assert is_stale(stored, seen) is stale
    if stale:
        with pytest.raises(StaleVersion) as raised:
            check_version(stored, seen)
        assert raised.value.message == STALE  # not a model: nobody to name
    else:
        check_version(stored, seen)


def test_a_caller_may_word_the_refusal_its_own_way():
    with pytest.raises(StaleVersion) as raised:
        check_version(Row(4), 3, message="Nhiệm vụ đã được người khác cập nhật.")
    assert raised.value.message == "Nhiệm vụ đã được người khác cập nhật."
    with pytest.raises(StaleVersion) as raised:
        check_version(Row(4), 3, message=lambda row: f"Đã ở phiên bản {row.version}.")
    assert raised.value.message == "Đã ở phiên bản 4."


def test_bump_moves_the_version_and_names_its_field():
    row = Row(7)
    assert bump(row) == ["version"]
    assert row.version == 8


@time_machine.travel(datetime.datetime(2026, 12, 3, 7, 5, tzinfo=datetime.UTC), tick=False)
def test_a_stale_record_names_who_changed_it_last_and_when_in_local_time(cast, agencies):
    office = agencies["office"]
    coordinator = cast[Role.COORDINATOR]
    coordinator.full_name = "Nguyễn Văn An"
    coordinator.save()
    audit.record(coordinator, "agency.update", office, unit=office.unit, after={"name": office.name})
    with pytest.raises(StaleVersion) as raised:
        check_version(office, office.version - 1)
    assert raised.value.message == f"{STALE} (Lần sửa gần nhất: Nguyễn Văn An, lúc 14:05 ngày 03/12/2026.)"
    assert timezone.get_current_timezone_name() == "Asia/Ho_Chi_Minh"


def test_update_if_unchanged_writes_only_at_the_seen_version(agencies):
    office = agencies["office"]
    update_if_unchanged(Agency, office.pk, office.version, name="Tên mới")
    office.refresh_from_db()
    assert (office.name, office.version) == ("Tên mới", 2)
    with pytest.raises(StaleVersion) as raised:
        update_if_unchanged(Agency, office.pk, 1, name="Tên cũ")
    office.refresh_from_db()
    assert (office.name, office.version) == ("Tên mới", 2)
    assert raised.value.message == STALE  # no audit entry: nobody to name
    assert AuditEntry.objects.count() == 0
