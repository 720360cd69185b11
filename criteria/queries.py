"""Which set applies, read from the database: the national sets and a province's own published versions."""

import datetime
from functools import lru_cache

from criteria import yaml_format
from criteria.definitions import CriteriaSet
from criteria.display import set_label
from criteria.models import CriteriaSetRecord
from geo.models import AdministrativeUnit


class NoCriteriaSet(LookupError):
    """No published version of the set is in force for that year."""


def definition(record: CriteriaSetRecord) -> CriteriaSet:
    """The parsed definition of a stored version (parsed once per edit of the record)."""
    return _parse(record.pk, record.version_number, record.definition, f"{record.code}@{record.version}")


@lru_cache(maxsize=64)
def _parse(pk: int, version_number: int, text: str, name: str) -> CriteriaSet:
    return yaml_format.parse_set(text, name, bounded=False)  # validated when written; never refused when read


def record_for_year(set_code: str, year: int, province: AdministrativeUnit | None = None) -> CriteriaSetRecord:
    """The version in force on 31 December of `year`: the province's own if it published one, else the national."""
    year_end = datetime.date(year, 12, 31)
    candidates = (
        CriteriaSetRecord.objects.published().for_province(province).filter(code=set_code)
        .exclude(valid_from__gt=year_end).exclude(valid_to__lte=year_end)
    )
    ranked = sorted(candidates, key=lambda r: (r.province_id is not None, r.valid_from or datetime.date.min))
    if not ranked:
        raise NoCriteriaSet(f"Chưa có {_lower_first(set_code_label(set_code, province))} có hiệu lực năm {year}.")
    return ranked[-1]


def set_for_year(set_code: str, year: int, province: AdministrativeUnit | None = None) -> tuple[CriteriaSetRecord, CriteriaSet]:
    record = record_for_year(set_code, year, province)
    return record, definition(record)


def set_code_for_year(year: int) -> str:
    """The standard commune set in force on 31 December of `year` (2021 was still assessed with the 2016–2020 set)."""
    year_end = datetime.date(year, 12, 31)
    record = (
        CriteriaSetRecord.objects.published().national().filter(level="commune", tier="standard")
        .exclude(valid_from__gt=year_end).exclude(valid_to__lte=year_end).order_by("-valid_from").first()
    )
    if record is not None:
        return record.code
    return "commune-2016-2020" if year <= 2020 else "commune-2021-2025" if year <= 2025 else "commune-2026-2030"


def set_codes_for_year(year: int, province: AdministrativeUnit | None = None) -> list[str]:
    """Codes of the commune sets in force on 31 December of `year` (the standard one first)."""
    year_end = datetime.date(year, 12, 31)
    records = (CriteriaSetRecord.objects.published().for_province(province).filter(level="commune")
               .exclude(valid_from__gt=year_end).exclude(valid_to__lte=year_end))
    codes = {r.code: r.tier for r in records}
    return sorted(codes, key=lambda code: (codes[code] != "standard", code))


def years_with_sets(first: int, last: int, province: AdministrativeUnit | None = None) -> list[int]:
    """The years from `first` to `last` for which a commune set is in force: what a page offers when one is not."""
    return [year for year in range(last, first - 1, -1) if set_codes_for_year(year, province)]


def set_code_label(set_code: str, province: AdministrativeUnit | None = None) -> str:
    """A set known only by its code (a stored result, a roll-up) as users know it: the name and basis of its first
    national version (`criteria.display.set_label`), else the province's own; never the code itself."""
    records = CriteriaSetRecord.objects.filter(code=set_code).select_related("province").order_by("valid_from", "pk")
    record = records.filter(province__isnull=True).first() or (
        records.filter(province=province).first() if province is not None else records.first())
    return set_label(record) if record is not None else "Bộ tiêu chí đã chọn"


def _lower_first(text: str) -> str:
    """ "Bộ tiêu chí …" inside a sentence: "Chưa có bộ tiêu chí … có hiệu lực năm 2031." """
    return text[:1].lower() + text[1:]
