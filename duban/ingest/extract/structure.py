"""The report's structure: sections and the time each one speaks about.

A work report reviews the past year(s) and then plans the coming one; a number's kind (target or actual)
mostly follows from the part of the report it stands in. This module reads the structure once per
document and gives every paragraph a *prior*: the orientation of the section (or of the paragraph's own
opening words) with where it came from, which the classifier uses when the sentence itself has no strong
tense word.

The model is a sum of weighted cues (``vocabulary.SECTION_CUES``), the same for every kind of heading:

- a **year** named counts 3 for a review when it is before the report's year, else 3 for a plan
  ("2023年工作回顾" in a 2024 report, "2024年重点做好以下工作"); "2012年以来" reviews; a five-year plan
  ("十四五") counts 3 for a review when it ended before the report's year, 3 for a plan when it starts in
  it or later, nothing while it runs;
- **words** count 1–3 each: 回顾 3, 工作安排 3, 过去/一年来/以来 2, 今年/明年/今后/目标 2, 要/将 1, ...
  Time words (years, 今年, 过去, 以来, 回顾 …) are marked; the others (目标, 任务, 成就 …) are topic words.

The orientation of a piece of text is the side with the larger sum when it leads by 2 or more, else
none ("2023年工作回顾和2024年工作安排" is mixed). Where the text stands decides what it changes:

1. **Headings** — a numbered line ("一、", "第一部分", "【…】" level 1; "（一）" level 2; "1." "一是" level 3)
   whose heading part (up to the first 。) is at most 40 characters, or an unnumbered short line without
   closing punctuation (level 0, only when it has an orientation). A heading sets the orientation of its
   level and clears the deeper ones; a heading with no orientation clears its level, so it inherits the
   shallower one ("一、聚焦高质量发展，…" under "今年重点做好八个方面的工作"). To *overturn* an inherited
   orientation a heading needs a lead of 3 (a year, 回顾, 工作安排 …); a review subsection
   "（二）聚力落实国家重大战略任务" (任务 2) stays a review.
2. **Announcements** — a paragraph's last sentence that announces what follows ("今年要重点做好以下工作。",
   "主要做了以下工作：", "今年重点做好八个方面的工作：") sets level 0 from the next paragraph on.
3. **Openers** — the paragraph's first words up to "：" (≤ 40 characters) or its first clause
   (≤ 16 characters) with an orientation from time words ("过去一年，", "五年来，", "“十四五”时期，",
   "今年主要预期目标是：" — here topic words count too) set that paragraph only, and the "——" list
   paragraphs that follow it.

4. **Headingless text** — an excerpt as news sites publish it ("2024年，我们…", "过去一年，…", "这是…的一年。")
   has no heading: there an opener (or a short first sentence, ≤ 24 characters, scored on time words)
   sets level 0 for the paragraphs after it too, until another opener or a heading orients them.
5. **Skipped parts** — a table of contents (a line "目录", or three or more heading lines in a row with two
   numbered "一、" headings among them: a body never puts two chapter headings next to each other) sets
   nothing; a glossary ("名词解释", "注释", "※注释※" …) and everything after it up to the next oriented
   chapter heading is skipped by the pipeline (``skipped_paragraphs``), and so are definitions
   ("“1222”即…", "[7]“1530”工程：…").

A paragraph's prior is its opener's orientation, else the deepest level's, else none. ``Prior.source``
says which ("opener", "heading", "announcement", "carried" for an opener's orientation carried on in
headingless text, which yields to a paragraph's own majority of tense markers, "position" for a paragraph before the first planning
section that nothing else orients, ""), and the pipeline lowers ``confidence`` for a kind
taken from a prior rather than the sentence.
"""

import re
from dataclasses import dataclass

from . import vocabulary as V

