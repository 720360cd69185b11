"""How the audit log reads to people: each action by its Vietnamese name (ACTIONS, the one registry), each changed
field by its Vietnamese name, each value as the pages write it — a unit or an agency by name, a measure by its label,
a criteria set by its name and basis, a status by its word, dates dd/mm/yyyy, amounts in tỷ/triệu đồng — never a
code, a key, an id or a version string.

Entries store what the services wrote (accounts.audit): ids, codes and ISO dates. This module reads them back; it
never changes them. Labels of the apps' own vocabularies are imported where they are needed (the audit log sits
above every app on the page, while `accounts` sits below them in the code).
"""

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from accounts.actions import Action
from accounts.models import AuditEntry
from ntm.formatting import format_number, format_vnd
from targets.vocabulary import measure_label, name_measures

# The names of the actions, from their one definition (accounts.actions.Action): every `audit.record` passes a member.
ACTIONS: dict[str, str] = dict(Action.choices)
UNKNOWN_ACTION = "Thay đổi dữ liệu"

# The model whose fields an action's before/after hold, where it is not the entry's target.
ACTION_MODELS: dict[str, str] = {
    Action.UNIT_SET_ATTRIBUTE: "geo.unitattribute",
    Action.VILLAGE_CREATE: "geo.administrativeunit",
    Action.FINANCE_DISBURSE: "finance.disbursement",
    Action.FINANCE_DISBURSE_OVER_PLAN: "finance.disbursement",
    Action.FINANCE_PLAN_CHANGE: "finance.planchange",
    Action.CREATE_PLAN_CHANGE: "finance.planchange",
    Action.FINANCE_CONTRIBUTION: "finance.contribution",
    Action.RECOGNITION_REGISTER: "recognition.registration",
    Action.RECOGNITION_ITEM_MET: "recognition.roadmapitem",
    Action.RECOGNITION_REVOCATION_OPEN: "recognition.revocation",
    Action.RECOGNITION_REVOCATION_DECISION: "recognition.revocation",
    Action.RECOGNITION_RECOVERED: "recognition.revocation",
    Action.RECOGNITION_OPINION: "recognition.opinion",
}

# Names of the keys the services write that are no field of the model (or whose field has no Vietnamese name).
FIELDS: dict[str, str] = {
    "comparator": "cách so sánh", "measure": "chỉ tiêu", "metric": "chỉ tiêu", "notice_target": "theo thông báo",
    "unit": "địa bàn", "year": "năm", "value": "giá trị", "note": "ghi chú", "status": "trạng thái",
    "comment": "ý kiến", "evidence_note": "ghi chú minh chứng", "evidence_file": "tệp minh chứng",
    "code": "mã", "legal_basis": "căn cứ", "valid_from": "hiệu lực từ", "valid_to": "hết hiệu lực từ",
    "source_file": "tệp nguồn", "criteria": "số tiêu chí", "indicators": "số chỉ tiêu", "indicator": "chỉ tiêu",
    "name": "tên", "short_name": "tên viết tắt", "kind": "loại", "is_active": "đang hoạt động", "aliases": "tên gọi khác",
    "username": "tên đăng nhập", "full_name": "họ và tên", "email": "thư điện tử", "phone": "điện thoại",
    "password": "mật khẩu", "must_change_password": "phải đổi mật khẩu khi đăng nhập",
    "user": "người dùng", "agency": "cơ quan", "role": "vai trò", "scope_unit": "địa bàn phụ trách",
    "replaced_by": "thay bằng phân quyền", "new": "phân quyền mới",
    "date": "ngày", "number": "số", "targets": "số chỉ tiêu", "tasks": "số nhiệm vụ", "report": "báo cáo",
    "due_date": "hạn", "completed_on": "ngày hoàn thành", "summary": "nội dung",
    "plan": "kế hoạch vốn", "day": "ngày", "amount": "số tiền", "effective": "ngày hiệu lực", "decision": "quyết định",
    "over_plan": "vượt kế hoạch vốn", "reason": "lý do", "actual_start": "ngày khởi công",
    "actual_completion": "ngày hoàn thành", "as_of": "đến ngày", "cleared_on": "ngày xử lý xong",
    "allocated_tonnes": "xi măng được phân bổ (tấn)", "received_tonnes": "xi măng đã nhận (tấn)",
    "used_tonnes": "xi măng đã sử dụng (tấn)", "road_km": "đường đã làm (km)",
    "sponsor": "đơn vị đỡ đầu", "start": "từ ngày", "end": "đến ngày", "committed": "số tiền cam kết",
    "in_kind": "hiện vật", "lines": "số dòng", "statement": "số bảng kê", "total": "tổng số tiền",
    "investor": "chủ đầu tư", "is_new": "dự án mới", "approved_total": "tổng mức đầu tư",
    "approval_decision": "quyết định phê duyệt", "planned_start": "khởi công theo kế hoạch",
    "planned_completion": "hoàn thành theo kế hoạch", "communes": "các xã",
    "parent": "thuộc", "verifying_agency": "cơ quan thẩm tra", "wards_assessed": "đánh giá cả phường, đặc khu",
    "level": "mức", "decided_on": "ngày quyết định", "withdrawn_on": "ngày rút",
    "action": "việc", "responsible_agency": "cơ quan thực hiện", "responsible_person": "người thực hiện",
    "subject": "đối tượng", "document": "tài liệu", "file": "tệp", "households": "số hộ",
    "poll_respondents": "số hộ trả lời", "poll_satisfied": "số hộ hài lòng", "decision_number": "số quyết định",
    "decision_date": "ngày quyết định", "criteria_met": "số tiêu chí đạt", "criteria_total": "tổng số tiêu chí",
    "step": "bước", "agrees": "đồng ý", "deadline": "thời hạn", "outcome": "kết quả", "source": "nguồn số liệu",
    "set_code": "bộ tiêu chí", "criteria_set": "bộ tiêu chí", "period": "kỳ", "threshold": "ngưỡng",
    "province": "tỉnh", "as_of_day": "đến ngày", "published": "công khai",
}
UNKNOWN_FIELD = "thông tin khác"
MODEL_FIELDS = {("criteria.criteriasetrecord", "code"): "bộ tiêu chí"}  # a key whose name depends on the model
HIDDEN = {"version", "version_number", "id", "pk", "created_by", "updated_by", "updated_at"}  # never shown
MONEY = {"amount", "committed", "approved_total", "total"}
SET_CODE = re.compile(r"\b(commune(?:-[a-z]+)*-\d{4}-\d{4})(?:@[^\s—]+)?")
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class EntryView:
    entry: AuditEntry
    action: str
    target: str
    changes: list[Change]


