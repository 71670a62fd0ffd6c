"""Generated filler for the demo: records the seeds give only as totals, and enough for tracking to show.

Pure functions of a ``random.Random``: the same seed gives the same records. Every record made here is
marked ``generated`` with the note "演示数据（生成）". Money is in 万元 (Decimal).
"""

import datetime
import random
import zlib
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .data import GENERATED
from .data.org import STREETS, WEST_SOUTH_STREETS
from .data.projects import AREAS, CATEGORIES, CATEGORIES_2021, MILESTONE_STEPS, NAMED, TOTALS

GEN = "generated"
SRC = "source"


# --- projects ---------------------------------------------------------------------------------------------

@dataclass
class ProjectSpec:
    """A project with its years, ready for the loader: named (from the seeds) or generated."""

    code: str
    name: str
    cat: str
    lead: str
    note: str
    provenance: str
    area: str | None = None
    desc: str = ""
    years: dict[int, tuple[str, str]] = field(default_factory=dict)  # year -> (plan type, level)
    total: Decimal = Decimal(0)
    plans: dict[int, Decimal] = field(default_factory=dict)  # year -> annual plan
    start: datetime.date | None = None
    end: datetime.date | None = None
    stage: str = "reserve"

    @property
    def first_year(self) -> int:
        return min(self.years)

    @property
    def last_year(self) -> int:
        return max(self.years)


_INDUSTRIES = ["智能制造", "数字经济", "现代金融", "科技文创", "高端商贸", "电力装备", "软件服务", "工业互联网",
               "新能源", "总部经济", "信息通信", "算力网络"]
_ROADS = ["望岳路", "玉函路", "郎茂山路", "七贤路", "党杨路", "兴济河路", "渴马路", "梁庄路", "土屋路", "仁里路",
          "阳光新路", "二环南路辅路", "兴福寺路", "英雄山路", "舜耕路", "经十一路", "泉景路", "纬六路"]
_VILLAGES = ["党家庄", "井家沟", "殷家林", "西渴马", "东渴马", "邵而", "大涧沟", "罗而", "小岭", "兴隆村", "土屋",
             "郑而庄", "阎家峪", "矿村", "九曲", "南康", "北康", "大庙屯"]
#: Facilities by category, each with the unit that leads such a project.
_FACILITIES = {
    "社会事业": [("小学", "区教体局"), ("幼儿园", "区教体局"), ("初级中学", "区教体局"), ("文体中心", "区教体局"),
             ("社区卫生服务中心", "区卫健局"), ("养老服务中心", "区民政局")],
    "科技创新": [("科创中心", "区科技局"), ("研发基地", "区科技局"), ("孵化器", "区科技局"),
             ("技术创新中心", "区工信局"), ("众创空间", "区科技局")],
}
_PHASES = ["", "一期", "二期", "三期"]


def _name(rng: random.Random, cat: str, used: set[str]) -> tuple[str, str | None, str]:
    """A plausible generated project name in ``cat``, its area and lead unit (name unique within ``used``)."""
    for _ in range(200):
        area, lead = rng.choice(AREAS), rng.choice(_LEAD_BY_CAT[cat])
        if cat == "产业发展":
            name = f"{area}片区{rng.choice(_INDUSTRIES)}产业园{rng.choice(_PHASES)}"
        elif cat in _FACILITIES:
            facility, lead = rng.choice(_FACILITIES[cat])
            name = f"{area}片区{facility}{rng.choice(_PHASES)}"
        elif cat == "城市更新":
            name = f"{rng.choice(STREETS)}街道{rng.choice(['老旧小区改造', '片区更新', '背街小巷提升', '立面整治'])}"
        elif cat == "基础设施":
            name = f"{rng.choice(_ROADS)}{rng.choice(['道路工程', '雨污分流改造', '管网改造', '综合整治'])}"
        elif cat == "安置房建设":
            name = f"{rng.choice(_VILLAGES)}安置房{rng.choice(_PHASES)}"
            area = rng.choice(AREAS[:6])
        elif cat == "生态环境":
            name = f"{area}片区{rng.choice(['生态修复', '山体绿化', '口袋公园群', '河道治理', '绿道'])}"
        else:
            name = f"{rng.choice(_VILLAGES)}{rng.choice(['美丽乡村示范村', '农村人居环境整治', '乡村振兴示范点'])}"
            area = rng.choice(AREAS[:6])
        if name not in used:
            used.add(name)
            return name, area, lead
    raise RuntimeError("ran out of generated project names")


