"""Normalisation that remembers where every character came from.

Real report text carries noise that breaks number recognition: full-width digits and ％, zero-width
characters, OCR spaces inside numbers ("1 . 15万户", "2 0 2 1年") and newspaper column breaks between a
number and its unit ("1.76\\n万人"). ``normalize`` removes that noise and returns the cleaned text with
an offset map, so every span found in the cleaned text can be reported in the text as read.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass, field

# One-for-one replacements: lengths do not change, so they need no offset bookkeeping.
_WIDTH_TABLE = str.maketrans(
    "０１２３４５６７８９％．～－＋\u00a0",
    "0123456789%.~-+ ",
)

_FULL_WIDTH_RE = re.compile("[０-９％．～－＋\u00a0]+")

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_ZERO_WIDTH_RE = f"[{ZERO_WIDTH}]+"
# Blanks between two pieces of one number: "1 . 15", "2 0 2 1", "1.76\n万人".
_NUMBER_GAP_RE = (
    # not after list numbering at a line's start: "8. 8个行政村" is item 8, then 8个 (not 8.8个)
    r"(?<!\n\d\.)(?<!\n\d\d\.)(?<!^\d\.)(?<!^\d\d\.)(?<=[0-9.])[ \t\u3000\r\n]+(?=[0-9.%万亿])"
    r"|(?<=[0-9])[ \t\u3000]+(?=[个百千])"
    r"|(?<=[0-9])[\r\n]+(?=[个人户元亩平公家所处条名项座套部吨米千百年月日])"
    r"|(?<=[平公个千])[\r\n]+(?=[方里米顷百瓦])"
)
_DELETE = re.compile(f"{_ZERO_WIDTH_RE}|{_NUMBER_GAP_RE}")
# Newspaper columns: short lines broken mid-sentence. In such a text every break between two word
# characters is removed ("增加\n至2 0 2 1年"), so that sentences and units are whole again; so is a blank
# line after a full column line ("为民办实事\n\n22件"), while short headings keep theirs.
_COLUMN_BREAK_RE = re.compile(
    rf"{_ZERO_WIDTH_RE}|{_NUMBER_GAP_RE}"
    r"|(?<=[^\n]{9}[\u4e00-\u9fff0-9A-Za-z%])[ \t]*\r?\n[ \t]*\r?\n(?=[\u4e00-\u9fff0-9A-Za-z])"
    r"|(?<=[\u4e00-\u9fff0-9A-Za-z%])[ \t]*\r?\n(?=[\u4e00-\u9fff0-9A-Za-z])"
)
_COLUMN_LINE_SHARE = 0.6
# A short fragment on a line of its own inside a sentence, as web pages leave a highlighted word
# ("…企业数量连续三年位居\n全省第一\n，", "臭氧（O\n3\n）浓度"): the line before it ends mid-sentence, so
# both breaks go and the sentence is whole again.
_FRAGMENT_LINE_RE = re.compile(r"(?<=[^\s。！？：；:;!?”」）)])([ \t]*\r?\n)[ \t]*[^\s。！？：；:;!?][^\n。！？：；:;!?]{0,7}(\r?\n)(?=[^\s])")
_LONG_LINE = 20
_CONTINUING = "，、；）)”"
_HEADING_START_RE = re.compile(r"[（(【\[]?[一二三四五六七八九十\d]+(?:[、）)】\]]|[.．](?!\d))|第[一二三四五六七八九十]|[一二三四五六七八九十]是")


@dataclass(frozen=True)
class Normalized:
    """Cleaned text plus the deletions made, to map cleaned offsets back to the original."""

    text: str
    # Sorted cleaned-text positions at which characters were removed, and the running count removed.
    cut_at: list[int] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)

    def to_original(self, pos: int) -> int:
        """The original offset of the character at cleaned offset ``pos``."""
        i = bisect_right(self.cut_at, pos) - 1
        return pos + (self.removed[i] if i >= 0 else 0)

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a cleaned half-open span to the original text; inner deletions are included."""
        return self.to_original(start), self.to_original(end - 1) + 1


def unify_width(text: str) -> str:
    """Full-width digits, ％ and punctuation used in numbers to ASCII, one character for one."""
    return _FULL_WIDTH_RE.sub(lambda m: m.group().translate(_WIDTH_TABLE), text)


def is_column_text(text: str) -> bool:
    """Most lines short and ending mid-sentence: text copied from newspaper columns."""
    lines = [line.strip() for line in text[:20000].split("\n") if line.strip()]
    if len(lines) < 10:
        return False
    broken = sum(1 for line in lines if 6 <= len(line) <= 24 and line[-1] not in "。！？：；”」）)")
    return broken / len(lines) >= _COLUMN_LINE_SHARE


def normalize(text: str) -> Normalized:
    """Clean ``text`` for scanning; the result maps back to ``text`` offsets."""
    unified = unify_width(text)
    pattern = _COLUMN_BREAK_RE if is_column_text(unified) else _DELETE
    pieces: list[str] = []
    cut_at: list[int] = []
    removed: list[int] = []
    last = 0
    total = 0
    for start, end in _deletions(pattern, unified):
        pieces.append(unified[last:start])
        total += end - start
        cut_at.append(start - (total - (end - start)))
        removed.append(total)
        last = end
    pieces.append(unified[last:])
    return Normalized("".join(pieces), cut_at, removed)


def _deletions(pattern: re.Pattern, text: str) -> list[tuple[int, int]]:
    """The spans to remove, in order: the pattern's matches and the line breaks around fragment lines."""
    spans = [m.span() for m in pattern.finditer(text)]
    if "\n" not in text:
        return spans
    fragments = []
    for match in _FRAGMENT_LINE_RE.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        before = text[line_start : match.start()].strip()
        fragment = text[match.end(1) : match.start(2)].strip()
        if _HEADING_START_RE.match(fragment) or not (len(before) >= _LONG_LINE or before[:1] in _CONTINUING):
            continue          # a heading after a heading; a title block of short lines
        fragments += [match.span(1), match.span(2)]
    if not fragments:
        return spans
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans + fragments):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
