"""Report text -> proposed items: normalise → split sentences → find quantities → classify → name the metric
→ resolve the period → link.

``extract_text`` is the public entry point; every step is a function of its own module, tested alone.
"""

import re
from bisect import bisect_left, bisect_right
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from . import classify, structure
from . import vocabulary as V
from .metric import (
    rank_subject,
    clean,
    is_generic,
    is_scope,
    is_share_of,
    verb_noun_metric,
    metric_after,
    metric_before,
    metric_head,
    strip_evaluation,
    rank_scope,
    rescope,
    strip_subject,
)
from .normalize import Normalized, normalize
from .numbers import plain
from .period import PERIOD_CUE_RE, compares_span, infer_year, nearest_period, period_from_cue
from .quantities import Quantity, find_quantities, item_unit
from .sentences import Sentence, SentenceIndex, clause_end, clause_start, split_sentences

JSONL_FIELDS = ("doc", "start", "end", "quote", "value", "value_max", "unit", "qualifier", "metric", "aspect",
                "kind", "period", "sentence", "confidence")
_REVIEW_MARKERS_RE = re.compile(r"过去一年|一年来|工作回顾|过去五年|五年来")
# A piece written during the year it reports on ("今年以来", "上半年"): its results are of that year.
_MID_YEAR_RE = re.compile(r"今年以来|上半年|前三季度|一季度|1[-—至~]\d{1,2}月|一至[二三四五六七八九十]+月")
_LINE_BREAK_RE = re.compile("\n")
_HAS_DIGIT_RE = re.compile(r"\d")
_SPAN_CUE_GROUPS = ("since", "span1", "plan", "past", "yearsago")
_RESPECTIVELY_RE = re.compile("分别")
# Without 分别, a change verb right before figures joined by "、" pairs them with names joined by "、"
# ("事故起数、死亡人数下降17.6%、11.6%"): only when the names and the figures are as many.
_PARALLEL_RE = re.compile(r"(?<!分别)(?<!均)(?:增长|下降|提高|减少|降低|增加|上升)(?=\d[\d.]*%、\d)")
_LIST_SPLIT_RE = re.compile(r"[、和及与]")
_RESPECTIVE_TAIL_RE = re.compile(r"(?:预计|累计|共计|合计|同比|年均|均|全年|今年|去年)+$")
# Measures that a list of names shares: "新能源汽车、集成电路、工业机器人产量".
_SHARED_MEASURE_RE = re.compile(
    r"(?:人均可支配收入|可支配收入|增加值|营业收入|主营业务收入|产量|产值|营收|收入|税收|总额|销售额|利润|投资|规模|"
    r"产业增速|增速|增幅)$"
)
_LAST_NUMBER_SPLIT_RE = re.compile(r"\d")
_LIST_REACHES_RE = re.compile(r"(?:达到|达|共|合计|累计|总数|分别|均)$")
# "为近五年最好水平" compares with a span, it does not date what follows.
_COMPARES_SPAN_RE = re.compile(r"(?:来|以来)?(?:的)?(?:最|新高|新低|同期)")
# A five-year plan dates what follows only as a time frame ("“十四五”时期，", "“十四五”以来"), not as a
# subject ("“十四五”实现良好开局").
_FRAMES_SPAN_RE = re.compile(r"[”\"’]?(?:时期|期间|以来|规划期|[，,]|这五年|五年)")
_YEAR_WORD_RE = re.compile(r"(?:19|20)\d\d年")
# A paragraph opening with a year: "——2020年，抓民生、补短板，…", "2018年，我们…".
# A programme named before a count of what it adds: "实施“限额以上商贸企业培育计划”，新增120家".
_PROGRAMME_TAIL_RE = re.compile(r"(?:倍增|培育|提升|攻坚|引育|壮大)(?:计划|工程|行动)[”\"’]?$")
_RANK_PREDICATE_RE = re.compile(r"(?:保持|位居|稳居|居|位列|排名|排在|名列)(?:全国|全省|全市|全区|全县|世界|全球|[第前首])")
_PEOPLE_NOUN_RE = re.compile(r"名?[\u4e00-\u9fff]{0,4}?(?:" + "|".join(sorted(V.PEOPLE_NOUNS, key=len, reverse=True))
                             + r"|人民|中国人)")
# "落实支持小微企业发展的12条措施": measures take what they are for, from after the issuing verb.
_MEASURES_FOR_RE = re.compile("(?:" + "|".join(sorted(V.ISSUING_VERBS, key=len, reverse=True)) +
                              r")(?P<aim>[\u4e00-\u9fff]{2,14}?)的?$")
_MONEY_MEASURES_LONGEST_FIRST = sorted(V.MONEY_MEASURES, key=len, reverse=True)
_OPENER_YEAR_RE = re.compile(r"\s*(?:——)?(?P<year>(?:19|20)\d\d)年(?:度)?[，,]")
_BARE_NUMBERS_RE = re.compile(r"(?:[\d.,%‰和及与、]|左右|以上|以下|以内)+")
_FROM_VALUE_RE = re.compile(r"[从由]$")
_TO_VALUE_RE = re.compile(r"[从由][^，；]*\d[^，；]*(?:到|至)$")
_WIDE_CLAUSE_BREAK_RE = re.compile(r"[，,；;：:。！？!?]")
# Verbs whose object a later clause may leave out: "发行超长期特别国债，…今年先发行1万亿元".
_CLOSING_VERB_RE = re.compile(r"(?:发行|安排|下达|争取|发放|投入|拨付|筹集|新增|建设|建成|实施|落实)$")
# How much a kind taken from the paragraph's prior lowers the confidence, by the prior's source.
_PRIOR_DOUBT = {"opener": 0.05, "heading": 0.05, "announcement": 0.1, "position": 0.1, "carried": 0.1}