_LEAD_BY_CAT = {"产业发展": ["区工信局", "区投促局", "区商务局"], "科技创新": ["区科技局", "区工信局"],
                "城市更新": ["区住建局", "区城管局"], "基础设施": ["区住建局", "区城管局"],
                "安置房建设": ["区住建局", "区征收中心"], "社会事业": ["区教体局", "区卫健局", "区民政局"],
                "生态环境": ["区城管局", "区农业农村局"], "乡村振兴": ["区农业农村局"]}


def _generated_project(rng: random.Random, code: str, cat: str, used: set[str]) -> ProjectSpec:
    name, area, lead = _name(rng, cat, used)
    return ProjectSpec(code=code, name=name, cat=cat, lead=lead, note=GENERATED,
                       provenance=GEN, area=area)


def project_specs(rng: random.Random) -> list[ProjectSpec]:
    """Named projects plus generated ones so that each year's totals hold exactly; with money and dates."""
    specs = [ProjectSpec(code=p["code"], name=p["name"], cat=p["cat"], lead=p["lead"], note=p["note"],
                         provenance=SRC, area=p.get("area"), desc=p.get("desc", ""), years=dict(p["years"]))
             for p in NAMED]
    used = {s.name for s in specs}
    _fill_2020(rng, specs, used)
    _fill_2021(rng, specs, used)
    _fill_2024(rng, specs, used)
    for spec in specs:
        _money_and_dates(rng, spec)
    _fix_city_2020(specs)
    return specs


def _count(specs, year: int, level: str | None = None) -> int:
    return sum(1 for s in specs if year in s.years and (level is None or s.years[year][1] == level))


def _fill_2020(rng, specs, used) -> None:
    n_city = TOTALS[2020]["city"] - _count(specs, 2020, "city")
    for i in range(n_city):
        spec = _generated_project(rng, f"SZ-G2020-C{i + 1:02d}", rng.choice(["产业发展", "科技创新", "城市更新"]), used)
        spec.years[2020] = (rng.choice(["new", "continuing", "continuing"]), "city")
        specs.append(spec)
    n_district = TOTALS[2020]["district"] - _count(specs, 2020, "district")
    for i in range(n_district):
        cat = CATEGORIES[i % len(CATEGORIES)]
        spec = _generated_project(rng, f"SZ-G2020-{i + 1:03d}", cat, used)
        spec.years[2020] = (rng.choice(["new", "new", "continuing", "continuing", "completion", "preparation"]),
                            "district")
        specs.append(spec)


def _continue(spec: ProjectSpec, year: int, level: str) -> None:
    previous = spec.years[max(spec.years)][0]
    spec.years[year] = ("new" if previous == "preparation" else "continuing", level)


def _fill_2021(rng, specs, used) -> None:
    city_2020 = [s for s in specs if s.provenance == GEN and s.years.get(2020, ("", ""))[1] == "city"]
    for spec in city_2020[: TOTALS[2021]["city"] - _count(specs, 2021, "city")]:
        _continue(spec, 2021, "city")
    for i in range(TOTALS[2021]["city"] - _count(specs, 2021, "city")):
        spec = _generated_project(rng, f"SZ-G2021-C{i + 1:02d}", "产业发展", used)
        spec.years[2021] = ("new", "city")
        specs.append(spec)
    open_2020 = [s for s in specs if s.provenance == GEN and 2020 in s.years and s.years[2020][1] == "district"
                 and s.years[2020][0] != "completion" and s.cat in CATEGORIES_2021]
    for spec in open_2020[:25]:
        _continue(spec, 2021, "district")
    for i in range(TOTALS[2021]["district"] - _count(specs, 2021, "district")):
        spec = _generated_project(rng, f"SZ-G2021-{i + 1:03d}", CATEGORIES_2021[i % 6], used)
        spec.years[2021] = (rng.choice(["new", "new", "preparation"]), "district")
        specs.append(spec)


