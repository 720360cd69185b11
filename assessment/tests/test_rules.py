"""What an edit does to a value's place on its review path: nothing. A returned value stays returned until it is sent
again, whatever the commune corrects (assessment/rules.py)."""

import datetime

import pytest

from accounts.models import AuditEntry, Role
from assessment import services
from assessment.models import IndicatorValue, ValueStatus
from assessment.rules import Edit, after_edit
from assessment.services import ValueErrors, ValueInput

S, E = ValueStatus, Edit
CASES = [
    # status before, edit, allowed, status after
    (None, E.VALUE, True, S.DRAFT),
    (None, E.NOTE, False, None),
    (None, E.FILE, False, None),
    (S.DRAFT, E.VALUE, True, S.DRAFT),
    (S.DRAFT, E.NOTE, True, S.DRAFT),
    (S.DRAFT, E.FILE, True, S.DRAFT),
    (S.RETURNED, E.VALUE, True, S.RETURNED),
    (S.RETURNED, E.NOTE, True, S.RETURNED),
    (S.RETURNED, E.FILE, True, S.RETURNED),
    (S.SUBMITTED, E.VALUE, False, None),
    (S.SUBMITTED, E.NOTE, False, None),
    (S.VERIFIED, E.FILE, False, None),
    (S.APPRAISED, E.VALUE, False, None),
    (S.APPRAISED, E.NOTE, False, None),
]


@pytest.mark.parametrize(("status", "edit", "allowed", "after"), CASES)
def test_an_edit_never_moves_a_value_along_its_path(status, edit, allowed, after):
    outcome = after_edit(status, edit)
    assert (outcome.allowed, outcome.status) == (allowed, after)
    assert bool(outcome.message) is not allowed


ALL = [ValueInput("1.1", "1"), ValueInput("2.1", "85,5"), ValueInput("2.2", "1"), ValueInput("3.1", "52")]
PERIOD = datetime.date(2022, 3, 1)


@pytest.fixture
def returned(cast, geo_map, small_set):
    services.save_values(geo_map.commune, "test-commune", PERIOD, ALL, by=cast[Role.COMMUNE_OFFICER])
    services.advance(geo_map.commune, "test-commune", 2022, "submit", by=cast[Role.COMMUNE_OFFICER])
    services.return_values(geo_map.commune, "test-commune", 2022, "Thiếu biên bản", by=cast[Role.DISTRICT_OFFICER])
    return IndicatorValue.objects.get(indicator_code="2.1")


@pytest.mark.parametrize("change", [
    {"raw": "85,5", "evidence_note": "Biên bản số 12 ngày 02/3/2022"},  # a note added, the figure kept
    {"raw": "90", "evidence_note": None},  # the figure corrected
])
def test_a_correction_keeps_a_returned_value_returned_with_its_comment(cast, geo_map, returned, change):
    services.save_values(geo_map.commune, "test-commune", PERIOD,
                         [ValueInput("2.1", change["raw"], version=returned.version, evidence_note=change["evidence_note"])],
                         by=cast[Role.COMMUNE_OFFICER])
    value = IndicatorValue.objects.get(pk=returned.pk)
    assert (value.status, value.comment, value.version) == (ValueStatus.RETURNED, "Thiếu biên bản", returned.version + 1)
    services.advance(geo_map.commune, "test-commune", 2022, "submit", by=cast[Role.COMMUNE_OFFICER])
    assert IndicatorValue.objects.get(pk=returned.pk).status == ValueStatus.SUBMITTED  # sent again: on its way


def test_a_submitted_value_takes_no_note_and_nothing_is_written(cast, geo_map, small_set):
    services.save_values(geo_map.commune, "test-commune", PERIOD, ALL, by=cast[Role.COMMUNE_OFFICER])
    services.advance(geo_map.commune, "test-commune", 2022, "submit", by=cast[Role.COMMUNE_OFFICER])
    value = IndicatorValue.objects.get(indicator_code="2.1")
    entries = AuditEntry.objects.count()
    with pytest.raises(ValueErrors, match="Đã gửi"):
        services.save_values(geo_map.commune, "test-commune", PERIOD,
                             [ValueInput("2.1", "85,5", version=value.version, evidence_note="muộn")], by=cast[Role.COMMUNE_OFFICER])
    assert IndicatorValue.objects.get(pk=value.pk).evidence_note == ""
    assert AuditEntry.objects.count() == entries


def test_the_communes_inbox_keeps_the_returned_values_until_they_are_sent_again(cast, geo_map, returned):
    from inbox.items import Kind, inbox

    officer, today = cast[Role.COMMUNE_OFFICER], datetime.date(2022, 12, 3)

    def returned_lines():
        return [(item.title, item.detail) for item in inbox(officer, today) if item.kind == Kind.RETURNED]

    expected = [("Số liệu bị trả lại — Xã Kỳ Tân, năm 2022", "4 giá trị cần sửa và gửi lại. Ý kiến: Thiếu biên bản")]
    assert returned_lines() == expected
    services.save_values(geo_map.commune, "test-commune", PERIOD,
                         [ValueInput("2.1", "85,5", version=returned.version, evidence_note="Biên bản số 12")], by=officer)
    assert returned_lines() == expected  # a note added: still to be sent again, the comment still in view
    services.advance(geo_map.commune, "test-commune", 2022, "submit", by=officer)
    assert returned_lines() == []