@dataclass
class Item:
    """One proposed item; offsets refer to the text as read (end exclusive)."""

    doc: str
    start: int
    end: int
    quote: str
    value: int | float
    value_max: int | float | None
    unit: str
    qualifier: str
    metric: str
    aspect: str
    kind: str
    period: str
    sentence: str
    confidence: float
    sentence_start: int = 0
    paragraph: int = 0

    def to_record(self) -> dict:
        """The JSON Lines record: exactly the fields of JSONL_FIELDS."""
        data = asdict(self)
        return {name: data[name] for name in JSONL_FIELDS}


@dataclass
class ExtractionResult:
    doc: str
    year: int | None
    year_inferred: bool
    items: list[Item] = field(default_factory=list)
    text: str = ""


@dataclass
class DocumentContext:
    """What every quantity's classification may consult about its document."""

    text: str
    sentences: list[Sentence]
    index: SentenceIndex
    year: int
    review_year: int
    line_breaks: list[int]              # offsets of "\n", to tell which line a quantity is on
    paragraph_first: list[int]          # per paragraph: index of its first sentence
    priors: list[structure.Prior]       # per paragraph: the orientation of its section or opener
    paragraph_tense: list[str | None]   # per paragraph: majority of strong tense markers
    document_tense: str
    skipped: set[int] = field(default_factory=set)   # paragraphs of a table of contents or a glossary
    lead_paragraph: list[int] = field(default_factory=list)   # per paragraph: the one whose spans it inherits
    span_cue_ends: list[int] = field(default_factory=list)    # end offsets of span cues ("五年来"), sorted
    span_cues: list[re.Match] = field(default_factory=list)


@dataclass
class Draft:
    """A quantity while the pipeline describes it (normalised offsets)."""

    q: Quantity
    sentence: int
    line: int
    metric: str
    head: str          # the sentence's opening subject, a last resort for the metric
    aspect: str
    kind: str
    period: str
    qualifier: str
    decline: bool
    confidence: float
    continues: bool = False     # a later member of a list of numbers: "增长10%、7.9%"
    quoted_target: bool = False  # "（年度目标7%左右）": measures what the quantity before it measures


# --- the recipe ------------------------------------------------------------------------------------


def extract_text(text: str, *, doc: str = "", year: int | None = None) -> ExtractionResult:
    """Propose the items of one report's text; ``year`` is the report's year (inferred when None)."""
    norm = normalize(text)
    report_year, inferred = resolve_year(norm.text, year)
    if report_year is None:
        return ExtractionResult(doc, None, True, [], text)
    context = build_context(norm.text, report_year)
    drafts = [describe(q, context) for q in find_quantities(norm.text) if not in_skipped_part(q, context)]
    drafts = share_list_verb(respective(link(drafts), context), context)
    items = [to_item(d, norm, text, doc, context) for d in drafts]
    return ExtractionResult(doc, report_year, inferred, items, text)


def extract_document(path: str | Path, *, year: int | None = None) -> ExtractionResult:
    """Read a file (text, .docx, PDF) and extract it; raises readers.DocumentError on bad input."""
    from ..readers import read_document

    path = Path(path)
    return extract_text(read_document(path), doc=path.name, year=year)


# --- steps -----------------------------------------------------------------------------------------


def resolve_year(text: str, year: int | None) -> tuple[int | None, bool]:
    if year is not None:
        return year, False
    return infer_year(text), True


def build_context(text: str, year: int) -> DocumentContext:
    sentences = split_sentences(text)
    paragraphs = _paragraph_texts(text, sentences)
    # In a report for year Y the review is of Y-1, headings or not (an excerpt "这是…的一年。…"); only a
    # piece written during the year ("今年以来…", "上半年…") reports on Y itself.
    review_year = year - 1 if _REVIEW_MARKERS_RE.search(text) or f"{year - 1}年" in text \
        or not _MID_YEAR_RE.search(text) else year
    toc = structure.table_of_contents(paragraphs)
    context = DocumentContext(
        text=text,
        sentences=sentences,
        index=SentenceIndex(sentences),
        year=year,
        review_year=review_year,
        line_breaks=[m.start() for m in _LINE_BREAK_RE.finditer(text)],
        paragraph_first=_paragraph_first(sentences),
        priors=structure.paragraph_priors(paragraphs, _last_sentences(text, sentences, len(paragraphs)), year,
                                          toc=toc),
        skipped=structure.skipped_paragraphs(paragraphs, year, toc=toc),
        paragraph_tense=[_majority(*classify.tense_counts(p)) for p in paragraphs],
        document_tense=_majority(*classify.tense_counts(text)) or classify.TARGET,
    )
    context.priors = structure.review_comes_first(context.priors, context.paragraph_tense, context.skipped)
    for i, prior in enumerate(context.priors):
        if prior.source == "carried" and prior.kind == classify.ACTUAL and context.paragraph_tense[i] == classify.TARGET:
            # a review carried from its opener ("过去一年，…") is overturned by strong plan markers only, not by
            # the plan-like verbs a review also uses of its own work (加快, 启动, 推进)
            context.paragraph_tense[i] = _majority(*classify.tense_counts(paragraphs[i], strong_only=True))
    context.lead_paragraph = _lead_paragraphs(context)
    context.span_cues = [m for m in PERIOD_CUE_RE.finditer(text)
                         if any(m.group(g) for g in _SPAN_CUE_GROUPS) and not _COMPARES_SPAN_RE.match(text, m.end())
                         and (not m.group("plan") or _FRAMES_SPAN_RE.match(text, m.end()))
                         and not compares_span(text, m)]
    context.span_cue_ends = [m.end() for m in context.span_cues]
    return context


