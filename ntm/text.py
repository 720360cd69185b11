"""Vietnamese text helpers: diacritic-insensitive search keys and alphabetical sort keys."""

import unicodedata

# Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_RANK = {letter: index for index, letter in enumerate(_ALPHABET)}
# Tone marks order words that share their letters: none, huyền, sắc, hỏi, ngã, nặng.
_TONES = {"\u0300": 1, "\u0301": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}
# Marks that belong to the letter itself, not to the tone.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}


def fold(text: str) -> str:
    """Lower-case ASCII form for search: "Kỳ Anh" → "ky anh", "Đức Thọ" → "duc tho"."""
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.lower().split())


def sort_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Key that sorts Vietnamese names as a reader expects (Đ after D, Â after Ă, tones last)."""
    letters: list[int] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFD", text.lower()):
        if char in _TONES:
            tones[-1:] = [_TONES[char]]
        elif char in _LETTER_MARKS and letters:
            base = _ALPHABET[letters[-1]] if letters[-1] < len(_ALPHABET) else ""
            composed = unicodedata.normalize("NFC", base + char)
            letters[-1] = _RANK.get(composed, letters[-1])
        else:
            letters.append(_RANK.get(char, len(_ALPHABET) + ord(char)))
            tones.append(0)
    return tuple(letters), tuple(tones)
