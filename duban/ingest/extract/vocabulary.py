"""Plain data behind extraction: units, cue words and exclusion lists (see docs/extraction.md).

Everything a reviewer may want to tune lives here, not in the code that uses it. Longer words must come
before their prefixes in the tuples used to build regular expressions ("平方公里" before "平方米").
"""

# Measure words (量词) and units accepted after a number, normalised unit first, written forms after.
# The magnitude (万/亿/千/百) is stripped first, so "万平方米" is 平方米 scaled by 10^4.
UNIT_FORMS: dict[str, tuple[str, ...]] = {
    # percentages and relative measures
    "%": ("%", "％"),
    "‰": ("‰",),
    "个百分点": ("个百分点", "百分点"),
    "倍": ("倍",),
    # money
    "元": ("元",),
    "美元": ("美元",),
    "欧元": ("欧元",),
    # area, length, volume, mass, energy
    "平方公里": ("平方公里", "平方千米"),
    "平方米": ("平方米", "平米", "㎡"),
    "公顷": ("公顷",),
    "亩次": ("亩次",),       # area worked, counted once per pass: "机耕作业面积50万亩次"
    "亩": ("亩",),
    "公里": ("公里", "千米", "km"),
    "延米": ("延米",),
    "米": ("米",),
    "微克/立方米": ("微克/立方米",),       # air quality: "PM2.5年均浓度为26.3微克/立方米"
    "毫克/立方米": ("毫克/立方米",),
    "立方米": ("立方米", "方米"),
    "方": ("方",),          # cubic metres as water and earthworks count them: "补水6600万方" (Arabic numerals only)
    "吨": ("吨",),
    "斤": ("斤",),
    "公斤": ("公斤", "千克"),
    "千瓦时": ("千瓦时", "度电"),
    "千瓦": ("千瓦",),
    "兆瓦": ("兆瓦",),
    "标箱": ("标箱",),
    # people and households
    "人次": ("人次",),
    "人": ("人",),
    "户": ("户",),
    "名": ("名",),
    # time spans that are measured results ("压缩至3个工作日")
    "个工作日": ("个工作日",),
    "工作日": ("工作日",),
    "小时": ("小时",),
    "分钟": ("分钟",),
    "天": ("天",),
    "岁": ("岁",),
    # counts of things
    "个": ("个",),
    "家": ("家",),
    "所": ("所",),
    "处": ("处",),
    "条": ("条",),
    "座": ("座",),
    "套": ("套",),
    "部": ("部",),
    "件": ("件",),
    "场次": ("场次",),
    "场": ("场",),
    "项": ("项",),
    "栋": ("栋",),
    "幢": ("幢",),
    "间": ("间",),
    "张": ("张",),
    "台": ("台",),
    "辆": ("辆",),
    "艘": ("艘",),
    "架": ("架",),
    "株": ("株",),
    "棵": ("棵",),
    "头": ("头",),
    "只": ("只",),
    "批次": ("批次",),
    "起": ("起",),          # incidents and cases: "破获电诈案件86起"
    "颗": ("颗",),
    "枚": ("枚",),
    "周": ("周",),          # "连续135周开展…观摩活动"
    "克拉": ("克拉",),
    "批": ("批",),
    "支": ("支",),
    "册": ("册",),
    "篇": ("篇",),
    "口": ("口",),
    "眼": ("眼",),
    "盏": ("盏",),
    "根": ("根",),
    "块": ("块",),
    "期": ("期",),
    "班": ("班",),
    "笔": ("笔",),
    "宗": ("宗",),
    "列": ("列",),
    "次": ("次",),
    "轮": ("轮",),
    "床": ("床",),
    "大": ("大",),
    "种": ("种",),          # "14种农产品产量居全国第1位" (Arabic numerals only, see CHINESE_NEVER_UNITS)
    "例": ("例",),          # cases: "发现2例确诊病例", "完成手术1200例"
    "对": ("对",),          # pairs: "种鸽存栏55万对", "友好城市567对" (Arabic numerals only; not 对接, 对口…)
    "位": ("位",),          # people counted politely: "在川两院院士70位", "10位专家学者" (ranks are "第N位")
}

# written form -> normalised unit
UNIT_OF: dict[str, str] = {form: unit for unit, forms in UNIT_FORMS.items() for form in forms}
COUNT_UNITS = frozenset({"个", "家", "所", "处", "条", "座", "套", "部", "件", "项", "栋", "幢", "间", "台", "辆",
                         "艘", "架", "批", "支", "大"})
