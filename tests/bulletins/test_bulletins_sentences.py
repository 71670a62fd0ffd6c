"""The sentence builders write what the offices write, with exact strings (Chinese, the default language)."""

from datetime import date
from decimal import Decimal

from duban.bulletins import sentences as say


def inv(gap, double_half, *, count=11, ytd="349000", rate="50.60"):
    return say.Investment(count, Decimal(ytd), Decimal("689723"), Decimal(rate),
                          None if gap is None else Decimal(gap), double_half)


def test_investment_ahead_of_time_progress_with_double_half_met():
    assert say.investment_sentence(inv("0.60", True), "市级") == (
        "11个市级重点项目完成投资34.90亿元，占年度计划的50.6%，超时序进度0.6个百分点，实现“双过半”。")


def test_investment_behind_time_progress_with_double_half_missed():
    assert say.investment_sentence(inv("-2.50", False, count=3, ytd="8500.5", rate="47.50")) == (
        "3个重点项目完成投资8,500.50万元，占年度计划的47.5%，低于时序进度2.5个百分点，未实现“双过半”。")


def test_investment_exactly_on_time_before_june_says_nothing_of_double_half():
    assert say.investment_sentence(inv("0.00", None, rate="41.67"), "区级") == (
        "11个区级重点项目完成投资34.90亿元，占年度计划的41.67%，与时序进度持平。")


def test_investment_without_plan_rate_leaves_clauses_out():
    sentence = say.investment_sentence(say.Investment(0, Decimal(0), Decimal(0), None, None, None))
    assert sentence == "0个重点项目完成投资0.00万元。"


def test_lights_sentence_counts_every_light():
    counts = {"green": 5, "yellow": 2, "red": 1, "done": 2, "not_started": 1, "no_data": 1}
    assert say.lights_sentence(counts) == (
        "共12项，其中已完成2项、绿灯5项、黄灯2项、红灯1项、未到时序1项、暂无数据1项。")


def test_lagging_line_names_unit_and_reasons():
    assert say.lagging_line(2, "数字经济产业园", "区发改局", ["低于时序进度20个百分点", "应开未开"]) == (
        "2. 数字经济产业园（区发改局）：低于时序进度20个百分点；应开未开")


def test_units_praised_and_named():
    assert say.praise_sentence(["区发改局", "区教体局"]) == (
        "以下单位所负责事项全部达到或超过时序进度，予以通报表扬：区发改局、区教体局。")
    assert say.named_sentence([("区住建局", 1, 2), ("区教体局", 0, 1)]) == (
        "以下单位存在进度滞后事项，予以通报：区住建局（红灯1项、黄灯2项）、区教体局（红灯0项、黄灯1项）。")
    assert say.praise_sentence([]) == "暂无所负责事项全部达到时序进度的单位。"
    assert say.named_sentence([]) == "各单位均无滞后事项。"


def test_livelihood_orders_tasks_indicators_sentences():
    counts = {"done": 10, "green": 20, "yellow": 3, "red": 2, "not_started": 5, "no_data": 5}
    assert say.livelihood_sentence(20, counts) == (
        "20件民生实事共45项子项，已完成10项，按序时推进20项，滞后5项，未到时序5项，暂无数据5项。")
    assert say.orders_sentence(date(2024, 6, 30), 8, 5, 3, 1) == (
        "截至2024年6月30日，共下发督办单8件，已办结5件，办结率62.5%，正在办理3件，其中超期1件。")
    assert say.tasks_sentence(30, 12, 3) == "30项重点任务已完成12项，完成率40%，进度滞后3项。"
    assert say.indicators_sentence(9, 6, 2, 1) == "9项主要指标中6项达到或好于目标，2项未达目标，1项暂无数据。"
