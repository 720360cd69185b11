"""Reads geo/data/*.yaml: snapshot dates (with per-province overrides) and the region of each province."""

import datetime
from dataclasses import dataclass
from pathlib import Path

import yaml

from geo.importers.records import Dating
from geo.models import Region

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
SNAPSHOT_DATES = DATA_DIR / "snapshot_dates.yaml"
REGIONS = DATA_DIR / "regions.yaml"


class ConfigError(ValueError):
    pass


@dataclass(frozen=True)
class SnapshotDates:
    """Dates of one snapshot: when its changes took effect, by default and per province."""

    key: str
    default: Dating | None
    overrides: dict[str, Dating]
    legal_basis_by_level: dict[str, str]
    as_of_reform: dict[str, dict[str, str]]


def _dating(entry: dict, where: str) -> Dating:
    day = entry.get("date")
    if not isinstance(day, datetime.date):
        raise ConfigError(f"{where}: date must be a YYYY-MM-DD date, got {day!r}")
    basis = entry.get("legal_basis", "")
    return Dating(day, bool(entry.get("approximate", True)), basis if isinstance(basis, str) else "")


def read_snapshot_dates(path: Path = SNAPSHOT_DATES) -> list[SnapshotDates]:
    """The snapshots in file order; every date later than the previous snapshot's."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    result: list[SnapshotDates] = []
    previous: datetime.date | None = None
    for key, entry in raw.items():
        default = None if entry.get("date") is None else _dating(entry, key)
        overrides = {
            str(code): _dating(value, f"{key}.province_overrides.{code}")
            for code, value in (entry.get("province_overrides") or {}).items()
        }
        for dating in [default, *overrides.values()]:
            if dating is not None and previous is not None and dating.date <= previous:
                raise ConfigError(f"{key}: {dating.date} is not after the previous snapshot ({previous})")
        if default is None and result:
            raise ConfigError(f"{key}: only the first snapshot may have no date")
        basis = entry.get("legal_basis")
        result.append(
            SnapshotDates(
                key=key,
                default=default,
                overrides=overrides,
                legal_basis_by_level=basis if isinstance(basis, dict) else {},
                as_of_reform={str(code): value for code, value in (entry.get("as_of_reform") or {}).items()},
            )
        )
        if default is not None:
            previous = max([default.date, *(o.date for o in overrides.values())])
    return result


@dataclass(frozen=True)
class RegionMap:
    before_2025: dict[str, str]
    from_2025: dict[str, str]
    legal_basis: str


def read_regions(path: Path = REGIONS) -> RegionMap:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    maps = {}
    for part in ("before_2025", "from_2025"):
        regions = {str(code): value for code, value in raw[part]["regions"].items()}
        unknown = {value for value in regions.values() if value not in Region.values}
        if unknown:
            raise ConfigError(f"regions.yaml {part}: unknown region codes {sorted(unknown)}")
        maps[part] = regions
    return RegionMap(maps["before_2025"], maps["from_2025"], raw.get("legal_basis", ""))
