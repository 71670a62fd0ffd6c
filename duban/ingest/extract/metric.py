"""Name what a quantity measures: the shortest noun phrase, as written in the text.

Counts usually name their object right after the measure word ("25条市政道路"); amounts and rates name
it before the number ("实现地区生产总值480.3亿元"). When neither side names anything ("同比增长3.4%"),
the pipeline links the quantity to the metric of the quantity before it.
"""

import re

from . import vocabulary as V
from .classify import mask_nouns

_MAX_LEN = 14
_MAX_LIST_LEN = 26
_LEAD_RE = re.compile("|".join(re.escape(v) for v in sorted(V.METRIC_LEAD_VERBS, key=len, reverse=True)))
_TAIL_RE = re.compile(
    "(?:" + "|".join(w if w != "约" else f"(?<![{''.join(y[0] for y in V.NOT_ABOUT_YUE)}])约"    # not 签约
                     for w in sorted(V.METRIC_TAIL_CUTS + V.METRIC_SUBJECTS, key=len, reverse=True))
    + r"|每年|每人每月|每人每年|每人|每户|均|的|了|共|总共|年底|年末|(?<![纲需主重必只摘提概])要"
    + r"|(?:比|较)(?:上年同期|上年|去年同期|去年|年初|同期))$"      # "比上年提高": the base compares
)
# 等 ending a list ("道路、桥梁等设施"), not inside a word ("中等职业学校", "高等教育", "均等化").
_ETC_RE = re.compile(r"(?<![中高初平同均对超])等(?![级次])")
_RIGHT_STOP_RE = re.compile(
    r"[，。；：,;:！？!?“”\"]|的|和|及|与|(?<![中高初平同均对超])等(?![级次])|(?<![集高初城])中(?![心国小学医部村等])|(?<![合兼吞归])并(?=[\u4e00-\u9fff]{2})|进行|实施|正在|即将|基本|共计|建设(?![示试]范|试点|单位)|工程建设|"
    r"纳入|列入|(?<=[\u4e00-\u9fff]{2})新?(?:入选|达到|(?:免费)?(?:发放|提供)|获评|获得|上榜|成功|申报|为|实现|确保|如期|力争|竣工|投产|开工|加速|加快|推进(?![区片])|完成(?!率))|落地|支持|用于|专项用于|"
    r"改造提升|整治提升|提升|封顶(?=，)|全部|全面|顺利|\d|年底|年内|年末|上半年|"
    # verbs after the counted noun: "4条道路建成通车", "5个天府实验室揭牌运行", "14种农产品产量居全国第1位"
    r"建成|揭牌|投用|投入使用|通车|启动|置换|整县|开展|(?:位|稳)?居(?=[全世首前第同])|排名|名列|位列|"
    # note markers and predicates of the counted things: "7所幼儿园〔26〕", "17种药品大幅降价", "…获准上线", "…取得成效"
    r"[〔【\[]|大幅|获准|获批|取得"
)
# A second quantity right after a count: "13个105万平方米老旧小区" (but "1321个5G基站" keeps "5G").
_LEADING_QUANTITY_RE = re.compile(r"^\d+(?:\.\d+)?(?:万|亿)?(?:平方米|平方公里|公顷|亩|公里|米|户|人|元|个)")
# Time words are the period, never part of the metric.
_TIME_RE = re.compile(r"[“\"]?十[一二三四五六]五[”\"]?(?:末|时期|期间)的?|(?:19|20)\d\d年(?:度|底|末)?|\d+年(?:前|来)|今明两年|今年|去年|上年|明年|上半年|全年|目前|现在|当前|年底|年末")
_HEAD_STOP_RE = re.compile(r"占|实现|完成|达到|达|由|从|比|较|为|增长|提高|增加|下降|减少|突破|超过|累计|连续|保持|"
                           r"跨过|跨越|跨上|迈上|跃上|站上")
