"""Pure helpers that turn a reviewed item into assigned work: which units, which node, which deadline.

No database access here: services load the district's units, last year's assignments and the keyword table
once per document and call these with plain values; tests call them alone.

A lead unit is suggested, in this order, from
1. unit names in the sentence or its paragraph ("由区教体局牵头", "区人社局、区财政局负责");
2. the unit that led the same task or indicator target last year (name similarity of the metric/clause);
3. the office's keyword table (就业 → 人社局; ``UnitKeyword``).
"""

import datetime
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

#: Common short names of district departments and the full names they stand for (both directions).
ABBREVIATIONS = {
    "发改局": "发展和改革局",
    "教体局": "教育和体育局",
    "教育局": "教育局",
    "科工局": "科学技术和工业信息化局",
    "科技局": "科学技术局",
    "工信局": "工业和信息化局",
    "人社局": "人力资源和社会保障局",
    "资规局": "自然资源和规划局",
    "自然资源局": "自然资源和规划局",
    "生态环境局": "生态环境局",
    "住建局": "住房和城乡建设局",
    "交通局": "交通运输局",
    "农业农村局": "农业农村局",
    "水利局": "水利局",
    "商务局": "商务局",
    "文旅局": "文化广电和旅游局",
    "卫健局": "卫生健康局",
    "退役军人局": "退役军人事务局",
    "应急局": "应急管理局",
    "市场监管局": "市场监督管理局",
    "医保局": "医疗保障局",
    "审批局": "行政审批局",
    "城管局": "城市管理综合行政执法局",
    "投促局": "投资促进局",
    "数据局": "数据和政务服务局",
    "民政局": "民政局",
    "财政局": "财政局",
    "税务局": "税务局",
    "统计局": "统计局",
    "公安局": "公安分局",
    "司法局": "司法局",
    "林业局": "林业局",
    "乡村振兴局": "乡村振兴局",
    "国资局": "国有资产监督管理局",
}

#: Seeded defaults of the office's keyword table (``UnitKeyword`` rows without a district).
DEFAULT_KEYWORDS = [
    ("就业", "人社局"), ("社保", "人社局"), ("养老保险", "人社局"), ("技能", "人社局"),
    ("学校", "教体局"), ("学位", "教体局"), ("幼儿园", "教体局"), ("教育", "教体局"), ("体育", "教体局"),
    ("道路", "住建局/交通局"), ("公路", "交通局"), ("交通", "交通局"), ("公交", "交通局"),
    ("住房", "住建局"), ("老旧小区", "住建局"), ("棚户区", "住建局"), ("供热", "住建局"), ("燃气", "住建局"),
    ("城市更新", "住建局"), ("管网", "住建局"),
    ("税收", "税务局/财政局"), ("一般公共预算", "财政局/税务局"), ("财政", "财政局"), ("专项债", "财政局/发改局"),
    ("招商", "投促局/商务局"), ("引进", "投促局"), ("签约", "投促局"), ("外资", "商务局"), ("外贸", "商务局"),
    ("进出口", "商务局"), ("消费", "商务局"), ("社会消费品零售", "商务局"),
    ("固定资产投资", "发改局"), ("项目", "发改局"), ("生产总值", "发改局/统计局"), ("GDP", "发改局/统计局"),
    ("工业", "科工局|工信局"), ("规上", "科工局|工信局"), ("企业", "科工局|工信局"), ("科技", "科工局|科技局"), ("高新技术", "科工局|科技局"),
    ("研发", "科工局|科技局"), ("专精特新", "科工局|工信局"),
    ("粮食", "农业农村局"), ("农业", "农业农村局"), ("农村", "农业农村局"), ("乡村", "农业农村局"),
    ("高标准农田", "农业农村局"), ("养殖", "农业农村局"), ("种植", "农业农村局"),
    ("水利", "水利局"), ("河道", "水利局"), ("供水", "水利局"), ("灌溉", "水利局"),
    ("医疗", "卫健局"), ("医院", "卫健局"), ("卫生", "卫健局"), ("健康", "卫健局"), ("托育", "卫健局"),
    ("医保", "医保局"), ("养老", "民政局"), ("低保", "民政局"), ("救助", "民政局"), ("照料", "民政局"),
    ("旅游", "文旅局"), ("文化", "文旅局"), ("游客", "文旅局"), ("景区", "文旅局"),
    ("大气", "生态环境局"), ("空气", "生态环境局"), ("污染", "生态环境局"), ("PM2.5", "生态环境局"),
    ("碳", "生态环境局"), ("造林", "林业局|自然资源局"), ("绿化", "城管局|林业局"), ("土地", "自然资源局"),
    ("耕地", "自然资源局"), ("用地", "自然资源局"), ("征地", "自然资源局"),
    ("安全生产", "应急局"), ("事故", "应急局"), ("食品", "市场监管局"), ("市场主体", "市场监管局"),
    ("经营主体", "市场监管局"), ("政务服务", "审批局|数据局"), ("审批", "审批局"),
    ("城管", "城管局"), ("垃圾", "城管局"), ("环卫", "城管局"), ("停车", "城管局"),
    ("退役军人", "退役军人局"), ("信访", "信访局"), ("治安", "公安局"), ("法治", "司法局"),
]

