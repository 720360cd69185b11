"""Agency names in Vietnamese text, and a normal form to compare them by."""

import re
import unicodedata
from functools import lru_cache

# Words that open the name of an addressee (agency, group of agencies or a person's title).
_HEADS = (
    r"Sở|UBND|Ủy ban|Uỷ ban|UBMTTQ|Mặt trận|MTTQ|Ban [Cc]hỉ đạo|BCĐ|Ban Quản lý|Ban Thường vụ|Thường trực|"
    r"Văn phòng|Chánh Văn phòng|Hội(?! nghị)|Tỉnh đoàn|Kho bạc|Cục|Công an|Bộ Chỉ huy|Bộ(?! tiêu chí| phận)|Báo(?! cáo)|Đài|Điện lực|"
    r"Thủ trưởng|(?:Phó )?Thủ tướng|Chủ tịch|Giám đốc|Bí thư|Trưởng|(?:các )?đồng chí|Huyện ủy|Tỉnh ủy|Liên minh|Ngân hàng|"
    r"[Cc]ác (?:sở|Sở|cơ quan|đơn vị|huyện|cấp|ngành|địa phương|tổ chức|đoàn thể|xã|Đoàn|thành viên|chủ đầu tư)|"
    r"[Tt]ừng sở|cấp ủy|cấp huyện|cấp xã|cấp tỉnh|chủ đầu tư|doanh nghiệp|hợp tác xã"
)
AGENCY_START = re.compile(rf"(?:{_HEADS})\b")

ABBREVIATIONS = {
    "nn&ptnt": "nong nghiep va phat trien nong thon",
    "nn và ptnt": "nong nghiep va phat trien nong thon",
    "kh&đt": "ke hoach va dau tu",
    "tn&mt": "tai nguyen va moi truong",
    "gtvt": "giao thong van tai",
    "vh-tt&dl": "van hoa, the thao va du lich",
    "lđ-tb&xh": "lao dong - thuong binh va xa hoi",
    "tt&tt": "thong tin va truyen thong",
    "gd&đt": "giao duc va dao tao",
    "ubmttq": "uy ban mat tran to quoc",
    "mttq": "mat tran to quoc",
    "ubnd": "uy ban nhan dan",
    "bcđ": "ban chi dao",
    "vpđp": "van phong dieu phoi",
    "ntm": "nong thon moi",
}


def _strip_diacritics(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


@lru_cache(maxsize=8192)
def normalise_agency(name: str) -> str:
    """Case, diacritics, the usual abbreviations and spacing folded away, for comparison only."""
    text = name.lower().replace("uỷ", "ủy")
    for short, long in ABBREVIATIONS.items():
        text = re.sub(rf"(?<![\w&]){re.escape(short)}(?![\w&])", long, text)
    text = _strip_diacritics(text)
    text = re.sub(r"\s*([-,&])\s*", r"\1", text)
    text = text.replace("-", " ").replace(",", " ")
    return re.sub(r"\s+", " ", text).strip()


def starts_with_agency(text: str) -> bool:
    return AGENCY_START.match(text.strip()) is not None


def split_agencies(phrase: str) -> list[str]:
    """'X, Y và Z' → names; pieces that open no new agency stay with the one before
    ('UBND các huyện, thành phố' is one name)."""
    names: list[str] = []
    phrase = expand_enumeration(phrase)
    for piece in re.split(r",\s*|;\s*|\s+và\s+", phrase.strip(" ,;:")):
        if not piece:
            continue
        if names and not starts_with_agency(piece):
            joiner = " và " if f"{names[-1]} và {piece}" in phrase else ", "
            names[-1] = f"{names[-1]}{joiner}{piece}"
        else:
            names.append(piece)
    return names


_ENUMERATED = re.compile(r"\b([Cc]ác)\s+([Ss]ở|[Bb]an)\s*:\s*")


_PLACES = re.compile(r"\b(UBND|Ủy ban nhân dân|Uỷ ban nhân dân) các (huyện|thị xã|thành phố|xã|phường)\s+"
                     r"((?:[A-ZĐÀ-Ỹ][\w-]*(?: [A-ZĐÀ-Ỹ][\w-]*)*)(?:(?:, | và )(?:[A-ZĐÀ-Ỹ][\w-]*(?: [A-ZĐÀ-Ỹ][\w-]*)*))+)")


def expand_enumeration(phrase: str) -> str:
    """'Các Sở: Kế hoạch và Đầu tư, Tài chính, UBND các huyện' → 'Sở Kế hoạch và Đầu tư, Sở Tài chính, UBND các
    huyện': each department of the list named whole, up to the first name that opens an agency of its own."""
    places = _PLACES.search(phrase)
    if places:  # "UBND các huyện Bến Lức, Tân Thạnh và Cần Giuộc" → each district's committee
        body, kind = places.group(1), places.group(2)
        named = [f"{body} {kind} {name}" for name in re.split(r", | và ", places.group(3))]
        phrase = phrase[: places.start()] + ", ".join(named) + phrase[places.end() :]
    found = _ENUMERATED.search(phrase)
    if not found:
        return phrase
    kind = found.group(2).capitalize()
    named, listing = [], True
    for piece in re.split(r",\s*", phrase[found.end() :]):
        listing = listing and not starts_with_agency(piece)
        named.append(f"{kind} {piece}" if listing and piece else piece)
    return phrase[: found.start()] + ", ".join(named)