_FIRST_VERB_WINS = True
_QUALIFIER_WORDS = ("以上", "以下", "以内", "左右", "上下", "多", "余")
_FUNCTION_CHARS = "共为是有在对把将达约近超均并再还已又及和与"
_FUNCTION_CHAR_WORDS = ("超长期", "超大", "超高", "超级", "近零", "再生", "再融资", "再贷款", "再担保", "再就业")     # nouns opening with one of them
_RIGHT_LEAD_RE = re.compile(r"实施|推进|开展|启动|新建|续建|建设|完成|实现|打造|推动|加快|引进|培育|新一轮")
# A phrase after a number that opens with a verb names no object: "166所增至目前的263所", "558.5亿元连续跨越…".
_RIGHT_VERB_START_RE = re.compile(
    r"增至|增到|增加|增长|提高|提升|跃升|上升|下降|减少|降至|降到|缩小|扩大|达到|达|连续|跨越|即将|成功|顺利|全部|"
    r"分别|均|累计|并(?=[\u4e00-\u9fff]{2})|实现|完成|建成|用于|同比|比上年|较上年|占|稳居|位居|居(?![民住室家所])|人民币"
)
_UNIT_VARIANT_RE = re.compile(r"^[（(][\u4e00-\u9fff]{1,2}[）)]")
# (not a rate: "城镇新增就业2.1万人、登记失业率控制在4%以内的较低水平")
_SHARED_OBJECT_RE = re.compile(r"^、[^，。；、%‰]{0,16}?\d[^，。；、%‰]{0,8}?的")
_MILESTONE_WORDS = ("台阶", "新台阶", "大关", "关口")        # "迈上3万亿元台阶" names no metric
_LEADING_BOUND_RE = re.compile(r"^(?:(?:海拔|高程)\d+(?:\.\d+)?(?:米|千米))?(?:以上|以下|以内|左右)(?:的)?")    # "100所海拔2000米以上学校"
# The last number in a phrase and its unit: the metric starts after it ("总投资50.78亿元的重点项目").
_LAST_NUMBER_RE = re.compile(r"(?<![A-Za-z.])\d[\d.,]*(?![\d.,]|[A-Za-z])")     # not "5G基站"
_AFTER_NUMBER_RE = re.compile(
    r"^(?:万亿|亿|万|千|百)?(?:" + "|".join(sorted(V.UNIT_OF, key=len, reverse=True)) + r")?"
    r"(?:位|名)?(?:/[人年户亩吨天月次台辆])?(?:以上|以下|左右|余|多)?(?:的)?[、，,和及与]*"
)
# "研发投入强度从2.77%提高到": the thing measured is named before 从/由 and the earlier number.
_FROM_NUMBER_RE = re.compile(r"[从由](?=[^从由]*\d)")
_PUNCTUATION_LEAD = "、，,；;：:和及与"
_COMPARISON_RE = re.compile(r"^(?:比|较|与|同|相比)")
_FOOTNOTE_RE = re.compile(r"\[\d{1,3}\]|〔\d{1,3}〕|【\d{1,3}】")     # note markers: "企业〔31〕374家"
# A purpose attribute opening the phrase: "用于项目建设的专项债券" (not "财政资金用于民生领域的投入").
_PURPOSE_RE = re.compile(r"^(?:专项)?用(?:于|来|以)[^的，、]{1,12}的(?=[\u4e00-\u9fff“]{2})")
_ADVERB_OPENING_RE = re.compile(r"(?:^|[，、；])(?:重点|全力|大力|着力|积极|持续|加快|扎实|深入)$")
_BENEFACTIVE_RE = re.compile(r"(?:为|向|给)[\u4e00-\u9fff]{1,12}$")
_PROJECTS_END_RE = re.compile(r"(?<=[，、；,;\s内])[^，、；,;\s内]{0,10}(?:项目|工程)$|^[^，、；,;\s内]{1,10}(?:项目|工程)$")
_MONEY_MEASURE_END_RE = re.compile(r"(?:(?:累计|实际)?完成|当年|年度|全年)(?:投资|投入)$")
# "完成全年计划的141.7%": the share of a plan.
_PLAN_SHARE_RE = re.compile(r"完成(?P<noun>(?:全年|年度)?(?:投资)?(?:目标任务|计划|目标|任务))的?$")
_OPENING_PUNCTUATION = "、，,；;：:"
_PLAN_ONLY_RE = re.compile(r"完成(?:全年|年度)?(?:投资)?(?:目标任务|计划|目标|任务)")
# "和投资完成率": a noun follows 和; "先发行", "拟发行": a verb follows 先/拟 (not stripped: "先后举行", "拟定").
_VERB_OPENERS = _FUNCTION_CHARS.translate(str.maketrans("", "", "和及与")) + "先拟"     # "拟发行…"
_NOUN_MAKERS = ("的", "总", "净")
_BEFORE_SHARE = re.compile(r"(?<![侵挤抢霸强独])占(?!比|地(?!区)|用|道)")    # not "侵占岸线", "占用耕地"            # "违法占地806亩" is land, not a share
_COUNTED_SUMMARY_RE = re.compile(r"[两二三四五六七八九十][项个类大][\u4e00-\u9fff]{2,}$")
_SHARE_NAME_RE = re.compile(r"(?:比重|比例|份额)$")
_MARKS_RE = re.compile("[“”\"‘’《》「」『』（）()\\[\\]【】、，,；;：:·—\\- ]")
_COMPOUND_RE = re.compile("|".join(V.VERB_NOUN_METRICS))
_BRACKETED_RE = re.compile(r"[（(][^（）()]{0,12}[）)]")
_QUOTE_MARKS_RE = re.compile("[“”\"‘’《》「」『』]")
_STRAY = "（）()[]【】、，,；;：:·—- "
_OPENERS = "“‘《「『"
_CLOSERS = "”’》」』"