def in_skipped_part(q: Quantity, ctx: DocumentContext) -> bool:
    """In a table of contents, a glossary or a definition ("“1222”即…1个主导产业"): no item."""
    sentence = ctx.sentences[ctx.index.at(q.start)]
    if sentence.paragraph in ctx.skipped:
        return True
    return bool(V.DEFINITION_RE.match(ctx.text, sentence.start, q.start))


def describe(q: Quantity, ctx: DocumentContext) -> Draft:
    """Classify one quantity and name its metric and period."""
    si = ctx.index.at(q.start)
    sentence = ctx.sentences[si]
    text = ctx.text
    narrow = clause_start(text, sentence.start, q.start)
    left = text[narrow : q.start]
    wide_left = text[wide_clause_start(text, sentence.start, q.start) : q.start]
    continues = _continues_list(text, sentence.start, narrow, left)
    if continues:
        left = text[_list_head(text, sentence.start, narrow) : q.start]   # "分别增长10%、7.9%"
    right = text[q.end : clause_end(text, q.end, sentence.end)]
    unit = item_unit(q)
    aspect = classify.aspect_of(unit, q.rank, left)
    kind, kind_doubt = kind_of(q, sentence, ctx)
    period = period_of(q, kind, sentence, ctx)
    quoted_target = bool(V.BRACKET_TARGET_RE.search(left))
    if quoted_target:       # "增长7.2%（年度目标7%左右）": the target of the year the result is of
        kind, kind_doubt = classify.TARGET, 0.0
    elif _ends_before(period, ctx.year) and kind == classify.TARGET:
        kind, kind_doubt = classify.ACTUAL, 0.0     # "“十三五”时期…219亿元" in a 2021 report
    metric_left = wide_left if _measures_across_list(unit, q.rank, continues, wide_left) else left
    if not continues and narrow > sentence.start and text[narrow - 1] == "、" and \
            (shared := _SHARED_HEAD_RE.search(text, clause_start(text, sentence.start, narrow - 1), narrow - 1)) \
            and shared.end() == narrow - 1 and not _HAS_DIGIT_RE.search(left) and len(left) >= 3:
        metric_left = shared.group("modifier") + "、" + left    # "热点、难点问题2300余件": two heads, one noun
    metric = "" if quoted_target else \
        name_metric(q, unit, aspect, metric_left, text[q.end : sentence.end], text[sentence.start : q.start],
                    text[q.start : q.end])
    bare_money = unit in V.MONEY_UNITS and not continues and (metric in V.BARE_MEASURE_NOUNS or not metric)
    head = "" if metric and not is_share_of(metric) and not bare_money else \
        _fallback_metric(text, sentence, q.start, topic=bare_money)
    if bare_money and head and (verb := _BARE_MONEY_CLAUSE_RE.fullmatch(left.strip())):
        metric = verb["measure"]          # "坚持教育优先，投资8亿元": 投资 of the topic before
    return Draft(
        q=q,
        sentence=si,
        line=bisect_right(ctx.line_breaks, q.start),
        metric=metric,
        head=head,
        aspect=aspect,
        kind=kind,
        period=period,
        qualifier=classify.qualifier_of(q.qualifier, text[max(0, q.start - 6) : q.start], right[:6], unit),
        decline=aspect == classify.CHANGE and classify.is_decline(left),
        confidence=_confidence(q, kind_doubt),
        continues=continues,
        quoted_target=quoted_target,
    )


def kind_of(q: Quantity, sentence: Sentence, ctx: DocumentContext) -> tuple[str, float]:
    """Target or actual, and how much the confidence drops for where it came from: the sentence's own
    strong tense markers before the number (no drop), else the paragraph's prior from the report's
    structure (structure.py), else the markers after the number, the paragraph's and the document's."""
    prior = ctx.priors[sentence.paragraph]
    in_review, in_plan = prior.kind == classify.ACTUAL, prior.kind == classify.TARGET
    own = classify.tense_of(ctx.text[sentence.start : q.start], in_review, in_plan,
                            after=ctx.text[q.start : sentence.end])
    if own:
        return own, 0.0
    own_majority = ctx.paragraph_tense[sentence.paragraph]
    if prior.source == "carried" and own_majority and own_majority != prior.kind:
        return own_majority, 0.15     # a feature's "今年…" paragraph does not make the next one a plan
    if prior.kind:                  # the section outweighs markers after the number ("…，争取…")
        return prior.kind, _PRIOR_DOUBT[prior.source]
    own = classify.tense_of(ctx.text[q.end : sentence.end], in_review, in_plan)
    if own:
        return own, 0.05
    if ctx.paragraph_tense[sentence.paragraph]:
        return ctx.paragraph_tense[sentence.paragraph], 0.15
    return ctx.document_tense, 0.2


def name_metric(q: Quantity, unit: str, aspect: str, left: str, rest: str, sentence_left: str,
                quote: str = "") -> str:
    """The metric from the words after a count or before an amount; '' when the pipeline must link.
    Every metric is cleaned (metric.clean): no quote marks, brackets or 各."""
    return clean(_raw_metric(q, unit, aspect, left, rest, sentence_left, quote))


