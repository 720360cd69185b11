"""Reading a YAML file field by field with the line of every field, collecting problems instead of stopping at the
first: the loader whose mappings know their lines, the problems and the error of a criteria set file, and the reader
of scalar, enum, date and list fields that `criteria.yaml_format` builds the set format on."""

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ClassVar

import yaml

from ntm.formatting import format_number


class LineMapping(dict[str, Any]):
    """A YAML mapping that remembers its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]
    duplicates: list[tuple[str, int]]


class LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A safe loader (libyaml's when present: 5× faster) whose mappings know their lines."""


def _construct_mapping(loader: LineLoader, node: yaml.MappingNode) -> Iterator[LineMapping]:
    data = LineMapping()
    data.line = node.start_mark.line + 1
    data.key_lines, data.duplicates = {}, []
    yield data
    for key_node, _value_node in node.value:
        key, line = str(key_node.value), key_node.start_mark.line + 1
        if key in data.key_lines:
            data.duplicates.append((key, line))
        data.key_lines[key] = line
    data.update({str(key): value for key, value in loader.construct_mapping(node).items()})


LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


@dataclass(frozen=True)
class SetFileProblem:
    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f'{self.file}, dòng {self.line}, trường "{self.field}": {self.message}'


class SetFileError(ValueError):
    """Every problem found in one set file; `str()` lists them in Vietnamese, one a line."""

    def __init__(self, problems: list[SetFileProblem]):
        self.problems = problems
        heading = f"Tệp bộ tiêu chí không hợp lệ ({len(problems)} lỗi):"
        super().__init__("\n".join([heading, *(f"- {p}" for p in problems)]))


def load_with_lines(text: str, file_name: str) -> object:
    """The YAML tree of `text`, its mappings `LineMapping`s; a syntax error is a SetFileError naming its line."""
    try:
        return yaml.load(text, Loader=LineLoader)  # noqa: S506 — LineLoader is a SafeLoader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(error, "problem", None) or str(error)
        raise SetFileError(
            [SetFileProblem(file_name, line, "(cú pháp YAML)", f"không đọc được YAML: {problem}")]
        ) from None


def listing(values: Iterable[object]) -> str:
    return ", ".join(str(v) for v in values)


def join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


MAX_TEXT = 2_000


class FieldReader:
    """Reads the fields of one file's YAML tree, collecting problems instead of stopping. A subclass says how long
    each text may be (`limit`) and how each enum is named in messages (`ENUM_WORDS`)."""

    ENUM_WORDS: ClassVar[dict[type[StrEnum], str]] = {}

    def __init__(self, file_name: str, *, bounded: bool = True):
        self.file = file_name
        self.bounded = bounded  # texts within their limits (and, for a subclass, numbers within their bounds)
        self.problems: list[SetFileProblem] = []

    def problem(self, line: int, field: str, message: str) -> None:
        self.problems.append(SetFileProblem(self.file, line, field, message))

    def limit(self, path: str, key: str) -> int:
        """How many characters the text of `key` may have at `path`."""
        return MAX_TEXT

    def fields(
        self, node: object, path: str, line: int, allowed: set[str], required: tuple[str, ...]
    ) -> bool:
        """Check that `node` is a mapping with the required and only the allowed keys."""
        if not isinstance(node, LineMapping):
            self.problem(line, path or "(gốc)", "phải là một bảng khóa: giá trị (mapping)")
            return False
        for key, key_line in node.duplicates:
            self.problem(key_line, join(path, key), "trường bị lặp lại trong cùng một mục")
        for key in required:
            if key not in node:
                self.problem(node.line, join(path, key), "thiếu trường bắt buộc")
        for key in node:
            if key not in allowed:
                self.problem(
                    node.key_lines[key],
                    join(path, key),
                    f"trường không xác định (dùng: {listing(sorted(allowed))})",
                )
        return True

    def text(self, node: LineMapping, key: str, path: str, *, default: str = "") -> str:
        value = node.get(key, default)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, str | int | datetime.date):
            self.problem(
                node.key_lines.get(key, node.line),
                join(path, key),
                f"phải là một chuỗi, không phải {value!r}",
            )
            return default
        if isinstance(value, datetime.date):
            return value.isoformat()
        limit = self.limit(path, key)
        if self.bounded and len(str(value)) > limit:
            self.problem(node.key_lines.get(key, node.line), join(path, key), f"dài quá {format_number(limit)} ký tự")
            return str(value)[:limit]
        return str(value)

    def code(self, node: LineMapping, key: str, path: str) -> str:
        """A code or number: a string, or an integer; a float means an unquoted "17.10"."""
        value = node.get(key)
        if isinstance(value, float):
            self.problem(
                node.key_lines[key],
                join(path, key),
                f'mã {value!r} phải đặt trong ngoặc kép ("17.10" khác 17.1)',
            )
            return str(value)
        return self.text(node, key, path).strip()

    def enum(self, node: LineMapping, key: str, path: str, kind: type[StrEnum], default: Any = None) -> Any:
        value = node.get(key)
        if value is None:
            return default
        try:
            return kind(value)
        except ValueError:
            word = self.ENUM_WORDS[kind]
            self.problem(
                node.key_lines[key],
                join(path, key),
                f"{word} '{value}' không hợp lệ (dùng: {listing(kind)})",
            )
            return default

    def date(self, node: LineMapping, key: str, path: str) -> datetime.date | None:
        value = node.get(key)
        if value is None or isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError:
            self.problem(
                node.key_lines[key], join(path, key), f"ngày '{value}' không hợp lệ (viết YYYY-MM-DD)"
            )
            return None

    def items(self, node: LineMapping, key: str, path: str) -> list[tuple[str, Any]]:
        """The entries of a list field with their paths; a missing or null field is an empty list."""
        value = node.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(node.key_lines[key], join(path, key), "phải là một danh sách")
            return []
        return [(f"{join(path, key)}[{index}]", item) for index, item in enumerate(value)]

    def flag(self, node: LineMapping, key: str, path: str) -> bool:
        value = node.get(key, False)
        if not isinstance(value, bool):
            self.problem(node.key_lines[key], join(path, key), f"phải là true hoặc false, không phải {value!r}")
            return False
        return value

    def text_list(self, node: LineMapping, key: str, path: str) -> list[str]:
        values = []
        for item_path, item in self.items(node, key, path):
            if isinstance(item, str | int) and not isinstance(item, bool):
                if self.bounded and len(str(item)) > self.limit(path, key):
                    self.problem(node.key_lines[key], item_path, f"dài quá {self.limit(path, key)} ký tự")
                values.append(str(item))
            else:
                self.problem(node.key_lines[key], item_path, f"phải là một chuỗi, không phải {item!r}")
        return values
