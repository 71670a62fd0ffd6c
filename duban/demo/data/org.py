"""The demo's organisation tree, leaders and logins.

Unit names follow the district's real structure (its 17 streets, its bureaus); leaders' names are
invented and marked generated. Units are referred to by ``short`` everywhere else in the demo data.
"""

from . import GENERATED

CITY = {"name": "济南市", "short": "济南市", "code": "370100"}
CITY_UNITS = [
    {"name": "市委市政府督查室", "short": "市督查室", "kind": "office"},
]
DISTRICT = {"name": "市中区", "short": "市中区", "code": "370103"}

#: 济南's other eleven districts and counties (2020), each with only its office: the city office sees twelve
#: districts side by side and the city's half-year review ranks all of them. Their figures are generated.
_OTHERS = [("历下区", "370102"), ("槐荫区", "370104"), ("天桥区", "370105"), ("历城区", "370112"), ("长清区", "370113"),
           ("章丘区", "370114"), ("济阳区", "370115"), ("莱芜区", "370116"), ("钢城区", "370117"), ("平阴县", "370124"),
           ("商河县", "370126")]
OTHER_DISTRICTS = [
    {"name": name, "short": name, "code": code,
     "units": [{"name": f"{name}{'委县政府' if name.endswith('县') else '委区政府'}督查室", "short": f"{name}督查室",
                "kind": "office"}]}
    for name, code in _OTHERS
]

#: Units of 市中区 in display order: offices, departments, streets, parks, state company.
UNITS = [
    {"name": "区委区政府督查室", "short": "督查室", "kind": "office"},
    {"name": "区重点项目服务中心", "short": "重点办", "kind": "office"},
    {"name": "区政府办公室", "short": "区政府办", "kind": "office"},
    {"name": "区发展和改革局", "short": "区发改局", "kind": "department"},
    {"name": "区财政局", "short": "区财政局", "kind": "department"},
    {"name": "区统计局", "short": "区统计局", "kind": "department"},
    {"name": "区教育和体育局", "short": "区教体局", "kind": "department"},
    {"name": "区卫生健康局", "short": "区卫健局", "kind": "department"},
    {"name": "区住房和城乡建设局", "short": "区住建局", "kind": "department"},
    {"name": "区城市管理局", "short": "区城管局", "kind": "department"},
    {"name": "区民政局", "short": "区民政局", "kind": "department"},
    {"name": "区人力资源和社会保障局", "short": "区人社局", "kind": "department"},
    {"name": "区商务局", "short": "区商务局", "kind": "department"},
    {"name": "区科学技术局", "short": "区科技局", "kind": "department"},
    {"name": "区工业和信息化局", "short": "区工信局", "kind": "department"},
    {"name": "区文化和旅游局", "short": "区文旅局", "kind": "department"},
    {"name": "区农业农村局", "short": "区农业农村局", "kind": "department"},
    {"name": "区退役军人事务局", "short": "区退役军人局", "kind": "department"},
    {"name": "区医疗保障局", "short": "区医保局", "kind": "department"},
    {"name": "区行政审批服务局", "short": "区审批局", "kind": "department"},
    {"name": "区市场监督管理局", "short": "区市场监管局", "kind": "department"},
    {"name": "区投资促进局", "short": "区投促局", "kind": "department"},
    {"name": "区房屋征收服务中心", "short": "区征收中心", "kind": "department"},
    {"name": "区城市运行指挥中心", "short": "指挥中心", "kind": "office"},
    {"name": "大观园街道", "short": "大观园", "kind": "street"},
    {"name": "杆石桥街道", "short": "杆石桥", "kind": "street"},
    {"name": "四里村街道", "short": "四里村", "kind": "street"},
    {"name": "魏家庄街道", "short": "魏家庄", "kind": "street"},
    {"name": "二七街道", "short": "二七", "kind": "street"},
    {"name": "七里山街道", "short": "七里山", "kind": "street"},
    {"name": "六里山街道", "short": "六里山", "kind": "street"},
    {"name": "舜耕街道", "short": "舜耕", "kind": "street"},
    {"name": "舜玉路街道", "short": "舜玉路", "kind": "street"},
    {"name": "王官庄街道", "short": "王官庄", "kind": "street"},
    {"name": "泺源街道", "short": "泺源", "kind": "street"},
    {"name": "兴隆街道", "short": "兴隆", "kind": "street"},
    {"name": "十六里河街道", "short": "十六里河", "kind": "street"},
    {"name": "党家街道", "short": "党家", "kind": "street"},
    {"name": "白马山街道", "short": "白马山", "kind": "street"},
    {"name": "七贤街道", "short": "七贤", "kind": "street"},
    {"name": "陡沟街道", "short": "陡沟", "kind": "street"},
    {"name": "济南中央活力区管理服务中心", "short": "中央活力区", "kind": "park"},
    {"name": "山东新金融产业园管理办公室", "short": "新金融产业园", "kind": "park"},
    {"name": "济南市中控股集团有限公司", "short": "市中控股集团", "kind": "company"},
]