def _unbalanced(text: str) -> bool:
    return any(text.count(o) != text.count(c) for o, c in zip(_OPENERS, _CLOSERS)) or text.count('"') % 2 == 1 \
        or text.count("（") != text.count("）") or text.count("(") != text.count(")")
_EACH_TAIL_RE = re.compile(r"各$")
_SUBJECT_TIME_RE = re.compile(r"(?:当年|年内|全年|今年|去年|上年)$")
# Verbs that put a level at a base named after them: "教育支出占比稳定在一般公共预算支出的20%以上".
_LEVEL_VERB_RE = re.compile(r"(?:稳定在|保持在|控制在|维持在)[^，；。]*$")
# After these a lead verb is part of a noun: "乡村振兴考核指标实现程度", "完成率".
_VERB_AS_NOUN_AFTER = ("程度", "率", "值")
# Verbs before a rank: the metric is what stands before them, the words after are the scope
# ("外贸进出口总额达到312亿元、稳居全省县域首位", "入库数量继续排在全省第二").
_RANK_VERB_RE = re.compile(r"位居|稳居|跃居|居于|居|排名|排在|排|并列|名列|位列|保持|进入|跻身|重返|升至|跃升至|回升至")
_SCOPE_RE = re.compile(r"(?:国家|省|市|县|区|镇|乡)级(?:以上)?|国家|国际|省|市|县")


_LIST_THEN_VERB_RE = re.compile(r"、(?=惠及|带动|新增|完成|建成|实现|覆盖|涉及|服务|吸纳|受益|总投资|投资|累计|共计|增长|提高|超过|"
                                r"惠|带|涉)")


# What may follow a one-character counted noun ("17个村、", "9个村完成搬迁", "5个镇3万人").
_SINGLE_NOUN_END_RE = re.compile(r"[，。；、,;：:\d）)（(]|完成|建成|实现|开工|竣工|投产|全部|整村|纳入|列入|入选|获评|达到|达|被|已|率先")
# A quoted name right after a count ("5个“一站式”服务中心"): the name and a noun that follows it.
_QUOTED_NAME_RE = re.compile(r"[“‘「\"](?P<name>[^”’」\"，。；、]{2,14})[”’」\"]")
# After a short modifier and 及/和/与, a second one and the shared noun up to the clause's end (no number).
_JOINED_MODIFIER_RE = re.compile(r"[\u4e00-\u9fff]{2,6}(?=[，。；,;、]|$)")


