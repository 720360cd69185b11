"""The illustrative numbers of the finance demo: stable pseudo-random values from names (the same demo every
run), amounts rounded as officials round them, and decisions numbered as officials number them; the
province is marked illustrative once (programme.services.mark_illustrative), never each decision."""

import datetime
import hashlib
from decimal import Decimal

from geo.models import AdministrativeUnit

LAST_YEAR = 2024  # the demo covers 2021–2024
MILLION = 1_000_000


def stable(*parts: object) -> float:
    """A number in [0, 1) from the parts: the same demo every run."""
    return int.from_bytes(hashlib.sha256("|".join(map(str, parts)).encode()).digest()[:8], "big") / 2**64


def between(low: float, high: float, *parts: object) -> float:
    return low + (high - low) * stable(*parts)


def day_in(year: int, month: int, *parts: object) -> datetime.date:
    return datetime.date(year, month, 1 + int(stable(*parts) * 27))


def millions(value: float) -> Decimal:
    """Plans and commitments are decided in whole millions of đồng."""
    return Decimal(max(0, round(value))) * MILLION


def thousands(value: float) -> Decimal:
    """Treasury payments come to the thousand đồng."""
    return Decimal(max(0, int(value) // 1000 * 1000))


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def committee(unit: AdministrativeUnit) -> str:
    """ "UBND huyện Kỳ Anh", as decisions name the issuer."""
    return f"UBND {lower_first(unit.full_name)}"


def decision(issuer: str, day: datetime.date, purpose: str) -> str:
    """A decision numbered as the year runs (about ten a day at the province). Not labelled one by one: the province
    is marked illustrative once (programme.services.mark_illustrative) and each page says so once."""
    per_day = 10 if "tỉnh" in issuer else 3
    number = 1 + int(day.timetuple().tm_yday * per_day + stable("number", issuer, day) * 9)
    return f"Quyết định số {number}/QĐ-UBND ngày {day:%d/%m/%Y} của {issuer} {purpose}"