TARGET, ACTUAL = "target", "actual"
_DECISIVE = 2           # a side must lead by this much to give an orientation
_OVERTURN = 3           # ... and by this much for a heading to overturn the inherited one
_HEADING_MAX = 40
_BARE_HEADING_MAX = 30
_OPENER_COLON_MAX = 40
_OPENER_CLAUSE_MAX = 16
_OPENER_SENTENCE_MAX = 24
_TOC_RUN = 3

_LEVELS = (
    (1, re.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|【)")),
    (2, re.compile(r"^[（(][一二三四五六七八九十]+[）)]")),
    (3, re.compile(r"^(?:\d{1,2}[.、．](?!\d)|[（(]\d{1,2}[）)]|[一二三四五六七八九十]是)")),
)
_HEADING_END_RE = re.compile(r"[。！？!?]")
_CLOSING = "。！？!?；;：:，,"
_ANNOUNCE_RE = re.compile(r"以下|如下|下列|几个方面|方面的?工作|方面重点|做好[^，。]{0,6}工作[：:。]")
_YEAR_CUE_RE = re.compile(r"(?<![比较])((?:19|20)\d\d)年(以来)?")
_PLAN_PERIOD_RE = re.compile(r'十([一二三四五六])五[”"’]?(以来)?')
_PLAN_START = {"一": 2006, "二": 2011, "三": 2016, "四": 2021, "五": 2026, "六": 2031}
_WORD_RE = re.compile("|".join(sorted((re.escape(w) for w in V.SECTION_CUES), key=len, reverse=True)))
# Words that hold a cue but are nouns or compare: "主要", "重要", "要求" (要), "今年以来" (a review).
_MASK_RE = re.compile(r"主要(?!目标|任务)|重要|需要|必要|要素|只要|纲要|比去年|比上年|较去年|较上年|"
                      r"(?:上年|去年)度?(?:结转|续建|未完|遗留)")     # "完成上年结转的8个项目" plans


@dataclass(frozen=True)
class Prior:
    """The orientation a paragraph inherits: kind (or None), where it came from, and the winning lead."""

    kind: str | None
    source: str = ""
    lead: int = 0


def cue_scores(text: str, year: int | None, time_only: bool = False) -> tuple[int, int]:
    """(review, plan): the weighted cues in ``text``; ``time_only`` leaves out the topic words; without the
    report's ``year`` years and five-year plans are not scored."""
    text = _MASK_RE.sub(lambda m: "□" * len(m.group()), text)
    review = plan = 0
    for match in _YEAR_CUE_RE.finditer(text) if year else ():
        if match.group(2) or int(match.group(1)) < year:
            review += 3
        else:
            plan += 3
    for match in _PLAN_PERIOD_RE.finditer(text) if year else ():
        start = _PLAN_START[match.group(1)]
        if match.group(2) or start + 4 < year:
            review += 3
        elif start >= year:
            plan += 3
    for match in _WORD_RE.finditer(text):
        side, weight, is_time = V.SECTION_CUES[match.group()]
        if time_only and not is_time:
            continue
        if side == ACTUAL:
            review += weight
        else:
            plan += weight
    return review, plan


def orientation(text: str, year: int | None, time_only: bool = False) -> tuple[str | None, int]:
    """The side the cues of ``text`` favour and by how much; (None, lead) when neither leads by 2."""
    review, plan = cue_scores(text, year, time_only)
    lead = abs(review - plan)
    if lead < _DECISIVE:
        return None, lead
    return (ACTUAL if review > plan else TARGET), lead


def heading_of(line: str) -> tuple[int, str] | None:
    """(level, heading text) when ``line`` is a heading; a heading may run on into its first sentence."""
    line = line.strip()
    for level, pattern in _LEVELS:
        if pattern.match(line):
            end = _HEADING_END_RE.search(line)
            head = line[: end.start()] if end else line
            return (level, head) if len(head) <= _HEADING_MAX else None
    if 0 < len(line) <= _BARE_HEADING_MAX and line[-1] not in _CLOSING:
        return 0, line
    return None