def metric_after(right: str, single: bool = True) -> str:
    """The noun phrase right after a count: '市政道路建设，…' -> '市政道路'."""
    right = _LEADING_QUANTITY_RE.sub("", right.lstrip(), count=1)
    right = _UNIT_VARIANT_RE.sub("", right, count=1)       # "2.5万套（间）城市危旧房"
    right = _LEADING_BOUND_RE.sub("", right, count=1)       # "100个以上项目纳入…" -> "项目"
    if shared := _SHARED_OBJECT_RE.match(right):
        right = right[shared.end() :]                       # "26个、总投资达16.43亿元的重点项目"
    if right.startswith(_QUALIFIER_WORDS):
        return ""
    right = right.removeprefix("的")
    if quoted := _QUOTED_NAME_RE.match(right):      # "13个“一件事”落地": the quoted name is what is counted
        tail = metric_after(right[quoted.end() :]) if right[quoted.end() : quoted.end() + 1] not in "、，。；" else ""
        if len(tail) > 8 or tail.startswith(V.QUOTED_NAME_TAIL_VERBS):
            tail = ""
        return quoted["name"] + tail
    if not right or not ("\u4e00" <= right[0] <= "\u9fff" or right[0].isalnum()):
        return ""
    if _RIGHT_VERB_START_RE.match(right) or right.startswith(_MILESTONE_WORDS):
        return ""
    if single and right[0] in V.SINGLE_CHAR_NOUNS and (len(right) == 1 or _SINGLE_NOUN_END_RE.match(right, 1)):
        return right[0]        # "首批17个村完成搬迁": the caller puts the modifier before it
    stop = _RIGHT_STOP_RE.search(right, 1)
    if stop and stop.group() in ("及", "和", "与") and stop.start() <= 3 and \
            (joined := _JOINED_MODIFIER_RE.match(right, stop.end())):
        stop = _RIGHT_STOP_RE.search(right, joined.end())   # "93所小规模及薄弱学校": 及 joins two modifiers
    phrase = right[: stop.start()] if stop else right
    if stop and stop.group() == "“" and 2 <= len(phrase) <= 3 and (quoted := _QUOTED_NAME_RE.match(right, stop.start())) \
            and right[quoted.end() : quoted.end() + 1] in ("", "，", "。", "；", "、"):
        return quoted["name"] + phrase      # "12个事项“一网通办”": the quoted name says which
    if verb_after_list := _LIST_THEN_VERB_RE.search(phrase):
        phrase = phrase[: verb_after_list.start()]     # "10个老旧小区、惠及1767户": the list ends before a verb
    phrase = _strip_lead(phrase)
    listed = phrase.endswith("、")          # "10个国家大科学装置、5个…", "1个镇、8个村"
    phrase = _ADVERB_TAIL_RE.sub("", phrase.rstrip("、"))      # "230余项改革稳步推进" -> 改革
    return phrase[:_MAX_LEN] if len(phrase) >= 2 or (listed and phrase) else ""


def clean(metric: str) -> str:
    """A metric is a noun phrase found in the sentence: no quote marks, no bracketed asides or stray brackets
    ("“双千工程”（引进资金）完成率" -> 双千工程完成率, "（年度目标" -> ''), no "各" ("各乡镇…各")."""
    if not _MARKS_RE.search(metric):
        metric = _EACH_TAIL_RE.sub("", metric)
        if metric.startswith("各") and len(metric) > 2:
            metric = metric.removeprefix("各类").removeprefix("各级").removeprefix("各")
        return metric if len(metric) >= 2 else ""
    metric = _BRACKETED_RE.sub("", metric)
    if _unbalanced(metric):
        metric = re.sub(r"[（()）]", "", metric)
    if _unbalanced(metric):
        metric = _QUOTE_MARKS_RE.sub("", metric)     # a fragment: "双千工程”完成率", "）活动"
    metric = metric.strip(_STRAY)
    if len(metric) > 2 and metric[0] in _OPENERS and metric[-1] in _CLOSERS and _OPENERS.index(metric[0]) == _CLOSERS.index(metric[-1]) \
            and _unbalanced(metric[1:-1]) is False and not _QUOTE_MARKS_RE.search(metric[1:-1]):
        metric = metric[1:-1]                        # a name quoted whole: "“小巨人”" stays inside a phrase
    metric = _EACH_TAIL_RE.sub("", metric)
    if metric.startswith("各") and len(metric) > 2:
        metric = metric.removeprefix("各类").removeprefix("各级").removeprefix("各")
    return metric if len(metric) >= 2 else ""


