"""Key projects named in the seeds, project totals to fill up, areas, categories and expropriation tasks.

A named project's ``years`` maps a year to (plan type, level). Investment figures of named projects are not in
the articles: the generator supplies them and the source note says so. Money is in 万元.
"""

from . import SRC_2020, SRC_2020H1, SRC_2021, SRC_2024

#: The eight categories (the articles give "8大类" without names; 2021's district projects use the first six:
#: "六类60个区级重点项目", so its parks count as 基础设施).
CATEGORIES = ["产业发展", "科技创新", "城市更新", "基础设施", "安置房建设", "社会事业", "生态环境", "乡村振兴"]
CATEGORIES_2021 = CATEGORIES[:6]

#: Areas (片区) named in the seeds.
AREAS = ["兴隆", "十六里河", "党家", "白马山", "七贤", "陡沟", "老商埠", "中央活力区"]
#: The street that each area lies in (used to pick a responsible street).
AREA_STREET = {"兴隆": "兴隆", "十六里河": "十六里河", "党家": "党家", "白马山": "白马山", "七贤": "七贤",
               "陡沟": "陡沟", "老商埠": "大观园", "中央活力区": "白马山"}

MILESTONE_TEMPLATE = "建设类项目"
MILESTONE_STEPS = ["立项", "用地", "规划许可", "施工许可", "开工", "入库", "主体封顶", "竣工", "投产"]

#: Totals the seeds give and the generator fills up exactly.
TOTALS = {
    2020: {"district": 127, "city": 11, "city_investment_wan": 3_050_000, "note": SRC_2020,
           # 34.9亿元 done in the first half was "双过半": the city projects' annual plan is set below 69.8亿元.
           "city_annual_plan_wan": 690_000},
    2021: {"district": 60, "city": 13, "note": SRC_2021},
    2024: {"total": 120, "city": 12, "note": SRC_2024},
}

_N20 = SRC_2020 + "；投资额等为演示数据（生成）"
_N20H1 = SRC_2020H1 + "；投资额等为演示数据（生成）"
_N21 = SRC_2021 + "；投资额等为演示数据（生成）"
_N24 = SRC_2024 + "；投资额、级别等为演示数据（生成）"

