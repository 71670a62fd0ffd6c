"""Indicators, their observations from the seeds, and the latest year's targets.

Observations are in the indicator's unit (亿元, 人, %...). Period: ("year", 1), ("half", 1) = first half...
Values marked ``gen`` are not in the articles (see the note of each block).
"""

from . import GENERATED, SRC_2020H1, SRC_2022, SRC_2024

#: code, name, unit, category, frequency, accumulation, aspect, publishes growth, comparable prices,
#: higher is better, source unit (short name).
INDICATORS = [
    ("GDP", "地区生产总值", "亿元", "economy", "quarterly", "ytd", "level", True, True, True, "区统计局"),
    ("REVENUE", "一般公共预算收入", "亿元", "fiscal", "monthly", "ytd", "level", True, False, True, "区财政局"),
    ("TAX_SHARE", "税收占一般公共预算收入比重", "%", "fiscal", "monthly", "ytd", "share", False, False, True,
     "区财政局"),
    ("FAI", "固定资产投资", "亿元", "investment", "monthly", "ytd", "growth", True, False, True, "区统计局"),
    ("INDUSTRY_VA", "规模以上工业增加值", "亿元", "industry", "monthly", "ytd", "growth", True, True, True,
     "区统计局"),
    ("SERVICES_VA", "服务业增加值", "亿元", "economy", "quarterly", "ytd", "growth", True, True, True, "区统计局"),
    ("RETAIL", "社会消费品零售总额", "亿元", "consumption", "monthly", "ytd", "level", True, False, True,
     "区统计局"),
    ("TRADE", "进出口总额", "亿元", "consumption", "monthly", "ytd", "level", True, False, True, "区商务局"),
    ("INCOME", "城镇居民人均可支配收入", "元", "livelihood", "quarterly", "ytd", "growth", True, False, True,
     "区统计局"),
    ("NEW_JOBS", "城镇新增就业", "人", "livelihood", "monthly", "ytd", "level", False, False, True, "区人社局"),
    ("REEMPLOYMENT", "城镇失业人员再就业", "人", "livelihood", "monthly", "ytd", "level", False, False, True,
     "区人社局"),
    ("LIVELIHOOD_SPEND", "民生支出", "亿元", "fiscal", "monthly", "ytd", "level", False, False, True, "区财政局"),
    ("LIVELIHOOD_SHARE", "民生支出占财政支出比重", "%", "fiscal", "monthly", "ytd", "share", False, False, True,
     "区财政局"),
    ("HIGH_TECH_SHARE", "高新技术产业产值占规模以上工业总产值比重", "%", "industry", "quarterly", "ytd", "share",
     False, False, True, "区工信局"),
    ("DIGITAL_CORE", "数字经济核心产业规模", "亿元", "industry", "quarterly", "ytd", "level", False, False, True,
     "区工信局"),
    ("UNEMPLOYMENT", "城镇登记失业率", "%", "livelihood", "quarterly", "balance", "level", False, False, False,
     "区人社局"),
    ("SCHOOLS", "幼小初学校数", "所", "livelihood", "yearly", "balance", "level", False, False, True, "区教体局"),
    ("POCKET_PARKS", "口袋公园累计建成数", "处", "environment", "yearly", "balance", "level", False, False, True,
     "区城管局"),
    ("MOUNTAIN_PARKS", "山体公园数", "个", "environment", "yearly", "balance", "level", False, False, True,
     "区城管局"),
    ("ONLINE_SERVICE", "政务服务“全程网办”率", "%", "other", "yearly", "balance", "share", False, False, True,
     "区审批局"),
    ("BASE_STATIONS_5G", "5G基站累计建成数", "个", "other", "quarterly", "balance", "level", False, False, True,
     "区工信局"),
    ("SCHOOL_PLACES", "新增学位", "个", "livelihood", "yearly", "period", "level", False, False, True, "区教体局"),
    ("PUBLIC_JOBS", "城乡公益性岗位开发数", "个", "livelihood", "yearly", "period", "level", False, False, True,
     "区人社局"),
    ("FAMILY_DOCTOR", "家庭医生签约人数", "人", "livelihood", "yearly", "balance", "level", False, False, True,
     "区卫健局"),
    ("SUBSISTENCE", "城乡居民最低生活保障标准", "元", "livelihood", "yearly", "balance", "level", False, False, True,
     "区民政局"),
    ("RENTAL_HOUSING", "保障性租赁住房筹集", "套", "livelihood", "monthly", "ytd", "level", False, False, True,
     "区住建局"),
    ("RESERVE_PROJECTS", "策划储备项目", "个", "investment", "monthly", "balance", "level", False, False, True,
     "重点办"),
]