_UNIT_SUFFIXES = ("局", "委", "办", "室", "中心", "院", "所", "队", "分局", "委员会", "办公室", "集团", "公司")
LAST_YEAR_SCORE = 85


@dataclass(frozen=True)
class Unit:
    id: int
    name: str
    short_name: str = ""


@dataclass
class UnitSuggestion:
    lead: int | None = None
    responsible: list[int] = field(default_factory=list)
    reason: str = ""          # '' | 'mention' | 'last_year' | 'keyword'
    detail: str = ""          # the keyword, or last year's task title


def aliases(unit: Unit, district_name: str = "") -> set[str]:
    """Every way a report may name a unit: '清苑区人力资源和社会保障局' -> {…, '区人社局', '人社局'}."""
    names = {unit.name, unit.short_name} - {""}
    stems = set()
    for name in names:
        stem = name
        if district_name and stem.startswith(district_name):
            stem = stem[len(district_name):]
        stem = stem.removeprefix("区")
        stems.add(stem)
    for stem in list(stems):
        for short, full in ABBREVIATIONS.items():
            if stem == full or stem == short:
                stems.update({short, full})
    found = names | stems | {"区" + s for s in stems}
    return {a for a in found if len(a) >= 3 and a.endswith(_UNIT_SUFFIXES)}


class UnitFinder:
    """Finds the district's units in text and resolves keyword-table names to units, built once per document."""

    def __init__(self, units: list[Unit], district_name: str = ""):
        self.units = units
        self.by_alias: dict[str, int] = {}
        for unit in units:
            for alias in aliases(unit, district_name):
                self.by_alias.setdefault(alias, unit.id)
        ordered = sorted(self.by_alias, key=len, reverse=True)
        self.pattern = re.compile("|".join(map(re.escape, ordered))) if ordered else None

    def mentions(self, text: str) -> list[tuple[int, int]]:
        """(unit id, end offset) of every unit named in ``text``, in reading order, each unit once."""
        if not self.pattern or not text:
            return []
        seen, out = set(), []
        for match in self.pattern.finditer(text):
            unit = self.by_alias[match.group()]
            if unit not in seen:
                seen.add(unit)
                out.append((unit, match.end()))
        return out

    def resolve(self, name: str) -> int | None:
        """A keyword table's unit name ('人社局') -> the district's unit, by alias or abbreviation;
        alternatives '科工局|工信局' give the first the district has."""
        name = name.strip()
        if "|" in name:
            return next(filter(None, map(self.resolve, name.split("|"))), None)
        if not name:
            return None
        for candidate in (name, "区" + name, ABBREVIATIONS.get(name, "")):
            if candidate and candidate in self.by_alias:
                return self.by_alias[candidate]
        full = ABBREVIATIONS.get(name, name)
        for unit in self.units:
            if full in unit.name or name in unit.name or (unit.short_name and name in unit.short_name):
                return unit.id
        return None


