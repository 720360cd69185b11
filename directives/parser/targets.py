"""Numeric targets set for the future, in the guideline's small metric vocabulary."""

import re
from datetime import date

_N = r"(\d+(?:,\d+)?)"
_RANGE = _N + r"(?:\s*-\s*\d+(?:,\d+)?)?"
_NTM = r"(?:NTM\s+|nông thôn mới\s+)?"

# (metric, pattern, unit); the first group is the number, None when the pattern implies it.
PATTERNS: list[tuple[str, re.Pattern, str]] = [
    ("communes_below_10_criteria", re.compile(r"không còn xã dưới \d+ tiêu chí"), "xã"),
    ("new_communes_advanced_ntm", re.compile(rf"{_RANGE}\s+xã\s+(?:đạt chuẩn\s+)?{_NTM}nâng cao"), "xã"),
    ("new_communes_model_ntm", re.compile(rf"{_RANGE}\s+xã\s+(?:đạt chuẩn\s+|về đích\s+)?{_NTM}kiểu mẫu"), "xã"),
    ("new_communes_ntm_standard_special_difficulty", re.compile(rf"{_N}\s+xã đặc biệt khó khăn"), "xã"),
    ("total_communes_ntm_standard", re.compile(rf"nâng tổng số[^;.]{{0,60}}?lên\s+{_N}\s+xã"), "xã"),
    (
        "total_communes_ntm_standard",
        re.compile(rf"(?:đến hết|đến cuối) năm \d{{4}}, có\s+{_N}\s+xã đạt chuẩn"),
        "xã",
    ),
    (
        "new_communes_ntm_standard",
        re.compile(
            rf"(?:có thêm|có ít nhất|thêm|danh sách|(?<=[Pp]hấn đấu )có|(?<=[Dd]ự kiến )có)\s+{_N}\s+xã\s+(?:đăng ký\s+)?"
            rf"(?:cơ bản\s+)?(?:đạt chuẩn|về đích|hoàn thành(?: \d+/\d+| các| đủ)? tiêu chí)"
            rf"(?!\s+{_NTM}(?:nâng cao|kiểu mẫu))",
            re.IGNORECASE,
        ),
        "xã",
    ),
    (  # "Còn lại 4 xã … đang hoàn thiện …, phấn đấu trong năm nay sẽ hoàn thành 19 tiêu chí"
        "new_communes_ntm_standard",
        re.compile(rf"\b{_N}\s+xã\b(?:(?!\bđã\b)[^.\d]){{0,200}}?phấn đấu[^.;]{{0,40}}?(?:đạt chuẩn|về đích|hoàn thành(?: \d+(?:/\d+)?)? tiêu chí)"),
        "xã",
    ),
    (
        "communes_maintaining_19_criteria_pct",
        re.compile(rf"{_N}\s*%\s*(?:số\s+)?xã[^;.]{{0,60}}?(?:giữ vững|duy trì)[^;.]{{0,20}}?tiêu chí"),
        "%",
    ),
    ("new_districts_ntm_standard", re.compile(r"hoàn thành xây dựng huyện (?:nông thôn mới|NTM)"), "huyện"),
    ("min_criteria_per_commune", re.compile(rf"đạt từ {_N} tiêu chí trở lên"), "tiêu chí/xã"),
    (
        "avg_criteria_gain_per_commune",
        re.compile(rf"tăng thêm[^;.]{{0,30}}?bình quân {_N} tiêu chí"),
        "tiêu chí/xã",
    ),
    (
        "avg_criteria_per_commune",
        re.compile(rf"(?:bình quân(?! \d+ tiêu chí)[^;.]{{0,50}}?đạt|đạt bình quân) từ {_RANGE}\s*tiêu chí"),
        "tiêu chí/xã",
    ),
    ("criteria_level_increase_factor", re.compile(rf"tiêu chí tăng {_N} lần"), "lần"),
    ("villages_ntm_standard", re.compile(rf"{_N}(?:/\d+)?\s+thôn[^;.]{{0,60}}?đạt chuẩn"), "thôn"),
    ("new_model_residential_areas", re.compile(rf"{_RANGE}\s+[Kk]hu dân cư\s+{_NTM}kiểu mẫu"), "khu dân cư"),
    ("new_model_gardens", re.compile(rf"{_N}\s+vườn mẫu"), "vườn"),
    ("new_districts_ntm_standard", re.compile(rf"{_N}\s+huyện đạt chuẩn"), "huyện"),
    ("province_ntm_standard", re.compile(r"đạt chuẩn tỉnh nông thôn mới"), "tỉnh"),
    ("new_ocop_products_4_star", re.compile(rf"{_N}\s+sản phẩm 4 sao"), "sản phẩm"),
    ("new_ocop_products_5_star", re.compile(r"(?:phấn đấu có|có)\s+sản phẩm[^;.]{0,30}?5 sao"), "sản phẩm"),
    ("new_ocop_products", re.compile(rf"{_N}\s+sản phẩm(?!\s+\d\s+sao)[^;.]{{0,40}}?(?:chuẩn OCOP|3 sao trở lên)"),
     "sản phẩm"),
    ("disbursement_rate", re.compile(rf"tỷ lệ giải ngân[^;.]{{0,40}}?(?<!dưới ){_N}\s*%"), "%"),
    ("disbursement_rate", re.compile(rf"giải ngân(?: đạt| hết)?(?: tối thiểu| ít nhất| trên)? {_N}\s*%"), "%"),
]
# Figures that read the same as a result: a target only in a sentence that plans ("phấn đấu", "mục tiêu", "đến năm …").
PLANNED: list[tuple[str, re.Pattern, str]] = [
    (
        "communes_ntm_standard_pct",
        re.compile(rf"{_N}\s*%\s*(?:số\s+)?xã\s+(?:được công nhận\s+)?(?:đạt chuẩn|đạt tiêu chí)\s+{_NTM}?(?!\s*(?:nâng cao|kiểu mẫu))"),
        "%",
    ),
    (
        "total_communes_ntm_standard",
        re.compile(rf"[Đđ]ến (?:hết |cuối )?năm \d{{4}},?\s+(?:toàn tỉnh |tỉnh )?có\s+{_N}\s+xã đạt chuẩn(?!\s+{_NTM}(?:nâng cao|kiểu mẫu))"),
        "xã",
    ),
    ("avg_criteria_per_commune", re.compile(rf"(?<!tăng thêm )(?<!tăng )bình quân(?: đạt)?\s+{_N}\s*tiêu chí\s*/\s*xã"),
     "tiêu chí/xã"),
    ("new_ocop_products", re.compile(rf"{_N}\s+sản phẩm OCOP(?!\s+(?:đạt\s+)?\d\s+sao)"), "sản phẩm"),
]
_KEYWORD = {
    "communes_below_10_criteria": "không còn",
    "communes_maintaining_19_criteria_pct": "%",
    "new_communes_advanced_ntm": "nâng cao",
    "new_communes_model_ntm": "kiểu mẫu",
    "new_communes_ntm_standard_special_difficulty": "đặc biệt",
    "min_criteria_per_commune": "trở lên",
    "avg_criteria_gain_per_commune": "tăng thêm",
    "avg_criteria_per_commune": "bình quân",
    "criteria_level_increase_factor": "lần",
    "villages_ntm_standard": "thôn",
    "new_model_residential_areas": "dân cư",
    "new_model_gardens": "vườn mẫu",
    "new_districts_ntm_standard": "huyện",
    "province_ntm_standard": "tỉnh nông thôn mới",
    "new_ocop_products_4_star": "4 sao",
    "new_ocop_products_5_star": "5 sao",
    "new_ocop_products": "sản phẩm",
    "disbursement_rate": "giải ngân",
    "communes_ntm_standard_pct": "%",
}
# What was achieved is a result, not a target.
_ACHIEVED = re.compile(r"\bđã\b|đến nay|được công nhận|hiện có|toàn tỉnh có")
_HINT = re.compile(r"\d|không còn|sao|tỉnh nông thôn mới")
_PLANS = re.compile(r"phấn đấu|dự kiến|kế hoạch|mục tiêu|chỉ tiêu|đến năm|đến cuối|năm tới|thời gian tới|đăng ký")
_PAST_YEAR = re.compile(r"^(?:trong\s+|kết quả\s+)?năm\s+(\d{4})\b")
_FUTURE_YEAR = re.compile(r"(?:năm|đến năm)\s+(\d{4})")