PERCENT_UNITS = frozenset({"%", "‰", "个百分点"})
# Units of a measured amount: "亩产提升10.1斤", "寿命提升1.2岁" are changes, while 提升 before a count, an area
# or a time upgrades that much ("林分优化提升200万亩", "提升15分钟健身圈").
RAISED_AMOUNT_UNITS = frozenset({"斤", "公斤", "吨", "元", "美元", "欧元", "岁", "千瓦", "千瓦时", "立方米", "微克/立方米",
                                 "毫克/立方米", "位"})    # "排名提升20位" moves a rank by 20 places
MONEY_UNITS = frozenset({"元", "美元", "欧元"})
RANK_UNIT = "位"

# Units that, after a small Chinese numeral, usually name a slogan or a category ("四个引领", "七项重点",
# "两大体系"): such a count is kept only when a concrete object follows (CONCRETE_NOUNS).
WEAK_UNITS = frozenset({"个", "项", "大", "条", "次", "批", "支", "张", "件", "场", "只", "口", "根", "块", "篇", "部",
                        "台", "列", "班", "棵", "株", "轮"})
# After 次/轮 these make a small Chinese count a count of government actions ("两次降低存款准备金率").
ACTION_COUNT_UNITS = frozenset({"次", "轮"})
# An adverb may stand between the count and the action: "两次全面降准".
ACTION_ADVERBS = ("全面", "再次", "先后", "定向", "普遍", "分别")
ACTIONS_COUNTED = ("降低", "下调", "上调", "降准", "降息", "集中排查", "排查", "专项检查", "检查", "督查", "巡查",
                   "巡察", "督察", "集中整治", "专项整治", "开展")
# After a number of hours these make it a service's opening hours, not a measure: "24小时开放".
HOURS_DESCRIBE = ("开放", "营业", "服务", "值守", "值班", "在线", "不打烊", "不间断", "运行", "监测", "自助", "热线")
# Nouns of people that carry the unit of a large count written without one: "6600多万纳税人".
PEOPLE_NOUNS = ("纳税人", "学生", "村民", "市民", "农民工", "人口", "群众", "职工", "居民", "老年人", "儿童", "患者", "劳动力",
                "游客", "家庭", "农户", "贫困人口", "参保人",
                # round 7: people named by a group noun ("1000多万失业人员", "300万就业困难人员")
                "失业人员", "就业困难人员", "困难人员", "从业人员", "就业人员", "退役军人", "毕业生", "高校毕业生",
                "农民", "妇女", "残疾人", "青年", "人才", "志愿者", "党员", "干部", "教师", "医生", "工人", "会员", "用户",
                # round 9: "500多万在校生"
                "在校生")
# A people noun, then a change or a level verb, then a large number without its unit: "城镇失业人员减少12.5万"
# counts people (unit 人); the number must end the clause so that "收入增加12.5万元" stays money.
# Head counts named before the number ("旅游人数突破150万", "接待总人次达到500万"): people, or visits (人次).
HEADCOUNT_NOUNS = ("人数", "总人数", "人次", "总人次")
PEOPLE_THEN_COUNT_VERBS = ("减少", "增加", "新增", "净增", "达到", "达", "超过", "突破", "减贫", "脱贫")
# A count verb before the people noun: "新增人口50万", "新增常住人口20万".
VERBS_THEN_PEOPLE_COUNT = ("新增", "增加", "净增", "减少")
HOUSEHOLD_NOUNS = frozenset({"家庭", "农户"})
# Units that after a Chinese numeral name a phase or a part, never a count: "二期", "三部分".
# After a Chinese numeral 种 and 位 name kinds and digits ("三种模式", "两位数增长"), never a count.
CHINESE_NEVER_UNITS = frozenset({"期", "种", "位", "方", "对"})
# After a number, 对 is pairs unless it begins a word: 对接, 对口, 对象, 对比, 对照, 对标 ...
NOT_PAIRS_AFTER_DUI = frozenset("接口象比照应策标外于待话")
# After a number, 方 is a volume ("土方12万方") unless it begins a word: 方面, 方案, 方式, 方协议 ...
NOT_CUBIC_AFTER_FANG = frozenset("面案式向位阵法针舱言志略便正格队圆块剂协合共联签参")
# Nouns of things a government builds, renovates or counts: "三个重点片区", "十大科学实验室".
CONCRETE_NOUNS = (
    "片区", "区域", "项目", "村", "社区", "乡镇", "街道", "小区", "园区", "基地", "学校", "幼儿园", "医院",
    "卫生院", "实验室", "示范区", "中心", "公园", "场馆", "体育场", "站", "厂", "企业", "楼", "路", "桥",
    "河道", "河流", "水库", "工地", "农贸市场", "超市", "停车场", "车位", "班级", "书屋", "幸福院", "敬老院",
    # round 7: lines a government builds ("加快建设城东、城西两条货运通道")
    "通道", "管线", "管网", "隧道", "线路", "铁路", "高速",
    # round 10: bodies a government sets up ("成立五个指挥部")
    "指挥部",
)
# Nouns far enough after a small Chinese count to lie beyond the 8-character window of CONCRETE_NOUNS, that
# still make it a count: "两个矿区生态修复项目", "三项科技体制改革创新成果" (looked for up to 14 characters on).
FAR_CONCRETE_NOUNS = ("项目", "成果")
# Words right after a small count that make it the name of a rule set, not a count ("中央八项规定精神…成果").
NAMED_AFTER_COUNT = ("规定", "原则", "要求", "准则", "禁令")
# A quoted name after a count keeps the noun after it: "5个“一站式”服务中心" -> 一站式服务中心
# (the noun phrase after the closing quote, unless it opens with one of QUOTED_NAME_TAIL_VERBS: "…”落地实施").
QUOTED_NAME_TAIL_VERBS = ("落地", "落户", "开工", "建设", "实施", "推广", "应用", "启动", "开馆", "开业", "运行", "投用",
                          "稳步", "全面", "顺利", "成功", "入选", "获评")