_LEAD_CUE = re.compile(r"^\s*(?:牵头|为牵头|负责牵头|主抓|主责)")


def from_mentions(finder: UnitFinder, sentence: str, paragraph: str) -> UnitSuggestion | None:
    """Units named in the sentence (else the paragraph): the one followed by 牵头 leads, else the first."""
    for text in (sentence, paragraph):
        found = finder.mentions(text)
        if not found:
            continue
        ids = [unit for unit, _end in found]
        lead = next((unit for unit, end in found if _LEAD_CUE.match(text[end:end + 6])), ids[0])
        return UnitSuggestion(lead, [u for u in ids if u != lead], "mention")
    return None


def from_last_year(queries: list[str], last_year: dict[str, tuple[int, list[int]]]) -> UnitSuggestion | None:
    """``last_year``: name of last year's task or indicator -> (lead unit, other units)."""
    best = None
    for query in filter(None, queries):
        found = process.extractOne(query, last_year.keys(), scorer=fuzz.WRatio, score_cutoff=LAST_YEAR_SCORE)
        if found and (best is None or found[1] > best[1]):
            best = found
    if best is None:
        return None
    lead, others = last_year[best[0]]
    return UnitSuggestion(lead, [u for u in others if u != lead], "last_year", best[0][:100])


def from_keywords(text: str, table: list[tuple[str, list[int]]]) -> UnitSuggestion | None:
    """``table``: (keyword, unit ids, first leads), longest keywords first. The first keyword found wins;
    the units of other keywords found join as responsible units."""
    lead, responsible, word = None, [], ""
    for keyword, units in table:
        if not units or keyword not in text:
            continue
        if lead is None:
            lead, word = units[0], keyword
            responsible.extend(units[1:])
        else:
            responsible.extend(units)
    if lead is None:
        return None
    seen = {lead}
    return UnitSuggestion(lead, [u for u in responsible if not (u in seen or seen.add(u))], "keyword", word)


def suggest_units(
    *, finder: UnitFinder, sentence: str, paragraph: str, queries: list[str],
    last_year: dict[str, tuple[int, list[int]]], table: list[tuple[str, list[int]]],
) -> UnitSuggestion:
    """The first of: units named in the text, last year's lead unit, the keyword table (searched in the
    clause and metric, ``queries``, before the whole sentence); empty if none."""
    found = from_mentions(finder, sentence, paragraph) or from_last_year(queries, last_year)
    for text in [*queries, sentence]:
        found = found or (from_keywords(text, table) if text else None)
    return found or UnitSuggestion()


# ------------------------------------------------------------------------------------- node, schedule

_NUMBERING = re.compile(r"^\s*(?:第[一二三四五六七八九十百]+[部分章节篇]|[一二三四五六七八九十]+[、.．]"
                        r"|[（(][一二三四五六七八九十]+[)）]|[0-9]+[、．.])\s*")


def node_title(section: str) -> str:
    """The work-system node of a section heading: '（一）聚力抓招商、促协同' -> '聚力抓招商、促协同'."""
    return _NUMBERING.sub("", section or "").strip().rstrip("。；;")[:200]


_PROJECT_WORDS = ("项目", "开工", "竣工", "建成", "续建", "新建", "改造", "工程")


def schedule(*, kind: str, target: str, clause: str, year: int) -> tuple[datetime.date | None, str]:
    """(deadline, reporting frequency) from the kind of item: a year's targets are due at the year's end;
    projects and project-like tasks report monthly, indicator targets quarterly; actual figures neither."""
    if kind == "actual" or target == "observation":
        return None, ""
    deadline = datetime.date(year, 12, 31)
    if target == "project_fact" or any(word in clause for word in _PROJECT_WORDS):
        return deadline, "monthly"
    if target == "indicator_target":
        return deadline, "quarterly"
    return deadline, "monthly"