#: Named projects. ``cat`` is a category, ``area`` an area, ``lead`` a unit's short name,
#: ``years`` {year: (plan type, level)}.
NAMED = [
    # 2020, city level ("万科南北康高端商务综合体等11个市级重点项目"; 山东大学国家大学科技园 20 buildings topped out)
    {"code": "SZ-2020-C01", "name": "万科南北康高端商务综合体", "cat": "产业发展", "area": "十六里河", "lead": "重点办", "years": {2020: ("continuing", "city"), 2021: ("continuing", "city")}, "note": _N20H1},
    {"code": "SZ-2020-C02", "name": "山东大学国家大学科技园", "cat": "科技创新", "area": "兴隆", "lead": "区科技局", "years": {2020: ("continuing", "city"), 2021: ("continuing", "city")}, "note": _N20H1,
     "desc": "2020年上半年20个楼座封顶"},
    # 2020, district level
    {"code": "SZ-2020-001", "name": "山东新金融产业园二期", "cat": "产业发展", "area": "中央活力区", "lead": "新金融产业园", "years": {2020: ("new", "district"), 2021: ("continuing", "district")}, "note": _N20H1,
     "desc": "2020年破土动工"},
    {"code": "SZ-2020-002", "name": "山东数字经济产业园", "cat": "产业发展", "lead": "区工信局",
     "years": {2020: ("continuing", "district")}, "note": _N20},
    {"code": "SZ-2020-003", "name": "济南大学科技园", "cat": "科技创新", "lead": "区科技局",
     "years": {2020: ("preparation", "district"), 2021: ("new", "district")}, "note": _N20},
    {"code": "SZ-2020-004", "name": "泰山大学科技园", "cat": "科技创新", "lead": "区科技局",
     "years": {2020: ("preparation", "district")}, "note": _N20},
    {"code": "SZ-2020-005", "name": "“山水家园”科创产业园", "cat": "科技创新", "area": "十六里河", "lead": "区科技局", "years": {2020: ("new", "district"), 2021: ("continuing", "district")}, "note": _N20},
    {"code": "SZ-2020-006", "name": "白马创智谷", "cat": "产业发展", "area": "白马山", "lead": "区工信局", "years": {2020: ("new", "district"), 2021: ("continuing", "district"),
                                        2024: ("continuing", "district")}, "note": _N21},
    {"code": "SZ-2020-007", "name": "绿色智造产业集聚区", "cat": "产业发展", "area": "十六里河", "lead": "区工信局", "years": {2020: ("continuing", "district"), 2021: ("continuing", "district")},
     "note": _N20},
    {"code": "SZ-2020-008", "name": "山东科创大厦", "cat": "科技创新", "lead": "区投促局",
     "years": {2020: ("completion", "district")}, "note": _N20},
    {"code": "SZ-2020-009", "name": "金鸡岭片区综合整治", "cat": "城市更新", "lead": "区城管局",
     "years": {2020: ("continuing", "district")}, "note": _N20},
    {"code": "SZ-2020-010", "name": "陡沟学校改扩建", "cat": "社会事业", "area": "陡沟", "lead": "区教体局", "years": {2020: ("new", "district"), 2021: ("completion", "district")}, "note": _N20},
    {"code": "SZ-2020-011", "name": "七一社区等老旧小区整治改造", "cat": "城市更新", "lead": "区住建局", "years": {2020: ("new", "district")}, "note": _N20},
    {"code": "SZ-2020-012", "name": "省道103线一期绿化工程", "cat": "生态环境", "area": "党家", "lead": "区城管局", "years": {2020: ("new", "district")}, "note": _N20},
    {"code": "SZ-2020-013", "name": "文庄安置项目", "cat": "安置房建设", "area": "七贤", "lead": "区住建局", "years": {2020: ("completion", "district")}, "note": _N20H1},
    {"code": "SZ-2020-014", "name": "大庙屯安置项目", "cat": "安置房建设", "area": "十六里河", "lead": "区住建局", "years": {2020: ("completion", "district")}, "note": _N20H1},
    {"code": "SZ-2020-015", "name": "山凹安置项目", "cat": "安置房建设", "area": "兴隆", "lead": "区住建局", "years": {2020: ("completion", "district")}, "note": _N20H1},
    # 2021 (city level: projects of the city's plans for the old town and the mountain parks)
    {"code": "SZ-2021-C01", "name": "金鸡岭—蚰蜒山山体公园", "cat": "生态环境", "lead": "区城管局", "years": {2021: ("new", "city")}, "note": _N21},
    {"code": "SZ-2021-C02", "name": "老商埠片区“一园五坊”改造提升", "cat": "城市更新", "area": "老商埠",
     "lead": "区住建局", "years": {2021: ("new", "city"), 2024: ("continuing", "district")},
     "note": _N21},
    {"code": "SZ-2021-001", "name": "党家“智慧城市”", "cat": "产业发展", "area": "党家", "lead": "区工信局", "years": {2021: ("new", "district"), 2024: ("continuing", "district")}, "note": _N21},
    {"code": "SZ-2021-002", "name": "济南BIM产业园", "cat": "产业发展", "lead": "区工信局",
     "years": {2021: ("new", "district")}, "note": _N21},
    {"code": "SZ-2021-003", "name": "能源互联网产业园", "cat": "产业发展", "area": "中央活力区", "lead": "区工信局", "years": {2021: ("new", "district")}, "note": _N21},
    {"code": "SZ-2021-004", "name": "国家“星火·链网”超级节点", "cat": "科技创新", "lead": "区工信局", "years": {2021: ("new", "district")}, "note": _N21},
    {"code": "SZ-2021-005", "name": "山东未来网络研究院", "cat": "科技创新", "lead": "区科技局",
     "years": {2021: ("continuing", "district")}, "note": _N21},
    {"code": "SZ-2021-006", "name": "马家庄安置房", "cat": "安置房建设", "area": "党家", "lead": "区住建局", "years": {2021: ("new", "district"), 2024: ("continuing", "district")}, "note": _N21},
    {"code": "SZ-2021-007", "name": "后魏安置房", "cat": "安置房建设", "area": "白马山", "lead": "区住建局", "years": {2021: ("new", "district"), 2024: ("completion", "district")}, "note": _N21},
    {"code": "SZ-2021-008", "name": "双龙安置项目", "cat": "安置房建设", "area": "十六里河", "lead": "区住建局", "years": {2021: ("continuing", "district")}, "note": _N21},
    {"code": "SZ-2021-009", "name": "兴隆公园", "cat": "基础设施", "area": "兴隆", "lead": "区城管局", "years": {2021: ("new", "district")}, "note": _N21},
    {"code": "SZ-2021-010", "name": "大北山山体公园二期", "cat": "基础设施", "lead": "区城管局",
     "years": {2021: ("new", "district")}, "note": _N21},
    {"code": "SZ-2021-011", "name": "英雄山文化休闲商业街区", "cat": "城市更新", "lead": "区商务局", "years": {2021: ("new", "district")}, "note": _N21},
    {"code": "SZ-2021-012", "name": "民康里特色步行街改造提升", "cat": "城市更新", "area": "老商埠", "lead": "区商务局", "years": {2021: ("new", "district")}, "note": _N21},
    {"code": "SZ-2021-013", "name": "区级敬老院", "cat": "社会事业", "lead": "区民政局",
     "years": {2021: ("new", "district")}, "note": _N21},
    {"code": "SZ-2021-014", "name": "区未成年人素质教育培训基地二期", "cat": "社会事业", "lead": "区教体局", "years": {2020: ("continuing", "district"), 2021: ("completion", "district")},
     "note": _N21},
    {"code": "SZ-2021-015", "name": "图书馆、文化馆、档案馆“三馆”", "cat": "社会事业", "lead": "区文旅局", "years": {2021: ("continuing", "district"), 2024: ("completion", "district")},
     "note": _N21},
    # 2024
    {"code": "SZ-2024-001", "name": "山东未来云谷", "cat": "产业发展", "lead": "区工信局",
     "years": {2024: ("completion", "district")}, "note": _N24},
    {"code": "SZ-2024-002", "name": "中实易通", "cat": "产业发展", "lead": "区工信局",
     "years": {2024: ("completion", "district")}, "note": _N24},
    {"code": "SZ-2024-003", "name": "望岳路创意设计产业园", "cat": "产业发展", "lead": "区文旅局",
     "years": {2024: ("completion", "district")}, "note": _N24},
    {"code": "SZ-2024-004", "name": "山东能源互联网绿色低碳示范基地", "cat": "产业发展", "area": "中央活力区",
     "lead": "中央活力区", "years": {2024: ("continuing", "city")}, "note": _N24},
    {"code": "SZ-2024-005", "name": "中国海外集团华北区域总部", "cat": "产业发展", "lead": "区投促局", "years": {2024: ("continuing", "city")}, "note": _N24},
    {"code": "SZ-2024-006", "name": "山东数智产业园", "cat": "产业发展", "lead": "区工信局",
     "years": {2024: ("new", "district")}, "note": _N24},
    {"code": "SZ-2024-007", "name": "域潇集团企业总部", "cat": "产业发展", "lead": "区投促局",
     "years": {2024: ("new", "district")}, "note": _N24},
    {"code": "SZ-2024-008", "name": "中建智立方", "cat": "产业发展", "lead": "区投促局",
     "years": {2024: ("new", "district")}, "note": _N24},
    {"code": "SZ-2024-009", "name": "未来产业算网用一体化", "cat": "科技创新", "lead": "区工信局",
     "years": {2024: ("new", "district")}, "note": _N24},
    {"code": "SZ-2024-010", "name": "中移铁通智慧产业园", "cat": "产业发展", "lead": "区工信局",
     "years": {2024: ("continuing", "district")}, "note": _N24},
    {"code": "SZ-2024-011", "name": "科大讯飞人工智能教育主题公园", "cat": "科技创新", "lead": "区教体局", "years": {2024: ("continuing", "district")}, "note": _N24},
    {"code": "SZ-2024-012", "name": "人工智能场景创新中心", "cat": "科技创新", "lead": "区科技局", "years": {2024: ("continuing", "district")}, "note": _N24},
    {"code": "SZ-2024-013", "name": "原八一银座B馆", "cat": "城市更新", "lead": "区商务局",
     "years": {2024: ("new", "district")}, "note": _N24},
    {"code": "SZ-2024-014", "name": "济南第一人民医院新院区", "cat": "社会事业", "lead": "区卫健局",
     "years": {2024: ("new", "city")}, "note": _N24},
    {"code": "SZ-2024-015", "name": "中国绿发国际康养", "cat": "社会事业", "lead": "区民政局",
     "years": {2024: ("continuing", "district")}, "note": _N24},
    {"code": "SZ-2024-016", "name": "中博华远大健康产业中心", "cat": "社会事业", "lead": "区卫健局", "years": {2024: ("continuing", "district")}, "note": _N24},
    {"code": "SZ-2024-017", "name": "母婴（儿童）大健康综合服务中心", "cat": "社会事业", "lead": "区卫健局", "years": {2024: ("continuing", "district")}, "note": _N24},
    {"code": "SZ-2024-018", "name": "融棠医养综合体", "cat": "社会事业", "lead": "区民政局",
     "years": {2024: ("new", "district")}, "note": _N24},
    {"code": "SZ-2024-019", "name": "中央活力区全民健身中心", "cat": "社会事业", "area": "中央活力区",
     "lead": "区教体局", "years": {2024: ("new", "district")}, "note": _N24},
    {"code": "SZ-2024-020", "name": "兴隆片区全民健身中心", "cat": "社会事业", "area": "兴隆", "lead": "区教体局", "years": {2024: ("new", "district")}, "note": _N24},
]