def action_label(action: str) -> str:
    return ACTIONS.get(action, UNKNOWN_ACTION)


def readable(text: str) -> str:
    """A stored description with any set code (and its version) or measure code replaced by its name."""
    if not text:
        return ""
    from criteria.queries import set_code_label

    return name_measures(SET_CODE.sub(lambda m: set_code_label(m.group(1)), text))


def describe(entries: Iterable[AuditEntry]) -> list[EntryView]:
    """The entries of a page, each in words (a few queries for the whole page: ids are looked up together)."""
    entries = list(entries)
    lookup = _Lookup(entries)
    return [EntryView(entry, action_label(entry.action), lookup.target(entry), _changes(entry, lookup))
            for entry in entries]


def _changes(entry: AuditEntry, lookup: "_Lookup") -> list[Change]:
    before = entry.before if isinstance(entry.before, dict) else {}
    after = entry.after if isinstance(entry.after, dict) else {}
    model = _model(entry)
    keys = [key for key in [*after, *(k for k in before if k not in after)] if key not in HIDDEN]
    return [Change(_field_label(model, key), lookup.value(model, key, before.get(key), entry) if key in before else "",
                   lookup.value(model, key, after.get(key), entry) if key in after else "")
            for key in keys]


def _model(entry: AuditEntry) -> type[models.Model] | None:
    label = ACTION_MODELS.get(entry.action, entry.target_type)
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _target_model(entry: AuditEntry) -> type[models.Model] | None:
    try:
        return apps.get_model(entry.target_type)
    except (LookupError, ValueError):
        return None


def _field(model: type[models.Model] | None, key: str) -> models.Field | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(key)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None


def _related(field: models.Field | None) -> type[models.Model] | None:
    """The model a foreign key points to (None for any other field)."""
    if isinstance(field, models.ForeignKey) and isinstance(field.related_model, type):
        return field.related_model
    return None


def _field_label(model, key: str) -> str:
    if model is not None and (model._meta.label_lower, key) in MODEL_FIELDS:
        return MODEL_FIELDS[(model._meta.label_lower, key)]
    if key in FIELDS:
        return FIELDS[key]
    field = _field(model, key)
    name = str(field.verbose_name) if field is not None else ""
    if name and name != key.replace("_", " "):  # a Vietnamese name given by the model
        return name
    return UNKNOWN_FIELD