def opener_of(paragraph: str) -> tuple[str, bool]:
    """The paragraph's opening words and whether they frame a list ("…目标是："), else ("", False)."""
    colon = min((i for i in (paragraph.find("："), paragraph.find(":")) if i >= 0), default=-1)
    if 0 < colon <= _OPENER_COLON_MAX and not _HEADING_END_RE.search(paragraph, 0, colon):
        return paragraph[:colon], True
    comma = min((i for i in (paragraph.find("，"), paragraph.find(",")) if i >= 0), default=-1)
    if 0 < comma <= _OPENER_CLAUSE_MAX and not _HEADING_END_RE.search(paragraph, 0, comma):
        return paragraph[:comma], False
    return "", False


def table_of_contents(paragraphs: list[str]) -> set[int]:
    """Indices of the paragraphs that form a table of contents: after a line "目录", the heading lines
    that follow it; elsewhere, a run of three or more heading lines in a row holding two chapter
    headings ("一、…", "二、…")."""
    toc: set[int] = set()
    run: list[int] = []
    chapters = 0
    after_title = False
    for i, paragraph in enumerate(paragraphs + [""]):
        text = paragraph.strip()
        if V.TOC_TITLE_RE.fullmatch(text):
            toc.add(i)
            after_title, run, chapters = True, [], 0
            continue
        heading = heading_of(text) if text else None
        repeats = bool(run) and _toc_entry(text) == _toc_entry(paragraphs[run[0]])
        if heading is not None and len(text) <= _HEADING_MAX + 8 and not repeats:
            run.append(i)
            chapters += heading[0] == 1
            continue
        if after_title or (len(run) >= _TOC_RUN and chapters >= 2):
            toc.update(run)
        after_title, run, chapters = False, [], 0
    return toc


def _toc_entry(text: str) -> str:
    """A heading without its page number: "一、2025年工作回顾……1" -> "一、2025年工作回顾"."""
    return re.sub(r"[.…·\s\d]+$", "", text.strip())


def glossary_paragraphs(paragraphs: list[str], year: int) -> set[int]:
    """Indices of the paragraphs of a glossary: from its title ("名词解释", "※注释※") to the next chapter
    heading with an orientation (a glossary closes a report, or a chapter)."""
    skipped: set[int] = set()
    inside = False
    for i, paragraph in enumerate(paragraphs):
        text = paragraph.strip()
        if V.GLOSSARY_TITLE_RE.fullmatch(text):
            inside = True
        elif inside and (heading := heading_of(text)) and heading[0] == 1 and orientation(heading[1], year)[0]:
            inside = False
        if inside:
            skipped.add(i)
    return skipped


def skipped_paragraphs(paragraphs: list[str], year: int, toc: set[int] | None = None) -> set[int]:
    """Paragraphs whose numbers are no items: the table of contents and glossaries."""
    return (table_of_contents(paragraphs) if toc is None else toc) | glossary_paragraphs(paragraphs, year)


def _first_sentence_opener(text: str) -> str:
    """A short first sentence frames the paragraph like an opener: "这是民生福祉更加殷实的一年。"."""
    end = _HEADING_END_RE.search(text)
    return text[: end.start()] if end and end.start() <= _OPENER_SENTENCE_MAX else ""