# One-character counted nouns: "首批17个村" -> 首批村 (the modifier before the count names them).
SINGLE_CHAR_NOUNS = frozenset("村镇乡县区市户校园厂站馆")
# "X大" counts only things acted upon right there: "升级十大科学实验室", "建设东、西两大生态康养示范区";
# "依托三大片区", "三大新兴产业" are groupings, not items.
BIG_COUNT_VERBS = ("建设", "新建", "升级", "改造", "建成", "改扩建", "培育")     # "培育3大现代农业示范区"

# Fractions of a whole: "压减三分之一" (33.33 %); "一半" only after a change verb or before 以上/左右.
HALF_AFTER_VERBS = ("压减", "压缩", "减少", "降低", "缩短", "削减", "下降", "缩减", "压降", "提高", "增加", "提升")
# Words after "N条" that make it a policy's name ("金10条", "稳经济30条措施").
POLICY_NAME_AFTER = ("措施", "政策", "举措", "意见", "硬措施", "”", '"', "’")
# Words after "N次" that make it a meeting's name ("十二届十次全会").
MEETING_AFTER = ("全会", "会议", "全体会议", "代表大会", "党代会")
# Units that never make an item after a small Chinese numeral ("六类", "三方面").
CATEGORY_UNITS = frozenset({"类", "大类", "方面", "种"})

# Bare magnitudes kept as money amounts when followed by one of these ("十年形成千亿产值").
BARE_MAGNITUDE_MONEY_AFTER = ("产值", "营收", "营业收入", "规模", "投资", "元")
# After a bare magnitude these make it a class, not an amount: "千亿元级产业集群" (but "突破百亿元大关" is one).
BARE_MAGNITUDE_CLASS_AFTER = ("级",)

# Qualifiers around a number.
# A 约 closing a word is no "about": "项目签约18个", "节约3000吨".
NOT_ABOUT_YUE = ("签约", "合约", "预约", "履约", "节约", "制约", "公约", "契约", "条约", "特约", "集约", "简约", "解约", "违约")
QUALIFIER_BEFORE = {
    "超过": "more_than", "超": "more_than", "逾": "more_than", "不低于": "more_than", "不少于": "more_than",
    "突破": "more_than", "近": "about", "约": "about", "将近": "about", "接近": "about", "预计": "about",
    "不足": "less_than", "不到": "less_than", "低于": "less_than", "高于": "more_than", "不高于": "less_than", "不超过": "less_than", "控制在": "",
}
QUALIFIER_INSIDE = {"余": "more_than", "多": "more_than", "几": "more_than"}
QUALIFIER_AFTER = {"以上": "more_than", "左右": "about", "上下": "about", "以内": "less_than",
                   "以下": "less_than"}

# Aspect cues (looked for in the words just before the number).
CHANGE_CUES = ("压减", "压降", "压缩", "缩减", "削减", "净增", "增长", "增加", "提高", "提升", "上涨", "下跌", "下降", "减少", "降低", "回落", "上升", "增速", "增幅", "涨幅", "降幅",
               "同比", "年均", "扩大", "缩小", "放大", "快于", "慢于", "增", "降", "多", "少")