_E = "；户数、面积等为演示数据（生成）"
#: Land expropriation tasks (征收拆迁). The 2020 task's size is generated; the first half's result that seed 004
#: gives (779户、15.2万平方米、供地151.8亩) is recorded as its report at 30 June (``duban.demo.history``), not as its size.
EXPROPRIATIONS = [
    {"year": 2020, "name": "五大片区征收拆迁（55个项目）", "households": 1_300, "area_m2": 236_000, "land_mu": "265",
     "lead": "区征收中心", "resp": ["兴隆", "十六里河", "七贤", "白马山", "党家"],
     "note": SRC_2020H1 + "：五大片区55个征收拆迁项目；全年任务量为演示数据（生成），上半年完成情况见6月底报送"},
    {"year": 2021, "name": "山东省城际铁路调度指挥中心项目拆迁收尾", "lead": "区征收中心", "resp": ["七贤"],
     "note": SRC_2021 + _E},
    {"year": 2021, "name": "小梁庄项目拆迁收尾", "lead": "区征收中心", "resp": ["七贤"], "note": SRC_2021 + _E},
    {"year": 2021, "name": "济南宾馆项目征收", "lead": "区征收中心", "resp": ["四里村"], "note": SRC_2021 + _E},
    {"year": 2024, "name": "中央活力区二区征收拆迁", "lead": "区征收中心", "resp": ["白马山"],
     "coop": ["中央活力区"], "note": SRC_2024 + _E},
    {"year": 2024, "name": "重汽卡车西侧地块征收拆迁", "lead": "区征收中心", "resp": ["党家"], "note": SRC_2024 + _E},
    {"year": 2024, "name": "中山公园片区征收拆迁", "lead": "区征收中心", "resp": ["魏家庄"], "note": SRC_2024 + _E},
    {"year": 2024, "name": "经四小纬二片区征收拆迁", "lead": "区征收中心", "resp": ["大观园"], "note": SRC_2024 + _E},
]
#: Generated expropriation tasks of the latest year (name, responsible street).
GENERATED_EXPROPRIATIONS_2024 = [("兴隆片区安置项目地块征收", "兴隆"), ("十六里河片区道路工程征收", "十六里河")]