def verb_noun_metric(left: str) -> str:
    """'带动就业1.2万人' -> '带动就业': a compound naming the measure with its verb (vocabulary.VERB_NOUN_METRICS)."""
    if not _COMPOUND_RE.search(left, max(0, len(left) - 16)):
        return ""
    tail = _strip_tail(left.strip())
    return next((c for c in V.VERB_NOUN_METRICS if tail.endswith(c)), "")


def metric_before(left: str, *, object_follows: bool = False) -> str:
    """The noun phrase ending just before a number: '市中区实现地区生产总值' -> '地区生产总值'.

    With ``object_follows`` (money) a verb right before the number means the thing measured is named
    after it: '计划拿出56.3亿元的财政资金' gives ''."""
    if plan := _PLAN_SHARE_RE.search(left.strip()):
        if not plan.group().endswith("的"):
            return plan["noun"]
        before = left.strip()[: plan.start()]
        subject = metric_before(before) if before and before[-1] not in _OPENING_PUNCTUATION else ""
        return subject + "完成" + plan["noun"]    # "重点项目完成年度投资计划的132%": who completed what
    phrase = _strip_tail(_TIME_RE.sub("", _STREAK_ANY_RE.sub("", _FOOTNOTE_RE.sub("", left.strip()))))
    if from_at := _FROM_NUMBER_RE.search(phrase):
        phrase = _strip_tail(phrase[: from_at.start()])
    phrase = _after_last_number(phrase)
    if "、" in phrase and not _strip_tail(phrase.rsplit("、", 1)[1]):
        return metric_head(phrase)      # "经济总量跨过两个万亿元大关、超过": the clause's own subject
    share_at = _BEFORE_SHARE.search(phrase)
    if share_at:
        if not phrase[: share_at.start()].strip(_PUNCTUATION_LEAD) and (share := _share_phrase(phrase[share_at.start() :])):
            return share              # "、占规模以上工业总产值比重提高到"
        phrase = phrase[: share_at.start()]
    etc = None
    for etc in _ETC_RE.finditer(phrase):
        pass
    if etc and phrase[etc.end() :].strip() in V.GENERIC_AFTER_ETC and etc.start() <= 10:
        etc = None                    # "整治侵占岸线等问题": a generic head keeps what it sums up
    phrase = _strip_subject(phrase[etc.end() if etc else 0 :].lstrip(_PUNCTUATION_LEAD))
    masked = mask_nouns(phrase)
    if object_follows and (measure := _MONEY_MEASURE_END_RE.search(phrase)):
        projects = _PROJECTS_END_RE.search(phrase[: measure.start()])
        if projects:
            return _QUOTE_MARKS_RE.sub("", projects.group()) + measure.group()    # "年内省重点项目完成投资…": whose
        return measure.group()            # "年内完成投资6.5亿元" measures the investment made
    if level := _LEVEL_VERB_RE.search(phrase):
        phrase = masked = phrase[: level.start()]     # "教育支出占比稳定在一般公共预算支出的": the share's base follows
    cut = cut_start = 0
    for match in _LEAD_RE.finditer(masked):
        if masked[match.start() - 1 : match.start()] in _NOUN_MAKERS and match.start() > 0:
            continue           # "民生领域的投入", "总投资": a noun, not a verb
        if masked.startswith(_VERB_AS_NOUN_AFTER, match.end()):
            continue           # "考核指标实现程度", "完成率": the verb is part of a noun
        if match.end() == len(masked) and object_follows and (
                match.group() in V.STRONG_LEAD_VERBS or _opens_phrase(masked, match.start())
                or left.rstrip().endswith(match.group())):
            return ""          # "计划拿出56.3亿元的…", "市中区投资1700万元…" (but "重大工程投资完成…")
        if match.group() not in V.STRONG_LEAD_VERBS and not _opens_phrase(masked, match.start()):
            continue           # "研发投入强度", "市重点项目", "医保统筹基金": a verb inside a noun
        if len(phrase) - match.end() >= 2:
            cut, cut_start = match.end(), match.start()
            if _FIRST_VERB_WINS:
                break
    before_verb = _strip_tail(_SUBJECT_TIME_RE.sub("", phrase[:cut_start]))
    phrase = _strip_subject(_strip_function_words(_strip_lead(phrase[cut:].lstrip(_PUNCTUATION_LEAD))))
    if (phrase in V.BARE_MEASURE_NOUNS or phrase in V.GENERIC_METRICS) and cut:
        subject = _strip_subject(_strip_function_words(before_verb.lstrip(_PUNCTUATION_LEAD)))
        if 2 <= len(subject) and not subject.endswith(tuple(_PUNCTUATION_LEAD)):
            phrase = subject + phrase       # "教育和卫生事业累计投入" -> 教育和卫生事业投入, not 投入
    phrase = _PURPOSE_RE.sub("", phrase)    # "(发行)用于项目建设的专项债券" -> "专项债券"
    if len(phrase) > _MAX_LEN:
        listed = "、" in phrase and len(phrase) <= _MAX_LIST_LEN     # "A、B、C达到8家" names the whole list
        phrase = phrase if listed else _summary_after_list(phrase) or phrase[-_MAX_LEN:]
    if _LEAD_RE.fullmatch(phrase) or _COMPARISON_RE.match(phrase):
        return ""               # "比年初预算": the base of a comparison, not what is measured
    return phrase if len(phrase) >= 2 else ""