#: (code, year, period type, period, level, growth, share, rank, source note)
OBSERVATIONS = [
    ("GDP", 2012, "year", 1, "558.5", None, None, None, SRC_2022),
    ("GDP", 2021, "year", 1, "1161.7", None, None, None, SRC_2022),
    ("GDP", 2020, "half", 1, "480.3", "3.4", None, 1, SRC_2020H1 + "：增速高于全市2.7个百分点，全市第一"),
    ("GDP", 2023, "year", 1, None, "6", None, None, SRC_2024 + "：预计增长6%左右"),
    ("REVENUE", 2012, "year", 1, "33.1", None, None, None, SRC_2022 + "：10年前33.1亿元"),
    ("REVENUE", 2021, "year", 1, "108.5", None, None, None, SRC_2022 + "：较10年前增长228%"),
    ("REVENUE", 2020, "half", 1, "52.3", None, None, None, SRC_2020H1),
    ("REVENUE", 2023, "year", 1, "98.2", "10.1", None, None, SRC_2024),
    ("TAX_SHARE", 2023, "year", 1, None, None, "87.18", None, SRC_2024),
    ("FAI", 2023, "year", 1, None, "3", None, None, SRC_2024 + "：增长3%左右"),
    ("INDUSTRY_VA", 2023, "year", 1, None, "19", None, None, SRC_2024),
    ("INDUSTRY_VA", 2020, "half", 1, None, "21.4", None, 1, SRC_2020H1 + "：增速全市第一"),
    ("SERVICES_VA", 2023, "year", 1, None, "6.5", None, None, SRC_2024),
    ("RETAIL", 2023, "year", 1, "586", None, None, None, SRC_2024),
    ("TRADE", 2023, "year", 1, "110.5", None, None, None, SRC_2024),
    ("INCOME", 2023, "year", 1, None, "5.5", None, None, SRC_2024),
    ("NEW_JOBS", 2023, "year", 1, "23000", None, None, None, SRC_2024 + "：新增城镇就业人口2.3万人"),
    ("NEW_JOBS", 2020, "half", 1, "9982", None, None, None, SRC_2020H1 + "：安置城镇就业9982人"),
    ("LIVELIHOOD_SPEND", 2023, "year", 1, "50.3", None, None, None, SRC_2024),
    ("LIVELIHOOD_SHARE", 2023, "year", 1, None, None, "80", None, SRC_2024 + "：占比超过80%"),
    ("LIVELIHOOD_SHARE", 2020, "half", 1, None, None, "75.77", None, SRC_2020H1),
    ("HIGH_TECH_SHARE", 2020, "half", 1, None, None, "92.5", 1, SRC_2020H1 + "：全市第一"),
    ("UNEMPLOYMENT", 2020, "half", 1, "3", None, None, None, SRC_2020H1 + "：控制在3%以内"),
    ("SCHOOLS", 2012, "year", 1, "166", None, None, None, SRC_2022),
    ("SCHOOLS", 2022, "year", 1, "263", None, None, None, SRC_2022),
    ("POCKET_PARKS", 2022, "year", 1, "215", None, None, None, SRC_2022),
    ("MOUNTAIN_PARKS", 2012, "year", 1, "1", None, None, None, SRC_2022 + "：10年前1处"),
    ("MOUNTAIN_PARKS", 2022, "year", 1, "14", None, None, None, SRC_2022),
    ("ONLINE_SERVICE", 2022, "year", 1, None, None, "95", None, SRC_2022),
    ("BASE_STATIONS_5G", 2020, "half", 1, "1321", None, None, 1, SRC_2020H1 + "：完成总量全市首位"),
    ("SCHOOL_PLACES", 2023, "year", 1, "13190", None, None, None, SRC_2024),
    ("PUBLIC_JOBS", 2023, "year", 1, "2072", None, None, None, SRC_2024),
    ("FAMILY_DOCTOR", 2022, "year", 1, "270000", None, None, None, SRC_2022 + "：签约人数超27万人"),
]