DECLINE_CUES = ("压减", "压降", "压缩", "缩减", "削减", "下跌", "下降", "减少", "降低", "回落", "降幅", "缩小", "负增长")
SHARE_CUES = ("占比", "占", "比重", "比例", "覆盖率", "普及率", "率", "达标", "覆盖", "完成全年", "全年任务")
RANK_CONTEXT = ("全球", "世界", "国内", "全市", "全省", "全国", "全区", "全县", "位居", "居", "排名", "排", "位列", "列", "名列", "第",
                "进入", "退出", "跻身", "迈入")

# Kind cues (in the sentence; the nearest one before the number wins).
TARGET_CUES = ("将", "计划", "力争", "确保", "争取", "预计", "目标", "要", "拟", "今后", "未来", "启动",
               "推进", "加快", "新开工", "开工建设", "实施", "打造", "谋划", "规划", "到20", "努力", "力促")
ACTUAL_CUES = ("实现", "完成", "累计", "达到", "已", "建成", "上半年", "同比", "增长", "过去", "去年",
               "共计", "共", "新增", "取得", "位居", "居", "荣获", "获得", "创建", "成功", "达", "年均",
               "以来", "全年", "一年来", "目前", "正在", "均")
# "将" that is the 把-construction, not the future: "将兴隆、党家五大片区作为拆迁建设主阵地".
NOT_FUTURE_JIANG = ("将其", "将兴", "作为")

# Tense cues of a sentence (classify.tense_of), as data: (pattern, side, weight). The last cue before the
# number decides. Weight 2: a strong marker, it overrides the section the sentence stands in. Weight 1: a
# weak marker, it counts only outside the section it contradicts (a weak plan cue is ignored in a review,
# a weak result cue in a plan). Patterns are regular expressions; the notes say why each one is shaped so.
from typing import NamedTuple  # noqa: E402


class Cue(NamedTuple):
    pattern: str
    side: str        # "target" or "actual"
    weight: int      # 2 strong, 1 weak
    note: str = ""


_BA_VERBS = r"作为|分解|分配|纳入|列入|引入|融入|转化为|摆在|放在|落实到"
# What a review reports as secured ("争取中央预算内资金3.2亿元", "争取增发国债项目38个").
_SECURED = r"[^，。；]{0,12}?(?:资金|债券|国债|项目|政策|额度|指标|试点)"
TENSE_CUES: tuple[Cue, ...] = (
    # plans
    Cue(rf"将(?!其|[^，。；]{{0,30}}?(?:{_BA_VERBS}))", "target", 2,
        "将 + object + a verb of placing is the 把-construction ('将…纳入直达范围'), not the future"),
    Cue(r"(?<!全年)(?<!年度)(?<!完成)(?<![个项批家])计划(?![，。；、”）」的]|$)", "target", 2,
        "'完成全年计划', '285个计划新开工项目' and a programme's name ('倍增计划，') are nouns"),
    Cue(r"力争|确保|今后|明年|到20\d\d年", "target", 2),
    Cue(rf"争取(?!到)(?!{_SECURED})", "target", 2, "'争取到…' reports; see the weak cue for secured funds"),
    Cue(rf"争取(?!到)(?={_SECURED})", "target", 1,
        "in a review '争取…资金/项目' reports what was secured; in a plan it is still a plan"),
    Cue(r"拟(?!定)", "target", 2, "'拟定' is past"),
    Cue(r"要(?![求素点])", "target", 2, "要求, 要素, 要点 are nouns"),
    Cue(r"未来(?=[一二两三四五六七八九十几\d]|[，,])", "target", 2, "not inside a name ('山东未来网络研究院')"),
    Cue(r"今年(?!以来|上半年|前|一季度|1|一至|年初|[，,]?(?:全[市区县省]|我[市区县省])?(?:已|累计|共))", "target", 2,
        "the coming year in a report written at its start, but not '今年以来', '今年上半年'"),
    Cue(r"今明两年", "target", 2, "this year and the next: a plan"),
    Cue(r"启动|目标", "target", 1, "a review also uses them of its own work ('启动实施…三年行动')"),
    # results
    Cue(r"已(?!经?成为)(?![^，。；的]{1,6}的)", "actual", 2,
        "'已获批', '已建成' report; '已下达资金的' is an attribute"),
    Cue(r"争取到|累计|上半年|前三季度|过去|以来|一年来|年来|正在|荣获|获评|被评为|被列入", "actual", 2),
    Cue(r"(?<![比较])(?:去年|上年)(?!度?结转|续建|未完|遗留)(?![^，。；]{0,2}?(?:出台|制定|推出|印发|发布|部署)的)",
        "actual", 2, "a base ('比上年') compares; '完成上年结转的8个项目' is a plan's object, not a result; "
        "'执行去年出台的…政策' dates the policy, not what follows"),
    Cue(r"实现了|完成了|建成了|达到了|取得了|十三五.{0,2}(?:时期|期间)|均位居|位居", "actual", 2),
    Cue(r"年均增长", "actual", 1, "reports a past span in a review, states an aim in a plan"),
    Cue(r"获批", "actual", 1, "'获批…项目…个' in a review reports; in a plan '争取获批' stays a plan"),
    Cue(r"加大[^，。；]{1,12}力度", "actual", 1, "in a review '加大…力度，…' reports what was done"),
)

