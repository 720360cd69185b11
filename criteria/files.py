"""The set files of the repository (`criteria/sets/*.yaml`): load them and pick the version for a year.

No database here: `criteria.queries` answers the same question for the stored (and provincial) versions.

The version "for a year" is the one in force on 31 December of that year. When none is, the rule is:
- a year after a version began (it ended, or the day falls between two versions): the latest version that had
  begun by that day — a set is read as it last stood;
- a year before the first version began: the earliest version.
Callers that must not guess check `criteria_set.is_valid_on(year_end(year))` and warn.
"""

import datetime
from functools import lru_cache
from pathlib import Path

from criteria.definitions import CriteriaSet
from criteria.yaml_format import load_set_file

SETS_DIR = Path(__file__).parent / "sets"


class UnknownSet(LookupError):
    """No set file has this code; `message` is Vietnamese, for the user."""

    def __init__(self, code: str, known: list[str]):
        self.message = (
            f"Không có bộ tiêu chí '{code}' trong các tệp (có: {', '.join(known) or 'không có tệp nào'})."
        )
        super().__init__(self.message)


class DuplicateVersion(ValueError):
    def __init__(self, label: str, files: list[str]):
        self.message = f"Bộ tiêu chí {label} có trong nhiều tệp: {', '.join(files)}."
        super().__init__(self.message)


def year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


def load_all_sets(directory: Path | None = None) -> list[CriteriaSet]:
    """Every set file of `directory` (default: the repository's), sorted by code then start date.

    Raises `SetFileError` for an invalid file and `DuplicateVersion` when two files hold the same code@version.
    """
    paths = sorted((directory or SETS_DIR).glob("*.yaml"))
    sets = [_load(path, path.stat().st_mtime_ns, path.stat().st_size) for path in paths]
    seen: dict[tuple[str, str, str], str] = {}
    for criteria_set in sets:
        key = (criteria_set.code, criteria_set.version, criteria_set.province)
        if key in seen:
            raise DuplicateVersion(f"{key[0]}@{key[1]}", [seen[key], criteria_set.source_file])
        seen[key] = criteria_set.source_file
    return sorted(sets, key=lambda s: (s.code, s.valid_from or datetime.date.min, s.version))


@lru_cache(maxsize=32)
def _load(path: Path, mtime_ns: int, size: int) -> CriteriaSet:
    """One file, parsed once per content change (the key holds its modification time and size)."""
    return load_set_file(path)


def versions_of(code: str, sets: list[CriteriaSet], province: str = "") -> list[CriteriaSet]:
    """The versions of `code` for `province` ("" national), oldest first."""
    versions = [s for s in sets if s.code == code and s.province == province]
    return sorted(versions, key=lambda s: (s.valid_from or datetime.date.min, s.version))


def set_for_year(code: str, year: int, directory: Path | None = None, *, province: str = "") -> CriteriaSet:
    """The version of `code` for `year` (see the module's rule); a province's own versions when it has any."""
    sets = load_all_sets(directory)
    versions = versions_of(code, sets, province) or versions_of(code, sets)
    if not versions:
        raise UnknownSet(code, sorted({s.code for s in sets}))
    return pick_version(versions, year_end(year))


def pick_version(versions: list[CriteriaSet], day: datetime.date) -> CriteriaSet:
    """Among the versions of one set, oldest first: the one in force on `day`, else as the module says."""
    in_force = [v for v in versions if v.is_valid_on(day)]
    if in_force:
        return in_force[-1]
    begun = [v for v in versions if v.valid_from is None or v.valid_from <= day]
    return begun[-1] if begun else versions[0]