def _fill_2024(rng, specs, used) -> None:
    total, city = TOTALS[2024]["total"], TOTALS[2024]["city"]
    carried = [s for s in specs if s.provenance == GEN and 2021 in s.years and s.years[2021][0] != "completion"]
    for spec in carried[:30]:
        level = "city" if _count(specs, 2024, "city") < city and spec.years[2021][1] == "city" else "district"
        spec.years[2024] = (rng.choice(["continuing", "continuing", "completion"]), level)
    i = 0
    while _count(specs, 2024) < total:
        i += 1
        level = "city" if _count(specs, 2024, "city") < city else "district"
        cat = rng.choice(["产业发展", "产业发展", "科技创新"]) if level == "city" else CATEGORIES[i % len(CATEGORIES)]
        spec = _generated_project(rng, f"SZ-G2024-{i:03d}", cat, used)
        spec.years[2024] = (rng.choice(["new", "new", "preparation", "continuing"]), level)
        specs.append(spec)


def _money_and_dates(rng: random.Random, spec: ProjectSpec) -> None:
    """Total investment, a plan for each of its years, dates and the physical stage."""
    is_city = any(level == "city" for _, level in spec.years.values())
    total = rng.randrange(80_000, 450_000, 500) if is_city else rng.randrange(3_000, 120_000, 100)
    spec.total = Decimal(total)
    first_type = spec.years[spec.first_year][0]
    start_year = spec.first_year - (1 if first_type in ("continuing", "completion") else 0)
    end_year = spec.last_year if spec.years[spec.last_year][0] == "completion" else spec.last_year + rng.randint(0, 2)
    span = list(range(start_year, end_year + 1))
    shares = [rng.uniform(0.6, 1.4) for _ in span]
    scale = spec.total / Decimal(str(sum(shares)))
    for year, share in zip(span, shares):
        idle = spec.years.get(year, ("", ""))[0] in ("reserve", "preparation")
        spec.plans[year] = Decimal(0) if idle else (Decimal(str(share)) * scale).quantize(Decimal(100), ROUND_HALF_UP)
    spec.start = datetime.date(start_year, rng.choice([3, 4, 5, 6]), 1)
    spec.end = datetime.date(max(end_year, start_year), 12, 31)
    spec.stage = _stage(spec)


def _stage(spec: ProjectSpec) -> str:
    plan_type = spec.years[spec.last_year][0]
    if spec.last_year == 2024:  # the latest year, seen from its end: most new starts did start, a few did not (应开未开)
        if plan_type == "new":
            return "preparation" if _lot(spec) < 12 else "construction"
        return {"preparation": "preparation", "reserve": "reserve"}.get(plan_type, "construction")
    if plan_type == "preparation":
        return "preparation"
    return "operating" if spec.cat == "产业发展" else "completed"


def _lot(spec: ProjectSpec) -> int:
    """A stable number 0–99 per project, so that such choices do not shift the random sequence."""
    return zlib.crc32(spec.code.encode()) % 100


def registered_with_statistics(spec: ProjectSpec) -> bool:
    """Started projects are registered with statistics (入库), but for a few (开工未入库)."""
    return spec.stage not in ("reserve", "preparation", "signed") and _lot(spec) >= 6


def _fix_city_2020(specs: list[ProjectSpec]) -> None:
    """The 11 city-level projects of 2020 total exactly 305亿元 and plan 69亿元 for the year ("双过半" holds)."""
    city = [s for s in specs if s.years.get(2020, ("", ""))[1] == "city"]
    _spread(city, Decimal(TOTALS[2020]["city_investment_wan"]), lambda s: s.total, lambda s, v: setattr(s, "total", v))
    _spread(city, Decimal(TOTALS[2020]["city_annual_plan_wan"]), lambda s: s.total,
            lambda s, v: s.plans.__setitem__(2020, v))


def _spread(specs, amount: Decimal, weight, put) -> None:
    """Share ``amount`` over ``specs`` in proportion to ``weight``, in whole 万元, the last one taking the rest."""
    weights = [weight(s) for s in specs]
    total_w = sum(weights)
    given = Decimal(0)
    for spec, w in zip(specs[:-1], weights[:-1]):
        part = (amount * w / total_w).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        put(spec, part)
        given += part
    put(specs[-1], amount - given)