def paragraph_priors(paragraphs: list[str], last_sentences: list[str], year: int,
                     toc: set[int] | None = None) -> list[Prior]:
    """One Prior per paragraph (see the module's docstring); ``last_sentences`` are each paragraph's last;
    ``toc`` the table of contents' paragraphs when already known."""
    levels: list[Prior | None] = [None, None, None, None]
    priors: list[Prior] = []
    carried: Prior | None = None          # an opener's orientation, carried into the "——" items after it
    toc = table_of_contents(paragraphs) if toc is None else toc
    chapters_seen = False                 # a numbered chapter or section heading: the text is no excerpt
    for index, (paragraph, last) in enumerate(zip(paragraphs, last_sentences)):
        text = paragraph.strip()
        if index in toc:
            priors.append(Prior(None))
            continue
        for line in text.split("\n"):     # a heading may be joined to the lines after it
            chapters_seen = _apply_heading(levels, line, year) in (1, 2) or chapters_seen
        opener, frames = opener_of(text)
        first = ""
        kind, lead = orientation(opener, year, time_only=not frames) if opener else (None, 0)
        if not kind and not frames and (first := _first_sentence_opener(text)):
            kind, lead = orientation(first, year, time_only=True)
        if kind:
            carried = Prior(kind, "opener", lead)
            if not chapters_seen and not any(levels[1:]) and \
                    (levels[0] is None or levels[0].source in ("carried", "announcement")) and \
                    V.SECTION_OPENER_RE.search(opener or first):
                levels[0] = Prior(kind, "carried", lead)    # headingless text: the opener orients what follows
        elif not text.startswith("——"):
            carried = None
        priors.append(carried or _deepest(levels))
        kind, lead = orientation(last, year) if _ANNOUNCE_RE.search(last) else (None, 0)
        if kind:
            levels[:] = [Prior(kind, "announcement", lead), None, None, None]
    return priors


def review_comes_first(priors: list[Prior], tenses: list[str | None], skipped: set[int]) -> list[Prior]:
    """A report reviews before it plans: paragraphs that nothing orients before the first planning
    section, when one follows, are the review (an excerpt, or a report whose review lost its heading) —
    unless their own verbs say otherwise (``tenses``: each paragraph's majority of tense markers; a
    newspaper piece opening with "市中区将…" plans)."""
    first_plan = next((i for i, p in enumerate(priors) if p.kind == TARGET), None)
    if first_plan is None:
        return priors
    return [Prior(ACTUAL, "position", 0) if i < first_plan and p.kind is None and i not in skipped
            and tenses[i] != TARGET else p for i, p in enumerate(priors)]


def _apply_heading(levels: list[Prior | None], line: str, year: int) -> int | None:
    """Apply a heading line to the levels; its level, or None when the line is no heading."""
    heading = heading_of(line)
    if heading is None or "报告" in heading[1]:        # the title "…政府工作报告" is no heading
        return None
    level, head = heading
    kind, lead = orientation(head, year)
    if not kind and level == 2 and is_state_heading(head):
        kind, lead = ACTUAL, _DECISIVE    # "（一）经济运行总体平稳、稳中有进" reports
    if level == 1 and levels[0] is not None and levels[0].source == "heading" and levels[0].lead < _OVERTURN:
        levels[0] = None    # a numbered chapter closes the section of a weakly oriented bare line before it
    inherited = _deepest(levels[:level] if level else [])
    if kind and inherited.kind and inherited.kind != kind and lead < _OVERTURN:
        kind = None
    if level == 0 and not kind:
        return None                       # an unnumbered line without orientation is no heading
    levels[level:] = [Prior(kind, "heading", lead) if kind else None] + [None] * (len(levels) - level - 1)
    return level


def is_state_heading(head: str) -> bool:
    """A numbered heading that states a result in its last clause ("（二）救灾重建有力有效",
    "强化创新驱动，创新能力明显增强"): a review subsection, also where no chapter heading says so."""
    body = _LEVELS[0][1].sub("", _LEVELS[1][1].sub("", _LEVELS[2][1].sub("", head.strip())))
    last = re.split(r"[，,；;]", body)[-1].strip()
    return bool(last) and bool(V.STATE_PREDICATE_RE.search(last)) and not V.PLAN_CLAUSE_VERB_RE.match(last) \
        and orientation(head, None)[0] != TARGET and not re.search(r"将|要|今年|明年|力争|确保", head)


def _deepest(levels: list[Prior | None]) -> Prior:
    for prior in reversed(levels):
        if prior is not None:
            return prior
    return Prior(None)
