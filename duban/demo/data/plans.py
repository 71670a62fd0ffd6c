"""Plans of 2020, 2021, 2022 and 2024: theme, work system, tasks and livelihood items from the seeds.

Titles are short titles of our own; figures are the articles'. A task's ``lead``/``resp``/``coop`` name units
by their short name. ``value``/``unit`` is the quantified target; ``text`` the target as an office writes it.
``gen`` marks a record whose content is not in the article (see ``source_note``).
"""

from . import SRC_2020, SRC_2020H1, SRC_2021, SRC_2022, SRC_2024

#: The code of the "12100" livelihood programme's node in the 2020 and 2021 work systems. The articles name the
#: programme (市中's livelihood brand, 2020 “继续推进”, 2021 “新一轮”, 2020 H1 “深入落实”) without spelling out
#: what the digits stand for, so the demo does not either.
PROGRAMME_12100 = "12100"

PLANS = {
    2020: {
        "theme": "聚焦提升年",
        "system_name": "“1+467”工作体系",
        "goal": "打造“大强美富通”现代化国际大都市的品质之区",
        "source_document": "2020年度“聚焦提升年”动员大会部署",
        "note": SRC_2020,
        "nodes": [
            ("G", None, "总体目标：“大强美富通”现代化国际大都市的品质之区"),
            ("L", "G", "四个引领"),
            ("L1", "L", "党建引领"), ("L2", "L", "战略引领"), ("L3", "L", "平台引领"), ("L4", "L", "制度引领"),
            ("D", "G", "六大动力"),
            ("D1", "D", "改革创新力"), ("D2", "D", "产城融合力"), ("D3", "D", "项目支撑力"),
            ("D4", "D", "底线约束力"), ("D5", "D", "社会动员力"), ("D6", "D", "干部担当力"),
            ("K", "G", "七项重点"),
            ("K1", "K", "产业提质"), ("K2", "K", "双招提高"), ("K3", "K", "项目提势"), ("K4", "K", "乡村振兴"),
            ("K5", "K", "治理提效"), ("K6", "K", "环境提标"), ("K7", "K", "民生提档"),
            # “继续推进‘12100’民生工程”: the livelihood tasks of the article's 民生福祉 section hang under it.
            (PROGRAMME_12100, "K7", "“12100”民生工程"),
        ],
        "tasks": [
            {"code": "2020-01", "title": "推进区级重点项目建设", "node": "K3", "value": 127, "unit": "个",
             "text": "8大类127个", "cat": "project", "lead": "重点办", "resp": ["区发改局"], "coop": ["区统计局"]},
            {"code": "2020-02", "title": "推进市级重点项目建设", "node": "K3", "value": 11, "unit": "个",
             "text": "11个，总投资305亿元", "cat": "project", "lead": "重点办", "resp": ["区发改局"],
             "desc": "上半年完成投资34.9亿元，实现“双过半”（" + SRC_2020H1 + "）"},
            {"code": "2020-03", "title": "整治改造老旧小区", "node": "K6", "value": 13, "unit": "个",
             "text": "13个、105万平方米", "cat": "urban", "lead": "区住建局", "resp": ["四里村", "七里山", "六里山"]},
            {"code": "2020-04", "title": "道路绿化提升", "node": "K6", "value": 5, "unit": "条",
             "text": "经四路、经八路等5条", "cat": "environment", "lead": "区城管局", "resp": ["魏家庄", "大观园"]},
            {"code": "2020-05", "title": "打造花漾街区", "node": "K6", "value": 6, "unit": "条",
             "text": "顺河街、经一路等6条", "cat": "environment", "lead": "区城管局"},
            {"code": "2020-06", "title": "打造花卉大道", "node": "K6", "value": 12, "unit": "条",
             "text": "共青团路、卧龙路等12条", "cat": "environment", "lead": "区城管局"},
            {"code": "2020-07", "title": "新建口袋公园", "node": "K6", "value": 12, "unit": "处",
             "cat": "environment", "lead": "区城管局", "resp": ["舜耕", "舜玉路", "王官庄"]},
            {"code": "2020-08", "title": "省道103线一期绿化工程", "node": "K6", "cat": "environment",
             "lead": "区城管局", "resp": ["党家"]},
            {"code": "2020-09", "title": "开工建设学校、幼儿园", "node": PROGRAMME_12100, "value": 17, "unit": "所",
             "cat": "livelihood", "lead": "区教体局", "coop": ["区住建局"]},
            {"code": "2020-10", "title": "升级科学实验室", "node": PROGRAMME_12100, "value": 10, "unit": "个",
             "cat": "livelihood", "lead": "区教体局"},
            {"code": "2020-11", "title": "提升图书馆分馆", "node": PROGRAMME_12100, "value": 10, "unit": "家",
             "cat": "livelihood", "lead": "区文旅局", "desc": "上半年完成10家（" + SRC_2020H1 + "）"},
            {"code": "2020-12", "title": "提升社区（村）综合文化活动中心", "node": PROGRAMME_12100, "value": 10, "unit": "个",
             "cat": "livelihood", "lead": "区文旅局", "desc": "上半年完成5个（" + SRC_2020H1 + "）"},
            {"code": "2020-13", "title": "建设历史文化展示工程示范点", "node": PROGRAMME_12100, "value": 10, "unit": "处",
             "cat": "livelihood", "lead": "区文旅局", "desc": "上半年完成4处（" + SRC_2020H1 + "）"},
            {"code": "2020-14", "title": "零就业家庭动态清零", "node": PROGRAMME_12100, "text": "动态清零",
             "cat": "livelihood", "lead": "区人社局"},
            {"code": "2020-15", "title": "改扩建陡沟学校", "node": PROGRAMME_12100, "cat": "livelihood", "lead": "区教体局",
             "resp": ["陡沟"]},
            {"code": "2020-16", "title": "金鸡岭片区综合整治", "node": "K6", "cat": "urban", "lead": "区城管局",
             "resp": ["舜耕"]},
            {"code": "2020-17", "title": "既有住宅多层楼房加装电梯", "node": "K7", "value": 60, "unit": "部",
             "cat": "livelihood", "lead": "区住建局",
             "desc": "上半年完成58部，占全年任务96%；全年任务按此推算为60部（" + SRC_2020H1 + "）"},
            {"code": "2020-18", "title": "贫困村稳定脱贫", "node": "K4", "value": 9, "unit": "个",
             "cat": "rural", "lead": "区农业农村局", "resp": ["党家", "十六里河"],
             "desc": "扶贫产业项目12个、投资1700万元；基础设施投入8600万元（" + SRC_2020H1 + "）"},
            {"code": "2020-19", "title": "规划建设南部科创新城", "node": "K3", "value": 3605, "unit": "公顷",
             "text": "总用地3605公顷、建设用地1340公顷", "cat": "project", "lead": "区发改局",
             "resp": ["十六里河", "兴隆"]},
            {"code": "2020-20", "title": "推进山东新金融产业园二期建设及三期策划", "node": "K1", "cat": "economy",
             "lead": "新金融产业园", "coop": ["区发改局"]},
        ],
        "livelihood": [],
    },
    2021: {
        "theme": "",
        "system_name": "“123456”工作体系",
        "goal": "建设新时代现代化强省会高品质城区",
        "source_document": "市中区第十八届人民代表大会第五次会议政府工作报告",
        "note": SRC_2021,
        "nodes": [
            ("1", None, "总体目标：新时代现代化强省会高品质城区"),
            ("2", "1", "“双轮驱动”"), ("2.1", "2", "城乡融合"), ("2.2", "2", "产城融合"),
            ("3", "1", "三大空间"), ("3.1", "3", "北部核心区"), ("3.2", "3", "中部崛起区"), ("3.3", "3", "南部生态区"),
            ("4", "1", "四个引领"), ("4.1", "4", "党建引领"), ("4.2", "4", "战略引领"), ("4.3", "4", "创新引领"),
            ("4.4", "4", "制度引领"),
            ("5", "1", "五大产业"), ("5.1", "5", "现代金融"), ("5.2", "5", "数字经济"), ("5.3", "5", "科技文创"),
            ("5.4", "5", "智能制造"), ("5.5", "5", "高端商贸"),
            # The article does not spell out the "6"; the six centres of the 2035 vision stand in for it.
            ("6", "1", "六个中心", "gen"),
            # “实施新一轮‘12100’民生工程 …… 例如，巩固教育强区优势 ……”: the livelihood tasks hang under it.
            (PROGRAMME_12100, "1", "新一轮“12100”民生工程"),
        ],
        "tasks": [
            {"code": "2021-01", "title": "实施区级重点项目", "node": "3.2", "value": 60, "unit": "个",
             "text": "六类60个", "cat": "project", "lead": "重点办", "resp": ["区发改局"]},
            {"code": "2021-02", "title": "推进市级重点项目", "node": "3.2", "value": 13, "unit": "个",
             "cat": "project", "lead": "重点办"},
            {"code": "2021-03", "title": "经营性土地出让", "node": "3.2", "value": 1500, "unit": "亩",
             "cat": "project", "lead": "区征收中心", "coop": ["区发改局"]},
            {"code": "2021-04", "title": "启动市政道路建设", "node": "3.1", "value": 25, "unit": "条",
             "text": "“两高三快、四横三纵”", "cat": "urban", "lead": "区住建局"},
            {"code": "2021-05", "title": "老旧小区综合改造", "node": "3.1", "value": 11, "unit": "个",
             "cat": "urban", "lead": "区住建局"},
            {"code": "2021-06", "title": "财政资金投入民生事业", "node": PROGRAMME_12100, "value": 56.3, "unit": "亿元",
             "cat": "livelihood", "lead": "区财政局",
             "desc": "“十三五”时期民生投入219亿元，占财政支出76.6%"},
            {"code": "2021-07", "title": "加快学校、幼儿园建设", "node": PROGRAMME_12100, "value": 27, "unit": "所",
             "cat": "livelihood", "lead": "区教体局"},
            {"code": "2021-08", "title": "森林抚育", "node": "3.3", "value": 4000, "unit": "亩",
             "cat": "environment", "lead": "区农业农村局"},
            {"code": "2021-09", "title": "提升园林特色道路和特色街区", "node": "3.1", "value": 8, "unit": "条",
             "cat": "environment", "lead": "区城管局"},
            {"code": "2021-10", "title": "启动兴隆公园建设", "node": "3.3", "cat": "environment", "lead": "区城管局",
             "resp": ["兴隆"]},
            {"code": "2021-11", "title": "大北山山体公园二期", "node": "3.3", "cat": "environment",
             "lead": "区城管局"},
            {"code": "2021-12", "title": "济泰高速山体绿化提升", "node": "3.3", "cat": "environment",
             "lead": "区城管局", "resp": ["十六里河"]},
            {"code": "2021-13", "title": "新开工马家庄、后魏安置房", "node": "2.1", "value": 2, "unit": "个",
             "cat": "urban", "lead": "区住建局", "resp": ["党家", "白马山"]},
            {"code": "2021-14", "title": "推进双龙安置项目", "node": "2.1", "cat": "urban", "lead": "区住建局"},
            {"code": "2021-15", "title": "城际铁路调度指挥中心、小梁庄拆迁收尾", "node": "3.2", "cat": "urban",
             "lead": "区征收中心", "resp": ["七贤"]},
            {"code": "2021-16", "title": "完成济南宾馆项目征收", "node": "3.1", "cat": "urban",
             "lead": "区征收中心", "resp": ["四里村"]},
            {"code": "2021-17", "title": "启动区级敬老院建设", "node": PROGRAMME_12100, "cat": "livelihood", "lead": "区民政局"},
            {"code": "2021-18", "title": "未成年人素质教育培训基地二期", "node": PROGRAMME_12100, "cat": "livelihood",
             "lead": "区教体局"},
            {"code": "2021-19", "title": "推进“三馆”建设", "node": PROGRAMME_12100, "value": 3, "unit": "个",
             "text": "图书馆、文化馆、档案馆", "cat": "livelihood", "lead": "区文旅局"},
            {"code": "2021-20", "title": "新金融产业园二期建设、三期规划", "node": "5.1", "cat": "economy",
             "lead": "新金融产业园"},
            {"code": "2021-21", "title": "“星火·链网”超级节点落地", "node": "5.2", "cat": "economy",
             "lead": "区工信局"},
            {"code": "2021-22", "title": "建设济南BIM产业园、能源互联网产业园", "node": "5.2", "value": 2,
             "unit": "个", "cat": "economy", "lead": "区工信局"},
            {"code": "2021-23", "title": "争创国家级夜间经济示范街区", "node": "5.5", "cat": "economy",
             "lead": "区商务局", "resp": ["六里山"]},
        ],
        "livelihood": [],
    },
    2022: {
        "theme": "突破提升年",
        "system_name": "“21234”工作体系",
        "goal": "建设新时代社会主义现代化活力品质强区",
        "source_document": "区委“十大突破提升行动”",
        "note": SRC_2022,
        "nodes": [
            ("G", None, "奋斗目标：新时代社会主义现代化活力品质强区"),
            ("S", "G", "三大市级战略"),
            ("S1", "S", "济南中央活力区"), ("S2", "S", "济南中央商埠区"), ("S3", "S", "山东能源互联网产业集聚区"),
            ("A", "G", "十大突破提升行动"),
            # The article names the ten actions only as a whole; their titles are generated.
            ("A01", "A", "项目建设突破提升行动", "gen"), ("A02", "A", "产业培育突破提升行动", "gen"),
            ("A03", "A", "招商引资突破提升行动", "gen"), ("A04", "A", "征收拆迁突破提升行动", "gen"),
            ("A05", "A", "城市更新突破提升行动", "gen"), ("A06", "A", "营商环境突破提升行动", "gen"),
            ("A07", "A", "民生保障突破提升行动", "gen"), ("A08", "A", "生态环境突破提升行动", "gen"),
            ("A09", "A", "基层治理突破提升行动", "gen"), ("A10", "A", "干部作风突破提升行动", "gen"),
        ],
        "tasks": [
            {"code": "2022-01", "title": "重点指标分解到责任单位", "node": "A", "value": 100, "unit": "项",
             "text": "100余项指标、40余个责任单位", "cat": "governance", "lead": "督查室", "coop": ["区统计局"]},
            {"code": "2022-02", "title": "中央活力区一年打基础", "node": "S1", "cat": "project",
             "text": "一年打基础、三年见成效、五年立新城", "lead": "中央活力区", "resp": ["白马山", "党家"]},
            {"code": "2022-03", "title": "中央商埠区“一园十二坊”规划", "node": "S2", "cat": "urban",
             "lead": "区发改局", "resp": ["大观园", "魏家庄"]},
            {"code": "2022-04", "title": "能源互联网产业集聚区建设", "node": "S3", "cat": "economy",
             "lead": "区工信局"},
            {"code": "2022-05", "title": "“银龄管家”试点", "node": "A07", "cat": "livelihood", "lead": "区民政局"},
            {"code": "2022-06", "title": "创建省级未成年人保护试点区", "node": "A07", "cat": "livelihood",
             "lead": "区民政局", "coop": ["区教体局"]},
            {"code": "2022-07", "title": "创建全国基层中医药工作示范区", "node": "A07", "cat": "livelihood",
             "lead": "区卫健局"},
        ],
        #: 22 items in all (“为民办实事22件”): three from the article, the rest generated.
        "livelihood_total": 22,
        "livelihood": [
            {"number": 1, "title": "社区养老设施建设", "lead": "区民政局",
             "subs": [{"title": "开工建设规范化社区养老设施", "value": 13, "unit": "处", "lead": "区民政局"}]},
            {"number": 2, "title": "农村幸福院建设", "lead": "区民政局",
             "subs": [{"title": "开工建设农村幸福院", "value": 8, "unit": "处", "lead": "区民政局",
                       "resp": ["党家", "十六里河"]}]},
            {"number": 3, "title": "学校建设", "lead": "区教体局",
             "subs": [{"title": "开工建设学校", "value": 6, "unit": "所", "lead": "区教体局"}]},
        ],
    },
    2024: {
        "theme": "深化提升年",
        "system_name": "",
        "goal": "建设新时代中国特色社会主义现代化活力品质强区",
        "source_document": "市中区第十九届人民代表大会第三次会议政府工作报告",
        "note": SRC_2024,
        "nodes": [
            ("G", None, "目标：新时代中国特色社会主义现代化活力品质强区"),
            ("P1", "G", "抓项目强产业"), ("P2", "G", "城区魅力与文化商贸"), ("P3", "G", "民生福祉"),
            ("P4", "G", "城市更新与基础设施"),
        ],
        "tasks": [
            {"code": "2024-01", "title": "数字经济核心产业规模", "node": "P1", "value": 139, "unit": "亿元",
             "text": "力争139亿元", "cat": "economy", "lead": "区工信局", "coop": ["区统计局"],
             "indicator": "DIGITAL_CORE"},
            {"code": "2024-02", "title": "策划储备项目", "node": "P1", "value": 500, "unit": "个",
             "text": "力争总量达500个", "cat": "project", "lead": "重点办", "resp": ["区发改局"],
             "indicator": "RESERVE_PROJECTS", "value_source": "pipeline_reserve"},
            {"code": "2024-03", "title": "推动山东未来云谷等项目竣工运营", "node": "P1", "value": 3, "unit": "个",
             "text": "山东未来云谷、中实易通、望岳路创意设计产业园", "cat": "project", "lead": "重点办"},
            {"code": "2024-04", "title": "启动山东数智产业园等项目建设", "node": "P1", "value": 4, "unit": "个",
             "text": "山东数智产业园、域潇集团企业总部、中建智立方、未来产业算网用一体化",
             "cat": "project", "lead": "重点办", "resp": ["区投促局"]},
            {"code": "2024-05", "title": "加快能源互联网绿色低碳示范基地等项目进度", "node": "P1", "value": 2,
             "unit": "个", "cat": "project", "lead": "重点办", "resp": ["中央活力区"]},
            {"code": "2024-06", "title": "探索数字人民币消费集聚区", "node": "P2", "cat": "economy",
             "lead": "区商务局", "coop": ["新金融产业园"]},
            {"code": "2024-07", "title": "启动原八一银座B馆项目", "node": "P2", "cat": "economy", "lead": "区商务局",
             "resp": ["七里山"]},
            {"code": "2024-08", "title": "改造提升文庄东路、兴仲路", "node": "P4", "value": 2, "unit": "条",
             "cat": "urban", "lead": "区住建局", "resp": ["兴隆", "白马山"]},
            {"code": "2024-09", "title": "农村供水管网改造", "node": "P4", "text": "城乡供水一体化基本全覆盖",
             "cat": "rural", "lead": "区农业农村局", "resp": ["十六里河", "党家"]},
            {"code": "2024-10", "title": "雨污合流管网改造和内涝治理", "node": "P4", "cat": "urban",
             "lead": "区住建局", "coop": ["区城管局"]},
            {"code": "2024-11", "title": "停车设施智慧化管理", "node": "P4", "cat": "urban", "lead": "区城管局"},
            {"code": "2024-12", "title": "举办开埠120周年系列活动", "node": "P2", "cat": "other",
             "lead": "区文旅局", "resp": ["大观园", "魏家庄"]},
            {"code": "2024-13", "title": "成立商埠文化发展促进联盟", "node": "P2", "cat": "other",
             "lead": "区文旅局"},
            {"code": "2024-14", "title": "上新街历史文化街区开街", "node": "P2", "cat": "urban", "lead": "区文旅局",
             "resp": ["杆石桥"]},
            {"code": "2024-15", "title": "推出红色教育研学线路", "node": "P2", "cat": "other", "lead": "区文旅局",
             "coop": ["区教体局"]},
            {"code": "2024-16", "title": "创建全国学校家庭社会协同育人实验区", "node": "P3", "cat": "livelihood",
             "lead": "区教体局"},
            {"code": "2024-17", "title": "中央活力区二区等片区征收拆迁", "node": "P4", "value": 4, "unit": "个",
             "text": "中央活力区二区、重汽卡车西侧地块、中山公园、经四小纬二", "cat": "urban",
             "lead": "区征收中心", "resp": ["白马山", "魏家庄"]},
            {"code": "2024-18", "title": "创建国家级广告产业园", "node": "P2", "cat": "economy", "lead": "区市场监管局"},
        ],
        #: 20 items in all, like the 20 of 2023 (“20件民生实事”): ten from the article, the rest generated.
        "livelihood_total": 20,
        "livelihood": [
            {"number": 1, "title": "稳就业促增收", "lead": "区人社局", "subs": [
                {"title": "城镇新增就业", "value": 17600, "unit": "人", "lead": "区人社局", "resp": "streets",
                 "indicator": "NEW_JOBS"},
                {"title": "城镇失业人员再就业", "value": 4000, "unit": "人", "lead": "区人社局",
                 "indicator": "REEMPLOYMENT"},
            ]},
            {"number": 2, "title": "提高困难群众救助标准", "lead": "区民政局", "subs": [
                {"title": "城乡低保标准提高至每人每月", "value": 1114, "unit": "元", "lead": "区民政局",
                 "indicator": "SUBSISTENCE"},
            ]},
            {"number": 3, "title": "保障性租赁住房", "lead": "区住建局", "subs": [
                {"title": "筹集保障性租赁住房", "value": 2350, "unit": "套", "lead": "区住建局",
                 "indicator": "RENTAL_HOUSING"},
            ]},
            {"number": 4, "title": "中小学幼儿园建设", "lead": "区教体局", "subs": [
                {"title": "新建、续建中小学幼儿园", "value": 8, "unit": "处", "lead": "区教体局",
                 "coop": ["区住建局"]},
            ]},
            {"number": 5, "title": "医疗卫生服务", "lead": "区卫健局", "subs": [
                {"title": "启动济南第一人民医院新院区建设", "value": 1, "unit": "个", "lead": "区卫健局"},
            ]},
            {"number": 6, "title": "医养结合", "lead": "区民政局", "subs": [
                {"title": "启动融棠医养综合体建设", "value": 1, "unit": "个", "lead": "区民政局",
                 "coop": ["区卫健局"]},
            ]},
            {"number": 7, "title": "全民健身设施", "lead": "区教体局", "subs": [
                {"title": "启动中央活力区、兴隆片区全民健身中心", "value": 2, "unit": "个", "lead": "区教体局",
                 "resp": ["兴隆"]},
            ]},
            {"number": 8, "title": "文化惠民", "lead": "区文旅局", "subs": [
                {"title": "新建非遗示范社区", "value": 10, "unit": "个", "lead": "区文旅局"},
                {"title": "新建泉城书房", "value": 1, "unit": "家", "lead": "区文旅局"},
                {"title": "新建泉城文化驿站", "value": 5, "unit": "家", "lead": "区文旅局"},
                {"title": "戏曲进乡村及公益电影放映", "value": 1000, "unit": "场次", "lead": "区文旅局",
                 "resp": ["十六里河", "党家", "陡沟"]},
            ]},
            {"number": 9, "title": "绿色宜居", "lead": "区城管局", "subs": [
                {"title": "新建绿道", "value": 25, "unit": "公里", "lead": "区城管局"},
                {"title": "完成人造林", "value": 1000, "unit": "亩", "lead": "区农业农村局"},
                {"title": "建设口袋公园、古树公园、社区公园", "value": 9, "unit": "处", "lead": "区城管局",
                 "resp": ["舜耕", "六里山"]},
            ]},
            {"number": 10, "title": "城乡供水一体化", "lead": "区农业农村局", "subs": [
                {"title": "改造农村供水管网", "value": 1, "unit": "项", "lead": "区农业农村局",
                 "resp": ["十六里河", "党家"]},
            ]},
        ],
    },
}

