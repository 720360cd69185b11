"""The audit log in Vietnamese: actions from one registry, fields and values by their names, never a code, a key,
an id or a version string."""

import datetime
import html
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from accounts import audit
from accounts.actions import Action
from accounts.audit_display import ACTIONS, UNKNOWN_ACTION, describe
from accounts.models import AuditEntry, Membership, Role
from criteria.models import CriteriaSetRecord
from geo.models import Attribute, UnitAttribute
from targets import services as target_services

ROOT = Path(__file__).resolve().parents[2]
# What a user must never read: set codes, version strings, snake_case keys (the crawler's pattern).
RAW = re.compile(r"commune-(?:advanced-)?20\d\d-20\d\d|\+\d+\.(?:demo|\d+)|\b[a-z]+(?:_[a-z0-9]+)+\b")
# An action written as a string where the code records one (audit.record or the services' own recorders).
ACTION_LITERAL = re.compile(
    r"(?:audit\.record\([^,]+,|_record_person\([^,]+,|_save\([^\n]*?,\s*by,|_move\([^\n]*?,|_edit\([^\n]*?change,)"
    r"\s*f?\"([a-z_{}]+(?:\.[a-z_{}]+)?)\"")


def _literal_actions_in_code() -> set[str]:
    found: set[str] = set()
    for path in ROOT.glob("*/**/*.py"):
        if ".venv" in path.parts or "tests" in path.parts or "node_modules" in path.parts:
            continue
        found.update(ACTION_LITERAL.findall(path.read_text(encoding="utf-8")))
    return found


def test_the_code_records_every_action_by_its_enum_member_never_a_string():
    assert ACTION_LITERAL.findall('audit.record(by, "value.create", x)') == ["value.create"]  # the check can fail
    assert sorted(_literal_actions_in_code()) == []


def test_every_action_has_a_vietnamese_name_and_its_stored_value_is_unchanged():
    assert {action.value: action.label for action in Action} == ACTIONS
    assert all(name and name != value for value, name in ACTIONS.items())
    assert (Action.FINANCE_DISBURSE, Action.CREATE_PROJECT) == ("finance.disburse", "create_project")
    assert [Action(f"value.{step}") for step in ("submit", "verify", "appraise")] == [
        Action.VALUE_SUBMIT, Action.VALUE_VERIFY, Action.VALUE_APPRAISE]


def test_an_unknown_action_reads_as_a_change_not_as_its_key(geo_map):
    entry = audit.record(None, "something.new_here", geo_map.province, unit=geo_map.province, after={"x_y_z": 1})
    [row] = describe([entry])
    assert (row.action, [(c.field, c.after) for c in row.changes]) == (UNKNOWN_ACTION, [("thông tin khác", "1")])


def test_a_target_reads_with_its_measure_label(cast, geo_map):
    target_services.set_target(geo_map.province, year=2026, measure="new_communes_modern_ntm", value=Decimal(1),
                               by=cast[Role.COORDINATOR])
    [row] = describe(AuditEntry.objects.filter(action="targets.set"))
    assert row.action == "Đặt chỉ tiêu năm"
    assert row.target == "Tỉnh Mẫu 2026: Số xã được công nhận nông thôn mới hiện đại trong năm tối thiểu 1"
    assert {c.field: c.after for c in row.changes} == {
        "địa bàn": "Tỉnh Mẫu", "năm": "2026", "chỉ tiêu": "Số xã được công nhận nông thôn mới hiện đại trong năm",
        "giá trị": "1", "cách so sánh": "Tối thiểu", "ghi chú": "—", "theo thông báo": "—"}


def test_an_old_description_written_with_codes_is_read_with_names(geo_map):
    entry = AuditEntry.objects.create(action="targets.set", target_type="targets.target", target_id="999",
                                      target_repr="Tỉnh Mẫu 2026: communes_meeting_all_criteria tối thiểu 8.00")
    [row] = describe([entry])
    assert row.target == ("Tỉnh Mẫu 2026: Số xã đạt đủ các tiêu chí của bộ tiêu chí đang áp dụng (theo kết quả đánh "
                          "giá) tối thiểu 8.00")


@pytest.fixture
def national_set(db):
    return CriteriaSetRecord.objects.create(
        code="commune-2026-2030", version="2026-02-15+42.1", name="Bộ tiêu chí quốc gia về xã nông thôn mới",
        level="commune", tier="standard", legal_basis="Quyết định 51/2025/QĐ-TTg ngày 29/12/2025",
        valid_from=datetime.date(2026, 2, 15), definition="")