def _number(raw: str | None, metric: str) -> float | int:
    if raw is None:
        return 0 if metric == "communes_below_10_criteria" else 1
    value = float(raw.replace(",", "."))
    return int(value) if value.is_integer() else value


def _clause_before(text: str, start: int) -> str:
    # The words just before the figure: "đã" further back belongs to another phrase.
    return re.split(r"[;.:]\s", text[:start])[-1][-40:]


def _reported(text: str, start: int) -> bool:
    """ "…, các cấp đã triển khai …; có thêm 5 xã …": a sentence that says what was done, with no plan words."""
    sentence = re.split(r"[.!?]\s", text[:start])[-1].lower()
    return bool(re.search(r"\bđã\b", sentence)) and not _PLANS.search(sentence)


def _plans(sentence: str, reference: date | None) -> bool:
    """The sentence looks ahead: "phấn đấu", "mục tiêu", "dự kiến", or a horizon not yet reached ("đến hết năm 2025")."""
    if re.search(r"dự kiến|phấn đấu|kế hoạch|mục tiêu|phát triển mới", sentence):
        return True
    horizon = re.search(r"đến (?:hết |cuối )?năm (\d{4})|^(?:trong )?năm (\d{4})\b", sentence.strip())
    return bool(horizon and reference and int(horizon.group(1) or horizon.group(2)) >= reference.year)