def _raw_metric(q: Quantity, unit: str, aspect: str, left: str, rest: str, sentence_left: str, quote: str) -> str:
    metric = _plain_metric(q, unit, aspect, left, rest, sentence_left, quote)
    if metric in V.BARE_COUNT_VERBS:
        metric = ""              # "…培育计划”，新增120家": the clause before names what was added
    compound = verb_noun_metric(left)
    if compound and (not metric or compound.endswith(metric) and len(metric) < len(compound)):
        return compound          # "带动就业1.2万人": the verb is part of the name (not "城镇新增就业" -> 新增就业)
    return metric


def _plain_metric(q: Quantity, unit: str, aspect: str, left: str, rest: str, sentence_left: str, quote: str) -> str:
    if q.form:
        return _form_metric(q, left, rest, quote)
    if unit in V.DURATION_UNITS and (spent := _TIME_SPENT_RE.match(rest)):
        done = spent["done"]          # "用20天时间，完成了…片区征收": the time names what it achieved
        return done[done.rfind("等") + 1 :][:16]
    if q.rank:
        return rank_scope(sentence_left) or metric_before(rank_subject(left))
    if unit in V.MONEY_UNITS:
        measure = metric_before(left, object_follows=True)
        money = next((m for m in _MONEY_MEASURES_LONGEST_FIRST if measure.endswith(m)), "")
        if money and rest.startswith("的") and (owner := metric_after(rest[1:])):
            return owner + money         # "总投资12亿元的城北污水处理厂" -> 城北污水处理厂总投资
        if not measure and not (measure := metric_after(rest)):
            named = metric_before(left)                 # "财政投入1400余万元，": nothing is named after it
            measure = named if named.endswith(tuple(V.BARE_MEASURE_NOUNS)) else ""
        return measure
    if unit in V.PERCENT_UNITS or aspect != classify.LEVEL:
        return metric_before(left) or metric_after(rest)
    if unit == "金":                 # "在亚运会、残运会上勇夺3金、8金": the games, in order
        return _medal_games(sentence_left)
    if unit == "人" and rest.startswith("口"):
        return "人口"                 # "近14亿人口的发展中大国"
    if q.implied_unit and (noun := _PEOPLE_NOUN_RE.match(rest)):
        return noun.group()          # "向1000多万失业人员发放…": the people counted
    counted = metric_after(rest)
    if unit == "条" and counted in ("措施", "举措", "政策") and (aim := _MEASURES_FOR_RE.search(left)):
        return aim["aim"] + counted          # "实施促进消费恢复18条措施" -> 促进消费恢复措施
    if len(counted) == 1:               # "首批17个村": a one-character noun takes a short modifier before the count
        modifier = metric_before(left)
        if 0 < len(modifier) <= 4 and not _VERB_MODIFIER_RE.match(modifier):
            return modifier + counted
        counted = metric_after(rest, single=False)
    if counted in V.GENERIC_COUNTED or (not counted and unit in V.COUNT_UNITS):
        if governed := _governed_count(sentence_left, counted):
            return governed
    return counted or metric_before(left)


_DONE_IN_AFTER = tuple(V.DONE_IN_VERBS) + tuple("内" + v for v in V.DONE_IN_VERBS)
_GAMES_RE = re.compile(r"在(?P<games>[^，。；在]{2,30}?)上(?P<tail>[^，。；]*)$")


def _medal_games(sentence_left: str) -> str:
    games = _GAMES_RE.search(sentence_left)
    if not games:
        return "金牌"
    names = games["games"].split("、")
    return names[min(len(re.findall(r"金", games["tail"])), len(names) - 1)]


_COUNT_CLAUSE_RE = re.compile(r"[，,；;：:。]")


def _governed_count(sentence_left: str, counted: str) -> str:
    """'交通方面，新开工沪渝高速扩容、东环路改造等3个项目' -> 交通新开工项目: a generic counted noun takes the verb
    that governs the listed things (the clause opens with it and lists them with 等) and the paragraph's topic."""
    clause = _COUNT_CLAUSE_RE.split(sentence_left)[-1]
    if "等" not in clause:
        return ""
    verb = next((v for v in V.COUNT_GOVERNING_VERBS if clause.startswith(v)), "")
    if not verb:
        return ""
    if not counted:                  # "新建县第三中学等公办学校4所" -> 新建公办学校
        listed = clause.rsplit("等", 1)[1].strip()
        return verb + listed if len(listed) >= 2 and not _HAS_DIGIT_RE.search(listed) else ""
    topic = V.TOPIC_RE.search(sentence_left)
    return (topic["topic"] if topic else "") + verb + (counted if counted != "个" else "")


_STREAK_VERB_RE = re.compile("(?:" + "|".join(V.STREAK_VERBS) + ")(?:近|约|超过|逾)?$")
_FILLER_RE = re.compile("(?:" + "|".join(V.ZERO_STREAK_FILLERS) + ")+$")
_SCOPE_END_RE = re.compile(r"(?:全国|全省|全市|全区|全县|全球|世界|国内)$")
_ZERO_NOUN_RE = re.compile(r"^[“\"]?零[”\"]?")
_CLEARED_TAIL_RE = re.compile(r"(?:实现|做到|达到|全部|基本|全面|彻底|动态|已)*[“\"‘]*$")
# A time spent before what it achieved: "利用20天时间，完成了…", "用三个月时间完成…".
_TIME_SPENT_RE = re.compile(r"(?:的)?时间[，,]?(?:就|即|便)?(?:完成了|完成|实现了|实现|建成了|建成)(?P<done>[^，。；,;]{2,30})")
# What ends the object of an ordinal first: a dash before its name, or the predicate ("…大桥建成通车").
_ORDINAL_OBJECT_END_RE = re.compile(r"—|-{2}|建成|获批|挂牌|揭牌|成立|投用|投入|通过|落户|培育|正式|开工|顺利|成功")
_PREDICATE_STOP_RE = re.compile(r"[，。；、,;：:（(]")