STREETS = [u["short"] for u in UNITS if u["kind"] == "street"]
#: Streets of the west and south, where most projects and expropriation happen (the seeds' 片区).
WEST_SOUTH_STREETS = ["兴隆", "十六里河", "党家", "白马山", "七贤", "陡沟"]

#: District leaders (names invented) and the units each oversees (分管).
LEADERS = [
    {"name": "陈立新", "title": "区长", "oversees": ["区政府办", "督查室", "区财政局", "区统计局"]},
    {"name": "刘建军", "title": "常务副区长",
     "oversees": ["区发改局", "重点办", "区投促局", "区商务局", "市中控股集团"]},
    {"name": "王晓燕", "title": "副区长",
     "oversees": ["区教体局", "区卫健局", "区民政局", "区人社局", "区医保局", "区退役军人局",
                  "舜耕", "舜玉路", "王官庄", "六里山", "七里山"]},
    {"name": "张海涛", "title": "副区长",
     "oversees": ["区住建局", "区城管局", "区征收中心", "区农业农村局", *WEST_SOUTH_STREETS]},
    {"name": "李明辉", "title": "副区长",
     "oversees": ["区科技局", "区工信局", "区文旅局", "区市场监管局", "区审批局", "中央活力区", "新金融产业园",
                  "大观园", "杆石桥", "四里村", "魏家庄", "二七", "泺源"]},
]
LEADER_NOTE = f"{GENERATED}：领导姓名及分管为虚构"

PASSWORD = "duban-demo"

#: Demo logins. ``unit`` is a unit's short name (or the city/district); ``leader`` links a Leader record.
USERS = [
    {"username": "office", "first_name": "督查室", "unit": "督查室", "role": "supervision_office"},
    {"username": "projects", "first_name": "重点办", "unit": "重点办", "role": "project_office"},
    {"username": "stats", "first_name": "统计局", "unit": "区统计局", "role": "statistics"},
    {"username": "reporter", "first_name": "教体局填报员", "unit": "区教体局", "role": "unit_reporter"},
    {"username": "unitlead", "first_name": "教体局负责人", "unit": "区教体局", "role": "unit_leader"},
    {"username": "leader", "first_name": "王晓燕", "unit": "市中区", "role": "district_leader", "leader": "王晓燕"},
    # The city office role is held in the city itself: it opens every district below it.
    {"username": "cityoffice", "first_name": "市督查室", "unit": "济南市", "role": "city_office"},
    # The city operation command centre triages direct reports; a grid member of 七贤街道 reports them.
    {"username": "centre", "first_name": "指挥中心", "unit": "指挥中心", "role": "command_centre"},
    {"username": "grid", "first_name": "七贤街道网格员", "unit": "七贤", "role": "grid_member"},
    {"username": "admin", "first_name": "管理员", "superuser": True},
]
EMAIL_DOMAIN = "example.org"