def _achieved(text: str, start: int, words: str, reference: date | None) -> bool:
    """A result, not a target: "đã", "được công nhận", "toàn tỉnh có" — unless the sentence plans it ("Dự kiến năm
    2020, toàn tỉnh có 3 xã về đích …", "phấn đấu … có 100% số xã đã đạt chuẩn giữ vững …", "Năm 2024 có thêm 30 sản
    phẩm được công nhận …" in a text of 2024)."""
    said = _ACHIEVED.search(words)
    if not said:
        return _reported(text, start)
    sentence = re.split(r"[.!?]\s", text[:start])[-1].lower()
    if _plans(sentence + words.lower(), reference):
        return False
    ahead = _PAST_YEAR.match(sentence)
    return not (ahead and reference and int(ahead.group(1)) >= reference.year and "có thêm" in words)


def extract_targets(paragraphs: list[str], reference: date | None, province: str | None) -> list[dict]:
    default_year = reference.year if reference else None
    found: list[dict] = []
    seen: set[tuple[str, float]] = set()
    for para in paragraphs:
        if not _HINT.search(para):
            continue
        lowered = para.lower()
        past = _PAST_YEAR.match(lowered)
        if past and reference and int(past.group(1)) < reference.year:
            continue  # "Năm 2023 toàn tỉnh có thêm 25 xã …" in a 2024 notice reports a result
        for metric, pattern, unit in [*PATTERNS, *PLANNED]:
            if _KEYWORD.get(metric, "") not in lowered:
                continue  # cheap gate before the regular expression
            for m in pattern.finditer(para):
                before = _clause_before(para, m.start())
                if _achieved(para, m.start(), before + m.group(0), reference):
                    continue
                sentence = re.split(r"[.!?]\s", para[: m.start()])[-1].lower()
                if (metric, pattern, unit) in PLANNED and not _plans(sentence + m.group(0).lower(), reference):
                    continue
                value = _number(m.group(1) if pattern.groups else None, metric)
                if (metric, float(value)) in seen:
                    continue
                seen.add((metric, float(value)))
                year = _FUTURE_YEAR.search(before[-80:] + m.group(0))
                found.append(
                    {
                        "metric": metric,
                        "value": value,
                        "unit": unit,
                        "scope": f"tỉnh {province}" if province else "",
                        "year": int(year.group(1)) if year else default_year,
                        "text": m.group(0),
                    }
                )
    return found