def milestones(spec: ProjectSpec) -> list[tuple[str, datetime.date, datetime.date | None]]:
    """The standard milestones with planned dates from the start; actual dates for the steps already done."""
    done = {"reserve": 0, "preparation": 2, "signed": 1, "started": 5, "construction": 6, "completed": 8,
            "operating": 9}[spec.stage]
    days = max((spec.end - spec.start).days, 270)
    offsets = [-120, -90, -60, -30, 0, 30, int(days * 0.6), days - 10, days]
    result = []
    for i, (step, offset) in enumerate(zip(MILESTONE_STEPS, offsets)):
        planned = spec.start + datetime.timedelta(days=offset)
        actual = planned + datetime.timedelta(days=(i * 7) % 20) if i < done else None
        result.append((step, planned, actual))
    return result


def year_figures(spec: ProjectSpec, year: int) -> dict:
    """Annual and half-year plan and the amount invested before ``year`` (all in 万元)."""
    annual = spec.plans.get(year, Decimal(0))
    before = sum((v for y, v in spec.plans.items() if y < year), Decimal(0))
    half = (annual * Decimal("0.5")).quantize(Decimal(100), rounding=ROUND_HALF_UP) if annual else None
    return {"annual_plan": annual, "half_year_plan": half, "invested_before": min(before, spec.total)}


# --- expropriation ----------------------------------------------------------------------------------------

def expropriation_figures(rng: random.Random) -> dict:
    households = rng.randrange(40, 600)
    return {"households": households, "area_m2": Decimal(households * rng.randrange(90, 160)),
            "land_mu": Decimal(rng.randrange(20, 300)), "enterprises": rng.randrange(0, 12)}


# --- tasks of the latest year ------------------------------------------------------------------------------

#: (title with {street}, unit, low, high, lead, category)
_TASK_TEMPLATES = [
    ("推进{street}街道老旧小区改造", "个", 2, 8, "区住建局", "urban"),
    ("完成{street}街道背街小巷整治", "条", 3, 12, "区城管局", "urban"),
    ("新增{street}街道公共停车泊位", "个", 100, 600, "区城管局", "urban"),
    ("{street}街道“无违建”社区创建", "个", 2, 8, "区城管局", "governance"),
    ("{street}街道“暖心驿站”示范点建设", "个", 2, 6, "区民政局", "livelihood"),
    ("{street}街道招引过亿元项目", "个", 1, 5, "区投促局", "economy"),
    ("{street}街道新增市场主体", "户", 300, 1200, "区市场监管局", "economy"),
    ("{street}街道安全生产隐患排查整治", "处", 50, 200, "区市场监管局", "governance"),
]
_TASK_DISTRICT = [
    ("培育规模以上工业企业", "家", 3, 10, "区工信局", "economy"),
    ("新增高新技术企业", "家", 30, 80, "区科技局", "economy"),
    ("新增“专精特新”企业", "家", 10, 30, "区工信局", "economy"),
    ("招引过亿元项目", "个", 15, 30, "区投促局", "project"),
    ("改造提升农贸市场", "处", 2, 5, "区商务局", "livelihood"),
    ("建设新能源汽车充电桩", "个", 200, 800, "区发改局", "environment"),
    ("新增城市绿地", "万平方米", 5, 20, "区城管局", "environment"),
    ("完成农村户厕改造", "户", 200, 800, "区农业农村局", "rural"),
    ("开展职业技能培训", "人次", 2000, 6000, "区人社局", "livelihood"),
    ("新增普惠托位", "个", 100, 400, "区卫健局", "livelihood"),
    ("政务服务事项“全程网办”", "项", 800, 1200, "区审批局", "reform"),
    ("新增入库纳统项目", "个", 20, 50, "区统计局", "project"),
]


