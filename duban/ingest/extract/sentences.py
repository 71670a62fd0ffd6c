"""Split text into sentences and paragraphs, keeping offsets.

A sentence ends at 。！？ or a line break; 、，；stay inside it, so that "今年上半年，…；…" keeps its time
cue for every clause. A paragraph is a run of text between line breaks.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass

_SENTENCE_RE = re.compile(r"[^。！？!?\n]+[。！？!?]*")
_HEADLINE_LINE = 24
_HEADLINE_LINES = 4
_END_PUNCTUATION = "。！？!?：:；;”」）)"
_CLAUSE_BREAK_RE = re.compile(r"[，,；;：:。！？!?、\n]")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int     # 0-based index of the non-empty line holding the sentence


def split_sentences(text: str) -> list[Sentence]:
    """Sentences in text order; blank lines are not sentences; a block of short unpunctuated lines
    (a headline broken over lines) is one sentence."""
    sentences: list[Sentence] = []
    paragraph = -1
    last_line_end = -2
    for match in _SENTENCE_RE.finditer(text):
        start, end = match.span()
        if not text[start:end].strip():
            continue
        line_end = text.rfind("\n", 0, start)
        new_line = line_end != last_line_end
        if new_line and sentences and _continues_headline(text, sentences[-1], start, end):
            sentences[-1] = Sentence(sentences[-1].start, end, sentences[-1].paragraph)
            last_line_end = line_end
            continue
        if new_line:
            paragraph += 1
            last_line_end = line_end
        sentences.append(Sentence(start, end, paragraph))
    return sentences


def _continues_headline(text: str, previous: Sentence, start: int, end: int) -> bool:
    before = text[previous.start : previous.end].strip().rsplit("\n", 1)[-1].strip()   # its last line
    line_end = text.find("\n", start)
    line = text[start : line_end if line_end >= 0 else len(text)].strip()    # the whole line, not one sentence
    return (
        0 < len(before) <= _HEADLINE_LINE and 0 < len(line) <= _HEADLINE_LINE
        and before[-1] not in _END_PUNCTUATION and text.count("\n", previous.end, start) == 1
        and text[previous.start : previous.end].count("\n") < _HEADLINE_LINES
    )


class SentenceIndex:
    """Find the sentence holding an offset in O(log n)."""

    def __init__(self, sentences: list[Sentence]):
        self.sentences = sentences
        self._starts = [s.start for s in sentences]

    def at(self, pos: int) -> int:
        """Index of the sentence containing ``pos`` (the nearest one before it on a gap)."""
        return max(0, bisect_right(self._starts, pos) - 1)


def clause_start(text: str, sentence_start: int, pos: int) -> int:
    """Start of the clause (between ，；、：) that holds ``pos``."""
    cut = sentence_start
    for match in _CLAUSE_BREAK_RE.finditer(text, sentence_start, pos):
        cut = match.end()
    return cut


def clause_end(text: str, pos: int, sentence_end: int) -> int:
    match = _CLAUSE_BREAK_RE.search(text, pos, sentence_end)
    return match.start() if match else sentence_end