# Section cues (structure.py): word -> (side, weight, time word?). Years and five-year plans are scored
# apart (3 each, by the report's year). Compounds outweigh their parts ("工作安排" 3, "安排" 1); the longest
# match wins, so "今年以来" is a review and "今年" a plan.
SECTION_CUES = {
    # review
    "回顾": ("actual", 3, True), "工作总结": ("actual", 3, False), "主要成绩": ("actual", 3, False),
    "取得的成绩": ("actual", 3, False), "发展成就": ("actual", 3, False), "主要成就": ("actual", 3, False),
    "过去": ("actual", 2, True), "一年来": ("actual", 2, True), "年来": ("actual", 2, True),
    "以来": ("actual", 2, True), "今年以来": ("actual", 2, True), "去年": ("actual", 2, True),
    "上年": ("actual", 2, True), "上半年": ("actual", 2, True), "成就": ("actual", 2, False),
    "成绩": ("actual", 2, False), "做了": ("actual", 2, False), "总结": ("actual", 2, False),
    "走过": ("actual", 2, True), "取得": ("actual", 1, False),
    # "这是民生福祉更加殷实的一年。" opens a review paragraph in an excerpt without headings
    "的一年": ("actual", 2, True),
    # plan
    "今年": ("target", 2, True), "明年": ("target", 2, True), "今后": ("target", 2, True),
    "未来": ("target", 2, True), "工作安排": ("target", 3, False), "工作谋划": ("target", 3, False),
    "工作部署": ("target", 3, False), "总体要求": ("target", 3, False), "预期目标": ("target", 3, False),
    "主要目标": ("target", 3, False), "目标任务": ("target", 3, False), "重点工作": ("target", 2, False),
    "工作任务": ("target", 3, False), "主要任务": ("target", 3, False), "今年工作": ("target", 3, True),
    "目标": ("target", 2, False), "任务": ("target", 2, False), "做好": ("target", 2, False),
    "打算": ("target", 2, False), "展望": ("target", 2, False), "思路": ("target", 2, False),
    "安排": ("target", 1, False), "谋划": ("target", 1, False), "要": ("target", 1, False),
    "将": ("target", 1, False), "计划": ("target", 1, False),
}