def _form_metric(q: Quantity, left: str, rest: str, quote: str) -> str:
    """Metrics of the item kinds without a number-and-unit form: a zero names what it counts with its
    subject ("安全生产零事故" -> 安全生产事故), a streak what lasted ("增速连续九年位居全市前列" ->
    增速位居全市前列), an ordinal first its scope and object ("全省首家县级数据中心" -> 全省县级数据中心), a
    ratio's terms the ratio ("三次产业结构比")."""
    subject = _FILLER_RE.sub("", _STREAK_VERB_RE.sub("", left).rstrip())
    predicate = rest[: m.start()] if (m := _PREDICATE_STOP_RE.search(rest)) else rest
    if q.form == "zero":
        subject = _CLEARED_TAIL_RE.sub("", subject)       # "煤炭经营实现“清零”" -> 煤炭经营
        head = _FILLER_RE.sub("", metric_before(subject)) if subject else ""
        noun = "" if quote.endswith("清零") else _ZERO_NOUN_RE.sub("", quote)
        return (head + noun)[-14:]
    if q.form == "streak":
        head = metric_before(subject) if subject else ""
        predicate = predicate.removeprefix("的").removeprefix("时间")     # "用三个月时间建成…"
        return (head + predicate.strip())[:20] if head or predicate else ""
    if q.form == "ordinal":
        scope = _SCOPE_END_RE.search(left)
        obj = predicate[1:] if predicate.startswith(("个", "家")) else predicate
        obj = obj[: m.start()] if (m := _ORDINAL_OBJECT_END_RE.search(obj, 2)) else obj
        return ((scope.group() if scope else "") + obj)[:20]
    return metric_before(left) or metric_after(rest)


def period_of(q: Quantity, kind: str, sentence: Sentence, ctx: DocumentContext) -> str:
    """The period named before the number in its sentence, else a span named earlier in the paragraph,
    else the report's year for targets and the reviewed year for actual results."""
    if q.form == "streak" and q.unit == "年" and kind == classify.TARGET and q.value > 1 and \
            ctx.text.startswith(_DONE_IN_AFTER, q.end):
        return f"{ctx.year}-{ctx.year + int(q.value) - 1}"     # "力争两年完成…": this year and the next
    named = nearest_period(ctx.text, sentence.start, q.start, ctx.year, ctx.review_year)
    if named:
        return named
    period = _paragraph_span_cue(sentence, ctx) or str(ctx.year if kind == classify.TARGET else ctx.review_year)
    left = ctx.text[clause_start(ctx.text, sentence.start, q.start) : q.start]
    if _FROM_VALUE_RE.search(left):
        return str(int(period[:4]) - 1)        # "从7248亿元提高到…": the value before the period began
    if _TO_VALUE_RE.search(left):
        return period[-4:]                     # "…提高到8865亿元": the value at its end
    return period


_LIST_VERB_RE = re.compile("(?:" + "|".join(sorted(V.LIST_SHARED_VERBS, key=len, reverse=True)) + ")+")
# Between two members of a list: "、" and the second member's noun, no verb, no clause break.
# A verb is no modifier of a one-character noun: "推动16个县…" names 县, not 推动县.
_VERB_MODIFIER_RE = re.compile("(?:" + "|".join(sorted(set(V.METRIC_LEAD_VERBS) | set(V.COUNT_GOVERNING_VERBS)
                                                       | set(V.LIST_SHARED_VERBS) | {"推动", "支持", "共", "覆盖", "涉及"},
                                                       key=len, reverse=True)) + ")")
_STATUS_WORDS = ("在建", "在", "已", "正在", "续建", "开工", "竣工", "投产", "累计", "其中")
_LIST_MEMBER_RE = re.compile(r"(?:以上|左右|余|多)?、(?P<noun>[^\d，。；,;：:、]{2,12})$")


def share_list_verb(drafts: list[Draft], ctx: DocumentContext) -> list[Draft]:
    """'新增一般债券100亿元、专项债券200亿元' -> 新增专项债券 (GUIDELINE: repeat a verb shared by coordinated
    items in each): the verb opening the list's clause goes to the later members named by a bare noun."""
    result = list(drafts)
    carried: dict[int, str] = {}
    for i in range(1, len(result)):
        first, draft = result[i - 1], result[i]
        if first.sentence != draft.sentence or draft.continues or draft.q.unit in V.PERCENT_UNITS or \
                draft.q.rank or draft.q.form or first.aspect != draft.aspect:
            continue
        member = _LIST_MEMBER_RE.search(ctx.text, first.q.end, draft.q.start)
        if not member or member.start() != first.q.end or not draft.metric or \
                draft.metric != member["noun"].strip() or _LIST_VERB_RE.match(draft.metric) or \
                draft.metric.startswith(_STATUS_WORDS):         # "建成…4座、在建8座": a status, no member
            continue
        if (verb := carried.get(i - 1)) is None:
            opening = _LIST_VERB_RE.match(first.metric)
            clause = ctx.text[clause_start(ctx.text, ctx.sentences[first.sentence].start, first.q.start) : first.q.start]
            if opening and opening.end() < len(first.metric) and clause.lstrip().startswith(opening.group()):
                verb = opening.group()
        if verb:
            result[i] = replace(draft, metric=verb + draft.metric)
            carried[i] = verb
    return result