#: The demo's 2024 leads (招商线索), all generated: (title, investor, sector, intended investment 万元, reporting
#: unit, reported (month, day), important, how far it went). Fates: "reported", "assessed", "reviewed",
#: "signed", "registered" (with its 前期 procedures partly done), "started" (procedures done, construction
#: started), "refused" (the joint review said no), "dropped" (the investor withdrew after the assessment).
LEADS_2024 = [
    ("人工智能场景创新中心二期", "某信息技术股份有限公司", "科技创新", 60_000, "区投促局", (1, 15), True, "started"),
    ("算力网络服务基地", "某通信科技集团", "产业发展", 120_000, "区工信局", (2, 20), True, "registered"),
    ("商埠文化创意产业园", "某文旅发展有限公司", "产业发展", 35_000, "区文旅局", (3, 5), False, "signed"),
    ("绿色低碳能源总部", "某能源集团", "产业发展", 200_000, "区投促局", (3, 28), True, "reviewed"),
    ("社区康养综合体", "某健康产业有限公司", "社会事业", 18_000, "区民政局", (4, 12), False, "assessed"),
    ("数字人民币场景运营中心", "某金融科技公司", "产业发展", 8_000, "新金融产业园", (5, 9), False, "reported"),
    ("物流仓储基地", "某物流有限公司", "基础设施", 25_000, "党家", (2, 2), False, "refused"),
    ("影视拍摄基地", "某传媒有限公司", "产业发展", 40_000, "区商务局", (1, 22), False, "dropped"),
]
#: Who handles each 前期 procedure in the demo.
PROCEDURE_UNITS = {"land": "区征收中心", "planning": "区审批局", "environment": "区审批局", "construction": "区住建局"}
