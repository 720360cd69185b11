"""Text clean-up: the same normalisation the gold quotes were written against."""

import re

_SPACE = re.compile(r"\s+")
_MARKUP = re.compile(r"[*#]")
_FOOTER = re.compile(r"^(Nơi nhận|Nguồn:|Các tin khác|TL\. CHỦ TỊCH)", re.IGNORECASE)
# The longest paragraph of the shared notices has 1,442 characters. The task and target rules look at a paragraph
# from each of its words, so a pasted text of one 200,000-character paragraph would take minutes: longer
# paragraphs are cut (at a sentence's end, else at a space) into pieces of at most this many characters.
MAX_PARAGRAPH = 3_000


def normalise(text: str) -> str:
    """Drop markdown `*`/`#` and collapse whitespace, as the guideline defines it."""
    return _SPACE.sub(" ", _MARKUP.sub("", text)).strip()


def paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs, re-joining ones a page break cut mid-sentence."""
    out: list[str] = []
    # Single line breaks separate paragraphs too: text pasted from Word or read from .docx has no blank lines.
    for block in re.split(r"\n", _MARKUP.sub("", text)):
        para = _SPACE.sub(" ", block).strip()
        if not para:
            continue
        # A lower-case start after an unfinished line is the same sentence.
        if out and para[0].islower() and not out[-1].endswith((".", ":", ";", "!", "?")):
            out[-1] = f"{out[-1]} {para}"
        else:
            out.append(para)
    return out


def body_paragraphs(text: str) -> list[str]:
    """Paragraphs up to the distribution list or the portal footer."""
    out = []
    for para in paragraphs(text):
        if _FOOTER.match(para):
            break
        out.extend(_pieces(para))
    return out


def _pieces(para: str) -> list[str]:
    pieces = []
    while len(para) > MAX_PARAGRAPH:
        head = para[:MAX_PARAGRAPH]
        sentence_end = max(head.rfind(". "), head.rfind("; "))
        cut = sentence_end + 1 if sentence_end > 0 else head.rfind(" ")
        if cut <= 0:
            cut = MAX_PARAGRAPH
        pieces.append(para[:cut].strip())
        para = para[cut:].strip()
    return [*pieces, para] if para else pieces


def sentences(paragraph: str) -> list[str]:
    """Split on full stops followed by a capital letter (numbers like 8.000 stay whole)."""
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ\"(])", paragraph) if s]