def link(drafts: list[Draft]) -> list[Draft]:
    """Give a quantity that names no metric the metric of its neighbour in the same sentence:
    "同比增长3.4%" takes the one before it, "1.2万户、105.2万平方米的老旧小区改造" the one after it."""
    linked: list[Draft] = []
    for draft in drafts:
        if draft.q.rank or draft.q.form == "streak":     # a streak before them names its own thing
            previous = next((d for d in reversed(linked[-3:]) if d.q.form != "streak"), None)
        else:
            previous = linked[-1] if linked else None
        previous = previous if previous and _same_line(previous, draft) else None
        if previous and draft.q.form == "streak" and _RANK_PREDICATE_RE.match(draft.metric):
            linked.append(replace(draft, metric=previous.metric + draft.metric))     # "…增长5%；连续三年保持全省第一"
            continue
        if previous and draft.quoted_target:
            linked.append(replace(draft, metric=previous.metric, aspect=previous.aspect))
            continue
        if previous and draft.continues and not draft.qualifier and previous.qualifier and \
                previous.q.qualifier == "":
            draft = replace(draft, qualifier=previous.qualifier)   # "分别超过8万元、4.5万元"
        if previous and previous.metric and is_scope(draft.metric) and rescope(previous.metric, draft.metric):
            draft = replace(draft, metric=rescope(previous.metric, draft.metric), confidence=draft.confidence - 0.1)
        elif previous and previous.metric and (is_generic(draft.metric) or _is_bare_measure(draft, previous)
                                               or is_share_of(draft.metric)):
            metric = previous.metric if previous.metric.endswith(draft.metric) else previous.metric + draft.metric
            draft = replace(draft, metric=metric, confidence=draft.confidence - 0.1)
        elif draft.head and draft.q.unit in V.MONEY_UNITS and draft.metric in V.BARE_MEASURE_NOUNS | {"投入资金"}:
            draft = replace(draft, metric=draft.head + draft.metric, confidence=draft.confidence - 0.1)
        elif (not draft.metric or is_share_of(draft.metric)) and draft.head:
            draft = replace(draft, metric=draft.head + draft.metric, confidence=draft.confidence - 0.1)
        linked.append(draft)
    for i in range(len(linked) - 2, -1, -1):
        following = linked[i + 1]
        if not linked[i].metric and following.sentence == linked[i].sentence:
            linked[i] = replace(linked[i], metric=following.metric, confidence=linked[i].confidence - 0.1)
    return linked


def respective(drafts: list[Draft], ctx: DocumentContext) -> list[Draft]:
    """'亩均产值、税收分别增长19.7%和12.9%': the n-th number measures the n-th name before 分别."""
    result = list(drafts)
    starts = [d.q.start for d in result]          # drafts are in text order
    parallel = [m for m in _PARALLEL_RE.finditer(ctx.text)] if "、" in ctx.text else []
    for match in sorted([*_RESPECTIVELY_RE.finditer(ctx.text), *parallel], key=lambda m: m.start()):
        strict = match.group() != "分别"
        sentence = ctx.sentences[ctx.index.at(match.start())]
        end = clause_end(ctx.text, match.end(), sentence.end)
        while end < sentence.end and ctx.text[end] == "、":
            end = clause_end(ctx.text, end + 1, sentence.end)
        members = list(range(bisect_left(starts, match.end()), bisect_left(starts, end)))
        if len(members) < 2:
            continue
        names_phrase = ctx.text[wide_clause_start(ctx.text, sentence.start, match.start()) : match.start()]
        if strict and ("、" not in names_phrase or "分别" in names_phrase or any(result[i].q.unit != "%" for i in members)):
            continue
        names = respective_names(names_phrase, len(members))
        if strict and len(names) != len(members):
            continue
        first, last = result[members[0]], result[members[-1]]
        shared_qualifier = first.qualifier or last.qualifier      # "分别超过8万元、4.5万元", "分别增长7.5%、8.5%以上"
        if len(names) != len(members):
            for i in members:
                result[i] = replace(result[i], qualifier=result[i].qualifier or shared_qualifier)
            continue
        for i, name in zip(members, names):
            result[i] = replace(result[i], metric=name, aspect=first.aspect,
                                qualifier=result[i].qualifier or shared_qualifier)
        _pair_following_ranks(result, names, end, sentence, ctx, starts)
    return result


def _pair_following_ranks(drafts: list[Draft], names: list[str], end: int, sentence: Sentence,
                          ctx: DocumentContext, starts: list[int]) -> None:
    """'…分别增长25.2%、18.6%，居全市第1位、第3位': the ranks of the next clause follow the same names."""
    if end >= sentence.end or ctx.text[end] not in "，,":
        return
    following_end = clause_end(ctx.text, end + 1, sentence.end)
    while following_end < sentence.end and ctx.text[following_end] == "、":
        following_end = clause_end(ctx.text, following_end + 1, sentence.end)
    ranks = list(range(bisect_right(starts, end), bisect_left(starts, following_end)))
    if len(ranks) != len(names) or not all(drafts[i].q.rank for i in ranks):
        return
    for i, name in zip(ranks, names):
        drafts[i] = replace(drafts[i], metric=name)


def respective_names(phrase: str, count: int | None = None) -> list[str]:
    """'战略性新兴产业、高新技术产业增加值' -> both names with the measure they share ('…增加值'). With the
    ``count`` of numbers, a name holding 和 stays whole when only the 、-split fits ("信息传输软件和信息技术
    服务业、租赁和商务服务业增加值分别增长10.9%、10.4%")."""
    phrase = _RESPECTIVE_TAIL_RE.sub("", strip_subject(phrase.strip()))     # "城乡居民收入预计分别…"
    names = [n for n in _LIST_SPLIT_RE.split(phrase) if n]
    if count is not None and len(names) != count:
        by_comma = [n for n in phrase.split("、") if n]
        if len(by_comma) == count:
            names = by_comma
    if len(names) == 1 and names[0].startswith("城乡") and len(names[0]) > 3:
        return ["城镇" + names[0][2:], "农村" + names[0][2:]]   # "城乡居民人均可支配收入分别增长…"
    shared = _SHARED_MEASURE_RE.search(names[-1]) if names else None
    if shared and shared.start() > 0:
        names = [n if n.endswith(shared.group()) else n + shared.group() for n in names]
    return names