# Words that never start a metric and are stripped from its left edge ("实现地区生产总值" -> "地区生产总值").
METRIC_LEAD_VERBS = (
    "实现", "完成", "达到", "累计", "推进", "加快", "启动", "实施", "建设", "开展", "提升", "打造",
    "新建", "续建", "改造", "统筹", "全力", "力争", "确保", "计划", "拿出", "投入", "投资", "安置", "发放",
    "争取", "引进", "培育", "组织", "举办", "带动", "惠及", "帮助", "持续", "积极", "加大", "扎实", "落实",
    "增发", "发行", "迈上", "跨上", "跃上", "站上", "折合", "安排", "新（改）建", "改（扩）建", "新（扩）建", "改扩建", "整治", "拆除", "回收", "兑现",
    "提高", "增加", "减少", "降低", "共计", "总计", "合计", "超过", "预计", "形成", "取得", "分别", "其中",
    "同时", "以及", "今年", "去年", "上半年", "全年", "目前", "保持",
)
# Nouns that open with a lead verb and keep it: "建设用地1340公顷" is land for building, not 用地.
NOUNS_OPENING_WITH_VERB = ("建设用地", "建设规模")
# Lead verbs that act as verbs anywhere in the phrase; the others ("投入", "建设", "重点", "统筹"...) only where
# they open it, since inside a phrase they are part of a noun ("研发投入强度", "市重点项目").
STRONG_LEAD_VERBS = frozenset({
    "实现", "完成", "达到", "累计", "共计", "总计", "合计", "超过", "预计", "形成", "取得", "分别", "其中", "同时",
    "以及", "今年", "去年", "上半年", "全年", "目前", "力争", "确保", "计划", "拿出", "争取", "惠及", "帮助", "带动",
    "持续", "积极", "全力", "扎实", "加大", "组织", "举办", "折合",
})
METRIC_TAIL_CUTS = ("预计", "继续", "达到", "达", "为", "至", "到", "从", "由", "建成", "稳居", "控制在", "保持在", "稳定在", "超过", "超", "约", "近",
                    "共计", "累计", "突破", "增长", "提高", "增加", "下降", "减少", "同比", "年均", "不低于",
                    "不少于", "不超过", "不高于", "不到", "至少",
                    "低于", "高于", "不足", "逾", "分别", "较", "比", "占比", "占", "是", "已", "位居", "居",
                    "排名", "位列", "名列", "列", "逆势", "逆市", "稳步", "大幅", "持续", "较快", "快速", "平稳",
                    "取得", "实现", "完成", "平均为", "平均", "上涨", "下跌",
                    # milestones and rank moves: "增加值跨上3万亿元台阶", "规模升至全国第7位", "保持全国第1位"
                    "跨上", "迈上", "跃上", "站上", "跨过", "跨越", "保持", "升至", "升到", "跃居", "跃升至",
                    # adverbs and a level's wording: "实际增长5.1%", "首次跃上", "一次性增加", "比例上升至87.2%"
                    "实际", "首次", "一次性", "再次", "上升至", "上升到", "提升至", "提升到",
                    "拟按", "按", "拟安排", "安排",
                    # a structure reached, a rank entered or left: "结构比调整为", "营商环境评价进入全省前十"
                    "调整", "优化调整", "进入", "退出", "跻身", "迈入",
                    # a cut right before the amount: "地下水开采量压减1.5亿立方米" measures 地下水开采量
                    "压减", "压降", "缩减", "削减", "压缩", "一律", "再")
# Measure nouns that name nothing without their subject: after a strong verb cut from the middle of a phrase
# the subject stays ("全县教育和卫生事业累计投入38亿元" -> 教育和卫生事业投入, not 投入).
BARE_MEASURE_NOUNS = frozenset({"支出", "投入", "投资", "收入", "资金", "产值", "营收", "销售额", "利润", "税收"})
# Verbs that alone name no counted thing: "实施“…企业培育计划”，新增120家" takes the clause before.
BARE_COUNT_VERBS = frozenset({"新增", "净增", "增加", "新建", "完成", "实现", "累计", "达到"})
# Verbs and adverbs after a small Chinese count that make it a slogan ("十个持续推进", "三个坚持").
SLOGAN_AFTER_COUNT = ("持续", "坚持", "着力", "聚焦", "突出", "强化", "深化", "推进", "推动", "坚定", "始终", "更加")
# Measures of what a count just before them counted: "规模以上工业企业达到326家、增加值增长6.2%" measures
# 规模以上工业企业增加值 (the subject is carried over the 、).
MEASURES_OF_COUNTED = frozenset({"增加值", "产值", "总产值", "营业收入", "营收", "利润", "利润总额", "税收",
                                 "主营业务收入", "销售收入", "出口额", "产量"})
# Money measures named by a verb: "完成投资34.9亿元" measures the investment of what was counted before.
MONEY_MEASURES = frozenset({"投资", "投入", "完成投资", "完成投入", "总投资", "总投入", "计划总投资", "投资额",
                            "协议投资", "协议投资额", "签约额", "总金额", "合同金额", "总规模", "总额"})
# Subjects and framing words removed from a metric ("市中区", "全区").
METRIC_SUBJECTS = ("全球", "世界", "全市", "全省", "全区", "全县", "全国", "我市", "我区", "我县", "我省", "全镇", "各省区市",
                   "各省区", "各省", "各类", "各级", "各")
# Generic metric words that need the previous metric in front ("增速" -> "地区生产总值增速").
GENERIC_METRICS = ("增速", "增幅", "比重", "占比", "总量", "规模", "增长", "总数", "数量", "年均增速", "年均增幅", "年均增长", "")

# Document parts whose numbers are no items (structure.py): a table of contents and a glossary.
import re as _re  # noqa: E402