#: Qualifiers of published values ("超过80%" is more than 80, not exactly 80), by (code, year).
OBSERVATION_QUALIFIERS = {
    ("GDP", 2023): "about", ("FAI", 2023): "about", ("LIVELIHOOD_SHARE", 2023): "more_than",
    ("UNEMPLOYMENT", 2020): "less_than", ("FAMILY_DOCTOR", 2022): "more_than",
}

#: Generated annual levels between 2012 and 2021, so that the series can be drawn. They respect the articles'
#: statements: six hundred-亿 marks crossed, GDP above 1000亿元 and revenue above 100亿元 in 2019–2021.
GENERATED_SERIES = {
    "GDP": {2013: "612.4", 2014: "668.9", 2015: "731.6", 2016: "802.3", 2017: "881.5", 2018: "957.8",
            2019: "1032.6", 2020: "1068.4"},
    "REVENUE": {2013: "38.6", 2014: "45.2", 2015: "53.9", 2016: "62.7", 2017: "74.8", 2018: "88.1",
                2019: "101.6", 2020: "103.2"},
}
GENERATED_SERIES_NOTE = f"{GENERATED}：补齐2012—2021年序列，符合“连续3年GDP过千亿、财政收入过百亿”"

#: Targets of the latest year: (code, target type, value, qualifier, text, lead, responsible, cooperating, note).
#: One commitment, one tracked item: the 2024 figures that the report also makes tasks or livelihood sub-items
#: (139亿元 数字经济核心产业, 500个策划储备项目, 1.76万人 新增就业, 4000人 再就业, 1114元 低保标准, 2350套 保障性租赁住房) are
#: tracked there, linked to their indicator (``indicator`` in plans.py), and are not targets here as well.
TARGETS_2024 = [
    ("GDP", "growth", "6", "about", "增长6%左右", "区发改局", ["区财政局", "区商务局"], ["区统计局"], GENERATED),
    ("REVENUE", "growth", "6", "", "增长6%", "区财政局", ["区审批局"], [], GENERATED),
    ("TAX_SHARE", "share", "85", "more_than", "85%以上", "区财政局", [], [], GENERATED),
    ("FAI", "growth", "5", "", "增长5%", "区发改局", ["重点办"], ["区统计局"], GENERATED),
    ("INDUSTRY_VA", "growth", "8", "", "增长8%", "区工信局", [], ["区统计局"], GENERATED),
    ("SERVICES_VA", "growth", "6", "", "增长6%", "区发改局", [], ["区统计局"], GENERATED),
    ("RETAIL", "growth", "6", "", "增长6%", "区商务局", ["大观园", "七里山"], ["区统计局"], GENERATED),
    ("TRADE", "growth", "3", "", "增长3%", "区商务局", [], [], GENERATED),
    ("INCOME", "growth", "5.5", "about", "增长5.5%左右", "区发改局", ["区人社局"], ["区统计局"], GENERATED),
    ("LIVELIHOOD_SHARE", "share", "80", "more_than", "80%以上", "区财政局", [], [], GENERATED),
]
