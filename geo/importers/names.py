"""Unit names: cleaning what the packages give, comparing names across sources, naming units in notes."""

import re
import unicodedata

from geo.models import Kind
from ntm.text import fold

# How each kind is written before the name, longest first so that "Thành phố" wins over shorter prefixes.
PREFIXES: dict[str, tuple[str, ...]] = {
    Kind.PROVINCE: ("Tỉnh",),
    Kind.CENTRAL_CITY: ("Thành phố",),
    Kind.RURAL_DISTRICT: ("Huyện",),
    Kind.URBAN_DISTRICT: ("Quận",),
    Kind.DISTRICT_TOWN: ("Thị xã",),
    Kind.PROVINCIAL_CITY: ("Thành phố",),
    Kind.COMMUNE: ("Xã",),
    Kind.WARD: ("Phường",),
    Kind.TOWNSHIP: ("Thị trấn",),
    Kind.SPECIAL_ZONE: ("Đặc khu",),
}

# Old-style tone placement at the end of a syllable ("hoà", "thuỷ") and its modern form ("hòa", "thủy").
_TONE_PLACEMENT = {
    f"{a}{b}": f"{unicodedata.normalize('NFC', first + tone)}{second}"
    for first, second in (("o", "a"), ("o", "e"), ("u", "y"))
    for tone in ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
    for a, b in [(first, unicodedata.normalize("NFC", second + tone))]
}
_SYLLABLE_END = re.compile("(" + "|".join(_TONE_PLACEMENT) + r")(?=\s|$|-)")


def clean(text: str) -> str:
    """NFC, single spaces, no stray spaces: "Thị trấn  Tây Sơn" → "Thị trấn Tây Sơn"."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def strip_prefix(full_name: str, kind: str) -> tuple[str, bool]:
    """("Huyện Kỳ Anh", huyen) → ("Kỳ Anh", True); the flag says whether the expected prefix was there."""
    name = clean(full_name)
    for prefix in PREFIXES.get(kind, ()):
        if name.lower().startswith(prefix.lower() + " "):
            return name[len(prefix) + 1 :].strip(), True
    return name, False


def name_key(name: str) -> str:
    """Key under which two spellings count as the same name: diacritics, case and hyphen spacing ignored.

    The sources disagree on details ("Cẩm Vĩnh"/"Cẩm Vịnh", "Phan Rang-Tháp Chàm"/"Phan Rang - Tháp Chàm");
    such differences are spelling, not a rename decision.
    """
    return re.sub(r"\s*-\s*", "-", fold(name))


def syllables(name: str) -> frozenset[str]:
    """Lower-case syllables with tone marks placed the modern way: "Sơn Hoà" → {"sơn", "hòa"}."""
    text = _SYLLABLE_END.sub(lambda match: _TONE_PLACEMENT[match.group(1)], clean(name).lower())
    return frozenset(part for part in re.split(r"[\s\-–]+", text) if part)


def full_name(kind: str, name: str) -> str:
    """ "Huyện Kỳ Anh" — as AdministrativeUnit.full_name writes it."""
    prefix = "Thành phố" if kind in (Kind.CENTRAL_CITY, Kind.PROVINCIAL_CITY) else Kind(kind).label
    return name if name.startswith(prefix) else f"{prefix} {name}"