# Openers that frame a whole part of a report without headings, not an aside ("未来，…" in a feature):
# a year, the past year, this year.
SECTION_OPENER_RE = _re.compile(r"(?:19|20)\d\d年|过去|一年来|年来|以来|回顾|的一年|今年|预期目标|主要目标|目标任务")
# Last year's target quoted in brackets after a result: "增长7.2%（年度目标7%左右）" is a target of the
# reviewed year measuring what the result before it measures.
BRACKET_TARGET_RE = _re.compile(r"[（(](?:年度|全年|今年|上年|去年)?(?:预期|计划|奋斗|考核)?(?:目标|任务|计划)(?:值)?(?:为|是)?$")
# A review subsection heading states a result: its last clause (after the last "，") is a subject and a
# predicate of achievement ("（一）经济运行总体平稳、稳中有进", "…，特色产业发展成效显著"); a plan heading
# opens that clause with a verb of intent ("…，确保社会和谐稳定", "推动…持续增强"). Scored in structure.py
# as a review cue of weight 2: it orients a heading with no other cue, and never overturns a plan chapter.
STATE_PREDICATE_RE = _re.compile(
    r"(?:明显|显著|有力|有效|有序|向好|平稳|稳定|稳固|增强|提升|改善|加快|加速|提速|巩固|拓展|突破|进展|成效|见效|"
    r"扎实|坚实|有进|走实|增效|惠民|深化|夯实|攀升|跃升|壮大|优化|加强|迸发|彰显|提高|更好|完善|改观|凸显|丰硕|"
    r"新高|激发|更强|台阶|展现|步稳|擦亮)$")
PLAN_CLAUSE_VERB_RE = _re.compile(
    r"^(?:聚力|聚焦|着力|深入|坚持|坚定|坚决|持续|全面|大力|积极|扎实|强化|深化|推动|推进|加快|加强|加大|提高|"
    r"提升|促进|实施|建设|打造|优化|防范|充分|始终|切实|不断|统筹|抓好|做好|巩固|扩大|培育|发展|构建|完善|健全|"
    r"守住|守牢|织密|办好|增进|保障|突出|围绕|紧扣|奋力|全力|努力|狠抓|抓实|集中|精准|强力|致力|筑牢|严守|激发|"
    r"拓展|营造|提振|锚定|做强|做优|做大|夯实|落实|发挥|维护|繁荣|坚守|厚植|激活|释放|确保|力争|争取|实现|"
    r"让|使|以|在|把|用|向|为)")
TOC_TITLE_RE = _re.compile(r"目\s*录|目\s*次")
GLOSSARY_TITLE_RE = _re.compile(r"[※【\[（(]?(?:附[：:]?)?(?:有关)?(?:名词|词语|术语)?(?:解释|注释|释义)(?:说明)?[※】\]）)]?[：:]?"
                                r"|[※【]?注[※】]?")
# A definition: a quoted name (after an optional footnote number) followed by 即/是指/指/：
# ("“1222”即1个主导产业…", "[7]“1530”工程：1个名校长团队…"); its numbers belong to the name.
DEFINITION_RE = _re.compile(r"(?:\[\d{1,3}\]|\d{1,2}[.、．])?\s*[“\"‘「][^”\"’」]{1,20}[”\"’」][\u4e00-\u9fff]{0,8}?"
                            r"(?:即|是指|指的是|指|：|:)")

# --- item kinds without a number-and-unit form (quantities.py) ---------------------------------------
# Zero targets and results: "零事故" (0, 起), "“零”发案", "零伤亡" (0, 人); "清零" takes the unit of what is
# counted before it (default 个).
ZERO_NOUNS: dict[str, str] = {
    "事故": "起", "安全事故": "起", "责任事故": "起", "发案": "起", "命案": "起", "案件": "起", "上访": "起",
    "越级上访": "起", "信访": "起", "群体性事件": "起", "事件": "起", "投诉": "起", "火灾": "起",
    "伤亡": "人", "死亡": "人", "感染": "人", "返贫": "户", "欠薪": "起",
    # epidemic results: "零疑似、零确诊" (people)
    "疑似": "人", "确诊": "人", "感染者": "人", "死亡病例": "人", "新增病例": "人",
}
CLEARED_UNITS: dict[str, str] = {"案件": "件", "问题": "个", "家庭": "户", "户": "户", "村": "个", "欠薪": "起",
                                 "隐患": "处", "债务": "元", "安置房": "套", "危房": "户",
                                 # businesses of a trade cleared out: "砂石经营实现“清零”", "散煤销售点清零"
                                 "经营": "家", "企业": "家", "商户": "家", "门店": "家", "作坊": "家", "网点": "个",
                                 "销售点": "个", "窝点": "个", "摊点": "个"}