#: The year whose plan tracking works on.
LATEST_YEAR = 2024
#: For the latest year the loader fills up to these numbers with generated records.
LATEST_TASKS_TOTAL = 60
LATEST_SUBITEMS_TOTAL = 40

#: Supervised work of the latest year from beyond the work report (generated): (source, title, number, person,
#: date, lead, responsible). The office registers them on 督办事项来源; they are reported and supervised like tasks.
SUPERVISED_WORK_2024 = [
    ("instruction", "落实区长批示：加快党家片区中小学建设", "市中政批〔2024〕12号", "区长", (3, 5), "区教体局", ["党家"]),
    ("instruction", "落实分管副区长批示：做好汛期城市排涝", "市中政批〔2024〕27号", "王晓燕", (5, 20), "区城管局", ["区住建局"]),
    ("meeting", "区政府常务会议议定：推进背街小巷整治", "区政府常务会议纪要〔2024〕3号", "", (2, 28), "区城管局", ["七里山"]),
    ("deputy", "关于增设老旧小区停车位的建议", "第12号建议", "张代表", (1, 10), "区住建局", ["区城管局"]),
    ("proposal", "关于推进老旧小区加装电梯的提案", "第35号提案", "李委员", (1, 12), "区住建局", []),
]

#: Direct reports from the street in 2024 (generated): (category, what, where, reported (month, day, hour),
#: reporter login or None for a citizen, fate). Fates: received; dispatched to a unit; closed with a result;
#: merged into the first.
DIRECT_REPORTS_2024 = [
    ("safety", "七贤路井盖缺失，行人易踩空", "七贤路12号门前", (6, 18, 9), "grid",
     ("closed", "区城管局", "已补装井盖并设置警示标志")),
    ("safety", "七贤路有一处井盖丢失", "七贤路与二环南路路口", (6, 18, 11), None, ("merged",)),
    ("environment", "小区门口建筑垃圾堆放", "党家街道某小区南门", (6, 25, 15), "grid", ("dispatched", "党家")),
    ("traffic", "路口信号灯不亮", "舜耕路与经十路路口", (6, 29, 8), None, ("received",)),
]


#: 2023 (seed 003, 延伸阅读): “20件民生实事全部兑现”. The article gives the count and the year-end result, not
#: the twenty titles: the items are generated (marked so); the year-end close of each is the article's fact.
PLAN_2023 = {
    "theme": "深化落实年、提速增效年",
    "system_name": "",
    "goal": "",
    "source_document": "2023年民生实事（20件）",
    "note": SRC_2024 + "：2023年20件民生实事全部兑现",
    "nodes": [],
    "tasks": [],
    "livelihood_total": 20,
    "livelihood": [],
}
YEAR_END_CLOSE_2023 = SRC_2024 + "：2023年“20件民生实事全部兑现”（年底兑现）"
