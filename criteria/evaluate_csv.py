"""Evaluate communes from a CSV of indicator values against one criteria set: read, check, evaluate, format.

Input, one row per commune and indicator (UTF-8, a BOM accepted, header required, columns in any order):

    commune_code,region,group,indicator_code,value
    18401,BTB,,2.1,100
    18401,BTB,,8.3,1

`region` is a region code (TDMNPB, DBSH, BTB, DHNTB, TN, DNB, DBSCL; "ĐBSH" is read as DBSH) and `group` a
2026-2030 commune group (1, 2, 3); either may be empty, and the caller's `lookup` then finds it (in the
database). Yes/no values are 1/0, numbers use a dot. Output, one line per commune sorted by code:

    commune_code,criteria_met,criteria_total,meets_standard,unmet_criteria
    18401,17,19,0,2;10

No database and no files here: the management command `evaluate_file` supplies the text and the lookup.
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from criteria.definitions import COMMUNE_GROUPS, REGIONS, CommuneContext, Condition, CriteriaSet
from criteria.rules import CommuneResult, InvalidValue, evaluate_commune, parse_value
from ntm.problems import Problem, Problems
from ntm.refusals import Refused

COLUMNS = ("commune_code", "region", "group", "indicator_code", "value")
OUTPUT_HEADER = "commune_code,criteria_met,criteria_total,meets_standard,unmet_criteria"

# (commune code, attribute name "region" | "commune_group") -> its value, or None when unknown
Lookup = Callable[[str, str], str | None]


class InputErrors(Problems):
    """Every problem of the input file, a line each ("Dòng N: …"); nothing is evaluated when there is one."""


@dataclass
class CommuneInput:
    code: str
    region: str = ""
    group: str = ""
    values: dict[str, object] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # indicator code -> line it came from


def read_input(text: str, criteria_set: CriteriaSet) -> list[CommuneInput]:
    """The communes of the CSV `text` with typed values, sorted by code; `InputErrors` lists every bad line."""
    rows = csv.reader(io.StringIO(text.removeprefix("\ufeff")))
    problems: list[Problem] = []
    header = next(rows, None)
    columns = _columns(header or [])
    if columns is None:
        raise InputErrors([Problem(1, None, f"dòng tiêu đề phải có các cột {','.join(COLUMNS)}")])
    communes: dict[str, CommuneInput] = {}
    for row in rows:
        if not any(cell.strip() for cell in row):
            continue
        try:
            _read_row(row, columns, rows.line_num, criteria_set, communes)
        except _RowProblem as problem:
            problems.append(Problem(rows.line_num, None, problem.message))
    if problems:
        raise InputErrors(problems)
    return [communes[code] for code in sorted(communes)]


class _RowProblem(Refused):
    """One row of the input that cannot be read."""


def _columns(header: list[str]) -> dict[str, int] | None:
    names = [name.strip().lower() for name in header]
    if not all(column in names for column in COLUMNS):
        return None
    return {column: names.index(column) for column in COLUMNS}


def _read_row(
    row: list[str],
    columns: dict[str, int],
    line: int,
    criteria_set: CriteriaSet,
    communes: dict[str, CommuneInput],
) -> None:
    if len(row) <= max(columns.values()):
        raise _RowProblem(f"thiếu cột (cần {len(COLUMNS)} cột: {','.join(COLUMNS)})")
    cell = {column: row[index].strip() for column, index in columns.items()}
    if not cell["commune_code"]:
        raise _RowProblem("thiếu mã xã (cột commune_code)")
    indicator = criteria_set.indicator(cell["indicator_code"])
    if indicator is None:
        raise _RowProblem(
            f"chỉ tiêu '{cell['indicator_code']}' không có trong bộ tiêu chí {criteria_set.code}@{criteria_set.version}"
        )
    commune = communes.setdefault(cell["commune_code"], CommuneInput(cell["commune_code"]))
    commune.region = _merge(commune.region, _region(cell["region"]), "vùng", commune.code)
    commune.group = _merge(commune.group, _group(cell["group"]), "nhóm xã", commune.code)
    if indicator.code in commune.lines:
        raise _RowProblem(
            f"chỉ tiêu {indicator.code} của xã {commune.code} đã có ở dòng {commune.lines[indicator.code]}"
        )
    try:
        commune.values[indicator.code] = parse_value(indicator, cell["value"])
    except InvalidValue as error:
        raise _RowProblem(f"chỉ tiêu {indicator.code}: {error.message}") from None  # as the entry form says it
    commune.lines[indicator.code] = line


def _region(text: str) -> str:
    code = text.upper().replace("Đ", "D")
    if code and code not in REGIONS:
        raise _RowProblem(f"vùng '{text}' không có trong danh mục ({', '.join(REGIONS)})")
    return code


def _group(text: str) -> str:
    if text and text not in COMMUNE_GROUPS:
        raise _RowProblem(f"nhóm xã '{text}' không hợp lệ (1, 2 hoặc 3)")
    return text


def _merge(known: str, given: str, word: str, commune: str) -> str:
    if known and given and known != given:
        raise _RowProblem(f"xã {commune} đã có {word} {known} ở dòng trước, dòng này ghi {given}")
    return known or given


def context_for(
    commune: CommuneInput, criteria_set: CriteriaSet, year: int, lookup: Lookup
) -> CommuneContext | str:
    """The commune's context, or a Vietnamese message when the set needs a region or group nobody knows."""
    region, group = commune.region, commune.group
    if Condition.REGION in criteria_set.keys and not region:
        region = lookup(commune.code, Condition.REGION) or ""
        if not region:
            return f"Xã {commune.code}: không xác định được vùng (cột region trống và không tìm thấy xã hoặc vùng của xã trong cơ sở dữ liệu)."
    if Condition.COMMUNE_GROUP in criteria_set.keys and not group:
        group = lookup(commune.code, Condition.COMMUNE_GROUP) or ""
        if not group:
            return f"Xã {commune.code}: không xác định được nhóm xã (cột group trống và không tìm thấy xã hoặc nhóm của xã trong cơ sở dữ liệu)."
    return CommuneContext(region=region, commune_group=group, year=year)


def evaluate(
    communes: list[CommuneInput], criteria_set: CriteriaSet, year: int, lookup: Lookup
) -> tuple[list[str], list[str]]:
    """Output lines (header first) for the communes whose context is known, and a message for each other one."""
    lines, problems = [OUTPUT_HEADER], []
    for commune in sorted(communes, key=lambda c: c.code):
        context = context_for(commune, criteria_set, year, lookup)
        if isinstance(context, str):
            problems.append(context)
            continue
        lines.append(format_line(commune.code, evaluate_commune(criteria_set, commune.values, context)))
    return lines, problems


def format_line(code: str, result: CommuneResult) -> str:
    unmet = ";".join(sorted(result.unmet_criteria, key=number_key))
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(
        [code, result.criteria_met, result.criteria_total, 1 if result.meets_standard else 0, unmet]
    )
    return buffer.getvalue()


def number_key(number: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key for criterion numbers: numerically part by part ("2" < "10" < "10.1"), text after numbers."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in number.split("."))