def _measures_across_list(unit: str, is_rank: bool, continues: bool, wide_left: str) -> bool:
    """Rates, amounts and ranks take their metric from the whole clause ("开工率、入统率和投资完成率均为");
    counts only when the 、 joins parallel objects ("口袋公园、古树公园、社区公园9处", not "国家、省及联盟药品集采")."""
    if is_rank or continues or unit in V.PERCENT_UNITS or unit in V.MONEY_UNITS:
        return True
    parts = [p for p in _LAST_NUMBER_SPLIT_RE.split(wide_left)[-1].split("、") if p]
    if len(parts) >= 2 and not _HAS_DIGIT_RE.search(wide_left) and _LIST_REACHES_RE.search(parts[-1]):
        return True           # "国家级、省级专精特新企业和高新技术企业达到48家": the list names the count
    return len(parts) >= 2 and len({p[-1] for p in parts}) == 1


def _continues_list(text: str, sentence_start: int, clause_at: int, left: str) -> bool:
    """The number follows another one and a 、 with no words of its own: "10%、7.9%"."""
    return clause_at > sentence_start and text[clause_at - 1] == "、" and \
        (not left.strip(" 和及与以") or bool(_BARE_NUMBERS_RE.fullmatch(left.strip())))   # "17.6%和33%"


def _list_head(text: str, sentence_start: int, clause_at: int) -> int:
    """Start of the first clause of a list of bare numbers: "分别增长29.2%、16.5%、16%" -> "分别增长…"."""
    start = clause_start(text, sentence_start, clause_at - 1)
    while start > sentence_start and text[start - 1] == "、" and _BARE_NUMBERS_RE.fullmatch(text[start : clause_at - 1]):
        clause_at = start
        start = clause_start(text, sentence_start, start - 1)
    return start


def wide_clause_start(text: str, sentence_start: int, pos: int) -> int:
    """Start of the clause holding ``pos``, where 、 does not end a clause ("开工率、入统率和投资完成率均为")."""
    cut = sentence_start
    for match in _WIDE_CLAUSE_BREAK_RE.finditer(text, sentence_start, pos):
        cut = match.end()
    return cut


def _is_bare_measure(draft: Draft, previous: Draft) -> bool:
    """'11个市级重点项目完成投资34.9亿元': '投资' names a measure of the things counted just before."""
    if draft.metric in V.MEASURES_OF_COUNTED and previous.q.unit in V.COUNT_UNITS and not previous.q.rank:
        return True           # "规模以上工业企业达到326家、增加值增长6.2%": the added value of those firms
    return (len(draft.metric) <= 2 or draft.metric in V.MONEY_MEASURES) and draft.q.unit in V.MONEY_UNITS and \
        previous.q.unit in V.COUNT_UNITS


def to_item(d: Draft, norm: Normalized, original: str, doc: str, ctx: DocumentContext) -> Item:
    start, end = norm.span_to_original(d.q.start, d.q.end)
    sentence = ctx.sentences[d.sentence]
    s_start, s_end = norm.span_to_original(sentence.start, sentence.end)
    value = -d.q.value if d.decline else d.q.value
    return Item(
        doc=doc,
        start=start,
        end=end,
        quote=original[start:end],
        value=plain(value),
        value_max=plain(d.q.value_max) if d.q.value_max is not None else None,
        unit=item_unit(d.q),
        qualifier=d.qualifier,
        metric=clean(d.metric),
        aspect=d.aspect,
        kind=d.kind,
        period=d.period,
        sentence=original[s_start:s_end].strip(),
        confidence=round(max(0.05, min(0.99, d.confidence - (0.0 if d.metric else 0.2))), 2),
        sentence_start=s_start,
        paragraph=sentence.paragraph,
    )


# --- helpers ---------------------------------------------------------------------------------------


def _paragraph_texts(text: str, sentences: list[Sentence]) -> list[str]:
    count = sentences[-1].paragraph + 1 if sentences else 0
    paragraphs: list[list[str]] = [[] for _ in range(count)]
    for s in sentences:
        paragraphs[s.paragraph].append(text[s.start : s.end])
    return ["".join(p) for p in paragraphs]


def _paragraph_first(sentences: list[Sentence]) -> list[int]:
    first: list[int] = []
    for i, s in enumerate(sentences):
        if s.paragraph == len(first):
            first.append(i)
        elif s.paragraph > len(first):
            first.extend([i] * (s.paragraph - len(first) + 1))
    return first


def _same_line(previous: Draft, draft: Draft) -> bool:
    return previous.sentence == draft.sentence and previous.line == draft.line


# A short modifier after 的 before "、" that shares the noun after it: "受理群众反映的热点、难点问题2300余件".
_SHARED_HEAD_RE = re.compile(r"的(?P<modifier>[\u4e00-\u9fff]{2,3})")
# A clause that is only a money verb: "投资8亿元", "累计投入5亿元" (the topic is the clause before).
_BARE_MONEY_CLAUSE_RE = re.compile(r"(?:全年|累计|共|总|共计)?(?P<measure>投资|投入|投入资金|支出|筹措资金|落实资金)(?:约|近|超过|超|达)?")
# A topic clause before a bare money clause: "坚持教育优先", "医疗服务能力实现跃升" -> 教育, 医疗服务能力.
_TOPIC_LEAD_RE = re.compile(r"^(?:始终|持续|深入|全面|大力)?(?:坚持|围绕|聚焦|突出|注重|着眼|狠抓|抓好|优先发展|加快发展|发展|"
                            r"加强|推进|推动|实施|开展)")