class _Lookup:
    """Objects named by id in a page of entries, fetched once per model."""

    def __init__(self, entries: list[AuditEntry]) -> None:
        self.cache: dict[tuple[str, str], str] = {}
        wanted: dict[type[models.Model], set[str]] = {}
        for entry in entries:
            model = _model(entry)
            for data in (entry.before, entry.after):
                self._want(model, data, wanted)
            target = _target_model(entry)
            if target is not None:
                wanted.setdefault(target, set()).add(entry.target_id)
        for related, ids in wanted.items():
            for obj in related._default_manager.filter(pk__in=[i for i in ids if i.isdigit()][:1000]):
                self.cache[(related._meta.label_lower, str(obj.pk))] = self._name(obj)

    @staticmethod
    def _want(model, data: Any, wanted: dict[type[models.Model], set[str]]) -> None:
        for key, value in (data.items() if isinstance(data, dict) else ()):
            if isinstance(value, dict):
                _Lookup._want(model, value, wanted)
                continue
            field = _field(model, key)
            related = _related(field)
            if related is not None and isinstance(value, int | str) and str(value).isdigit():
                wanted.setdefault(related, set()).add(str(value))

    @staticmethod
    def _name(obj: models.Model) -> str:
        from criteria.display import set_label
        from criteria.models import CriteriaSetRecord

        if isinstance(obj, CriteriaSetRecord):
            return set_label(obj) + (f" — {obj.province.full_name}" if obj.province else "")
        if obj._meta.label_lower == "geo.administrativeunit":
            return obj.full_name  # type: ignore[attr-defined]
        return readable(str(obj))

    def target(self, entry: AuditEntry) -> str:
        found = self.cache.get((entry.target_type, entry.target_id))
        return found if found is not None else readable(entry.target_repr)

    def value(self, model, key: str, value: Any, entry: AuditEntry) -> str:
        field = _field(model, key)
        if value is None or value == "" or value == [] or value == {}:
            return "—"
        if isinstance(value, bool):
            return "có" if value else "không"
        related = _related(field)
        if related is not None:
            if not str(value).isdigit():  # stored by name (an opinion's agency)
                return readable(str(value))
            return self.cache.get((related._meta.label_lower, str(value)), "(đã xóa)")
        if isinstance(value, dict):
            return "; ".join(f"{_field_label(model, k)}: {self.value(model, k, v, entry)}" for k, v in value.items()
                             if k not in HIDDEN)
        if isinstance(value, list):
            return ", ".join(self.value(model, key, v, entry) for v in value)
        return _plain(field, key, value)


NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
CODES = {"indicator", "code", "number", "decision_number", "username", "year", "statement"}  # texts that look like numbers: kept as typed


def _plain(field: models.Field | None, key: str, value: Any) -> str:
    choices = dict(field.flatchoices) if field is not None and field.choices else {}
    if choices and value in choices:
        return str(choices[value])
    named = _named(key, value)
    if named is not None:
        return named
    text = str(value)
    if ISO_DAY.match(text):
        return datetime.date.fromisoformat(text).strftime("%d/%m/%Y")
    if ISO_MOMENT.match(text):
        return datetime.datetime.fromisoformat(text).strftime("%H:%M %d/%m/%Y")
    if key not in CODES and (isinstance(value, int | float | Decimal) or NUMBER.fullmatch(text)):
        return _number(key, value)
    return readable(text)


def _named(key: str, value: Any) -> str | None:
    """Codes of the apps' vocabularies, read by the key that holds them."""
    if key in ("measure", "metric"):
        return measure_label(str(value))
    if key in ("code", "set_code") and SET_CODE.fullmatch(str(value)):
        return readable(str(value))
    if key == "status":
        return _status_labels().get(str(value))
    if key == "document":
        from recognition.rules import DOCUMENTS

        document = DOCUMENTS.get(str(value))
        return document.label if document else None
    if key == "step":
        from recognition.models import STEPS

        return dict(STEPS).get(str(value))
    if key == "kind":
        from accounts.models import AgencyKind
        from geo.models import Kind

        return {**dict(Kind.choices), **dict(AgencyKind.choices)}.get(str(value))
    return None


def _status_labels() -> dict[str, str]:
    from assessment.models import ValueStatus
    from criteria.models import SetStatus
    from directives.models import TaskStatus
    from finance.models import Project
    from recognition.models import ItemStatus

    return {**dict(Project.Status.choices), **dict(TaskStatus.choices), **dict(ItemStatus.choices),
            **dict(SetStatus.choices), **dict(ValueStatus.choices)}


def _number(key: str, value: Any) -> str:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return readable(str(value))
    if key in MONEY:
        return format_vnd(number)
    return format_number(number, 2, strip_zeros=True)