def latest_tasks(rng: random.Random, *, year: int, count: int, start: int) -> list[dict]:
    """``count`` generated tasks for the latest year, coded from ``start``, each with units by role."""
    tasks, street_cycle = [], STREETS[:]
    rng.shuffle(street_cycle)
    n_district = min(len(_TASK_DISTRICT), count // 3)
    for i in range(count):
        if i < n_district:
            title, unit, lo, hi, lead, cat = _TASK_DISTRICT[i]
            resp = rng.sample(WEST_SOUTH_STREETS if cat == "rural" else street_cycle, 2)
        else:
            title, unit, lo, hi, lead, cat = _TASK_TEMPLATES[(i - n_district) % len(_TASK_TEMPLATES)]
            street = street_cycle[(i - n_district) % len(street_cycle)]
            title, resp = title.format(street=street), [street]
        tasks.append({
            "code": f"{year}-{start + i:02d}", "title": title, "value": rng.randint(lo, hi), "unit": unit,
            "cat": cat, "lead": lead, "resp": resp, "coop": ["区统计局"] if cat in ("economy", "project") else [],
            "deadline": datetime.date(year, rng.choice([6, 9, 11, 12, 12, 12]), rng.choice([15, 30])),
            "node": {"economy": "P1", "project": "P1", "livelihood": "P3"}.get(cat, "P4"),
        })
    return tasks


# --- livelihood items ---------------------------------------------------------------------------------------

#: (item title, sub-item measure, unit, low, high, lead) — sub-items are this measure split by street.
_LIVELIHOOD_POOL = [
    ("社区长者食堂建设", "新建社区长者食堂", "处", 1, 3, "区民政局"),
    ("老旧小区加装电梯", "加装电梯", "部", 3, 12, "区住建局"),
    ("背街小巷改造", "改造背街小巷", "条", 2, 8, "区城管局"),
    ("便民市场提升", "改造提升便民市场", "处", 1, 2, "区商务局"),
    ("公厕改造提升", "改造提升公厕", "座", 2, 6, "区城管局"),
    ("公共停车泊位", "新增公共停车泊位", "个", 80, 300, "区城管局"),
    ("新能源汽车充电设施", "建设充电桩", "个", 30, 120, "区发改局"),
    ("普惠托育服务", "新增普惠托位", "个", 20, 80, "区卫健局"),
    ("老年人健康体检", "为65岁以上老年人免费体检", "人", 2000, 5000, "区卫健局"),
    ("残疾人康复服务", "提供残疾人康复服务", "人", 50, 200, "区民政局"),
    ("退役军人服务站", "规范化建设退役军人服务站", "个", 3, 8, "区退役军人局"),
    ("医保服务站点", "建设医保服务站", "个", 3, 8, "区医保局"),
    ("雨污分流改造", "完成雨污分流改造", "公里", 1, 5, "区住建局"),
    ("老旧燃气管道更新", "更新老旧燃气管道", "公里", 2, 8, "区住建局"),
    ("全民健身路径", "新建更新健身路径", "处", 3, 10, "区教体局"),
    ("校园食堂明厨亮灶", "改造校园食堂明厨亮灶", "所", 2, 6, "区市场监管局"),
    ("农村道路提升", "改造农村道路", "公里", 2, 8, "区农业农村局"),
    ("儿童友好空间", "建设儿童友好空间", "处", 1, 4, "区教体局"),
    ("社区书屋", "建设社区书屋", "处", 2, 6, "区文旅局"),
    ("“15分钟政务服务圈”", "建设便民服务站点", "个", 3, 10, "区审批局"),
    ("居家适老化改造", "完成困难老年人家庭适老化改造", "户", 20, 80, "区民政局"),
]


def livelihood_items(rng: random.Random, *, year: int, first_number: int, count: int, sub_counts: list[int],
                     exclude_leads: set[str] = frozenset()) -> list[dict]:
    """``count`` generated livelihood items numbered from ``first_number``; item i has ``sub_counts[i]``
    sub-items, each the item's measure for one street (the street responsible, the bureau leading)."""
    pool = [p for p in _LIVELIHOOD_POOL if p[0] not in exclude_leads]
    chosen = rng.sample(pool, count)
    items = []
    for i, (title, measure, unit, lo, hi, lead) in enumerate(chosen):
        rural = lead == "区农业农村局"  # village matters belong to the west and south only
        streets = rng.sample(WEST_SOUTH_STREETS if rural else WEST_SOUTH_STREETS + STREETS[:6], sub_counts[i])
        subs = [{"title": f"{street}街道{measure}", "value": rng.randint(lo, hi), "unit": unit, "lead": lead,
                 "resp": [street], "deadline": datetime.date(year, rng.choice([6, 9, 10, 11]), 30)}
                for street in streets]
        items.append({"number": first_number + i, "title": title, "lead": lead, "subs": subs})
    return items