_TOPIC_TAIL_RE = re.compile(r"(?:实现|得到|不断|持续|明显|显著|大幅|稳步|全面|进一步)*"
                            r"(?:优先|为先|为本|跃升|提升|改善|增强|提高|加强|优化|发展|壮大|突破)$")


def _fallback_metric(text: str, sentence: Sentence, pos: int, topic: bool = False) -> str:
    """What a quantity naming nothing measures, from earlier in its sentence: the object of the same verb
    ("…发行超长期特别国债，…今年先发行1万亿元" -> '超长期特别国债'), else the subject of the clause before
    ('地区生产总值实现翻倍增长，从2012年的558.5亿元' -> '地区生产总值')."""
    here = clause_start(text, sentence.start, pos)
    if echoed := _echoed_object(text, sentence.start, here, pos):
        return echoed
    if here <= sentence.start:
        return ""
    before = text[clause_start(text, sentence.start, here - 1) : here - 1]
    if _HAS_DIGIT_RE.search(before):
        return metric_head(text[sentence.start : pos])   # the subject the sentence opens with
    head = strip_evaluation(metric_head(before) or metric_before(before))
    if topic and head and (core := _TOPIC_TAIL_RE.sub("", _TOPIC_LEAD_RE.sub("", head))) != head and len(core) >= 2:
        head = core                      # "坚持教育优先，投资…" -> 教育 (a topic, not a counted thing)
    programme = _PROGRAMME_TAIL_RE.search(head)
    return head[: programme.start()] if programme and programme.start() >= 2 else head   # "…企业培育计划" -> …企业


def _echoed_object(text: str, sentence_start: int, clause_at: int, pos: int) -> str:
    """The clause ends with a verb ("先发行") used earlier in the sentence with its object named."""
    verb = _CLOSING_VERB_RE.search(text, clause_at, pos)
    if not verb:
        return ""
    earlier = text.rfind(verb.group(), sentence_start, clause_at)
    if earlier < 0:
        return ""
    return metric_after(text[earlier + len(verb.group()) : clause_end(text, earlier, pos)])


def _last_sentences(text: str, sentences: list[Sentence], count: int) -> list[str]:
    last = [""] * count
    for s in sentences:
        last[s.paragraph] = text[s.start : s.end]
    return last


def _majority(future: int, past: int) -> str | None:
    if future > past:
        return classify.TARGET
    if past > future:
        return classify.ACTUAL
    return None


def _paragraph_span_cue(sentence: Sentence, ctx: DocumentContext) -> str | None:
    """A multi-year span ("十三五"时期, 过去五年) named earlier in the same paragraph; a paragraph opening
    with "——" continues the paragraph that introduced the list ("五年来，…" then "——发展质效…")."""
    paragraph = ctx.lead_paragraph[sentence.paragraph]
    if paragraph < 0:
        return None
    own_first = ctx.sentences[ctx.paragraph_first[sentence.paragraph]]
    if own_first.start != sentence.start and (year := _OPENER_YEAR_RE.match(ctx.text, own_first.start)):
        return year["year"]               # "——2020年，抓民生、补短板，…": the item's own paragraph names its year
    start = ctx.sentences[ctx.paragraph_first[paragraph]].start
    if start == sentence.start:
        return None
    i = bisect_right(ctx.span_cue_ends, sentence.start) - 1
    if i < 0 or ctx.span_cues[i].start() < start:
        return None
    return period_from_cue(ctx.span_cues[i], ctx.year, ctx.review_year)


def _lead_paragraphs(ctx: DocumentContext) -> list[int]:
    """Per paragraph, the paragraph whose span cues date it: itself, or for a "——" list item the paragraph
    that opened the list; -1 when that is a heading naming a year as well ("2025年和“十四五”时期工作回顾")."""
    leads: list[int] = []
    for paragraph, first in enumerate(ctx.paragraph_first):
        lead = paragraph
        if paragraph > 0 and ctx.text.startswith("——", ctx.sentences[first].start):
            lead = leads[-1] if leads[-1] >= 0 else -1
            previous_first = ctx.paragraph_first[paragraph - 1]
            if not ctx.text.startswith("——", ctx.sentences[previous_first].start):
                lead = paragraph - 1
                s = ctx.sentences[previous_first]
                if _is_heading(ctx, previous_first) and _YEAR_WORD_RE.search(ctx.text, s.start, s.end):
                    lead = -1
        leads.append(lead)
    return leads


def _is_heading(ctx: DocumentContext, first_sentence: int) -> bool:
    s = ctx.sentences[first_sentence]
    line = ctx.text[s.start : s.end].strip()
    return len(line) <= 40 and line[-1:] not in "。！？；"


def _ends_before(period: str, year: int) -> bool:
    last = period.split("-")[-1] if period and not period.endswith("H1") else period[:4]
    return last.isdigit() and int(last) < year


def _confidence(q: Quantity, kind_doubt: float) -> float:
    confidence = 0.9
    if q.chinese:
        confidence -= 0.2
    if q.implied_unit:
        confidence -= 0.15
    if q.unit in {"个", "大", "项", "次"}:
        confidence -= 0.05
    return confidence - kind_doubt
