"""The city's half-year review of its districts' key projects in 2020 (全市重点项目半年评议).

Seed 004: "在全市重点项目半年评议中，市中区取得第四名". The rubric and every district's scores are generated
(演示数据（生成）); they are set so that the published ranking gives 市中区 the fourth place the article reports,
and 市中区's received rank is recorded with the article as its source.
"""

from . import SRC_2020H1

YEAR = 2020
REVIEW = "全市重点项目半年评议"
RUBRIC = {
    "code": "jn-key-projects-half-year",
    "name": REVIEW,
    "description": "演示数据（生成）：济南市对各区县重点项目建设的半年评议细则",
    "config": {"items": [
        {"code": "investment", "label": "投资完成情况", "kind": "manual", "weight": "1", "max": "40"},
        {"code": "progress", "label": "项目建设进度", "kind": "manual", "weight": "1", "max": "30"},
        {"code": "onsite", "label": "现场观摩评议", "kind": "manual", "weight": "1", "max": "30"},
    ]},
}
#: Generated scores (investment, progress, on-site) per district; 市中区 ends fourth of twelve.
SCORES = {
    "历下区": ("37.5", "28.0", "27.5"), "历城区": ("38.0", "27.5", "26.0"), "槐荫区": ("36.0", "27.0", "27.0"),
    "市中区": ("36.5", "26.5", "26.0"), "天桥区": ("35.0", "26.0", "26.5"), "章丘区": ("35.5", "25.5", "25.0"),
    "长清区": ("34.0", "25.0", "25.5"), "济阳区": ("33.5", "24.5", "25.0"), "莱芜区": ("34.5", "24.0", "24.0"),
    "钢城区": ("32.0", "23.5", "24.5"), "平阴县": ("31.5", "23.0", "23.5"), "商河县": ("30.5", "22.5", "23.0"),
}
OWN_RANK = 4
OWN_NOTE = SRC_2020H1 + "：在全市重点项目半年评议中，市中区取得第四名"