def _summary_after_list(phrase: str) -> str:
    """'…企业占比、研发人员占比三项指标增幅': a long list closed by a counted noun of its own ("三项指标增幅")
    is named by it; other lists keep their window."""
    match = _COUNTED_SUMMARY_RE.search(phrase.rsplit("、", 1)[-1])
    return match.group() if match and len(match.group()) >= 4 else ""


def _share_phrase(phrase: str) -> str:
    """'占规模以上工业总产值比重提高到' -> '占规模以上工业总产值比重': a share whose subject is named earlier;
    the pipeline puts that subject in front."""
    phrase = _strip_tail(phrase)
    return phrase if _SHARE_NAME_RE.search(phrase) and len(phrase) <= _MAX_LEN + 4 else ""


def is_share_of(metric: str) -> bool:
    """A metric naming only the whole a share is taken of ("占全部投资的比重"), or only the plan a share
    completes ("…2100户，完成全年目标的118%": the subject is the clause before)."""
    return metric.startswith("占") and bool(_SHARE_NAME_RE.search(metric)) or bool(_PLAN_ONLY_RE.fullmatch(metric))


def is_scope(metric: str) -> bool:
    """Only the level of what was counted before: "国家级…企业2家、省级8家" -> "省级"."""
    return bool(_SCOPE_RE.fullmatch(metric))


def rescope(metric: str, scope: str) -> str:
    """'国家级专精特新企业' with scope '省级' -> '省级专精特新企业'; '' when the metric names no scope."""
    match = _SCOPE_RE.match(metric)
    return scope + metric[match.end() :] if match else ""


# An evaluation between a subject and its figure: "…产品出口表现突出、增长77.6%" measures …产品出口.
_EVALUATION_TAIL_RE = re.compile(r"(?:表现突出|表现亮眼|势头强劲|势头良好|持续向好|稳中向好|成效明显|成效显著|"
                                 r"保持稳定|大幅|快速|较快|稳步)?[、，,]?$")


def strip_evaluation(head: str) -> str:
    """'光伏产品出口表现突出' -> 光伏产品出口: an evaluation is no part of what a later figure measures."""
    core = _EVALUATION_TAIL_RE.sub("", head)
    return core if len(core) >= 2 else head


def metric_head(sentence_left: str) -> str:
    """The subject a sentence opens with: '一般公共预算收入由10年前的…' -> '一般公共预算收入'."""
    for clause in re.split(r"[，,；;：:\n]", _TIME_RE.sub("", sentence_left))[:2]:
        clause = _strip_subject(clause.strip())
        stop = _HEAD_STOP_RE.search(clause)
        head = _EVALUATION_TAIL_RE.sub("", clause[: stop.start()]) if stop else ""
        if len(head) >= 2:
            return head if "、" in head and len(head) <= _MAX_LIST_LEN else head[-_MAX_LEN:]
    return ""