# Durations and streaks that measure performance: "连续九年", "提前三个月", "用时14个月", "历时近8年".
STREAK_VERBS = ("连续", "提前", "用时", "历时", "耗时", "历经", "仅用")
# A duration followed by what it achieved measures the pace: "仅3个月完成拆迁", "力争两年完成改造任务".
DONE_IN_VERBS = ("完成", "建成", "竣工", "投产", "办结", "通车", "交付", "实现")
STREAK_UNITS: dict[str, str] = {"个月": "个月", "个季度": "季度", "季度": "季度", "年": "年", "天": "天",
                                "周": "周", "个工作日": "个工作日"}
# Ranks written without 第: "居全国首位" (1), "全省首家"/"首个" (ordinal firsts), "前十"/"后十" (10).
# A generic head after 等 that keeps the examples before it in the metric: "整治侵占岸线等问题".
GENERIC_AFTER_ETC = frozenset({"问题", "隐患", "事项", "难题"})
# Units of a time spent ("利用20天时间，完成了…").
DURATION_UNITS = frozenset({"天", "个月", "月", "年", "小时", "周"})
FIRST_RANKS = ("首位", "首家", "首个", "首座")
# 首家/首座 without a scope before them is still a first (the report's own area's) after a verb that founds
# or wins something, or opening a clause: "组建首家…中心", "首家省级…获批" (首个 is also a time: "首个工作日").
FIRST_WITHOUT_SCOPE = ("首家", "首座")
FOUNDING_VERBS = ("组建", "建成", "完成", "创建", "成立", "获批", "培育", "打造", "引进", "落地", "设立", "开通", "建设")
# Words that after 前/后 + a number make a time or a batch, not a rank: "前三季度", "前两年".
NOT_RANK_AFTER_FRONT = ("季度", "个月", "月", "年", "天", "批", "名", "位", "周", "轮", "次", "期")
# Ratios: "三次产业结构比调整为12.5：38.2：49.3" -> one share per term, when one of these names it.
RATIO_NAMES = ("比", "结构", "比例", "构成")
# Verbs that issue policy measures: "出台…15条措施" counts measures (a named package "金10条" does not).
ISSUING_VERBS = ("出台", "制定", "推出", "印发", "发布", "研究出台", "修订", "落实", "形成", "实施", "细化")
# Latin units kept as written after a number: "20Eflops", "500kV" (one letter alone, "5G", is a name).
LATIN_UNIT_MIN = 2
LATIN_UNIT_STOP = frozenset({"PM", "GDP", "CPI", "PPI", "AAA", "AAAA", "AAAAA", "APP", "App", "app"})
# Words between a subject and a zero or a streak that are not part of what is measured: "欠薪案件动态清零".
ZERO_STREAK_FILLERS = ("动态", "全部", "基本", "实现", "保持", "做到", "确保", "力争", "持续", "始终", "均")
# Verb + noun compounds that name a measure themselves; the verb stays ("带动就业1.2万人" -> 带动就业).
VERB_NOUN_METRICS = ("带动就业", "吸纳就业", "新增就业", "稳定就业", "帮扶就业", "带动增收", "带动销售", "带动投资",
                     "带动消费", "拉动投资", "撬动社会资本", "惠及群众", "受益群众", "服务群众", "接待游客")
# Verbs opening a list's clause that the later members share ("新增一般债券…、专项债券…" -> 新增专项债券).
LIST_SHARED_VERBS = ("新增", "新开工", "新建", "新改建", "新改扩建", "改扩建", "改造", "建成", "发行", "争取", "引进", "培育",
                     "创建", "打造", "整治", "治理", "完成", "实施", "新认定", "认定", "发放", "拆除", "清理", "修复")
# Verbs that govern a count of listed things: "新开工沪渝高速扩容、东环路改造等3个项目" -> 新开工项目; with a
# paragraph topic ("交通方面，") in front: 交通新开工项目.
COUNT_GOVERNING_VERBS = ("新开工", "开工建设", "开工", "新改扩建", "新改建", "改扩建", "新建", "建成", "竣工", "续建", "实施", "推进", "完成", "改造",
                         "引进", "签约", "落地", "投产")
GENERIC_COUNTED = ("项目", "工程", "个")
TOPIC_RE = _re.compile(r"(?:^|[。；;\n])\s*(?P<topic>[\u4e00-\u9fff]{2,8})方面[，,：:]")