def test_a_set_reads_by_its_name_never_its_code_or_version(national_set):
    entry = audit.record(None, "criteria_set.load", national_set, after=audit.snapshot(
        national_set, ["code", "version", "status", "legal_basis", "valid_from", "valid_to"]))
    [row] = describe([entry])
    assert row.action == "Nạp bộ tiêu chí"
    assert "commune-2026-2030" not in row.target and "42.1" not in row.target
    assert row.target.startswith("Bộ tiêu chí quốc gia về xã nông thôn mới")
    changes = {c.field: c.after for c in row.changes}
    assert "phiên bản" not in changes and all("42.1" not in value for value in changes.values())
    assert changes["bộ tiêu chí"].startswith("Bộ tiêu chí quốc gia về xã nông thôn mới")
    assert (changes["hiệu lực từ"], changes["hết hiệu lực từ"]) == ("15/02/2026", "—")


def test_a_membership_move_names_people_agencies_roles_and_units(cast, geo_map, agencies):
    old = Membership.objects.get(user=cast[Role.COMMUNE_OFFICER])
    entry = audit.record(None, "membership.move", old, unit=geo_map.province,
                         before={"role": Role.COMMUNE_OFFICER, "scope_unit": geo_map.commune.pk},
                         after={"role": Role.VIEWER, "scope_unit": geo_map.new_commune.pk,
                                "new": {"agency": agencies["office"].pk, "role": Role.COMMUNE_OFFICER}})
    [row] = describe([entry])
    assert [(c.field, c.before, c.after) for c in row.changes] == [
        ("vai trò", "Cán bộ cấp xã", "Chỉ xem"),
        ("địa bàn phụ trách", "Xã Kỳ Tân", "Xã Kỳ Anh Mới"),
        ("phân quyền mới", "", "cơ quan: Văn phòng Điều phối NTM tỉnh; vai trò: Cán bộ cấp xã"),
    ]


@pytest.mark.parametrize(("action", "after", "expected"), [
    ("finance.disburse", {"amount": "1400000000", "day": "2026-03-05"}, {"số tiền": "1,4 tỷ đồng",
                                                                          "ngày": "05/03/2026"}),
    ("recognition.move", {"step": "verified", "comment": ""}, {"bước": "UBND huyện đã thẩm tra", "ý kiến": "—"}),
    ("value.return", {"status": "returned", "comment": "Bổ sung minh chứng"},
     {"trạng thái": "Trả lại", "ý kiến": "Bổ sung minh chứng"}),
    ("programme.settings", {"wards_assessed": True}, {"đánh giá cả phường, đặc khu": "có"}),
])
def test_values_read_as_the_pages_write_them(geo_map, action, after, expected):
    entry = audit.record(None, action, geo_map.province, unit=geo_map.province, after=after)
    [row] = describe([entry])
    assert {c.field: c.after for c in row.changes} == expected


def test_an_attribute_reads_by_its_name(geo_map):
    attribute = UnitAttribute.objects.create(unit=geo_map.commune, name=Attribute.COMMUNE_GROUP, value="2")
    entry = audit.record(None, "unit.set_attribute", geo_map.commune, unit=geo_map.province,
                         after=audit.snapshot(attribute, ["name", "value"]))
    [row] = describe([entry])
    assert (row.target, [(c.field, c.after) for c in row.changes]) == (
        "Xã Kỳ Tân", [("tên", "Nhóm xã (2026-2030)"), ("giá trị", "2")])


def test_the_audit_log_page_shows_no_code_key_or_version(client, cast, geo_map, national_set):
    target_services.set_target(geo_map.province, year=2026, measure="multidimensional_poverty_rate",
                               value=Decimal("3.5"), by=cast[Role.COORDINATOR])
    audit.record(cast[Role.COORDINATOR], "criteria_set.publish", national_set, unit=geo_map.province,
                 after={"status": "published", "code": "commune-2026-2030", "version": "2026-02-15+42.1"})
    client.force_login(cast[Role.COORDINATOR])
    page = client.get(reverse("accounts:audit_log")).content.decode()
    text = html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)))
    assert RAW.findall(text) == []
    assert "Đặt chỉ tiêu năm" in text and "Tỷ lệ nghèo đa chiều (hộ nghèo và hộ cận nghèo)" in text
    assert "Đã ban hành" in text