def _opens_phrase(text: str, pos: int) -> bool:
    """A verb at the start, after punctuation or a function word, or after "为/向/给 + someone" acts as a
    verb: "金融机构为企业发放贷款"."""
    return pos == 0 or text[pos - 1] in _VERB_OPENERS or text[pos - 1] in _OPENING_PUNCTUATION or \
        bool(_BENEFACTIVE_RE.search(text, 0, pos)) or bool(_ADVERB_OPENING_RE.search(text, 0, pos))





def _after_last_number(phrase: str) -> str:
    """What follows the last number of a phrase: '总投资50.78亿元的重点项目' -> '重点项目'."""
    last = None
    for last in _LAST_NUMBER_RE.finditer(phrase):
        pass
    if last is None:
        return phrase
    rest = _AFTER_NUMBER_RE.sub("", phrase[last.end() :], count=1)
    return rest.rsplit("、", 1)[-1]    # "4%左右安排、比上年提高": the words before 、 end the previous item


def _strip_function_words(phrase: str) -> str:
    while len(phrase) > 2 and phrase[0] in _FUNCTION_CHARS and not phrase.startswith(_FUNCTION_CHAR_WORDS):
        phrase = phrase[1:]
    return phrase


def _strip_lead(phrase: str) -> str:
    """Drop verbs in front of a noun phrase: '实施扶贫产业项目' -> '扶贫产业项目'."""
    while (match := _RIGHT_LEAD_RE.match(phrase)) and len(phrase) - match.end() >= 2 and \
            not phrase.startswith(V.NOUNS_OPENING_WITH_VERB):
        phrase = phrase[match.end() :]
    return phrase


def _strip_tail(phrase: str) -> str:
    while True:
        if len(phrase) > 2 and phrase.endswith("占比") and phrase[-3] not in _FUNCTION_CHARS:
            return phrase      # "税收占比达到63%": 占比 after a subject is the share's name (GUIDELINE: 民生支出占比)
        stripped = _TAIL_RE.sub("", phrase)
        if stripped == phrase:
            return phrase
        phrase = stripped


def strip_subject(phrase: str) -> str:
    return _strip_subject(phrase)


_SUBJECT_RE = re.compile("|".join(re.escape(s) for s in V.METRIC_SUBJECTS))


def _strip_subject(phrase: str) -> str:
    """Drop a leading subject ("全市", "全区") from a phrase that goes on after it (the first listed subject
    that opens it, as vocabulary.METRIC_SUBJECTS orders them)."""
    match = _SUBJECT_RE.match(phrase)
    if match is None:
        return phrase
    for subject in V.METRIC_SUBJECTS:
        if phrase.startswith(subject) and len(phrase) > len(subject) + 1:
            return phrase[len(subject) :]
    return phrase


def is_generic(metric: str) -> bool:
    return metric in V.GENERIC_METRICS


# A streak inside the phrase is an item of its own: "群众安全感连续7年保持" names 群众安全感.
# Adverbs left at the end of an object when the verb after them stopped it: "230余项改革稳步推进".
_ADVERB_TAIL_RE = re.compile(r"(?:稳步|快速|有序|扎实|全面|持续|顺利|加速|高效|共计|合计|总计|共)$")   # "2座蓄水池共1.2万方"
_STREAK_ANY_RE = re.compile(r"连续[\d一二两三四五六七八九十]+个?(?:年|季度|月|周)")
_STREAK_TAIL_RE = re.compile(r"连续[\d一二两三四五六七八九十]+个?(?:年|季度|月|周)$")


def rank_subject(left: str) -> str:
    """The words before the last rank verb of a clause: '入库数量继续排在全省' -> '入库数量继续'; '、稳居全省县域'
    -> '' (the rank measures what the item before it measured; the pipeline links it)."""
    verbs = list(_RANK_VERB_RE.finditer(left))
    subject = left[: verbs[-1].start()] if verbs else left
    return _STREAK_TAIL_RE.sub("", subject)        # "…企业数量连续三年位居全省第一": the streak is an item of its own


def rank_scope(sentence_left: str) -> str:
    """'在全市重点项目半年评议中，…取得第四名' -> '全市重点项目半年评议'."""
    match = re.search(r"在([^，。；]{2,20})中", sentence_left)
    return match.group(1) if match else ""
